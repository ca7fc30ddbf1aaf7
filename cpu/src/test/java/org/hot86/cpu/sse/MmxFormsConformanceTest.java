package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.SseForm.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * The 64-bit (MMX register) forms of the integer instructions, run on the host as
 * {@code MOVQ mm0, rax; MOVQ mm1, rcx; OP mm0, mm1; MOVQ rax, mm0; EMMS} and modelled by the same 64-bit-half
 * functions the XMM forms use.
 */
class MmxFormsConformanceTest {

    static final String FAM = "mmx-forms";

    static byte[] wrap(int... op) {
        int[] pre = {0x48, 0x0F, 0x6E, 0xC0, 0x48, 0x0F, 0x6E, 0xC9};
        int[] post = {0x48, 0x0F, 0x7E, 0xC0, 0x0F, 0x77};
        int[] all = new int[pre.length + op.length + post.length];
        System.arraycopy(pre, 0, all, 0, pre.length);
        System.arraycopy(op, 0, all, pre.length, op.length);
        System.arraycopy(post, 0, all, pre.length + op.length, post.length);
        return bytes(all);
    }

    static Gen<MachineState> state() {
        Gen<MachineState> base = Gens.intState();
        return in -> {
            MachineState s = base.generate(in);
            s.gpr[0] = s.xmm[0];
            s.gpr[1] = Gens.pick(in, 0, 3) == 0 ? Gens.pick(in, 0, 70) : s.xmm[2];
            return s;
        };
    }

    static void add(List<SseForm> f, String name, LongBinaryOperator op, int... opcode) {
        int[] withModrm = new int[opcode.length + 1];
        System.arraycopy(opcode, 0, withModrm, 0, opcode.length);
        withModrm[opcode.length] = 0xC1;
        f.add(new SseForm(FAM, name, i -> wrap(withModrm), state(), 0,
                (m, imm) -> m.gpr[0] = op.applyAsLong(m.gpr[0], m.gpr[1])));
    }

    static void addImm(List<SseForm> f, String name, int immMax, ImmOp op, int... opcodeModrm) {
        f.add(new SseForm(FAM, name, i -> {
            int[] o = new int[opcodeModrm.length + 1];
            System.arraycopy(opcodeModrm, 0, o, 0, opcodeModrm.length);
            o[opcodeModrm.length] = i;
            return wrap(o);
        }, state(), immMax, (m, imm) -> m.gpr[0] = op.apply(m.gpr[0], m.gpr[1], imm)));
    }

    interface ImmOp {
        long apply(long a, long b, int imm);
    }

