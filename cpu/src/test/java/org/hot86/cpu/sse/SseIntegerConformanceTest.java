package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.SseForm.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Integer SIMD (SSE2, SSSE3, SSE4.1, SSE4.2 element ops) and shuffles against the host CPU. */
class SseIntegerConformanceTest {

    static final String ARITH = "int-arith";
    static final String SHUF = "int-shuffle";

    /** An element-wise 128-bit form {@code 66 [0F|0F 38] opc /r} applied to both halves. */
    static SseForm ew(List<SseForm> forms, String fam, String name, LongBinaryOperator op, int... opcode) {
        SseForm f = new SseForm(fam, name, i -> bytes(concat(opcode, 0xC1)), Gens.intState(), 0, (m, imm) -> {
            m.xmm[0] = op.applyAsLong(m.xmm[0], m.xmm[2]);
            m.xmm[1] = op.applyAsLong(m.xmm[1], m.xmm[3]);
        });
        forms.add(f);
        return f;
    }

    static void unary(List<SseForm> forms, String name, LongUnaryOperator op, int... opcode) {
        forms.add(new SseForm(ARITH, name, i -> bytes(concat(opcode, 0xC1)), Gens.intState(), 0, (m, imm) -> {
            m.xmm[0] = op.applyAsLong(m.xmm[2]);
            m.xmm[1] = op.applyAsLong(m.xmm[3]);
        }));
    }

