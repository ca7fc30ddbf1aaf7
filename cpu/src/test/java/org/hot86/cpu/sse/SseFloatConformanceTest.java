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

/** Floating-point SSE..SSE4.1 arithmetic against the host CPU (see {@link Conformance}). */
class SseFloatConformanceTest {

    static final int MODRM_X0_X1 = 0xC1;

    static List<SseForm> arithmetic() {
        List<SseForm> forms = new ArrayList<>();
        int[] opcodes = {0x58, 0x5C, 0x59, 0x5E, 0x5D, 0x5F};
        FpBinaryOp[] ops = {FpBinaryOp.ADD, FpBinaryOp.SUB, FpBinaryOp.MUL, FpBinaryOp.DIV, FpBinaryOp.MIN,
            FpBinaryOp.MAX};
        for (int i = 0; i < ops.length; i++) {
            FpBinaryOp op = ops[i];
            int opc = opcodes[i];
            String n = op.name().toLowerCase();
            forms.add(new SseForm("fp-arith", n + "ps", imm -> bytes(0x0F, opc, MODRM_X0_X1), Gens.fpState(F32), 0,
                    toXmm0((e, m, imm) -> SseFloat.packedSingle(op, e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
            forms.add(new SseForm("fp-arith", n + "ss", imm -> bytes(0xF3, 0x0F, opc, MODRM_X0_X1), Gens.fpState(F32),
                    0, toXmm0((e, m, imm) -> SseFloat.scalarSingle(op, e, m.xmm[0], m.xmm[1], m.xmm[2]))));
            forms.add(new SseForm("fp-arith", n + "pd", imm -> bytes(0x66, 0x0F, opc, MODRM_X0_X1), Gens.fpState(F64),
                    0, toXmm0((e, m, imm) -> SseFloat.packedDouble(op, e, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
            forms.add(new SseForm("fp-arith", n + "sd", imm -> bytes(0xF2, 0x0F, opc, MODRM_X0_X1), Gens.fpState(F64),
                    0, toXmm0((e, m, imm) -> SseFloat.scalarDouble(op, e, m.xmm[0], m.xmm[1], m.xmm[2]))));
        }
        forms.add(new SseForm("fp-arith", "sqrtps", imm -> bytes(0x0F, 0x51, MODRM_X0_X1), Gens.fpState(F32), 0,
                toXmm0((e, m, imm) -> SseFloat.sqrtps(e, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm("fp-arith", "sqrtss", imm -> bytes(0xF3, 0x0F, 0x51, MODRM_X0_X1), Gens.fpState(F32), 0,
                toXmm0((e, m, imm) -> SseFloat.sqrtss(e, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm("fp-arith", "sqrtpd", imm -> bytes(0x66, 0x0F, 0x51, MODRM_X0_X1), Gens.fpState(F64), 0,
                toXmm0((e, m, imm) -> SseFloat.sqrtpd(e, m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm("fp-arith", "sqrtsd", imm -> bytes(0xF2, 0x0F, 0x51, MODRM_X0_X1), Gens.fpState(F64), 0,
                toXmm0((e, m, imm) -> SseFloat.sqrtsd(e, m.xmm[0], m.xmm[1], m.xmm[2]))));
        return forms;
    }

    static List<SseForm> compare() {
        List<SseForm> forms = new ArrayList<>();
        forms.add(new SseForm("fp-compare", "cmpps", imm -> bytes(0x0F, 0xC2, MODRM_X0_X1, imm), Gens.fpState(F32), 255,
                toXmm0((e, m, imm) -> FpCompare.cmpps(e, imm, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm("fp-compare", "cmpss", imm -> bytes(0xF3, 0x0F, 0xC2, MODRM_X0_X1, imm),
                Gens.fpState(F32), 255, toXmm0((e, m, imm) -> FpCompare.cmpss(e, imm, m.xmm[0], m.xmm[1], m.xmm[2]))));
        forms.add(new SseForm("fp-compare", "cmppd", imm -> bytes(0x66, 0x0F, 0xC2, MODRM_X0_X1, imm),
                Gens.fpState(F64), 255,
                toXmm0((e, m, imm) -> FpCompare.cmppd(e, imm, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3]))));
        forms.add(new SseForm("fp-compare", "cmpsd", imm -> bytes(0xF2, 0x0F, 0xC2, MODRM_X0_X1, imm),
                Gens.fpState(F64), 255, toXmm0((e, m, imm) -> FpCompare.cmpsd(e, imm, m.xmm[0], m.xmm[1], m.xmm[2]))));
        String[] names = {"ucomiss", "comiss", "ucomisd", "comisd"};
        for (int i = 0; i < 4; i++) {
            boolean ordered = (i & 1) != 0;
            boolean dbl = i >= 2;
            int opc = ordered ? 0x2F : 0x2E;
            forms.add(new SseForm("fp-compare", names[i],
                    imm -> dbl ? bytes(0x66, 0x0F, opc, MODRM_X0_X1) : bytes(0x0F, opc, MODRM_X0_X1),
                    Gens.fpState(dbl ? F64 : F32), 0, (m, imm) -> {
                        SimdFpEnv env = new SimdFpEnv().begin(m.mxcsr);
                        boolean ok = dbl ? FpCompare.comisd(ordered, env, m.xmm[0], m.xmm[2])
                                : FpCompare.comiss(ordered, env, m.xmm[0], m.xmm[2]);
                        m.mxcsr = env.mxcsr();
                        if (ok) {
                            m.rflags = (m.rflags & ~FpCompare.COMI_FLAGS) | env.lo();
                        } else {
                            m.status = 1;
                        }
                    }));
        }
        return forms;
    }

    static List<SseForm> all() {
        List<SseForm> forms = new ArrayList<>(arithmetic());
        forms.addAll(compare());
        return forms;
    }

    @TestFactory
    Stream<DynamicTest> hostAgreement() {
        return Conformance.tests(all(), 120_000);
    }
}
