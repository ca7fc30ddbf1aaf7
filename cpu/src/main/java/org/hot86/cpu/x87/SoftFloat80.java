package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.F80.BIAS;
import static org.hot86.cpu.x87.F80.DENORMAL;
import static org.hot86.cpu.x87.F80.EXP_MAX;
import static org.hot86.cpu.x87.F80.INDEF_M;
import static org.hot86.cpu.x87.F80.INDEF_SE;
import static org.hot86.cpu.x87.F80.INF;
import static org.hot86.cpu.x87.F80.J;
import static org.hot86.cpu.x87.F80.QNAN;
import static org.hot86.cpu.x87.F80.QUIET;
import static org.hot86.cpu.x87.F80.SNAN;
import static org.hot86.cpu.x87.F80.UNSUPPORTED;
import static org.hot86.cpu.x87.F80.ZERO;
import static org.hot86.cpu.x87.FpEnv.DE;
import static org.hot86.cpu.x87.FpEnv.IE;
import static org.hot86.cpu.x87.FpEnv.OE;
import static org.hot86.cpu.x87.FpEnv.PE;
import static org.hot86.cpu.x87.FpEnv.UE;
import static org.hot86.cpu.x87.FpEnv.ZE;

/**
 * The 80-bit extended-precision soft-float core: IEEE 754 arithmetic as the x87 performs
 * it (SDM Vol. 1 ch. 4 and 8), written from the manual.
 *
 * <p>Every operation takes an {@link FpEnv} (control word in, result and flags out) and
 * operands as (sign/exponent word, significand) pairs. Internally a finite value is
 * carried as a 128-bit significand {@code hi:lo} (integer bit = bit 63 of {@code hi}) and
 * an unbiased-range int exponent; {@link #packExt} rounds it once, so every result is
 * correctly rounded to the precision-control width (24/53/64 bits) with the extended
 * exponent range, as SDM 8.1.5.2 prescribes.
 *
 * <p>Differences from plain IEEE 754 that the x87 has and this class reproduces: denormal
 * operand exception DE; unmasked overflow/underflow deliver the result with the exponent
 * biased by 24576 (SDM 4.9.1.4-5); unsupported encodings are invalid operands; the NaN
 * propagation rules of SDM Table 4-7 (larger significand wins); C1 reports round-up.
 */
public final class SoftFloat80 {
    private SoftFloat80() { }

    /** Tininess detection point for underflow (x87 detects tininess after rounding?). */
    static boolean tinyBeforeRounding = false;

    static final int BIAS_ADJUST = 0x6000;

    // ------------------------------------------------------------------ rounding

    /**
     * Rounds {@code hi:lo} at the {@code prec}-bit position of {@code hi}; returns the new
     * {@code hi} and leaves rInexact/rUp/rCarry in the env (rCarry: the value became 2^64).
     */
    static long rnd(FpEnv e, long hi, long lo, int prec, int rc, boolean neg) {
        int sh = 64 - prec;
        long mask = sh == 0 ? 0 : (1L << sh) - 1;
        long rem = hi & mask;
        e.rCarry = false;
        if (rem == 0 && lo == 0) {
            e.rInexact = false;
            e.rUp = false;
            return hi;
        }
        e.rInexact = true;
        long base = hi & ~mask;
        boolean inc;
        switch (rc) {
            case 0: {
                boolean half, rest;
                if (sh == 0) {
                    half = lo < 0;
                    rest = (lo << 1) != 0;
                } else {
                    half = ((rem >>> (sh - 1)) & 1) != 0;
                    rest = (rem & (mask >>> 1)) != 0 || lo != 0;
                }
                inc = half && (rest || ((hi >>> sh) & 1) != 0);
                break;
            }
            case 1: inc = neg; break;
            case 2: inc = !neg; break;
            default: inc = false; break;
        }
        e.rUp = inc;
        if (!inc) {
            return base;
        }
        long r = base + (1L << sh);
        if (r == 0) {
            e.rCarry = true;
        }
        return r;
    }

