package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.Mxcsr.PE;

/**
 * Fast paths for the common case of {@link FpCore} arithmetic: round-to-nearest, operands normal or zero, result
 * normal or an exact zero. There Java's own IEEE operations give the right value, and the inexact flag comes from
 * an exact error term (TwoSum, an FMA residual, or an exact double product of two singles). {@link FpCore} tests
 * the operands with {@code plain32/64}, computes, and falls back to its exact path when {@code ok32/64} rejects the
 * result (overflow, tiny results, and error terms that could themselves underflow).
 */
final class FpFast {
    private FpFast() {}

    /** Operand is a normal number or a zero (not denormal, infinite or NaN). */
    static boolean plain64(long x) {
        long e = (x >>> 52) & 0x7FF;
        return (e != 0 && e != 0x7FF) || (x & Long.MAX_VALUE) == 0;
    }

    static boolean plain32(long x) {
        long e = (x >>> 23) & 0xFF;
        return (e != 0 && e != 0xFF) || (x & 0x7FFFFFFFL) == 0;
    }

    /**
     * Result is finite and either zero or strictly above the smallest normal: a result equal to it may come from an
     * exact value below it that x86 calls tiny (tininess is detected after rounding to full precision with an
     * unbounded exponent, Java rounds at denormal precision there), so it takes the exact path.
     */
    static boolean ok64(double r) {
        double m = Math.abs(r);
        return m == 0 || (m > Double.MIN_NORMAL && m <= Double.MAX_VALUE);
    }

    static boolean ok32(float r) {
        float m = Math.abs(r);
        return m == 0 || (m > Float.MIN_NORMAL && m <= Float.MAX_VALUE);
    }

    static double d(long x) {
        return Double.longBitsToDouble(x);
    }

    static float s(long x) {
        return Float.intBitsToFloat((int) x);
    }

    static long bits(double r) {
        return Double.doubleToRawLongBits(r);
    }

    static long bits(float r) {
        return Float.floatToRawIntBits(r) & 0xFFFFFFFFL;
    }

    /** Knuth's TwoSum error of {@code s = x + y} (exact absent overflow). */
    static double twoSumErr(double x, double y, double s) {
        double bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    static float twoSumErr(float x, float y, float s) {
        float bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    static void inexact(SimdFpEnv env, boolean inexact) {
        if (inexact) {
            env.post |= PE;
        }
    }
}
