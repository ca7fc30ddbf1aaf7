package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.Conformance.toXmm0;
import static org.hot86.cpu.sse.FpFormat.F32;
import static org.hot86.cpu.sse.FpFormat.F64;
import static org.hot86.cpu.sse.SseForm.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Conversions, ROUNDxx, DPPS/DPPD and the SSE3 horizontal/alternating forms against the host CPU. */
class SseConvertConformanceTest {

    interface GprBody {
        boolean run(SimdFpEnv env, MachineState m);
    }

    /** Model for forms whose result is an integer in rax (CVTxx2SI, and the MMX-result forms via MOVQ rax, mm0). */
    static SseForm.Model toRax(GprBody body) {
        return (m, imm) -> {
            SimdFpEnv env = new SimdFpEnv().begin(m.mxcsr);
            boolean ok = body.run(env, m);
            m.mxcsr = env.mxcsr();
            if (ok) {
                m.gpr[MachineState.RAX] = env.lo();
            } else {
                m.status = 1;
            }
        };
    }

    static List<SseForm> conversions() {
        List<SseForm> forms = new ArrayList<>();
        String fam = "fp-convert";
        // integer -> scalar
        forms.add(new SseForm(fam, "cvtsi2ss32", i -> bytes(0xF3, 0x0F, 0x2A, 0xC0), Gens.fpStateWithInt(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtsi2ss(e, m.xmm[0], m.xmm[1], (int) m.gpr[0]))));
        forms.add(new SseForm(fam, "cvtsi2ss64", i -> bytes(0xF3, 0x48, 0x0F, 0x2A, 0xC0), Gens.fpStateWithInt(F32),
                0, toXmm0((e, m, i) -> FpConvert.cvtsi2ss(e, m.xmm[0], m.xmm[1], m.gpr[0]))));
        forms.add(new SseForm(fam, "cvtsi2sd32", i -> bytes(0xF2, 0x0F, 0x2A, 0xC0), Gens.fpStateWithInt(F64), 0,
                toXmm0((e, m, i) -> FpConvert.cvtsi2sd(e, m.xmm[0], m.xmm[1], (int) m.gpr[0]))));
        forms.add(new SseForm(fam, "cvtsi2sd64", i -> bytes(0xF2, 0x48, 0x0F, 0x2A, 0xC0), Gens.fpStateWithInt(F64),
                0, toXmm0((e, m, i) -> FpConvert.cvtsi2sd(e, m.xmm[0], m.xmm[1], m.gpr[0]))));
        // scalar -> integer
        for (int t = 0; t < 2; t++) {
            boolean trunc = t == 1;
            int opc = trunc ? 0x2C : 0x2D;
            String tn = trunc ? "cvtt" : "cvt";
            forms.add(new SseForm(fam, tn + "ss2si32", i -> bytes(0xF3, 0x0F, opc, 0xC1), Gens.fpState(F32), 0,
                    toRax((e, m) -> FpConvert.cvtss2si(e, false, trunc, m.xmm[2]))));
            forms.add(new SseForm(fam, tn + "ss2si64", i -> bytes(0xF3, 0x48, 0x0F, opc, 0xC1), Gens.fpState(F32), 0,
                    toRax((e, m) -> FpConvert.cvtss2si(e, true, trunc, m.xmm[2]))));
            forms.add(new SseForm(fam, tn + "sd2si32", i -> bytes(0xF2, 0x0F, opc, 0xC1), Gens.fpState(F64), 0,
                    toRax((e, m) -> FpConvert.cvtsd2si(e, false, trunc, m.xmm[2]))));
            forms.add(new SseForm(fam, tn + "sd2si64", i -> bytes(0xF2, 0x48, 0x0F, opc, 0xC1), Gens.fpState(F64), 0,
                    toRax((e, m) -> FpConvert.cvtsd2si(e, true, trunc, m.xmm[2]))));
        }
        // float <-> float
        forms.add(new SseForm(fam, "cvtss2sd", i -> bytes(0xF3, 0x0F, 0x5A, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtss2sd(e, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm(fam, "cvtsd2ss", i -> bytes(0xF2, 0x0F, 0x5A, 0xC1), Gens.fpState(F64), 0,
                toXmm0((e, m, i) -> FpConvert.cvtsd2ss(e, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm(fam, "cvtps2pd", i -> bytes(0x0F, 0x5A, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtps2pd(e, m.xmm[2]))));
        forms.add(new SseForm(fam, "cvtpd2ps", i -> bytes(0x66, 0x0F, 0x5A, 0xC1), Gens.fpState(F64), 0,
                toXmm0((e, m, i) -> FpConvert.cvtpd2ps(e, m.xmm[2], m.xmm[3]))));
        // packed int <-> float
        forms.add(new SseForm(fam, "cvtdq2ps", i -> bytes(0x0F, 0x5B, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtdq2ps(e, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "cvtps2dq", i -> bytes(0x66, 0x0F, 0x5B, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtps2dq(e, false, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "cvttps2dq", i -> bytes(0xF3, 0x0F, 0x5B, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtps2dq(e, true, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "cvtdq2pd", i -> bytes(0xF3, 0x0F, 0xE6, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> FpConvert.cvtdq2pd(e, m.xmm[2]))));
        forms.add(new SseForm(fam, "cvtpd2dq", i -> bytes(0xF2, 0x0F, 0xE6, 0xC1), Gens.fpState(F64), 0,
                toXmm0((e, m, i) -> FpConvert.cvtpd2dq(e, false, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "cvttpd2dq", i -> bytes(0x66, 0x0F, 0xE6, 0xC1), Gens.fpState(F64), 0,
                toXmm0((e, m, i) -> FpConvert.cvtpd2dq(e, true, m.xmm[2], m.xmm[3]))));
        // MMX forms: MOVQ mm0, rax / op / MOVQ rax, mm0 ; EMMS
        forms.add(new SseForm(fam, "cvtpi2ps", i -> bytes(0x48, 0x0F, 0x6E, 0xC0, 0x0F, 0x2A, 0xC0, 0x0F, 0x77),
                Gens.fpStateWithInt(F32), 0, toXmm0((e, m, i) -> FpConvert.cvtpi2ps(e, m.xmm[1], m.gpr[0]))));
        forms.add(new SseForm(fam, "cvtpi2pd", i -> bytes(0x48, 0x0F, 0x6E, 0xC0, 0x66, 0x0F, 0x2A, 0xC0, 0x0F, 0x77),
                Gens.fpStateWithInt(F64), 0, toXmm0((e, m, i) -> FpConvert.cvtpi2pd(e, m.gpr[0]))));
        for (int t = 0; t < 2; t++) {
            boolean trunc = t == 1;
            int opc = trunc ? 0x2C : 0x2D;
            String tn = trunc ? "cvtt" : "cvt";
            forms.add(new SseForm(fam, tn + "ps2pi", i -> bytes(0x0F, opc, 0xC1, 0x48, 0x0F, 0x7E, 0xC0, 0x0F, 0x77),
                    Gens.fpState(F32), 0, toRax((e, m) -> FpConvert.cvtps2pi(e, trunc, m.xmm[2]))));
            forms.add(new SseForm(fam, tn + "pd2pi",
                    i -> bytes(0x66, 0x0F, opc, 0xC1, 0x48, 0x0F, 0x7E, 0xC0, 0x0F, 0x77),
                    Gens.fpState(F64), 0, toRax((e, m) -> FpConvert.cvtpd2pi(e, trunc, m.xmm[2], m.xmm[3]))));
        }
        return forms;
    }

    static List<SseForm> rounding() {
        List<SseForm> forms = new ArrayList<>();
        String fam = "fp-round-dp";
        forms.add(new SseForm(fam, "roundps", i -> bytes(0x66, 0x0F, 0x3A, 0x08, 0xC1, i), Gens.fpState(F32), 255,
                toXmm0((e, m, i) -> FpConvert.roundps(e, i, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "roundpd", i -> bytes(0x66, 0x0F, 0x3A, 0x09, 0xC1, i), Gens.fpState(F64), 255,
                toXmm0((e, m, i) -> FpConvert.roundpd(e, i, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "roundss", i -> bytes(0x66, 0x0F, 0x3A, 0x0A, 0xC1, i), Gens.fpState(F32), 255,
                toXmm0((e, m, i) -> FpConvert.roundss(e, i, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm(fam, "roundsd", i -> bytes(0x66, 0x0F, 0x3A, 0x0B, 0xC1, i), Gens.fpState(F64), 255,
                toXmm0((e, m, i) -> FpConvert.roundsd(e, i, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm(fam, "dpps", i -> bytes(0x66, 0x0F, 0x3A, 0x40, 0xC1, i), Gens.fpState(F32), 255,
                toXmm0((e, m, i) -> SseFloat.dpps(e, i, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(fam, "dppd", i -> bytes(0x66, 0x0F, 0x3A, 0x41, 0xC1, i), Gens.fpState(F64), 255,
                toXmm0((e, m, i) -> SseFloat.dppd(e, i, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        String h = "fp-sse3";
        forms.add(new SseForm(h, "addsubps", i -> bytes(0xF2, 0x0F, 0xD0, 0xC1), Gens.fpState(F32), 0,
                toXmm0((e, m, i) -> SseFloat.addsubps(e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm(h, "addsubpd", i -> bytes(0x66, 0x0F, 0xD0, 0xC1), Gens.fpState(F64), 0,
                toXmm0((e, m, i) -> SseFloat.addsubpd(e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        for (int s = 0; s < 2; s++) {
            boolean sub = s == 1;
            int opc = sub ? 0x7D : 0x7C;
            String n = sub ? "hsub" : "hadd";
            forms.add(new SseForm(h, n + "ps", i -> bytes(0xF2, 0x0F, opc, 0xC1), Gens.fpState(F32), 0,
                    toXmm0((e, m, i) -> SseFloat.horizontalps(sub, e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
            forms.add(new SseForm(h, n + "pd", i -> bytes(0x66, 0x0F, opc, 0xC1), Gens.fpState(F64), 0,
                    toXmm0((e, m, i) -> SseFloat.horizontalpd(sub, e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        }
        return forms;
    }

    @TestFactory
    Stream<DynamicTest> hostAgreement() {
        List<SseForm> forms = new ArrayList<>(conversions());
        forms.addAll(rounding());
        return Conformance.tests(forms, 100_000);
    }
}