    /**
     * Rounds and packs a finite nonzero value into extended format with the
     * precision-control width {@code prec}: value = {@code hi:lo} * 2^(exp - BIAS - 127),
     * {@code hi} normalised (bit 63 set). Handles overflow, underflow/denormalisation and
     * the unmasked-exception bias adjust.
     */
    static void packExt(FpEnv e, int sign, int exp, long hi, long lo, int prec) {
        int rc = e.rc();
        boolean neg = sign != 0;
        if (exp >= 1) {
            long r = rnd(e, hi, lo, prec, rc, neg);
            if (e.rCarry) {
                r = J;
                exp++;
            }
            if (exp >= EXP_MAX) {
                overflowExt(e, sign, exp, r, prec, rc);
                return;
            }
            finish(e, sign | exp, r);
            return;
        }
        if (!e.masked(UE) && exp + BIAS_ADJUST < 1) {
            // beyond the bias-adjust range (FSCALE): host-verified signed zero, UE+PE, C1=0
            e.flags |= UE | PE;
            e.c1 = false;
            e.se = sign;
            e.m = 0;
            return;
        }
        if (!e.masked(UE)) {
            long r = rnd(e, hi, lo, prec, rc, neg);
            if (e.rCarry) {
                r = J;
                exp++;
            }
            boolean tiny = tinyBeforeRounding || exp < 1;
            if (tiny) {
                e.flags |= UE;
                exp += BIAS_ADJUST;
            }
            finish(e, sign | (exp & EXP_MAX), r);
            return;
        }
        boolean tiny = true;
        if (!tinyBeforeRounding && exp == 0) {
            rnd(e, hi, lo, prec, rc, neg);
            tiny = !e.rCarry;
        }
        int sh = 1 - exp;
        if (sh >= 128) {
            lo = (hi | lo) != 0 ? 1 : 0;
            hi = 0;
        } else if (sh >= 64) {
            int s = sh - 64;
            long nl = s == 0 ? hi : hi >>> s;
            boolean st = lo != 0 || (s > 0 && (hi << (64 - s)) != 0);
            hi = 0;
            lo = nl | (st ? 1 : 0);
        } else {
            boolean st = (lo << (64 - sh)) != 0;
            lo = (lo >>> sh) | (hi << (64 - sh)) | (st ? 1 : 0);
            hi >>>= sh;
        }
        long r = rnd(e, hi, lo, prec, rc, neg);
        int rexp = 0;
        if (e.rCarry) {
            r = J;
            rexp = 1;
        } else if (r < 0) {
            rexp = 1;
        }
        if (e.rInexact && tiny) {
            e.flags |= UE;
        }
        finish(e, sign | rexp, r);
    }

    private static void finish(FpEnv e, int se, long m) {
        if (e.rInexact) {
            e.flags |= PE;
        }
        e.c1 = e.rUp;
        e.se = se;
        e.m = m;
    }

    private static void overflowExt(FpEnv e, int sign, int exp, long r, int prec, int rc) {
        if (!e.masked(OE) && exp - BIAS_ADJUST >= EXP_MAX) {
            // beyond the bias-adjust range (FSCALE): host-verified signed infinity, OE+PE, C1=1
            e.flags |= OE | PE;
            e.c1 = true;
            e.se = sign | EXP_MAX;
            e.m = J;
            return;
        }
        if (!e.masked(OE)) {
            e.flags |= OE;
            finish(e, sign | ((exp - BIAS_ADJUST) & EXP_MAX), r);
            return;
        }
        e.flags |= OE | PE;
        if (overflowToInf(rc, sign != 0)) {
            e.se = sign | EXP_MAX;
            e.m = J;
            e.c1 = true;
        } else {
            e.se = sign | (EXP_MAX - 1);
            e.m = -1L << (64 - prec);
            e.c1 = false;
        }
    }

    static boolean overflowToInf(int rc, boolean neg) {
        switch (rc) {
            case 0: return true;
            case 1: return neg;
            case 2: return !neg;
            default: return false;
        }
    }

    // ------------------------------------------------------------------ special operands

    static void setIndefinite(FpEnv e) {
        e.se = INDEF_SE;
        e.m = INDEF_M;
    }

