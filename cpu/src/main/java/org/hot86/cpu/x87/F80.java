package org.hot86.cpu.x87;

/**
 * Encoding facts of the x87 double-extended format (SDM Vol. 1, 4.2.2 and 8.2.2).
 *
 * <pre>
 *   79  78          64 63 62                         0
 *  [ S ][ exponent(15) ][ J ][      fraction (63)     ]
 *   se = bits 79..64 as an int      m = bits 63..0 as a long (J = integer bit)
 * </pre>
 * Unsupported encodings (pseudo-NaN, pseudo-infinity, unnormal: J clear with a nonzero
 * exponent) are invalid operands on the 387 and later; pseudo-denormals (exponent 0, J set)
 * are accepted as denormal operands.
 */
public final class F80 {
    private F80() { }

    public static final int BIAS = 16383;
    public static final int EXP_MAX = 0x7fff;
    public static final long J = 0x8000000000000000L;
    public static final long QUIET = 0x4000000000000000L;
    /** Real indefinite (the default QNaN). */
    public static final int INDEF_SE = 0xffff;
    public static final long INDEF_M = 0xC000000000000000L;

    /** Operand classes. */
    public static final int ZERO = 0, NORMAL = 1, DENORMAL = 2, INF = 3, QNAN = 4, SNAN = 5, UNSUPPORTED = 6;

    /** Classifies an 80-bit value into one of the class constants. */
    public static int classify(int se, long m) {
        int e = se & EXP_MAX;
        if (e == 0) {
            return m == 0 ? ZERO : DENORMAL;
        }
        if (m >= 0) {
            return UNSUPPORTED;
        }
        if (e == EXP_MAX) {
            if ((m << 1) == 0) {
                return INF;
            }
            return (m & QUIET) != 0 ? QNAN : SNAN;
        }
        return NORMAL;
    }

    public static boolean isNaN(int se, long m) {
        return (se & EXP_MAX) == EXP_MAX && m < 0 && (m << 1) != 0;
    }

    public static boolean isSNaN(int se, long m) {
        return isNaN(se, m) && (m & QUIET) == 0;
    }

    /** Exact conversion of a signed 64-bit integer. Returns se; significand via {@link #intSig}. */
    public static int intSe(long v) {
        if (v == 0) {
            return 0;
        }
        long a = v < 0 ? -v : v; // -2^63 stays 0x8000.. which is right as unsigned
        int lz = Long.numberOfLeadingZeros(a);
        return (v < 0 ? 0x8000 : 0) | (BIAS + 63 - lz);
    }

    /** Significand of {@link #intSe}. */
    public static long intSig(long v) {
        if (v == 0) {
            return 0;
        }
        long a = v < 0 ? -v : v;
        return a << Long.numberOfLeadingZeros(a);
    }

    /** Formats a value as {@code sSSSS:MMMMMMMMMMMMMMMM} hex for diagnostics. */
    public static String hex(int se, long m) {
        return String.format("%04x:%016x", se & 0xffff, m);
    }

    /** Approximate value as a double (diagnostics, tests only). */
    public static double toDouble(int se, long m) {
        int e = se & EXP_MAX;
        double s = (se & 0x8000) != 0 ? -1 : 1;
        if (e == EXP_MAX) {
            return (m << 1) == 0 ? s * Double.POSITIVE_INFINITY : Double.NaN;
        }
        double mant = (double) (m >>> 11) * 0x1p-52;
        return s * Math.scalb(mant, (e == 0 ? 1 : e) - BIAS);
    }
}
