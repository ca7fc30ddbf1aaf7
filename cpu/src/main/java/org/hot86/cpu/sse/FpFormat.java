package org.hot86.cpu.sse;

/**
 * IEEE 754 binary interchange formats used by SSE, with values carried as raw bits in a {@code long}
 * (binary32 in the low 32 bits).
 *
 * <pre>
 *  binary32:  31 | 30      23 | 22              0      binary64:  63 | 62      52 | 51              0
 *            +---+----------+------------------+                 +---+----------+------------------+
 *            | S | exponent |     fraction     |                 | S | exponent |     fraction     |
 *            +---+----------+------------------+                 +---+----------+------------------+
 * </pre>
 */
enum FpFormat {
    F32(23, 8),
    F64(52, 11);

    /** Fraction (trailing significand) bits. */
    final int frac;
    final int expMax;
    final int bias;
    final long fracMask;
    final long signBit;
    final long quietBit;
    final long infBits;
    /** The x86 default NaN ("QNaN floating-point indefinite"): negative, quiet, zero payload. */
    final long defaultNaN;
    final long maxFinite;
    final long allBits;

    FpFormat(int frac, int expBits) {
        this.frac = frac;
        this.expMax = (1 << expBits) - 1;
        this.bias = (1 << (expBits - 1)) - 1;
        this.fracMask = (1L << frac) - 1;
        this.signBit = 1L << (frac + expBits);
        this.quietBit = 1L << (frac - 1);
        this.infBits = (long) expMax << frac;
        this.defaultNaN = signBit | infBits | quietBit;
        this.maxFinite = infBits - 1;
        this.allBits = (signBit << 1) - 1;
    }
}
