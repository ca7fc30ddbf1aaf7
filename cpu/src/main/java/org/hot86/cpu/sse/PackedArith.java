package org.hot86.cpu.sse;

/**
 * Element-wise integer SIMD arithmetic of MMX/SSE2/SSSE3/SSE4.1 (SDM Vol. 1, 9.4.3 and 11.4.3; Vol. 2 PADDB ..
 * PSUBUSW, PMULLW .. PMULDQ, PMADDWD, PMADDUBSW, PMULHRSW, PAVGB/W, PMINxx/PMAXxx, PCMPEQx/PCMPGTx, PSADBW, PSIGNx,
 * PABSx, PAND/PANDN/POR/PXOR).
 *
 * <p>Every method maps one 64-bit half of each operand to the same half of the result ({@code a} is the first
 * source/destination, {@code b} the second): a 128-bit form applies it to the low and to the high halves, an MMX
 * form to its single register.
 */
public final class PackedArith {
    private PackedArith() {}

    static final long H8 = 0x8080808080808080L;
    static final long H16 = 0x8000800080008000L;
    static final long H32 = 0x8000000080000000L;

    // ---- wrapping add/sub -----------------------------------------------------------------------------------------
    public static long paddb(long a, long b) { return ((a & ~H8) + (b & ~H8)) ^ ((a ^ b) & H8); }
    public static long paddw(long a, long b) { return ((a & ~H16) + (b & ~H16)) ^ ((a ^ b) & H16); }
    public static long paddd(long a, long b) { return ((a & ~H32) + (b & ~H32)) ^ ((a ^ b) & H32); }
    public static long paddq(long a, long b) { return a + b; }
    public static long psubb(long a, long b) { return ((a | H8) - (b & ~H8)) ^ ((a ^ ~b) & H8); }
    public static long psubw(long a, long b) { return ((a | H16) - (b & ~H16)) ^ ((a ^ ~b) & H16); }
    public static long psubd(long a, long b) { return ((a | H32) - (b & ~H32)) ^ ((a ^ ~b) & H32); }
    public static long psubq(long a, long b) { return a - b; }

    // ---- element access ---------------------------------------------------------------------------------------
    static int sb(long x, int i) { return (byte) (x >>> (8 * i)); }
    static int ub(long x, int i) { return (int) (x >>> (8 * i)) & 0xFF; }
    static int sw(long x, int i) { return (short) (x >>> (16 * i)); }
    static int uw(long x, int i) { return (int) (x >>> (16 * i)) & 0xFFFF; }
    static int sd(long x, int i) { return (int) (x >>> (32 * i)); }
    static long ud(long x, int i) { return (x >>> (32 * i)) & 0xFFFFFFFFL; }
    static long putB(long r, int i, int v) { return r | ((long) (v & 0xFF) << (8 * i)); }
    static long putW(long r, int i, int v) { return r | ((long) (v & 0xFFFF) << (16 * i)); }
    static long putD(long r, int i, long v) { return r | ((v & 0xFFFFFFFFL) << (32 * i)); }

    static int satSB(int v) { return Math.max(-128, Math.min(127, v)); }
    static int satUB(int v) { return Math.max(0, Math.min(255, v)); }
    static int satSW(int v) { return Math.max(-32768, Math.min(32767, v)); }
    static int satUW(int v) { return Math.max(0, Math.min(65535, v)); }

