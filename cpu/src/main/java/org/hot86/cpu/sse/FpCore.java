package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.Mxcsr.DE;
import static org.hot86.cpu.sse.Mxcsr.IE;
import static org.hot86.cpu.sse.Mxcsr.OE;
import static org.hot86.cpu.sse.Mxcsr.PE;
import static org.hot86.cpu.sse.Mxcsr.RC_DOWN;
import static org.hot86.cpu.sse.Mxcsr.RC_NEAREST;
import static org.hot86.cpu.sse.Mxcsr.RC_UP;
import static org.hot86.cpu.sse.Mxcsr.UE;

/**
 * Exact IEEE 754 arithmetic on binary32/binary64 bit patterns under MXCSR control, element by element
 * (SDM Vol. 1, chapter 4.8-4.9 and 11.5). Every result is computed exactly (integer significand arithmetic, or a
 * Java round-to-nearest result plus an exact FMA residual) and then rounded once by {@link #roundPack}; nothing is
 * approximated.
 *
 * <p>Exact intermediate values are "normalised significands": a {@code long} {@code sig} with bit 62 set and a
 * sticky bit or-ed into bit 0, meaning {@code sig * 2^(e - 62)} for an unbiased exponent {@code e}.
 *
 * <p>Flags go to {@link SimdFpEnv#pre} (IE, DE, ZE) and {@link SimdFpEnv#post} (OE, UE, PE).
 */
final class FpCore {
    private FpCore() {}

    // ---- classification ---------------------------------------------------------------------------------------

    static boolean isNaN(FpFormat f, long x) {
        return (x & ~f.signBit & f.allBits) > f.infBits;
    }

    static boolean isSNaN(FpFormat f, long x) {
        return isNaN(f, x) && (x & f.quietBit) == 0;
    }

    static boolean isInf(FpFormat f, long x) {
        return (x & ~f.signBit & f.allBits) == f.infBits;
    }

    static boolean isZero(FpFormat f, long x) {
        return (x & ~f.signBit & f.allBits) == 0;
    }

    static boolean isDenormal(FpFormat f, long x) {
        long m = x & ~f.signBit & f.allBits;
        return m != 0 && m <= f.fracMask;
    }

    static boolean isNeg(FpFormat f, long x) {
        return (x & f.signBit) != 0;
    }

    /**
     * Input side of DAZ (SDM Vol. 1, 10.2.3.4): a denormal source is replaced by a zero of the same sign when
     * MXCSR.DAZ is set; otherwise it raises DE. Call only once NaN operands have been ruled out.
     */
    static long daz(FpFormat f, long x, SimdFpEnv env) {
        if (isDenormal(f, x)) {
            if (env.daz) {
                return x & f.signBit;
            }
            env.pre |= DE;
        }
        return x;
    }

    /** Like {@link #daz} but never raises DE (conversions and rounding, which have no denormal exception). */
    static long dazQuiet(FpFormat f, long x, SimdFpEnv env) {
        return env.daz && isDenormal(f, x) ? x & f.signBit : x;
    }

    /**
     * NaN operands of a two-source arithmetic operation (SDM Vol. 1, table 4-7, SSE column): any SNaN raises IE;
     * the result is the first source if it is a NaN, else the second, quieted.
     */
    static long propagateNaN(FpFormat f, long a, long b, SimdFpEnv env) {
        if (isSNaN(f, a) || isSNaN(f, b)) {
            env.pre |= IE;
        }
        return (isNaN(f, a) ? a : b) | f.quietBit;
    }

    static long quietNaN(FpFormat f, long a, SimdFpEnv env) {
        if (isSNaN(f, a)) {
            env.pre |= IE;
        }
        return a | f.quietBit;
    }

    static long invalid(FpFormat f, SimdFpEnv env) {
        env.pre |= IE;
        return f.defaultNaN;
    }

    // ---- unpacking and rounding -------------------------------------------------------------------------------

    /** Normalised significand of a finite non-zero value; its exponent goes to {@code env.exp}. */
    static long unpack(FpFormat f, long x, SimdFpEnv env) {
        int ef = (int) ((x & ~f.signBit & f.allBits) >>> f.frac);
        long m = x & f.fracMask;
        int e;
        if (ef == 0) {
            e = 1 - f.bias;
        } else {
            m |= 1L << f.frac;
            e = ef - f.bias;
        }
        int lz = Long.numberOfLeadingZeros(m) - 1;
        env.exp = e - f.frac - lz + 62;
        return m << lz;
    }

    static long shiftRightJam(long sig, int d) {
        if (d <= 0) {
            return sig;
        }
        if (d >= 63) {
            return sig != 0 ? 1 : 0;
        }
        return (sig >>> d) | ((sig & ((1L << d) - 1)) != 0 ? 1 : 0);
    }

