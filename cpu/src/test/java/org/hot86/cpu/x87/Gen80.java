package org.hot86.cpu.x87;

import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Edge-favouring draws of x87 operands from a QuickTheories randomness source (so that
 * failures shrink): zeros, denormals, pseudo-denormals, infinities, NaNs with payloads,
 * unsupported encodings, values next to rounding, overflow, underflow and integer
 * boundaries, and random control words.
 */
final class Gen80 {
    private Gen80() { }

    static final long J = F80.J;

    static long r(RandomnessSource in, long lo, long hi) {
        return in.next(Constraint.between(lo, hi));
    }

    static long bits(RandomnessSource in) {
        return in.next(Constraint.none());
    }

    static boolean chance(RandomnessSource in, int percent) {
        return r(in, 0, 99) < percent;
    }

    /** A random control word: mostly all-masked, random PC and RC. */
    static int cw(RandomnessSource in) {
        int masks = chance(in, 75) ? 0x3f : (int) r(in, 0, 63);
        int pc = chance(in, 50) ? 3 : (int) r(in, 0, 3);
        int rc = (int) r(in, 0, 3);
        return masks | (pc << 8) | (rc << 10) | 0x40;
    }

    /** Significand with a random pattern near rounding points. */
    static long sig(RandomnessSource in) {
        long m = bits(in) | J;
        switch ((int) r(in, 0, 7)) {
            case 0: {
                int p = (int) new int[] {40, 11, 0, 41, 12}[(int) r(in, 0, 4)];
                long below = p == 0 ? 0 : (1L << p) - 1;
                int variant = (int) r(in, 0, 3);
                long half = p == 0 ? 0 : 1L << (p - 1);
                long tail = variant == 0 ? half : variant == 1 ? half - 1 : variant == 2 ? half + 1 : 0;
                m = (m & ~below) | (tail & below);
                break;
            }
            case 1: m = J | ((1L << r(in, 0, 63)) - 1); break;
            case 2: m = J | (bits(in) << r(in, 1, 63)); break;
            case 3: m = -1L << r(in, 0, 63); break;
            default: break;
        }
        return m;
    }

    /** An 80-bit value as {se, m} packed into a long[2]. */
    static long[] value(RandomnessSource in) {
        int sign = chance(in, 50) ? 0x8000 : 0;
        int kind = (int) r(in, 0, 24);
        int e;
        long m;
        switch (kind) {
            case 0: e = 0; m = 0; break;
            case 1: e = 0x7fff; m = J; break;
            case 2: e = 0x7fff; m = J | F80.QUIET | (chance(in, 50) ? 0 : bits(in) >>> 2); break;
            case 3: e = 0x7fff; m = J | Math.max(1, bits(in) >>> 2); break;
            case 4: e = 0; m = (bits(in) >>> 1) >>> r(in, 0, 62); if (m == 0) m = 1; break;
            case 5: e = 0; m = J | bits(in); break;
            case 6: {
                e = chance(in, 50) ? 0x7fff : (int) r(in, 1, 0x7ffe);
                m = (bits(in) >>> 1) >>> r(in, 0, 2);
                break;
            }
            case 7: e = 0x7fff - (int) r(in, 1, 80); m = sig(in); break;
            case 8: e = (int) r(in, 1, 80); m = sig(in); break;
            case 9: case 10: e = F80.BIAS - 3 + (int) r(in, 0, 70); m = sig(in); break;
            case 11: e = 0x7fff; m = F80.INDEF_M; sign = 0x8000; break;
            case 12: case 13: case 14: e = F80.BIAS - 64 + (int) r(in, 0, 128); m = sig(in); break;
            default: e = (int) r(in, 1, 0x7ffe); m = sig(in); break;
        }
        return new long[] {sign | e, m};
    }

    /** A normal (finite nonzero, supported) value with exponent in [lo, hi]. */
    static long[] normal(RandomnessSource in, int lo, int hi) {
        int sign = chance(in, 50) ? 0x8000 : 0;
        return new long[] {sign | (int) r(in, lo, hi), sig(in)};
    }

    /** A second operand related to {@code a} (close exponent, similar significand) or random. */
    static long[] related(RandomnessSource in, long[] a) {
        if (chance(in, 60) || (a[0] & 0x7fff) == 0 || (a[0] & 0x7fff) == 0x7fff) {
            return value(in);
        }
        int e = (int) Math.max(1, Math.min(0x7ffe, (a[0] & 0x7fff) + r(in, -66, 66)));
        long m = chance(in, 50) ? a[1] ^ (bits(in) >>> r(in, 1, 63)) : sig(in);
        m |= J;
        int sign = chance(in, 50) ? 0x8000 : 0;
        return new long[] {sign | e, m};
    }

    static byte[] randomMem(RandomnessSource in) {
        byte[] b = new byte[16];
        long x = bits(in), y = bits(in);
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (x >>> (8 * i));
            b[8 + i] = (byte) (y >>> (8 * i));
        }
        return b;
    }

    static byte[] memOf(long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (lo >>> (8 * i));
        }
        return b;
    }

    /** Binary32 edge values. */
    static long f32(RandomnessSource in) {
        long s = chance(in, 50) ? 0x80000000L : 0;
        switch ((int) r(in, 0, 7)) {
            case 0: return s;
            case 1: return s | 0x7f800000L;
            case 2: return s | 0x7f800000L | r(in, 1, 0x7fffff);
            case 3: return s | r(in, 1, 0x7fffff);
            default: return s | (r(in, 1, 254) << 23) | r(in, 0, 0x7fffff);
        }
    }

    /** Binary64 edge values. */
    static long f64(RandomnessSource in) {
        long s = chance(in, 50) ? Long.MIN_VALUE : 0;
        switch ((int) r(in, 0, 7)) {
            case 0: return s;
            case 1: return s | 0x7ff0000000000000L;
            case 2: return s | 0x7ff0000000000000L | r(in, 1, (1L << 52) - 1);
            case 3: return s | r(in, 1, (1L << 52) - 1);
            default: return s | (r(in, 1, 2046) << 52) | r(in, 0, (1L << 52) - 1);
        }
    }

    /** Integers favouring boundaries. */
    static long integer(RandomnessSource in, int bits) {
        long min = Long.MIN_VALUE >> (64 - bits);
        long max = ~min;
        switch ((int) r(in, 0, 5)) {
            case 0: return min + r(in, 0, 3);
            case 1: return max - r(in, 0, 3);
            case 2: return r(in, -3, 3);
            default: return r(in, min, max);
        }
    }

    /** Packed BCD, mostly valid digits. */
    static byte[] bcd(RandomnessSource in) {
        byte[] b = new byte[16];
        int digits = (int) r(in, 0, 18);
        for (int i = 0; i < 9; i++) {
            int lo = 2 * i < digits ? (int) r(in, 0, 9) : 0;
            int hi = 2 * i + 1 < digits ? (int) r(in, 0, 9) : 0;
            b[i] = (byte) ((hi << 4) | lo);
        }
        b[9] = (byte) (chance(in, 50) ? 0x80 : 0);
        return b;
    }
}
