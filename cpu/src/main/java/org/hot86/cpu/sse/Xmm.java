package org.hot86.cpu.sse;

/**
 * View of the XMM register file as the CPU state stores it: a {@code long[]} where register {@code i} is the pair
 * {@code regs[2i]} (bits 63:0) and {@code regs[2i + 1]} (bits 127:64). Integer SIMD instructions whose result mixes
 * the two halves write their destination through this view; element-wise instructions are plain functions on one
 * 64-bit half (and serve the MMX register forms unchanged).
 */
public final class Xmm {
    private Xmm() {}

    public static long lo(long[] regs, int i) {
        return regs[2 * i];
    }

    public static long hi(long[] regs, int i) {
        return regs[2 * i + 1];
    }

    public static void set(long[] regs, int i, long lo, long hi) {
        regs[2 * i] = lo;
        regs[2 * i + 1] = hi;
    }

    /** Byte {@code n} (0-15) of the 128-bit value {@code (lo, hi)}, zero-extended. */
    static int byteAt(long lo, long hi, int n) {
        return (int) ((n < 8 ? lo >>> (8 * n) : hi >>> (8 * (n - 8))) & 0xFF);
    }

    /** Word {@code n} (0-7), zero-extended. */
    static int wordAt(long lo, long hi, int n) {
        return (int) ((n < 4 ? lo >>> (16 * n) : hi >>> (16 * (n - 4))) & 0xFFFF);
    }

    /** Dword {@code n} (0-3). */
    static int dwordAt(long lo, long hi, int n) {
        return (int) (n < 2 ? lo >>> (32 * n) : hi >>> (32 * (n - 2)));
    }
}