    /** {@code sig >>> sh} rounded by {@code rc} for a value of sign {@code neg}; {@code 1 <= sh <= 63}. */
    static long roundShift(long sig, int sh, int rc, boolean neg) {
        long keep = sig >>> sh;
        long rem = sig & ((1L << sh) - 1);
        if (rem == 0) {
            return keep;
        }
        switch (rc) {
            case RC_NEAREST: {
                long half = 1L << (sh - 1);
                return rem > half || (rem == half && (keep & 1) != 0) ? keep + 1 : keep;
            }
            case RC_DOWN:
                return neg ? keep + 1 : keep;
            case RC_UP:
                return neg ? keep : keep + 1;
            default:
                return keep;
        }
    }

    /**
     * Rounds the exact value {@code (-1)^neg * sig * 2^(e-62)} to format {@code f} under the environment's rounding
     * control, FTZ and masks, raising OE, UE and PE. Tininess is detected after rounding, as x86 does
     * (SDM Vol. 1, 4.9.1.5). {@code sig} is normalised (bit 62 set) or zero.
     */
    static long roundPack(FpFormat f, boolean neg, int e, long sig, SimdFpEnv env) {
        long sign = neg ? f.signBit : 0;
        if (sig == 0) {
            return sign;
        }
        int emin = 1 - f.bias;
        int sh = 62 - f.frac;
        int rc = env.rc;
        if (e < emin) {
            long r = roundShift(sig, sh, rc, neg);
            boolean tiny = !(e == emin - 1 && r == (1L << (f.frac + 1)));
            long s2 = shiftRightJam(sig, emin - e);
            long q = roundShift(s2, sh, rc, neg);
            boolean inexact = (s2 & ((1L << sh) - 1)) != 0;
            if (tiny) {
                if ((env.unmasked & UE) != 0) {
                    // Unmasked underflow: UE, plus PE when the result is inexact at full precision with an
                    // unbounded exponent (the value the SDM's handler would see scaled); host-verified.
                    env.post |= (sig & ((1L << sh) - 1)) != 0 ? UE | PE : UE;
                    return sign | q;
                }
                if (env.ftz) {
                    env.post |= UE | PE;
                    return sign;
                }
                if (inexact) {
                    env.post |= UE | PE;
                }
            } else if (inexact) {
                env.post |= PE;
            }
            return sign | q;
        }
        long r = roundShift(sig, sh, rc, neg);
        boolean inexact = (sig & ((1L << sh) - 1)) != 0;
        if (r == (1L << (f.frac + 1))) {
            r >>>= 1;
            e++;
        }
        if (e > f.bias) {
            // Masked: the result is an infinity or the largest finite number, always inexact. Unmasked: PE
            // only when the unbounded-exponent result is inexact (host-verified).
            env.post |= (env.unmasked & OE) == 0 || inexact ? OE | PE : OE;
            boolean toInf = rc == RC_NEAREST || (rc == RC_DOWN && neg) || (rc == RC_UP && !neg);
            return sign | (toInf ? f.infBits : f.maxFinite);
        }
        if (inexact) {
            env.post |= PE;
        }
        return sign | ((long) (e + f.bias) << f.frac) | (r & f.fracMask);
    }

    // ---- arithmetic -------------------------------------------------------------------------------------------

    /** ADDSS/ADDSD element (SDM Vol. 2, ADDPS); also SUB with {@code b}'s sign flipped by the caller after NaN checks. */
    static long add(FpFormat f, long a, long b, SimdFpEnv env) {
        if (env.rc == RC_NEAREST) {
            if (f == FpFormat.F64) {
                if (FpFast.plain64(a) && FpFast.plain64(b)) {
                    double x = FpFast.d(a);
                    double y = FpFast.d(b);
                    double r = x + y;
                    if (FpFast.ok64(r)) {
                        FpFast.inexact(env, FpFast.twoSumErr(x, y, r) != 0);
                        return FpFast.bits(r);
                    }
                }
            } else if (FpFast.plain32(a) && FpFast.plain32(b)) {
                float x = FpFast.s(a);
                float y = FpFast.s(b);
                float r = x + y;
                if (FpFast.ok32(r)) {
                    FpFast.inexact(env, FpFast.twoSumErr(x, y, r) != 0);
                    return FpFast.bits(r);
                }
            }
        }
        if (isNaN(f, a) || isNaN(f, b)) {
            return propagateNaN(f, a, b, env);
        }
        return addCore(f, a, b, env);
    }

    static long sub(FpFormat f, long a, long b, SimdFpEnv env) {
        if (isNaN(f, a) || isNaN(f, b)) {
            return propagateNaN(f, a, b, env);
        }
        return add(f, a, b ^ f.signBit, env);
    }

