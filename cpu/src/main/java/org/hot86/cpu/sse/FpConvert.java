package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.FpFormat.F32;
import static org.hot86.cpu.sse.FpFormat.F64;
import static org.hot86.cpu.sse.Mxcsr.IE;
import static org.hot86.cpu.sse.Mxcsr.PE;
import static org.hot86.cpu.sse.Mxcsr.RC_ZERO;

/**
 * Conversions (SDM Vol. 2: CVTSI2SS .. CVTTPD2PI, CVTPS2PD, CVTSD2SS ...) and ROUNDPS/PD/SS/SD (SSE4.1).
 *
 * <p>Float-to-integer conversions return the <em>integer indefinite</em> value ({@code 0x80000000} or
 * {@code 0x8000000000000000}) with IE for NaN, infinity and out-of-range sources. The {@code truncate} forms
 * (CVTT*) round toward zero regardless of MXCSR.RC. Forms taking or giving an MMX register ({@code *PI*}) take and
 * return its 64-bit value; the caller performs the x87-to-MMX state transition.
 */
public final class FpConvert {
    private FpConvert() {}

    static final long INDEFINITE32 = 0x80000000L;
    static final long INDEFINITE64 = 0x8000000000000000L;

    /** One element to a signed integer of 32 or 64 bits (32-bit results zero-extended in the returned long). */
    static long toInt(FpFormat f, long x, boolean is64, boolean truncate, SimdFpEnv env) {
        long indefinite = is64 ? INDEFINITE64 : INDEFINITE32;
        if (FpCore.isNaN(f, x) || FpCore.isInf(f, x)) {
            env.pre |= IE;
            return indefinite;
        }
        x = FpCore.dazQuiet(f, x, env);
        if (FpCore.isZero(f, x)) {
            return 0;
        }
        boolean neg = FpCore.isNeg(f, x);
        long sig = FpCore.unpack(f, x, env);
        int e = env.exp;
        if (e > 63) {
            env.pre |= IE;
            return indefinite;
        }
        int sh = 62 - e;
        int rc = truncate ? RC_ZERO : env.rc;
        long mag;
        boolean inexact;
        if (sh <= 0) {
            mag = sig << -sh; // e == 63: 2^63 or more, out of range except exactly -2^63
            inexact = false;
        } else if (sh >= 64) {
            // |x| < 2^-1: the integer part is zero, the fraction is below one half
            mag = awayFromZero(rc, neg) ? 1 : 0;
            inexact = true;
        } else {
            mag = FpCore.roundShift(sig, sh, rc, neg);
            inexact = (sig & ((1L << sh) - 1)) != 0;
        }
        long limitPos = is64 ? Long.MAX_VALUE : Integer.MAX_VALUE;
        // mag is unsigned; -2^63 has mag == Long.MIN_VALUE
        boolean inRange = neg ? Long.compareUnsigned(mag, limitPos + 1) <= 0 : Long.compareUnsigned(mag, limitPos) <= 0;
        if (!inRange) {
            env.pre |= IE;
            return indefinite;
        }
        if (inexact) {
            env.post |= PE;
        }
        long v = neg ? -mag : mag;
        return is64 ? v : v & 0xFFFFFFFFL;
    }

    /** Whether a non-zero value below one half rounds to magnitude 1 (directed rounding away from zero). */
    private static boolean awayFromZero(int rc, boolean neg) {
        return rc == Mxcsr.RC_DOWN ? neg : rc == Mxcsr.RC_UP && !neg;
    }

    /** A signed 64-bit integer to format {@code f}, rounded by MXCSR.RC (PE when inexact). */
    static long fromInt(FpFormat f, long v, SimdFpEnv env) {
        if (v == 0) {
            return 0;
        }
        boolean neg = v < 0;
        long mag = neg ? -v : v;
        if (mag == Long.MIN_VALUE) { // -2^63
            return FpCore.roundPack(f, true, 63, 1L << 62, env);
        }
        int lz = Long.numberOfLeadingZeros(mag) - 1;
        return FpCore.roundPack(f, neg, 62 - lz, mag << lz, env);
    }

    /** Between formats: SNaN raises IE; NaN payloads keep their top bits; DE for denormals unless DAZ. */
    static long convert(FpFormat from, FpFormat to, long x, SimdFpEnv env) {
        long toSign = FpCore.isNeg(from, x) ? to.signBit : 0;
        if (FpCore.isNaN(from, x)) {
            x = FpCore.quietNaN(from, x, env);
            long payload = x & from.fracMask;
            payload = to.frac >= from.frac ? payload << (to.frac - from.frac) : payload >>> (from.frac - to.frac);
            return toSign | to.infBits | payload;
        }
        if (FpCore.isInf(from, x)) {
            return toSign | to.infBits;
        }
        x = FpCore.daz(from, x, env);
        if (FpCore.isZero(from, x)) {
            return toSign;
        }
        long sig = FpCore.unpack(from, x, env);
        return FpCore.roundPack(to, toSign != 0, env.exp, sig, env);
    }

