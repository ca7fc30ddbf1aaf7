package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.FpFormat.F32;

/**
 * RCPPS/RCPSS and RSQRTPS/RSQRTSS (SDM Vol. 2): approximations with relative error at most {@code 1.5 * 2^-12}.
 * The SDM leaves the exact values to the implementation, and Intel and AMD tables differ; hot86 returns the exact
 * reciprocal (square root) rounded to nearest at 12 significant bits, which is within the bound, deterministic and
 * identical on every host. Special operands follow the SDM and agree bit-for-bit with the host: a zero or denormal
 * source gives an infinity of its sign, an infinity gives a zero, a NaN is returned quieted, RSQRT of a negative
 * number gives the default NaN. Tiny results are flushed to zero. No MXCSR flags are ever set and DAZ/FTZ are not
 * consulted.
 *
 * <p>Element-wise on 64-bit halves (two singles per half).
 */
public final class FpApprox {
    private FpApprox() {}

    /** Rounds a positive finite double to 12 significant bits and packs it as a binary32 (tiny results: 0). */
    private static long round12(double v) {
        long bits = Double.doubleToRawLongBits(v);
        long rounded = (bits + (1L << 40)) & ~((1L << 41) - 1); // nearest (ties away) on the double value
        double r = Double.longBitsToDouble(rounded);
        if (r < 0x1p-126) {
            return 0;
        }
        return Float.floatToRawIntBits((float) r) & 0xFFFFFFFFL;
    }

    static long rcp(long x) {
        long sign = x & F32.signBit;
        if (FpCore.isNaN(F32, x)) {
            return x | F32.quietBit;
        }
        if (FpCore.isZero(F32, x) || FpCore.isDenormal(F32, x)) {
            return sign | F32.infBits;
        }
        if (FpCore.isInf(F32, x)) {
            return sign;
        }
        double v = Math.abs((double) Float.intBitsToFloat((int) x));
        return sign | round12(1.0 / v);
    }

    static long rsqrt(long x) {
        long sign = x & F32.signBit;
        if (FpCore.isNaN(F32, x)) {
            return x | F32.quietBit;
        }
        if (FpCore.isZero(F32, x) || FpCore.isDenormal(F32, x)) {
            return sign | F32.infBits;
        }
        if (sign != 0) {
            return F32.defaultNaN;
        }
        if (FpCore.isInf(F32, x)) {
            return 0;
        }
        double v = Float.intBitsToFloat((int) x);
        return round12(1.0 / Math.sqrt(v));
    }

    /** RCPPS on one 64-bit half. */
    public static long rcpps(long b) {
        return rcp(b & 0xFFFFFFFFL) | rcp(b >>> 32) << 32;
    }

    /** RCPSS: low element from {@code b}, the rest of {@code aLo} kept. */
    public static long rcpss(long aLo, long b) {
        return (aLo & 0xFFFFFFFF00000000L) | rcp(b & 0xFFFFFFFFL);
    }

    /** RSQRTPS on one 64-bit half. */
    public static long rsqrtps(long b) {
        return rsqrt(b & 0xFFFFFFFFL) | rsqrt(b >>> 32) << 32;
    }

    /** RSQRTSS. */
    public static long rsqrtss(long aLo, long b) {
        return (aLo & 0xFFFFFFFF00000000L) | rsqrt(b & 0xFFFFFFFFL);
    }
}