    private static long addCore(FpFormat f, long a, long b, SimdFpEnv env) {
        boolean aInf = isInf(f, a);
        boolean bInf = isInf(f, b);
        if (aInf || bInf) {
            if (aInf && bInf && isNeg(f, a) != isNeg(f, b)) {
                return invalid(f, env);
            }
            daz(f, a, env);
            daz(f, b, env);
            return aInf ? a : b;
        }
        a = daz(f, a, env);
        b = daz(f, b, env);
        boolean na = isNeg(f, a);
        boolean nb = isNeg(f, b);
        boolean az = isZero(f, a);
        boolean bz = isZero(f, b);
        if (az && bz) {
            return na == nb ? a : (env.rc == RC_DOWN ? f.signBit : 0);
        }
        if (az) {
            long s = unpack(f, b, env);
            return roundPack(f, nb, env.exp, s, env);
        }
        if (bz) {
            long s = unpack(f, a, env);
            return roundPack(f, na, env.exp, s, env);
        }
        long sa = unpack(f, a, env) >>> 1;
        int ea = env.exp;
        long sb = unpack(f, b, env) >>> 1;
        int eb = env.exp;
        if (ea < eb || (ea == eb && sa < sb)) {
            long t = sa; sa = sb; sb = t;
            int u = ea; ea = eb; eb = u;
            boolean v = na; na = nb; nb = v;
        }
        sb = shiftRightJam(sb, ea - eb);
        long s = na == nb ? sa + sb : sa - sb;
        if (s == 0) {
            return env.rc == RC_DOWN ? f.signBit : 0;
        }
        int lz = Long.numberOfLeadingZeros(s) - 1;
        return roundPack(f, na, ea + 1 - lz, s << lz, env);
    }

    /** MULSS/MULSD element. */
    static long mul(FpFormat f, long a, long b, SimdFpEnv env) {
        if (env.rc == RC_NEAREST) {
            if (f == FpFormat.F64) {
                if (FpFast.plain64(a) && FpFast.plain64(b)) {
                    double x = FpFast.d(a);
                    double y = FpFast.d(b);
                    double r = x * y;
                    // the FMA error term is exact unless it could fall below the denormal range
                    if ((x == 0 || y == 0) || (FpFast.ok64(r) && Math.abs(r) >= 0x1p-960)) {
                        FpFast.inexact(env, Math.fma(x, y, -r) != 0);
                        return FpFast.bits(r);
                    }
                }
            } else if (FpFast.plain32(a) && FpFast.plain32(b)) {
                double p = (double) FpFast.s(a) * FpFast.s(b); // exact: 24 x 24 bits
                float r = (float) p;
                if (p == 0 || (FpFast.ok32(r) && r != 0)) {
                    FpFast.inexact(env, r != p);
                    return FpFast.bits(r);
                }
            }
        }
        if (isNaN(f, a) || isNaN(f, b)) {
            return propagateNaN(f, a, b, env);
        }
        boolean neg = isNeg(f, a) != isNeg(f, b);
        long sign = neg ? f.signBit : 0;
        boolean aInf = isInf(f, a);
        boolean bInf = isInf(f, b);
        if (aInf || bInf) {
            long o = aInf ? b : a;
            if (isZero(f, o)) {
                return invalid(f, env);
            }
            if (isDenormal(f, o)) {
                if (env.daz) {
                    return invalid(f, env);
                }
                env.pre |= DE;
            }
            return sign | f.infBits;
        }
        a = daz(f, a, env);
        b = daz(f, b, env);
        if (isZero(f, a) || isZero(f, b)) {
            return sign;
        }
        long ma = unpack(f, a, env) >>> 10;
        int ea = env.exp;
        long mb = unpack(f, b, env) >>> 10;
        int eb = env.exp;
        long hi = Math.multiplyHigh(ma, mb);
        long lo = ma * mb;
        long sig;
        int e;
        if ((hi & (1L << 41)) != 0) {
            sig = (hi << 21) | (lo >>> 43) | ((lo & ((1L << 43) - 1)) != 0 ? 1 : 0);
            e = ea + eb + 1;
        } else {
            sig = (hi << 22) | (lo >>> 42) | ((lo & ((1L << 42) - 1)) != 0 ? 1 : 0);
            e = ea + eb;
        }
        return roundPack(f, neg, e, sig, env);
    }