    /**
     * ROUNDxx element: to an integral value in the same format. {@code imm8}: bits 1:0 rounding mode, bit 2 use
     * MXCSR.RC instead, bit 3 suppress PE. SNaN raises IE; no DE.
     */
    static long roundInt(FpFormat f, long x, int imm8, SimdFpEnv env) {
        if (FpCore.isNaN(f, x)) {
            return FpCore.quietNaN(f, x, env);
        }
        x = FpCore.dazQuiet(f, x, env);
        if (FpCore.isInf(f, x) || FpCore.isZero(f, x)) {
            return x;
        }
        boolean neg = FpCore.isNeg(f, x);
        long sig = FpCore.unpack(f, x, env);
        int e = env.exp;
        if (e >= f.frac) {
            return x;
        }
        int rc = (imm8 & 4) != 0 ? env.rc : imm8 & 3;
        long mag;
        boolean inexact;
        if (e < -1) { // |x| < 1/2
            mag = awayFromZero(rc, neg) ? 1 : 0;
            inexact = true;
        } else {
            mag = FpCore.roundShift(sig, 62 - e, rc, neg);
            inexact = (sig & ((1L << (62 - e)) - 1)) != 0;
        }
        if (inexact && (imm8 & 8) == 0) {
            env.post |= PE;
        }
        if (mag == 0) {
            return neg ? f.signBit : 0;
        }
        int lz = Long.numberOfLeadingZeros(mag) - 1;
        return FpCore.roundPack(f, neg, 62 - lz, mag << lz, env);
    }

    // ---- instruction forms ----------------------------------------------------------------------------------------