    static List<SseForm> forms() {
        List<SseForm> f = new ArrayList<>();
        add(f, "paddb", PackedArith::paddb, 0x0F, 0xFC);
        add(f, "paddw", PackedArith::paddw, 0x0F, 0xFD);
        add(f, "paddd", PackedArith::paddd, 0x0F, 0xFE);
        add(f, "paddq", PackedArith::paddq, 0x0F, 0xD4);
        add(f, "psubb", PackedArith::psubb, 0x0F, 0xF8);
        add(f, "psubw", PackedArith::psubw, 0x0F, 0xF9);
        add(f, "psubd", PackedArith::psubd, 0x0F, 0xFA);
        add(f, "psubq", PackedArith::psubq, 0x0F, 0xFB);
        add(f, "paddsb", PackedArith::paddsb, 0x0F, 0xEC);
        add(f, "paddsw", PackedArith::paddsw, 0x0F, 0xED);
        add(f, "paddusb", PackedArith::paddusb, 0x0F, 0xDC);
        add(f, "paddusw", PackedArith::paddusw, 0x0F, 0xDD);
        add(f, "psubsb", PackedArith::psubsb, 0x0F, 0xE8);
        add(f, "psubsw", PackedArith::psubsw, 0x0F, 0xE9);
        add(f, "psubusb", PackedArith::psubusb, 0x0F, 0xD8);
        add(f, "psubusw", PackedArith::psubusw, 0x0F, 0xD9);
        add(f, "pmullw", PackedArith::pmullw, 0x0F, 0xD5);
        add(f, "pmulhw", PackedArith::pmulhw, 0x0F, 0xE5);
        add(f, "pmulhuw", PackedArith::pmulhuw, 0x0F, 0xE4);
        add(f, "pmuludq", PackedArith::pmuludq, 0x0F, 0xF4);
        add(f, "pmaddwd", PackedArith::pmaddwd, 0x0F, 0xF5);
        add(f, "psadbw", PackedArith::psadbw, 0x0F, 0xF6);
        add(f, "pavgb", PackedArith::pavgb, 0x0F, 0xE0);
        add(f, "pavgw", PackedArith::pavgw, 0x0F, 0xE3);
        add(f, "pminub", PackedArith::pminub, 0x0F, 0xDA);
        add(f, "pmaxub", PackedArith::pmaxub, 0x0F, 0xDE);
        add(f, "pminsw", PackedArith::pminsw, 0x0F, 0xEA);
        add(f, "pmaxsw", PackedArith::pmaxsw, 0x0F, 0xEE);
        add(f, "pcmpeqb", PackedArith::pcmpeqb, 0x0F, 0x74);
        add(f, "pcmpeqw", PackedArith::pcmpeqw, 0x0F, 0x75);
        add(f, "pcmpeqd", PackedArith::pcmpeqd, 0x0F, 0x76);
        add(f, "pcmpgtb", PackedArith::pcmpgtb, 0x0F, 0x64);
        add(f, "pcmpgtw", PackedArith::pcmpgtw, 0x0F, 0x65);
        add(f, "pcmpgtd", PackedArith::pcmpgtd, 0x0F, 0x66);
        add(f, "pand", PackedArith::pand, 0x0F, 0xDB);
        add(f, "pandn", PackedArith::pandn, 0x0F, 0xDF);
        add(f, "por", PackedArith::por, 0x0F, 0xEB);
        add(f, "pxor", PackedArith::pxor, 0x0F, 0xEF);
        add(f, "psrlw", PackedArith::psrlw, 0x0F, 0xD1);
        add(f, "psrld", PackedArith::psrld, 0x0F, 0xD2);
        add(f, "psrlq", PackedArith::psrlq, 0x0F, 0xD3);
        add(f, "psraw", PackedArith::psraw, 0x0F, 0xE1);
        add(f, "psrad", PackedArith::psrad, 0x0F, 0xE2);
        add(f, "psllw", PackedArith::psllw, 0x0F, 0xF1);
        add(f, "pslld", PackedArith::pslld, 0x0F, 0xF2);
        add(f, "psllq", PackedArith::psllq, 0x0F, 0xF3);
        add(f, "packsswb", (a, b) -> PackedShuffle.packwbMmx(a, b, false), 0x0F, 0x63);
        add(f, "packuswb", (a, b) -> PackedShuffle.packwbMmx(a, b, true), 0x0F, 0x67);
        add(f, "packssdw", PackedShuffle::packdwMmx, 0x0F, 0x6B);
        add(f, "punpcklbw", (a, b) -> PackedShuffle.punpcklMmx(a, b, 1), 0x0F, 0x60);
        add(f, "punpcklwd", (a, b) -> PackedShuffle.punpcklMmx(a, b, 2), 0x0F, 0x61);
        add(f, "punpckldq", (a, b) -> PackedShuffle.punpcklMmx(a, b, 4), 0x0F, 0x62);
        add(f, "punpckhbw", (a, b) -> PackedShuffle.punpckhMmx(a, b, 1), 0x0F, 0x68);
        add(f, "punpckhwd", (a, b) -> PackedShuffle.punpckhMmx(a, b, 2), 0x0F, 0x69);
        add(f, "punpckhdq", (a, b) -> PackedShuffle.punpckhMmx(a, b, 4), 0x0F, 0x6A);
        // SSSE3 MMX forms
        add(f, "pshufb", PackedShuffle::pshufbMmx, 0x0F, 0x38, 0x00);
        PackedShuffle.Horizontal[] hk = PackedShuffle.Horizontal.values();
        int[] hop = {0x01, 0x02, 0x03, 0x05, 0x06, 0x07};
        for (int k = 0; k < hk.length; k++) {
            PackedShuffle.Horizontal h = hk[k];
            add(f, "ph" + h.name().toLowerCase(), (a, b) -> PackedShuffle.horizontalMmx(a, b, h), 0x0F, 0x38, hop[k]);
        }
        add(f, "pmaddubsw", PackedArith::pmaddubsw, 0x0F, 0x38, 0x04);
        add(f, "psignb", PackedArith::psignb, 0x0F, 0x38, 0x08);
        add(f, "psignw", PackedArith::psignw, 0x0F, 0x38, 0x09);
        add(f, "psignd", PackedArith::psignd, 0x0F, 0x38, 0x0A);
        add(f, "pmulhrsw", PackedArith::pmulhrsw, 0x0F, 0x38, 0x0B);
        add(f, "pabsb", (a, b) -> PackedArith.pabsb(b), 0x0F, 0x38, 0x1C);
        add(f, "pabsw", (a, b) -> PackedArith.pabsw(b), 0x0F, 0x38, 0x1D);
        add(f, "pabsd", (a, b) -> PackedArith.pabsd(b), 0x0F, 0x38, 0x1E);
        addImm(f, "palignr", 20, PackedShuffle::palignrMmx, 0x0F, 0x3A, 0x0F, 0xC1);
        addImm(f, "pshufw", 255, (a, b, i) -> PackedShuffle.pshufw(b, i), 0x0F, 0x70, 0xC1);
        addImm(f, "psrlw-imm", 255, (a, b, i) -> PackedArith.psrlw(a, i), 0x0F, 0x71, 0xD0);
        addImm(f, "psraw-imm", 255, (a, b, i) -> PackedArith.psraw(a, i), 0x0F, 0x71, 0xE0);
        addImm(f, "psllw-imm", 255, (a, b, i) -> PackedArith.psllw(a, i), 0x0F, 0x71, 0xF0);
        addImm(f, "psrld-imm", 255, (a, b, i) -> PackedArith.psrld(a, i), 0x0F, 0x72, 0xD0);
        addImm(f, "psrad-imm", 255, (a, b, i) -> PackedArith.psrad(a, i), 0x0F, 0x72, 0xE0);
        addImm(f, "pslld-imm", 255, (a, b, i) -> PackedArith.pslld(a, i), 0x0F, 0x72, 0xF0);
        addImm(f, "psrlq-imm", 255, (a, b, i) -> PackedArith.psrlq(a, i), 0x0F, 0x73, 0xD0);
        addImm(f, "psllq-imm", 255, (a, b, i) -> PackedArith.psllq(a, i), 0x0F, 0x73, 0xF0);
        addImm(f, "pinsrw", 255, (a, b, i) -> PackedShuffle.pinsrwMmx(a, b, i), 0x0F, 0xC4, 0xC1);
        // GPR results: MOVQ mm1, rcx; op eax, mm1; EMMS
        f.add(new SseForm(FAM, "pextrw", i -> bytes(0x48, 0x0F, 0x6E, 0xC9, 0x0F, 0xC5, 0xC1, i, 0x0F, 0x77), state(),
                255, (m, imm) -> m.gpr[0] = PackedShuffle.pextrwMmx(m.gpr[1], imm)));
        f.add(new SseForm(FAM, "pmovmskb", i -> bytes(0x48, 0x0F, 0x6E, 0xC9, 0x0F, 0xD7, 0xC1, 0x0F, 0x77), state(),
                0, (m, imm) -> m.gpr[0] = PackedShuffle.pmovmskbMmx(m.gpr[1])));
        return f;
    }

    @TestFactory
    Stream<DynamicTest> hostAgreement() {
        return Conformance.tests(forms(), 30_000);
    }
}