    /** DIVSS/DIVSD element. */
    static long div(FpFormat f, long a, long b, SimdFpEnv env) {
        if (env.rc == RC_NEAREST) {
            if (f == FpFormat.F64) {
                if (FpFast.plain64(a) && FpFast.plain64(b) && (b & Long.MAX_VALUE) != 0) {
                    double x = FpFast.d(a);
                    double y = FpFast.d(b);
                    double q = x / y;
                    if (x == 0 || (FpFast.ok64(q) && q != 0 && Math.abs(x) >= 0x1p-960)) {
                        FpFast.inexact(env, Math.fma(-q, y, x) != 0);
                        return FpFast.bits(q);
                    }
                }
            } else if (FpFast.plain32(a) && FpFast.plain32(b) && (b & 0x7FFFFFFFL) != 0) {
                float x = FpFast.s(a);
                float y = FpFast.s(b);
                float q = x / y;
                if (x == 0 || (FpFast.ok32(q) && q != 0)) {
                    FpFast.inexact(env, (double) q * y != x); // the double product is exact
                    return FpFast.bits(q);
                }
            }
        }
        if (isNaN(f, a) || isNaN(f, b)) {
            return propagateNaN(f, a, b, env);
        }
        boolean neg = isNeg(f, a) != isNeg(f, b);
        long sign = neg ? f.signBit : 0;
        boolean aInf = isInf(f, a);
        boolean bInf = isInf(f, b);
        if (aInf && bInf) {
            return invalid(f, env);
        }
        if (aInf) {
            daz(f, b, env);
            return sign | f.infBits;
        }
        if (bInf) {
            daz(f, a, env);
            return sign;
        }
        long da = env.daz ? dazQuiet(f, a, env) : a;
        long db = env.daz ? dazQuiet(f, b, env) : b;
        if (isZero(f, da) && isZero(f, db)) {
            return invalid(f, env);
        }
        if (isZero(f, db)) {
            // Division by zero outranks a denormal dividend: ZE without DE (host-verified).
            env.pre |= Mxcsr.ZE;
            return sign | f.infBits;
        }
        a = daz(f, a, env);
        b = daz(f, b, env);
        if (isZero(f, a)) {
            return sign;
        }
        long ma = unpack(f, a, env) >>> 10;
        int ea = env.exp;
        long mb = unpack(f, b, env) >>> 10;
        int eb = env.exp;
        double x = ma * 0x1p-52;
        double y = mb * 0x1p-52;
        double q = x / y;
        double res = Math.fma(-q, y, x);
        long sig = withResidual(q, res, ea - eb + Math.getExponent(q), env);
        return roundPack(f, neg, env.exp, sig, env);
    }

    /** SQRTSS/SQRTSD element. */
    static long sqrt(FpFormat f, long a, SimdFpEnv env) {
        if (env.rc == RC_NEAREST && !isNeg(f, a)) {
            // normal positive operands: the root is normal; its FMA / exact-product residual gives PE
            if (f == FpFormat.F64) {
                if (FpFast.plain64(a) && a >= 0x0400000000000000L) { // x >= 2^-959: the residual cannot underflow
                    double x = FpFast.d(a);
                    double r = Math.sqrt(x);
                    FpFast.inexact(env, Math.fma(-r, r, x) != 0);
                    return FpFast.bits(r);
                }
            } else if (FpFast.plain32(a) && a != 0) {
                double x = FpFast.s(a);
                float r = (float) Math.sqrt(x); // double then single rounding is exact for sqrt (53 >= 2*24 + 2)
                FpFast.inexact(env, (double) r * r != x); // exact product
                return FpFast.bits(r);
            }
        }
        if (isNaN(f, a)) {
            return quietNaN(f, a, env);
        }
        a = dazQuiet(f, a, env);
        if (isZero(f, a)) {
            return a;
        }
        if (isNeg(f, a)) {
            // A negative operand is invalid before it counts as denormal (host-verified: no DE).
            return invalid(f, env);
        }
        a = daz(f, a, env);
        if (isInf(f, a)) {
            return a;
        }
        long m = unpack(f, a, env) >>> 10;
        int e = env.exp;
        double x = m * 0x1p-52;
        if ((e & 1) != 0) {
            x *= 2;
            e--;
        }
        double r = Math.sqrt(x);
        double res = Math.fma(-r, r, x);
        long sig = withResidual(r, res, (e >> 1) + Math.getExponent(r), env);
        return roundPack(f, false, env.exp, sig, env);
    }

    /**
     * The exact value as a normalised significand (exponent to {@code env.exp}), given a round-to-nearest result
     * {@code q} with exponent {@code e} and the sign of the exact residual. The true value lies strictly within
     * half an ulp of {@code q} and is never a midpoint, so {@code q}'s 53 bits moved up by 10 with one unit below
     * or above it identify the value for any later rounding to 53 bits or fewer.
     */
    private static long withResidual(double q, double res, int e, SimdFpEnv env) {
        long sig = ((Double.doubleToRawLongBits(q) & 0xFFFFFFFFFFFFFL) | (1L << 52)) << 10;
        env.exp = e;
        if (res > 0) {
            return sig | 1;
        }
        if (res < 0) {
            if (sig == 1L << 62) {
                // q is a power of two and the value lies just below it, in the binade under q.
                env.exp = e - 1;
                return Long.MAX_VALUE;
            }
            return sig - 1;
        }
        return sig;
    }
}
