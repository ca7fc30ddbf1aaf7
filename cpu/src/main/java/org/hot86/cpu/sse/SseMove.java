package org.hot86.cpu.sse;

/**
 * Data movement whose register and memory forms differ (SDM Vol. 2: MOVSS, MOVSD, MOVHLPS, MOVLHPS, MOVHPS/MOVHPD,
 * MOVLPS/MOVLPD, MOVD/MOVQ). Plain 128-bit copies (MOVAPS, MOVUPS, MOVAPD, MOVUPD, MOVDQA, MOVDQU, LDDQU, MOVNTxx)
 * need no helper: the aligned forms (MOVAPS, MOVAPD, MOVDQA, MOVNTPS/PD/DQ, MOVNTDQA and every legacy-SSE
 * instruction with an m128 operand unless the SDM says otherwise: MOVUPS, MOVUPD, MOVDQU, LDDQU and the PCMPxSTRx
 * family accept any address) raise #GP(0) for a memory operand not aligned on 16 bytes; the interpreter checks that
 * from the instruction table before calling anything here.
 */
public final class SseMove {
    private SseMove() {}

    static final long LOW32 = 0xFFFFFFFFL;

    /** MOVSS xmm1, xmm2: low dword replaced, the rest of xmm1 kept. */
    public static void movssReg(long[] regs, int dst, long bLo) {
        regs[2 * dst] = (regs[2 * dst] & ~LOW32) | (bLo & LOW32);
    }

    /** MOVSS xmm, m32: the dword zero-extended to 128 bits. */
    public static void movssLoad(long[] regs, int dst, int m32) {
        Xmm.set(regs, dst, m32 & LOW32, 0);
    }

    /** MOVSD xmm1, xmm2: low qword replaced, high qword kept. */
    public static void movsdReg(long[] regs, int dst, long bLo) {
        regs[2 * dst] = bLo;
    }

    /** MOVSD xmm, m64 and MOVQ xmm, m64 / MOVQ xmm1, xmm2 (F3 0F 7E): the qword zero-extended to 128 bits. */
    public static void movqZeroExtend(long[] regs, int dst, long q) {
        Xmm.set(regs, dst, q, 0);
    }

    /** MOVD xmm, r/m32: the dword zero-extended to 128 bits. */
    public static void movdZeroExtend(long[] regs, int dst, int d) {
        Xmm.set(regs, dst, d & LOW32, 0);
    }

    /** MOVHLPS xmm1, xmm2: high qword of xmm2 to the low qword of xmm1. */
    public static void movhlps(long[] regs, int dst, long bHi) {
        regs[2 * dst] = bHi;
    }

    /** MOVLHPS xmm1, xmm2 and MOVHPS/MOVHPD xmm, m64: the qword to the high half, low half kept. */
    public static void movHigh(long[] regs, int dst, long q) {
        regs[2 * dst + 1] = q;
    }

    /** MOVLPS/MOVLPD xmm, m64: the qword to the low half, high half kept. */
    public static void movLow(long[] regs, int dst, long q) {
        regs[2 * dst] = q;
    }
}