    // ---- saturating add/sub -----------------------------------------------------------------------------------
    public static long paddsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, satSB(sb(a, i) + sb(b, i)));
        return r;
    }
    public static long paddusb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, satUB(ub(a, i) + ub(b, i)));
        return r;
    }
    public static long psubsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, satSB(sb(a, i) - sb(b, i)));
        return r;
    }
    public static long psubusb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, satUB(ub(a, i) - ub(b, i)));
        return r;
    }
    public static long paddsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, satSW(sw(a, i) + sw(b, i)));
        return r;
    }
    public static long paddusw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, satUW(uw(a, i) + uw(b, i)));
        return r;
    }
    public static long psubsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, satSW(sw(a, i) - sw(b, i)));
        return r;
    }
    public static long psubusw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, satUW(uw(a, i) - uw(b, i)));
        return r;
    }

    // ---- multiplies -------------------------------------------------------------------------------------------
    public static long pmullw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, sw(a, i) * sw(b, i));
        return r;
    }
    public static long pmulhw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, (sw(a, i) * sw(b, i)) >> 16);
        return r;
    }
    public static long pmulhuw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, (uw(a, i) * uw(b, i)) >>> 16);
        return r;
    }
    /** PMULHRSW (SSSE3): {@code ((a * b >> 14) + 1) >> 1} per signed word. */
    public static long pmulhrsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, (((sw(a, i) * sw(b, i)) >> 14) + 1) >> 1);
        return r;
    }
    public static long pmulld(long a, long b) {
        return putD(putD(0, 0, (long) sd(a, 0) * sd(b, 0)), 1, (long) sd(a, 1) * sd(b, 1));
    }
    /** PMULUDQ: unsigned low dwords to a 64-bit product. */
    public static long pmuludq(long a, long b) {
        return ud(a, 0) * ud(b, 0);
    }
    /** PMULDQ (SSE4.1): signed low dwords to a 64-bit product. */
    public static long pmuldq(long a, long b) {
        return (long) sd(a, 0) * sd(b, 0);
    }
    /** PMADDWD: pairs of signed word products summed to dwords (wraps only for 4 x 0x8000). */
    public static long pmaddwd(long a, long b) {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            r = putD(r, i, sw(a, 2 * i) * sw(b, 2 * i) + sw(a, 2 * i + 1) * sw(b, 2 * i + 1));
        }
        return r;
    }
    /** PMADDUBSW (SSSE3): unsigned bytes of {@code a} times signed bytes of {@code b}, pairs summed, saturated. */
    public static long pmaddubsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r = putW(r, i, satSW(ub(a, 2 * i) * sb(b, 2 * i) + ub(a, 2 * i + 1) * sb(b, 2 * i + 1)));
        }
        return r;
    }

    // ---- average, min, max --------------------------------------------------------------------------------------
    public static long pavgb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, (ub(a, i) + ub(b, i) + 1) >> 1);
        return r;
    }
    public static long pavgw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, (uw(a, i) + uw(b, i) + 1) >> 1);
        return r;
    }
    public static long pminub(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Math.min(ub(a, i), ub(b, i)));
        return r;
    }
    public static long pmaxub(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Math.max(ub(a, i), ub(b, i)));
        return r;
    }
    public static long pminsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Math.min(sb(a, i), sb(b, i)));
        return r;
    }
    public static long pmaxsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Math.max(sb(a, i), sb(b, i)));
        return r;
    }
    public static long pminuw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Math.min(uw(a, i), uw(b, i)));
        return r;
    }
    public static long pmaxuw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Math.max(uw(a, i), uw(b, i)));
        return r;
    }
    public static long pminsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Math.min(sw(a, i), sw(b, i)));
        return r;
    }
    public static long pmaxsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Math.max(sw(a, i), sw(b, i)));
        return r;
    }
    public static long pminud(long a, long b) {
        return putD(putD(0, 0, Math.min(ud(a, 0), ud(b, 0))), 1, Math.min(ud(a, 1), ud(b, 1)));
    }
    public static long pmaxud(long a, long b) {
        return putD(putD(0, 0, Math.max(ud(a, 0), ud(b, 0))), 1, Math.max(ud(a, 1), ud(b, 1)));
    }
    public static long pminsd(long a, long b) {
        return putD(putD(0, 0, Math.min(sd(a, 0), sd(b, 0))), 1, Math.min(sd(a, 1), sd(b, 1)));
    }
    public static long pmaxsd(long a, long b) {
        return putD(putD(0, 0, Math.max(sd(a, 0), sd(b, 0))), 1, Math.max(sd(a, 1), sd(b, 1)));
    }

    // ---- compares -------------------------------------------------------------------------------------------
    public static long pcmpeqb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, ub(a, i) == ub(b, i) ? -1 : 0);
        return r;
    }
    public static long pcmpeqw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, uw(a, i) == uw(b, i) ? -1 : 0);
        return r;
    }
    public static long pcmpeqd(long a, long b) {
        return putD(putD(0, 0, sd(a, 0) == sd(b, 0) ? -1 : 0), 1, sd(a, 1) == sd(b, 1) ? -1 : 0);
    }
    public static long pcmpeqq(long a, long b) {
        return a == b ? -1L : 0;
    }
    public static long pcmpgtb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, sb(a, i) > sb(b, i) ? -1 : 0);
        return r;
    }
    public static long pcmpgtw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, sw(a, i) > sw(b, i) ? -1 : 0);
        return r;
    }
    public static long pcmpgtd(long a, long b) {
        return putD(putD(0, 0, sd(a, 0) > sd(b, 0) ? -1 : 0), 1, sd(a, 1) > sd(b, 1) ? -1 : 0);
    }
    /** PCMPGTQ (SSE4.2). */
    public static long pcmpgtq(long a, long b) {
        return a > b ? -1L : 0;
    }

    // ---- sum of absolute differences, sign, abs ---------------------------------------------------------------
    /** PSADBW: the sum of the eight absolute byte differences, in the low word of the 64-bit result. */
    public static long psadbw(long a, long b) {
        int s = 0;
        for (int i = 0; i < 8; i++) s += Math.abs(ub(a, i) - ub(b, i));
        return s;
    }
    /** PSIGNB (SSSE3): negate, keep or zero each byte of {@code a} by the sign of {@code b}'s byte. */
    public static long psignb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Integer.signum(sb(b, i)) * sb(a, i));
        return r;
    }
    public static long psignw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Integer.signum(sw(b, i)) * sw(a, i));
        return r;
    }
    public static long psignd(long a, long b) {
        return putD(putD(0, 0, (long) Integer.signum(sd(b, 0)) * sd(a, 0)), 1,
                (long) Integer.signum(sd(b, 1)) * sd(a, 1));
    }
    /** PABSB (SSSE3): absolute value of each signed byte of {@code b} (0x80 stays 0x80). */
    public static long pabsb(long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = putB(r, i, Math.abs(sb(b, i)));
        return r;
    }
    public static long pabsw(long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, Math.abs(sw(b, i)));
        return r;
    }
    public static long pabsd(long b) {
        return putD(putD(0, 0, Math.abs((long) sd(b, 0))), 1, Math.abs((long) sd(b, 1)));
    }

    // ---- logical (also ANDPS/ANDNPS/ORPS/XORPS and the PD forms) -------------------------------------------------
    public static long pand(long a, long b) { return a & b; }
    /** PANDN: {@code NOT a AND b}. */
    public static long pandn(long a, long b) { return ~a & b; }
    public static long por(long a, long b) { return a | b; }
    public static long pxor(long a, long b) { return a ^ b; }

    // ---- shifts (SDM Vol. 2 PSLLW/PSRLW/PSRAW ...): the count is the full 64-bit value of the source ---------------
    public static long psllw(long a, long count) {
        if (Long.compareUnsigned(count, 15) > 0) return 0;
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, uw(a, i) << count);
        return r;
    }
    public static long psrlw(long a, long count) {
        if (Long.compareUnsigned(count, 15) > 0) return 0;
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, uw(a, i) >>> count);
        return r;
    }
    public static long psraw(long a, long count) {
        int c = Long.compareUnsigned(count, 15) > 0 ? 15 : (int) count;
        long r = 0;
        for (int i = 0; i < 4; i++) r = putW(r, i, sw(a, i) >> c);
        return r;
    }
    public static long pslld(long a, long count) {
        if (Long.compareUnsigned(count, 31) > 0) return 0;
        return putD(putD(0, 0, ud(a, 0) << count), 1, ud(a, 1) << count);
    }
    public static long psrld(long a, long count) {
        if (Long.compareUnsigned(count, 31) > 0) return 0;
        return putD(putD(0, 0, ud(a, 0) >>> count), 1, ud(a, 1) >>> count);
    }
    public static long psrad(long a, long count) {
        int c = Long.compareUnsigned(count, 31) > 0 ? 31 : (int) count;
        return putD(putD(0, 0, sd(a, 0) >> c), 1, sd(a, 1) >> c);
    }
    public static long psllq(long a, long count) {
        return Long.compareUnsigned(count, 63) > 0 ? 0 : a << count;
    }
    public static long psrlq(long a, long count) {
        return Long.compareUnsigned(count, 63) > 0 ? 0 : a >>> count;
    }
}