    static int[] concat(int[] a, int... b) {
        int[] r = new int[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static int[] p0f(int opc) {
        return new int[] {0x66, 0x0F, opc};
    }

    static int[] p38(int opc) {
        return new int[] {0x66, 0x0F, 0x38, opc};
    }

    static int[] p3a(int opc) {
        return new int[] {0x66, 0x0F, 0x3A, opc};
    }

    static List<SseForm> elementwise() {
        List<SseForm> f = new ArrayList<>();
        ew(f, ARITH, "paddb", PackedArith::paddb, p0f(0xFC));
        ew(f, ARITH, "paddw", PackedArith::paddw, p0f(0xFD));
        ew(f, ARITH, "paddd", PackedArith::paddd, p0f(0xFE));
        ew(f, ARITH, "paddq", PackedArith::paddq, p0f(0xD4));
        ew(f, ARITH, "psubb", PackedArith::psubb, p0f(0xF8));
        ew(f, ARITH, "psubw", PackedArith::psubw, p0f(0xF9));
        ew(f, ARITH, "psubd", PackedArith::psubd, p0f(0xFA));
        ew(f, ARITH, "psubq", PackedArith::psubq, p0f(0xFB));
        ew(f, ARITH, "paddsb", PackedArith::paddsb, p0f(0xEC));
        ew(f, ARITH, "paddsw", PackedArith::paddsw, p0f(0xED));
        ew(f, ARITH, "paddusb", PackedArith::paddusb, p0f(0xDC));
        ew(f, ARITH, "paddusw", PackedArith::paddusw, p0f(0xDD));
        ew(f, ARITH, "psubsb", PackedArith::psubsb, p0f(0xE8));
        ew(f, ARITH, "psubsw", PackedArith::psubsw, p0f(0xE9));
        ew(f, ARITH, "psubusb", PackedArith::psubusb, p0f(0xD8));
        ew(f, ARITH, "psubusw", PackedArith::psubusw, p0f(0xD9));
        ew(f, ARITH, "pmullw", PackedArith::pmullw, p0f(0xD5));
        ew(f, ARITH, "pmulhw", PackedArith::pmulhw, p0f(0xE5));
        ew(f, ARITH, "pmulhuw", PackedArith::pmulhuw, p0f(0xE4));
        ew(f, ARITH, "pmuludq", PackedArith::pmuludq, p0f(0xF4));
        ew(f, ARITH, "pmaddwd", PackedArith::pmaddwd, p0f(0xF5));
        ew(f, ARITH, "psadbw", PackedArith::psadbw, p0f(0xF6));
        ew(f, ARITH, "pavgb", PackedArith::pavgb, p0f(0xE0));
        ew(f, ARITH, "pavgw", PackedArith::pavgw, p0f(0xE3));
        ew(f, ARITH, "pminub", PackedArith::pminub, p0f(0xDA));
        ew(f, ARITH, "pmaxub", PackedArith::pmaxub, p0f(0xDE));
        ew(f, ARITH, "pminsw", PackedArith::pminsw, p0f(0xEA));
        ew(f, ARITH, "pmaxsw", PackedArith::pmaxsw, p0f(0xEE));
        ew(f, ARITH, "pcmpeqb", PackedArith::pcmpeqb, p0f(0x74));
        ew(f, ARITH, "pcmpeqw", PackedArith::pcmpeqw, p0f(0x75));
        ew(f, ARITH, "pcmpeqd", PackedArith::pcmpeqd, p0f(0x76));
        ew(f, ARITH, "pcmpgtb", PackedArith::pcmpgtb, p0f(0x64));
        ew(f, ARITH, "pcmpgtw", PackedArith::pcmpgtw, p0f(0x65));
        ew(f, ARITH, "pcmpgtd", PackedArith::pcmpgtd, p0f(0x66));
        ew(f, ARITH, "pand", PackedArith::pand, p0f(0xDB));
        ew(f, ARITH, "pandn", PackedArith::pandn, p0f(0xDF));
        ew(f, ARITH, "por", PackedArith::por, p0f(0xEB));
        ew(f, ARITH, "pxor", PackedArith::pxor, p0f(0xEF));
        ew(f, ARITH, "andps", PackedArith::pand, 0x0F, 0x54);
        ew(f, ARITH, "andnps", PackedArith::pandn, 0x0F, 0x55);
        ew(f, ARITH, "orps", PackedArith::por, 0x0F, 0x56);
        ew(f, ARITH, "xorps", PackedArith::pxor, 0x0F, 0x57);
        ew(f, ARITH, "andpd", PackedArith::pand, p0f(0x54));
        ew(f, ARITH, "andnpd", PackedArith::pandn, p0f(0x55));
        ew(f, ARITH, "orpd", PackedArith::por, p0f(0x56));
        ew(f, ARITH, "xorpd", PackedArith::pxor, p0f(0x57));
        // SSSE3
        ew(f, ARITH, "pmaddubsw", PackedArith::pmaddubsw, p38(0x04));
        ew(f, ARITH, "psignb", PackedArith::psignb, p38(0x08));
        ew(f, ARITH, "psignw", PackedArith::psignw, p38(0x09));
        ew(f, ARITH, "psignd", PackedArith::psignd, p38(0x0A));
        ew(f, ARITH, "pmulhrsw", PackedArith::pmulhrsw, p38(0x0B));
        unary(f, "pabsb", PackedArith::pabsb, p38(0x1C));
        unary(f, "pabsw", PackedArith::pabsw, p38(0x1D));
        unary(f, "pabsd", PackedArith::pabsd, p38(0x1E));
        // SSE4.1 / 4.2
        ew(f, ARITH, "pmuldq", PackedArith::pmuldq, p38(0x28));
        ew(f, ARITH, "pcmpeqq", PackedArith::pcmpeqq, p38(0x29));
        ew(f, ARITH, "pcmpgtq", PackedArith::pcmpgtq, p38(0x37));
        ew(f, ARITH, "pminsb", PackedArith::pminsb, p38(0x38));
        ew(f, ARITH, "pminsd", PackedArith::pminsd, p38(0x39));
        ew(f, ARITH, "pminuw", PackedArith::pminuw, p38(0x3A));
        ew(f, ARITH, "pminud", PackedArith::pminud, p38(0x3B));
        ew(f, ARITH, "pmaxsb", PackedArith::pmaxsb, p38(0x3C));
        ew(f, ARITH, "pmaxsd", PackedArith::pmaxsd, p38(0x3D));
        ew(f, ARITH, "pmaxuw", PackedArith::pmaxuw, p38(0x3E));
        ew(f, ARITH, "pmaxud", PackedArith::pmaxud, p38(0x3F));
        ew(f, ARITH, "pmulld", PackedArith::pmulld, p38(0x40));
        return f;
    }

    static List<SseForm> shifts() {
        List<SseForm> f = new ArrayList<>();
        String fam = "int-shift";
        Object[][] byXmm = {
            {"psrlw", 0xD1, (LongBinaryOperator) PackedArith::psrlw}, {"psrld", 0xD2, (LongBinaryOperator) PackedArith::psrld},
            {"psrlq", 0xD3, (LongBinaryOperator) PackedArith::psrlq}, {"psraw", 0xE1, (LongBinaryOperator) PackedArith::psraw},
            {"psrad", 0xE2, (LongBinaryOperator) PackedArith::psrad}, {"psllw", 0xF1, (LongBinaryOperator) PackedArith::psllw},
            {"pslld", 0xF2, (LongBinaryOperator) PackedArith::pslld}, {"psllq", 0xF3, (LongBinaryOperator) PackedArith::psllq},
        };
        for (Object[] s : byXmm) {
            LongBinaryOperator op = (LongBinaryOperator) s[2];
            int opc = (Integer) s[1];
            f.add(new SseForm(fam, (String) s[0], i -> bytes(0x66, 0x0F, opc, 0xC1), Gens.shiftState(), 0, (m, imm) -> {
                long count = m.xmm[2];
                m.xmm[0] = op.applyAsLong(m.xmm[0], count);
                m.xmm[1] = op.applyAsLong(m.xmm[1], count);
            }));
        }
        // by imm8: 66 0F 71/72/73 /digit ib on xmm0
        Object[][] byImm = {
            {"psrlw-imm", 0x71, 2, (LongBinaryOperator) PackedArith::psrlw}, {"psraw-imm", 0x71, 4, (LongBinaryOperator) PackedArith::psraw},
            {"psllw-imm", 0x71, 6, (LongBinaryOperator) PackedArith::psllw}, {"psrld-imm", 0x72, 2, (LongBinaryOperator) PackedArith::psrld},
            {"psrad-imm", 0x72, 4, (LongBinaryOperator) PackedArith::psrad}, {"pslld-imm", 0x72, 6, (LongBinaryOperator) PackedArith::pslld},
            {"psrlq-imm", 0x73, 2, (LongBinaryOperator) PackedArith::psrlq}, {"psllq-imm", 0x73, 6, (LongBinaryOperator) PackedArith::psllq},
        };
        for (Object[] s : byImm) {
            LongBinaryOperator op = (LongBinaryOperator) s[3];
            int opc = (Integer) s[1];
            int modrm = 0xC0 | ((Integer) s[2] << 3);
            f.add(new SseForm(fam, (String) s[0], i -> bytes(0x66, 0x0F, opc, modrm, i), Gens.intState(), 255,
                    (m, imm) -> {
                        m.xmm[0] = op.applyAsLong(m.xmm[0], imm);
                        m.xmm[1] = op.applyAsLong(m.xmm[1], imm);
                    }));
        }
        f.add(new SseForm(fam, "psrldq", i -> bytes(0x66, 0x0F, 0x73, 0xD8, i), Gens.intState(), 255,
                (m, imm) -> PackedShuffle.psrldq(m.xmm, 0, imm)));
        f.add(new SseForm(fam, "pslldq", i -> bytes(0x66, 0x0F, 0x73, 0xF8, i), Gens.intState(), 255,
                (m, imm) -> PackedShuffle.pslldq(m.xmm, 0, imm)));
        return f;
    }

    interface RegBody {
        void run(long[] regs, long bLo, long bHi, int imm);
    }

    static void x(List<SseForm> f, String name, int immMax, RegBody body, int... opcode) {
        f.add(new SseForm(SHUF, name, i -> immMax > 0 ? bytes(concat(opcode, 0xC1, i)) : bytes(concat(opcode, 0xC1)),
                Gens.intState(), immMax, (m, imm) -> body.run(m.xmm, m.xmm[2], m.xmm[3], imm)));
    }

    interface GprResult {
        long run(MachineState m, int imm);
    }

    static void toRax(List<SseForm> f, String fam, String name, int immMax, int modrm, GprResult body, int... opcode) {
        f.add(new SseForm(fam, name, i -> immMax > 0 ? bytes(concat(opcode, modrm, i)) : bytes(concat(opcode, modrm)),
                Gens.intState(), immMax, (m, imm) -> m.gpr[0] = body.run(m, imm)));
    }

    static List<SseForm> shuffles() {
        List<SseForm> f = new ArrayList<>();
        x(f, "pshufd", 255, (r, lo, hi, i) -> PackedShuffle.pshufd(r, 0, lo, hi, i), p0f(0x70));
        x(f, "pshufhw", 255, (r, lo, hi, i) -> PackedShuffle.pshufhw(r, 0, lo, hi, i), 0xF3, 0x0F, 0x70);
        x(f, "pshuflw", 255, (r, lo, hi, i) -> PackedShuffle.pshuflw(r, 0, lo, hi, i), 0xF2, 0x0F, 0x70);
        x(f, "pshufb", 0, (r, lo, hi, i) -> PackedShuffle.pshufb(r, 0, lo, hi), p38(0x00));
        x(f, "shufps", 255, (r, lo, hi, i) -> PackedShuffle.shufps(r, 0, lo, hi, i), 0x0F, 0xC6);
        x(f, "shufpd", 255, (r, lo, hi, i) -> PackedShuffle.shufpd(r, 0, lo, hi, i), p0f(0xC6));
        int[][] unpck = {{0x60, 1, 0}, {0x61, 2, 0}, {0x62, 4, 0}, {0x6C, 8, 0}, {0x68, 1, 1}, {0x69, 2, 1},
            {0x6A, 4, 1}, {0x6D, 8, 1}};
        for (int[] u : unpck) {
            int size = u[1];
            boolean high = u[2] == 1;
            x(f, "punpck" + (high ? "h" : "l") + size, 0, (r, lo, hi, i) -> {
                if (high) {
                    PackedShuffle.punpckh(r, 0, lo, hi, size);
                } else {
                    PackedShuffle.punpckl(r, 0, lo, hi, size);
                }
            }, p0f(u[0]));
        }
        x(f, "unpcklps", 0, (r, lo, hi, i) -> PackedShuffle.punpckl(r, 0, lo, hi, 4), 0x0F, 0x14);
        x(f, "unpckhps", 0, (r, lo, hi, i) -> PackedShuffle.punpckh(r, 0, lo, hi, 4), 0x0F, 0x15);
        x(f, "unpcklpd", 0, (r, lo, hi, i) -> PackedShuffle.punpckl(r, 0, lo, hi, 8), p0f(0x14));
        x(f, "unpckhpd", 0, (r, lo, hi, i) -> PackedShuffle.punpckh(r, 0, lo, hi, 8), p0f(0x15));
        x(f, "packsswb", 0, (r, lo, hi, i) -> PackedShuffle.packwb(r, 0, lo, hi, false), p0f(0x63));
        x(f, "packuswb", 0, (r, lo, hi, i) -> PackedShuffle.packwb(r, 0, lo, hi, true), p0f(0x67));
        x(f, "packssdw", 0, (r, lo, hi, i) -> PackedShuffle.packdw(r, 0, lo, hi, false), p0f(0x6B));
        x(f, "packusdw", 0, (r, lo, hi, i) -> PackedShuffle.packdw(r, 0, lo, hi, true), p38(0x2B));
        x(f, "palignr", 40, (r, lo, hi, i) -> PackedShuffle.palignr(r, 0, lo, hi, i), p3a(0x0F));
        int[][] movx = {{0x20, 1, 2}, {0x21, 1, 4}, {0x22, 1, 8}, {0x23, 2, 4}, {0x24, 2, 8}, {0x25, 4, 8}};
        for (int[] mv : movx) {
            for (int s = 0; s < 2; s++) {
                boolean signed = s == 0;
                int opc = mv[0] + (signed ? 0 : 0x10);
                x(f, (signed ? "pmovsx" : "pmovzx") + mv[1] + mv[2], 0,
                        (r, lo, hi, i) -> PackedShuffle.pmovx(r, 0, lo, mv[1], mv[2], signed), p38(opc));
            }
        }
        x(f, "pblendw", 255, (r, lo, hi, i) -> PackedShuffle.blend(r, 0, lo, hi, i, 2), p3a(0x0E));
        x(f, "blendps", 15, (r, lo, hi, i) -> PackedShuffle.blend(r, 0, lo, hi, i, 4), p3a(0x0C));
        x(f, "blendpd", 3, (r, lo, hi, i) -> PackedShuffle.blend(r, 0, lo, hi, i, 8), p3a(0x0D));
        // BLENDV: xmm1 <- blend(xmm1, xmm2, mask xmm0): ModRM 0xCA
        int[][] bv = {{0x10, 1}, {0x14, 4}, {0x15, 8}};
        for (int[] b : bv) {
            f.add(new SseForm(SHUF, "blendv" + b[1], i -> bytes(0x66, 0x0F, 0x38, b[0], 0xCA), Gens.intState(), 0,
                    (m, imm) -> PackedShuffle.blendv(m.xmm, 1, m.xmm[4], m.xmm[5], m.xmm[0], m.xmm[1], b[1])));
        }
        x(f, "insertps", 255, (r, lo, hi, i) -> PackedShuffle.insertps(r, 0, lo, hi, i), p3a(0x21));
        x(f, "movsldup", 0, (r, lo, hi, i) -> PackedShuffle.movsldup(r, 0, lo, hi), 0xF3, 0x0F, 0x12);
        x(f, "movshdup", 0, (r, lo, hi, i) -> PackedShuffle.movshdup(r, 0, lo, hi), 0xF3, 0x0F, 0x16);
        x(f, "movddup", 0, (r, lo, hi, i) -> PackedShuffle.movddup(r, 0, lo), 0xF2, 0x0F, 0x12);
        PackedShuffle.Horizontal[] hk = PackedShuffle.Horizontal.values();
        int[] hop = {0x01, 0x02, 0x03, 0x05, 0x06, 0x07};
        for (int k = 0; k < hk.length; k++) {
            PackedShuffle.Horizontal h = hk[k];
            x(f, "ph" + h.name().toLowerCase(), 0, (r, lo, hi, i) -> PackedShuffle.horizontal(r, 0, lo, hi, h),
                    p38(hop[k]));
        }
        x(f, "mpsadbw", 7, (r, lo, hi, i) -> PackedShuffle.mpsadbw(r, 0, lo, hi, i), p3a(0x42));
        x(f, "phminposuw", 0, (r, lo, hi, i) -> PackedShuffle.phminposuw(r, 0, lo, hi), p38(0x41));
        // inserts from eax (ModRM 0xC0: xmm0, eax) and extracts to eax
        f.add(new SseForm(SHUF, "pinsrb", i -> bytes(0x66, 0x0F, 0x3A, 0x20, 0xC0, i), Gens.intState(), 31,
                (m, imm) -> PackedShuffle.pinsr(m.xmm, 0, m.gpr[0], imm, 1)));
        f.add(new SseForm(SHUF, "pinsrw", i -> bytes(0x66, 0x0F, 0xC4, 0xC0, i), Gens.intState(), 15,
                (m, imm) -> PackedShuffle.pinsr(m.xmm, 0, m.gpr[0], imm, 2)));
        f.add(new SseForm(SHUF, "pinsrd", i -> bytes(0x66, 0x0F, 0x3A, 0x22, 0xC0, i), Gens.intState(), 7,
                (m, imm) -> PackedShuffle.pinsr(m.xmm, 0, m.gpr[0], imm, 4)));
        f.add(new SseForm(SHUF, "pinsrq", i -> bytes(0x66, 0x48, 0x0F, 0x3A, 0x22, 0xC0, i), Gens.intState(), 3,
                (m, imm) -> PackedShuffle.pinsr(m.xmm, 0, m.gpr[0], imm, 8)));
        toRax(f, SHUF, "pextrb", 31, 0xC8, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 1), p3a(0x14));
        toRax(f, SHUF, "pextrw", 15, 0xC1, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 2), p0f(0xC5));
        toRax(f, SHUF, "pextrw-3a", 15, 0xC8, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 2), p3a(0x15));
        toRax(f, SHUF, "pextrd", 7, 0xC8, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 4), p3a(0x16));
        toRax(f, SHUF, "pextrq", 3, 0xC8, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 8),
                0x66, 0x48, 0x0F, 0x3A, 0x16);
        toRax(f, SHUF, "extractps", 7, 0xC8, (m, i) -> PackedShuffle.pextr(m.xmm[2], m.xmm[3], i, 4), p3a(0x17));
        toRax(f, SHUF, "pmovmskb", 0, 0xC1, (m, i) -> PackedShuffle.pmovmskb(m.xmm[2], m.xmm[3]), p0f(0xD7));
        toRax(f, SHUF, "movmskps", 0, 0xC1, (m, i) -> PackedShuffle.movmskps(m.xmm[2], m.xmm[3]), 0x0F, 0x50);
        toRax(f, SHUF, "movmskpd", 0, 0xC1, (m, i) -> PackedShuffle.movmskpd(m.xmm[2], m.xmm[3]), p0f(0x50));
        x(f, "movss", 0, (r, lo, hi, i) -> SseMove.movssReg(r, 0, lo), 0xF3, 0x0F, 0x10);
        x(f, "movsd", 0, (r, lo, hi, i) -> SseMove.movsdReg(r, 0, lo), 0xF2, 0x0F, 0x10);
        x(f, "movhlps", 0, (r, lo, hi, i) -> SseMove.movhlps(r, 0, hi), 0x0F, 0x12);
        x(f, "movlhps", 0, (r, lo, hi, i) -> SseMove.movHigh(r, 0, lo), 0x0F, 0x16);
        x(f, "movq-xmm", 0, (r, lo, hi, i) -> SseMove.movqZeroExtend(r, 0, lo), 0xF3, 0x0F, 0x7E);
        x(f, "movaps", 0, (r, lo, hi, i) -> Xmm.set(r, 0, lo, hi), 0x0F, 0x28);
        x(f, "movdqu", 0, (r, lo, hi, i) -> Xmm.set(r, 0, lo, hi), 0xF3, 0x0F, 0x6F);
        f.add(new SseForm(SHUF, "movd-from-gpr", i -> bytes(0x66, 0x0F, 0x6E, 0xC0), Gens.intState(), 0,
                (m, imm) -> SseMove.movdZeroExtend(m.xmm, 0, (int) m.gpr[0])));
        f.add(new SseForm(SHUF, "movq-from-gpr", i -> bytes(0x66, 0x48, 0x0F, 0x6E, 0xC0), Gens.intState(), 0,
                (m, imm) -> SseMove.movqZeroExtend(m.xmm, 0, m.gpr[0])));
        toRax(f, SHUF, "movd-to-gpr", 0, 0xC8, (m, i) -> m.xmm[2] & 0xFFFFFFFFL, p0f(0x7E));
        toRax(f, SHUF, "movq-to-gpr", 0, 0xC8, (m, i) -> m.xmm[2], 0x66, 0x48, 0x0F, 0x7E);
        f.add(new SseForm(SHUF, "ptest", i -> bytes(0x66, 0x0F, 0x38, 0x17, 0xC1), Gens.intState(), 0,
                (m, imm) -> m.rflags = PackedShuffle.ptest(m.rflags, m.xmm[0], m.xmm[1], m.xmm[2], m.xmm[3])));
        return f;
    }

    @TestFactory
    Stream<DynamicTest> hostAgreement() {
        List<SseForm> forms = new ArrayList<>(elementwise());
        forms.addAll(shifts());
        forms.addAll(shuffles());
        return Conformance.tests(forms, 120_000);
    }
}