    /** Invalid operation with the default QNaN result. */
    static void invalid(FpEnv e) {
        if (!e.raise(IE)) {
            setIndefinite(e);
        }
    }

    /**
     * Handles a binary operation whose operands include an unsupported encoding or a NaN
     * (SDM 4.8.3.5, Table 4-7). Returns true when the result has been decided.
     */
    static boolean nan2(FpEnv e, int ca, int ase, long am, int cb, int bse, long bm) {
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            invalid(e);
            return true;
        }
        boolean an = ca == QNAN || ca == SNAN, bn = cb == QNAN || cb == SNAN;
        if (!an && !bn) {
            return false;
        }
        if (ca == SNAN || cb == SNAN) {
            if (e.raise(IE)) {
                return true;
            }
        }
        int rse;
        long rm;
        if (an && bn) {
            if (ca == SNAN && cb == QNAN) {
                rse = bse; rm = bm;
            } else if (ca == QNAN && cb == SNAN) {
                rse = ase; rm = am;
            } else {
                int c = Long.compareUnsigned(am, bm);
                if (c > 0 || (c == 0 && (ase & 0x8000) == 0)) {
                    rse = ase; rm = am;
                } else {
                    rse = bse; rm = bm;
                }
            }
        } else if (an) {
            rse = ase; rm = am;
        } else {
            rse = bse; rm = bm;
        }
        e.se = rse;
        e.m = rm | QUIET;
        return true;
    }

    /** Handles a unary operand that is unsupported or NaN; returns true if decided. */
    static boolean nan1(FpEnv e, int ca, int ase, long am) {
        if (ca == UNSUPPORTED) {
            invalid(e);
            return true;
        }
        if (ca == SNAN) {
            if (e.raise(IE)) {
                return true;
            }
        } else if (ca != QNAN) {
            return false;
        }
        e.se = ase;
        e.m = am | QUIET;
        return true;
    }

    /** Normalised exponent of a finite nonzero value (denormals get exponents below 1). */
    static int nexp(int se, long m) {
        int x = se & EXP_MAX;
        if (x == 0) {
            return 1 - Long.numberOfLeadingZeros(m);
        }
        return x;
    }

    /** Normalised significand of a finite nonzero value. */
    static long nsig(long m) {
        return m << Long.numberOfLeadingZeros(m);
    }

    static long umulhi(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * 128-by-64 unsigned division: (u1:u0) / v with u1 &lt; v and v normalised (bit 63 set).
     * The remainder is {@code u0 - q * v} (mod 2^64).
     */
    static long divlu(long u1, long u0, long v) {
        final long b = 1L << 32;
        long vn1 = v >>> 32, vn0 = v & 0xffffffffL;
        long un1 = u0 >>> 32, un0 = u0 & 0xffffffffL;
        long q1 = Long.divideUnsigned(u1, vn1);
        long rhat = u1 - q1 * vn1;
        while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        long un21 = (u1 << 32) + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }

    // ------------------------------------------------------------------ arithmetic

    /** FADD/FSUB core (SDM FADD, FSUB): a + b, or a - b when {@code sub}; rounded to {@code prec}. */
    public static void add(FpEnv e, int ase, long am, int bse, long bm, boolean sub, int prec) {
        e.begin();
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= INF || cb >= INF) {
            if (nan2(e, ca, ase, am, cb, bse, bm)) {
                return;
            }
        }
        if (sub) {
            bse ^= 0x8000;
        }
        if (ca == INF && cb == INF && ((ase ^ bse) & 0x8000) != 0) {
            invalid(e);
            return;
        }
        if ((ca == DENORMAL || cb == DENORMAL) && e.raise(DE)) {
            return;
        }
        if (ca == INF) {
            e.se = ase; e.m = am;
            return;
        }
        if (cb == INF) {
            e.se = bse; e.m = bm;
            return;
        }
        if (ca == ZERO || cb == ZERO) {
            if (ca == ZERO && cb == ZERO) {
                int s = (ase & bse & 0x8000);
                if (((ase ^ bse) & 0x8000) != 0) {
                    s = e.rc() == 1 ? 0x8000 : 0;
                }
                e.se = s; e.m = 0;
                return;
            }
            int xse = ca == ZERO ? bse : ase;
            long xm = ca == ZERO ? bm : am;
            packExt(e, xse & 0x8000, nexp(xse, xm), nsig(xm), 0, prec);
            return;
        }
        addFinite(e, ase & 0x8000, nexp(ase, am), nsig(am), bse & 0x8000, nexp(bse, bm), nsig(bm), prec);
    }

    static void addFinite(FpEnv e, int sa, int ea, long ma, int sb, int eb, long mb, int prec) {
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
            int t = sa; sa = sb; sb = t;
            t = ea; ea = eb; eb = t;
            long u = ma; ma = mb; mb = u;
        }
        int d = ea - eb;
        long bh, bl;
        boolean sticky;
        if (d == 0) {
            bh = mb; bl = 0; sticky = false;
        } else if (d < 64) {
            bh = mb >>> d; bl = mb << (64 - d); sticky = false;
        } else if (d == 64) {
            bh = 0; bl = mb; sticky = false;
        } else if (d < 128) {
            bh = 0; bl = mb >>> (d - 64); sticky = (mb << (128 - d)) != 0;
        } else {
            bh = 0; bl = 0; sticky = true;
        }
        long hi, lo;
        if (sa == sb) {
            lo = bl;
            hi = ma + bh;
            if (Long.compareUnsigned(hi, ma) < 0) {
                boolean st = (lo & 1) != 0 || sticky;
                lo = (lo >>> 1) | (hi << 63) | (st ? 1 : 0);
                hi = (hi >>> 1) | J;
                ea++;
            } else if (sticky) {
                lo |= 1;
            }
            packExt(e, sa, ea, hi, lo, prec);
            return;
        }
        lo = -bl;
        long borrow = bl != 0 ? 1 : 0;
        hi = ma - bh - borrow;
        if (sticky) {
            if (lo == 0) {
                hi--;
            }
            lo = (lo - 1) | 1;
        }
        if (hi == 0 && lo == 0) {
            e.se = e.rc() == 1 ? 0x8000 : 0;
            e.m = 0;
            return;
        }
        int lz;
        if (hi == 0) {
            hi = lo; lo = 0; ea -= 64;
        }
        lz = Long.numberOfLeadingZeros(hi);
        if (lz > 0) {
            hi = (hi << lz) | (lo >>> (64 - lz));
            lo <<= lz;
            ea -= lz;
        }
        packExt(e, sa, ea, hi, lo, prec);
    }

    /** FMUL core: a * b rounded to {@code prec}. */
    public static void mul(FpEnv e, int ase, long am, int bse, long bm, int prec) {
        e.begin();
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= INF || cb >= INF) {
            if (nan2(e, ca, ase, am, cb, bse, bm)) {
                return;
            }
        }
        int s = (ase ^ bse) & 0x8000;
        if ((ca == INF && cb == ZERO) || (ca == ZERO && cb == INF)) {
            invalid(e);
            return;
        }
        if ((ca == DENORMAL || cb == DENORMAL) && e.raise(DE)) {
            return;
        }
        if (ca == INF || cb == INF) {
            e.se = s | EXP_MAX; e.m = J;
            return;
        }
        if (ca == ZERO || cb == ZERO) {
            e.se = s; e.m = 0;
            return;
        }
        long ma = nsig(am), mb = nsig(bm);
        int exp = nexp(ase, am) + nexp(bse, bm) - BIAS;
        long hi = umulhi(ma, mb), lo = ma * mb;
        if (hi < 0) {
            exp++;
        } else {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
        }
        packExt(e, s, exp, hi, lo, prec);
    }

    /** FDIV core: a / b rounded to {@code prec}. */
    public static void div(FpEnv e, int ase, long am, int bse, long bm, int prec) {
        e.begin();
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= INF || cb >= INF) {
            if (nan2(e, ca, ase, am, cb, bse, bm)) {
                return;
            }
        }
        int s = (ase ^ bse) & 0x8000;
        if ((ca == INF && cb == INF) || (ca == ZERO && cb == ZERO)) {
            invalid(e);
            return;
        }
        if (cb == ZERO && ca != INF) {
            if (e.raise(ZE)) {
                return;
            }
            e.se = s | EXP_MAX; e.m = J;
            return;
        }
        if ((ca == DENORMAL || cb == DENORMAL) && e.raise(DE)) {
            return;
        }
        if (ca == INF || cb == ZERO) {
            e.se = s | EXP_MAX; e.m = J;
            return;
        }
        if (cb == INF || ca == ZERO) {
            e.se = s; e.m = 0;
            return;
        }
        long ma = nsig(am), mb = nsig(bm);
        int exp = nexp(ase, am) - nexp(bse, bm) + BIAS;
        long u1, u0;
        if (Long.compareUnsigned(ma, mb) >= 0) {
            u1 = ma >>> 1; u0 = ma << 63;
        } else {
            u1 = ma; u0 = 0; exp--;
        }
        long qh = divlu(u1, u0, mb);
        long r = u0 - qh * mb;
        long ql = divlu(r, 0, mb);
        long r2 = -ql * mb;
        packExt(e, s, exp, qh, ql | (r2 != 0 ? 1 : 0), prec);
    }

    /** FSQRT core: square root rounded to {@code prec}. */
    public static void sqrt(FpEnv e, int ase, long am, int prec) {
        e.begin();
        int ca = F80.classify(ase, am);
        if (ca >= INF && ca != INF) {
            nan1(e, ca, ase, am);
            return;
        }
        if (ca == ZERO) {
            e.se = ase; e.m = am;
            return;
        }
        if ((ase & 0x8000) != 0) {
            invalid(e);
            return;
        }
        if (ca == INF) {
            e.se = ase; e.m = am;
            return;
        }
        if (ca == DENORMAL && e.raise(DE)) {
            return;
        }
        long m = nsig(am);
        int ue = nexp(ase, am) - BIAS;
        long mh, ml;
        if ((ue & 1) == 0) {
            mh = m >>> 1; ml = m << 63;
        } else {
            mh = m; ml = 0;
        }
        long s = isqrt128(mh, ml);
        // remainder = M - s^2 (fits in 65 bits; compare against s for the half bit)
        long sh = umulhi(s, s), sl = s * s;
        long rl = ml - sl;
        long rh = mh - sh - (Long.compareUnsigned(ml, sl) < 0 ? 1 : 0);
        long lo;
        if (rh == 0 && rl == 0) {
            lo = 0;
        } else if (rh != 0 || Long.compareUnsigned(rl, s) > 0) {
            lo = 0xC000000000000000L;
        } else {
            lo = 1;
        }
        packExt(e, 0, (ue >> 1) + BIAS, s, lo, prec);
    }

    /** floor(sqrt(mh:ml)) for mh:ml in [2^126, 2^128). */
    static long isqrt128(long mh, long ml) {
        double r = Math.sqrt(u2d(mh) * 0x1p64);
        long s = r >= 0x1p63 ? (long) (r - 0x1p63) + Long.MIN_VALUE : (long) r;
        // one Newton correction with the exact 128-bit residual M - s^2
        long qh = umulhi(s, s), ql = s * s;
        long rl = ml - ql;
        long rh = mh - qh - (Long.compareUnsigned(ml, ql) < 0 ? 1 : 0);
        double rd = rh * 0x1p64 + u2d(rl);
        s += (long) Math.floor(rd / (2 * u2d(s)));
        for (int i = 0; i < 64; i++) {
            qh = umulhi(s, s);
            ql = s * s;
            if (cmp128(qh, ql, mh, ml) > 0) {
                s--;
                continue;
            }
            long t = s + 1;
            if (t == 0) {
                return s;
            }
            if (cmp128(umulhi(t, t), t * t, mh, ml) <= 0) {
                s = t;
                continue;
            }
            return s;
        }
        throw new AssertionError("isqrt128 did not converge");
    }

    static double u2d(long v) {
        return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    static int cmp128(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }
}
