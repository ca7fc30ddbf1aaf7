package org.hot86.cpu;

/**
 * RFLAGS bit positions (Intel SDM Vol. 1, 3.4.3, Figure 3-8) and operand-size helpers
 * shared by all semantics.
 */
public final class Flags {
    private Flags() {
    }

    public static final long CF = 1L, PF = 1L << 2, AF = 1L << 4, ZF = 1L << 6, SF = 1L << 7, TF = 1L << 8,
            IF = 1L << 9, DF = 1L << 10, OF = 1L << 11, IOPL = 3L << 12, NT = 1L << 14, RF = 1L << 16,
            VM = 1L << 17, AC = 1L << 18, VIF = 1L << 19, VIP = 1L << 20, ID = 1L << 21;

    /** The six status flags that arithmetic computes (the lazily evaluated ones). */
    public static final long STATUS = CF | PF | AF | ZF | SF | OF;

    /** Bit 1 of RFLAGS always reads as 1. */
    public static final long FIXED1 = 1L << 1;

    /** All-ones mask for an operand size in bits (8, 16, 32 or 64). */
    public static long mask(int size) {
        return size == 64 ? -1L : (1L << size) - 1;
    }

    /** The sign bit of an operand size. */
    public static long signBit(int size) {
        return 1L << (size - 1);
    }

    /** Sign-extends the low {@code size} bits of {@code v} to 64 bits. */
    public static long sext(long v, int size) {
        int sh = 64 - size;
        return (v << sh) >> sh;
    }

    /** PF: set when the low byte of the result has an even number of one bits. */
    public static long parity(long result) {
        return (Integer.bitCount((int) result & 0xFF) & 1) == 0 ? PF : 0;
    }

    /** ZF, SF and PF of a (masked) result. */
    public static long zsp(long result, int size) {
        long f = parity(result);
        if ((result & mask(size)) == 0) {
            f |= ZF;
        }
        if ((result & signBit(size)) != 0) {
            f |= SF;
        }
        return f;
    }
}