    /** {@code CVTSI2SS xmm, r/m32|r/m64}: {@code src} is the sign-extended integer. */
    public static boolean cvtsi2ss(SimdFpEnv env, long aLo, long aHi, long src) {
        env.lo = (aLo & 0xFFFFFFFF00000000L) | fromInt(F32, src, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CVTSI2SD xmm, r/m32|r/m64}: {@code src} is the sign-extended integer. */
    public static boolean cvtsi2sd(SimdFpEnv env, long aLo, long aHi, long src) {
        env.lo = fromInt(F64, src, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CVT(T)SS2SI r32|r64, xmm/m32}: the integer goes to {@link SimdFpEnv#lo()} (32-bit zero-extended). */
    public static boolean cvtss2si(SimdFpEnv env, boolean dst64, boolean truncate, long src) {
        env.lo = toInt(F32, src & 0xFFFFFFFFL, dst64, truncate, env);
        return env.finish();
    }

    /** {@code CVT(T)SD2SI r32|r64, xmm/m64}. */
    public static boolean cvtsd2si(SimdFpEnv env, boolean dst64, boolean truncate, long src) {
        env.lo = toInt(F64, src, dst64, truncate, env);
        return env.finish();
    }

    /** {@code CVTSS2SD}: low single of {@code b} to the low double; upper half of {@code a} kept. */
    public static boolean cvtss2sd(SimdFpEnv env, long aLo, long aHi, long b) {
        env.lo = convert(F32, F64, b & 0xFFFFFFFFL, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CVTSD2SS}: low double of {@code b} to the low single; the other 96 bits of {@code a} kept. */
    public static boolean cvtsd2ss(SimdFpEnv env, long aLo, long aHi, long b) {
        env.lo = (aLo & 0xFFFFFFFF00000000L) | convert(F64, F32, b, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CVTPS2PD}: the two low singles of {@code bLo}. */
    public static boolean cvtps2pd(SimdFpEnv env, long bLo) {
        long r0 = convert(F32, F64, bLo & 0xFFFFFFFFL, env);
        long r1 = convert(F32, F64, bLo >>> 32, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code CVTPD2PS}: two singles in the low half, upper half zeroed. */
    public static boolean cvtpd2ps(SimdFpEnv env, long bLo, long bHi) {
        long r0 = convert(F64, F32, bLo, env);
        long r1 = convert(F64, F32, bHi, env);
        env.lo = r0 | (r1 << 32);
        env.hi = 0;
        return env.finish();
    }

    /** {@code CVTDQ2PS}. */
    public static boolean cvtdq2ps(SimdFpEnv env, long bLo, long bHi) {
        long r0 = fromInt(F32, (int) bLo, env);
        long r1 = fromInt(F32, (int) (bLo >>> 32), env);
        long r2 = fromInt(F32, (int) bHi, env);
        long r3 = fromInt(F32, (int) (bHi >>> 32), env);
        env.lo = r0 | (r1 << 32);
        env.hi = r2 | (r3 << 32);
        return env.finish();
    }

    /** {@code CVTPS2DQ} / {@code CVTTPS2DQ} ({@code truncate}). */
    public static boolean cvtps2dq(SimdFpEnv env, boolean truncate, long bLo, long bHi) {
        long r0 = toInt(F32, bLo & 0xFFFFFFFFL, false, truncate, env);
        long r1 = toInt(F32, bLo >>> 32, false, truncate, env);
        long r2 = toInt(F32, bHi & 0xFFFFFFFFL, false, truncate, env);
        long r3 = toInt(F32, bHi >>> 32, false, truncate, env);
        env.lo = r0 | (r1 << 32);
        env.hi = r2 | (r3 << 32);
        return env.finish();
    }

    /** {@code CVTDQ2PD}: the two low dwords of {@code bLo}; exact. */
    public static boolean cvtdq2pd(SimdFpEnv env, long bLo) {
        env.lo = fromInt(F64, (int) bLo, env);
        env.hi = fromInt(F64, (int) (bLo >>> 32), env);
        return env.finish();
    }

    /** {@code CVTPD2DQ} / {@code CVTTPD2DQ}: two dwords in the low half, upper half zeroed. */
    public static boolean cvtpd2dq(SimdFpEnv env, boolean truncate, long bLo, long bHi) {
        long r0 = toInt(F64, bLo, false, truncate, env);
        long r1 = toInt(F64, bHi, false, truncate, env);
        env.lo = r0 | (r1 << 32);
        env.hi = 0;
        return env.finish();
    }

    /** {@code CVTPI2PS xmm, mm/m64}: two dwords of {@code mm} to the low singles; upper half of {@code a} kept. */
    public static boolean cvtpi2ps(SimdFpEnv env, long aHi, long mm) {
        long r0 = fromInt(F32, (int) mm, env);
        long r1 = fromInt(F32, (int) (mm >>> 32), env);
        env.lo = r0 | (r1 << 32);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CVT(T)PS2PI mm, xmm/m64}: the MMX result goes to {@link SimdFpEnv#lo()}. */
    public static boolean cvtps2pi(SimdFpEnv env, boolean truncate, long bLo) {
        long r0 = toInt(F32, bLo & 0xFFFFFFFFL, false, truncate, env);
        long r1 = toInt(F32, bLo >>> 32, false, truncate, env);
        env.lo = r0 | (r1 << 32);
        return env.finish();
    }

    /** {@code CVTPI2PD xmm, mm/m64}. */
    public static boolean cvtpi2pd(SimdFpEnv env, long mm) {
        return cvtdq2pd(env, mm);
    }

    /** {@code CVT(T)PD2PI mm, xmm/m128}: the MMX result goes to {@link SimdFpEnv#lo()}. */
    public static boolean cvtpd2pi(SimdFpEnv env, boolean truncate, long bLo, long bHi) {
        long r0 = toInt(F64, bLo, false, truncate, env);
        long r1 = toInt(F64, bHi, false, truncate, env);
        env.lo = r0 | (r1 << 32);
        return env.finish();
    }

    /** {@code ROUNDPS xmm, xmm/m128, imm8}. */
    public static boolean roundps(SimdFpEnv env, int imm8, long bLo, long bHi) {
        long r0 = roundInt(F32, bLo & 0xFFFFFFFFL, imm8, env);
        long r1 = roundInt(F32, bLo >>> 32, imm8, env);
        long r2 = roundInt(F32, bHi & 0xFFFFFFFFL, imm8, env);
        long r3 = roundInt(F32, bHi >>> 32, imm8, env);
        env.lo = r0 | (r1 << 32);
        env.hi = r2 | (r3 << 32);
        return env.finish();
    }

    /** {@code ROUNDPD}. */
    public static boolean roundpd(SimdFpEnv env, int imm8, long bLo, long bHi) {
        long r0 = roundInt(F64, bLo, imm8, env);
        long r1 = roundInt(F64, bHi, imm8, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code ROUNDSS}: upper 96 bits of {@code a} kept. */
    public static boolean roundss(SimdFpEnv env, int imm8, long aLo, long aHi, long b) {
        env.lo = (aLo & 0xFFFFFFFF00000000L) | roundInt(F32, b & 0xFFFFFFFFL, imm8, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code ROUNDSD}: upper half of {@code a} kept. */
    public static boolean roundsd(SimdFpEnv env, int imm8, long aLo, long aHi, long b) {
        env.lo = roundInt(F64, b, imm8, env);
        env.hi = aHi;
        return env.finish();
    }
}
