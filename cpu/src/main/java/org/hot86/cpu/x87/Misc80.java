package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.F80.BIAS;
import static org.hot86.cpu.x87.F80.DENORMAL;
import static org.hot86.cpu.x87.F80.EXP_MAX;
import static org.hot86.cpu.x87.F80.INF;
import static org.hot86.cpu.x87.F80.J;
import static org.hot86.cpu.x87.F80.QNAN;
import static org.hot86.cpu.x87.F80.SNAN;
import static org.hot86.cpu.x87.F80.UNSUPPORTED;
import static org.hot86.cpu.x87.F80.ZERO;
import static org.hot86.cpu.x87.FpEnv.DE;
import static org.hot86.cpu.x87.FpEnv.IE;
import static org.hot86.cpu.x87.FpEnv.ZE;

/**
 * Comparisons and the "other" basic operations of SDM Vol. 1, 8.3.5-8.3.7 and 8.3.9:
 * FCOM/FUCOM/FTST/FXAM, FPREM/FPREM1, FSCALE, FXTRACT. Condition codes are returned in
 * {@link FpEnv#cc} (bit 0 C0, bit 1 C1, bit 2 C2, bit 3 C3).
 */
public final class Misc80 {
    private Misc80() { }

    /** Condition-code patterns of compares: C3 C2 C0. */
    public static final int CC_GT = 0, CC_LT = 1, CC_EQ = 8, CC_UN = 8 | 4 | 1;

    /**
     * FCOM (ordered: any NaN is invalid) or FUCOM ({@code unordered}: only SNaN is invalid)
     * of a against b (SDM FCOM/FUCOM Table 3-2x). Sets e.cc to one of the CC_ constants.
     */
    public static void compare(FpEnv e, int ase, long am, int bse, long bm, boolean unordered) {
        e.begin();
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= QNAN || cb >= QNAN) {
            boolean inv = ca == UNSUPPORTED || cb == UNSUPPORTED || ca == SNAN || cb == SNAN || !unordered;
            e.cc = CC_UN;
            if (inv) {
                e.raise(IE);
            }
            return;
        }
        if (ca == DENORMAL || cb == DENORMAL) {
            e.raise(DE); // host-verified: the comparison result is still reported
        }
        int c = order(ca, ase, am, cb, bse, bm);
        e.cc = c == 0 ? CC_EQ : c < 0 ? CC_LT : CC_GT;
    }

    /** Numeric order of two non-NaN supported values (zeros equal). */
    static int order(int ca, int ase, long am, int cb, int bse, long bm) {
        if (ca == ZERO && cb == ZERO) {
            return 0;
        }
        boolean na = (ase & 0x8000) != 0, nb = (bse & 0x8000) != 0;
        if (ca == ZERO) {
            return nb ? 1 : -1;
        }
        if (cb == ZERO) {
            return na ? -1 : 1;
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        int ea = SoftFloat80.nexp(ase, am), eb = SoftFloat80.nexp(bse, bm);
        int mag = ea != eb ? Integer.compare(ea, eb)
                : Long.compareUnsigned(SoftFloat80.nsig(am), SoftFloat80.nsig(bm));
        return na ? -mag : mag;
    }

    /** FXAM classification into e.cc (C1 = sign), for a non-empty register. */
    public static void examine(FpEnv e, int se, long m) {
        int c1 = (se & 0x8000) != 0 ? 2 : 0;
        int k;
        switch (F80.classify(se, m)) {
            case UNSUPPORTED: k = 0; break;
            case QNAN: case SNAN: k = 1; break;
            case F80.NORMAL: k = 4; break;
            case INF: k = 4 | 1; break;
            case ZERO: k = 8; break;
            default: k = 8 | 4; break; // denormal
        }
        e.cc = k | c1;
    }

    /** FXAM code for an empty register: C3=1, C2=0, C0=1; C1 = sign of the stale contents. */
    public static int examineEmpty(int se) {
        return 8 | 1 | ((se & 0x8000) != 0 ? 2 : 0);
    }

    // ------------------------------------------------------------------ FPREM / FPREM1

    /** Exponent-difference reduction per partial FPREM step (SDM: between 32 and 63). */
    static int partialN(int d) {
        return 32 + (d & 31);
    }

    /**
     * FPREM ({@code ieee}=false, truncating quotient) or FPREM1 (round-to-nearest quotient)
     * of a (ST0) by b (ST1). Result in e.se/e.m; e.cc holds C2 (incomplete) and the three
     * low quotient bits (C0=Q2, C3=Q1, C1=Q0) when complete.
     */
    public static void remainder(FpEnv e, int ase, long am, int bse, long bm, boolean ieee) {
        e.begin();
        e.cc = 0;
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= INF || cb >= INF) {
            if (SoftFloat80.nan2(e, ca, ase, am, cb, bse, bm)) {
                return;
            }
        }
        if (ca == INF || cb == ZERO) {
            SoftFloat80.invalid(e);
            return;
        }
        if ((ca == DENORMAL || cb == DENORMAL) && e.raise(DE)) {
            return;
        }
        int sign = ase & 0x8000;
        if (cb == INF || ca == ZERO) {
            if (ca == ZERO) {
                e.se = ase;
                e.m = am;
            } else {
                SoftFloat80.packExt(e, sign, SoftFloat80.nexp(ase, am), SoftFloat80.nsig(am), 0, 64);
            }
            return;
        }
        int ea = SoftFloat80.nexp(ase, am), eb = SoftFloat80.nexp(bse, bm);
        long ma = SoftFloat80.nsig(am), mb = SoftFloat80.nsig(bm);
        int d = ea - eb;
        if (d < 0) {
            if (ieee && d == -1 && Long.compareUnsigned(ma, mb) > 0) {
                // |a| in (|b|/2, |b|): q = 1, r = a - b (opposite sign)
                long r = mb - (ma >>> 1);
                boolean st = (ma & 1) != 0;
                // exact: r*2^eb - (ma&1)*2^(eb-1); compute with one extra bit
                long hi = r, lo = 0;
                if (st) {
                    hi = r - 1;
                    lo = J;
                }
                normPack(e, sign ^ 0x8000, eb, hi, lo);
                e.cc = 2; // Q0 = 1 -> C1
                return;
            }
            SoftFloat80.packExt(e, sign, ea, ma, 0, 64);
            return;
        }
        boolean partial = d >= 64;
        int steps = partial ? partialN(d) : d;
        // a = ma*2^ea, divisor b' = mb*2^(ea-steps)
        long r = ma;
        long q = 0;
        if (Long.compareUnsigned(r, mb) >= 0) {
            r -= mb;
            q = 1;
        }
        for (int i = 0; i < steps; i++) {
            boolean carry = r < 0;
            r <<= 1;
            q <<= 1;
            if (carry || Long.compareUnsigned(r, mb) >= 0) {
                r -= mb;
                q |= 1;
            }
        }
        int re = ea - steps; // exponent of r's integer bit weight as for mb
        if (!partial && ieee) {
            boolean gtHalf = r < 0 || Long.compareUnsigned(r << 1, mb) > 0;
            boolean eqHalf = r >= 0 && (r << 1) == mb;
            if (gtHalf || (eqHalf && (q & 1) != 0)) {
                q++;
                r = mb - r;
                sign ^= 0x8000;
            }
        }
        if (partial) {
            e.cc = 4;
        } else {
            e.cc = (int) (((q >>> 2) & 1) | ((q & 1) << 1) | (((q >>> 1) & 1) << 3));
        }
        if (r == 0) {
            e.se = ase & 0x8000;
            e.m = 0;
            return;
        }
        normPack(e, sign, re, r, 0);
    }

    private static void normPack(FpEnv e, int sign, int exp, long hi, long lo) {
        if (hi == 0) {
            hi = lo;
            lo = 0;
            exp -= 64;
        }
        int lz = Long.numberOfLeadingZeros(hi);
        if (lz > 0) {
            hi = (hi << lz) | (lo >>> (64 - lz));
            lo <<= lz;
        }
        SoftFloat80.packExt(e, sign, exp - lz, hi, lo, 64);
    }

    // ------------------------------------------------------------------ FSCALE / FXTRACT

    /** FSCALE: a * 2^trunc(b) (SDM FSCALE, Table 3-xx special cases). */
    public static void scale(FpEnv e, int ase, long am, int bse, long bm) {
        e.begin();
        int ca = F80.classify(ase, am), cb = F80.classify(bse, bm);
        if (ca >= INF || cb >= INF) {
            if (SoftFloat80.nan2(e, ca, ase, am, cb, bse, bm)) {
                return;
            }
        }
        boolean bneg = (bse & 0x8000) != 0;
        if (cb == INF) {
            if (bneg ? ca == INF : ca == ZERO) {
                SoftFloat80.invalid(e);
                return;
            }
            if (ca == DENORMAL && e.raise(DE)) {
                return;
            }
            e.se = bneg ? (ca == INF ? ase : ase & 0x8000) : (ase & 0x8000) | EXP_MAX;
            e.m = bneg ? (ca == INF ? am : 0) : J;
            return;
        }
        if ((ca == DENORMAL || cb == DENORMAL) && e.raise(DE)) {
            return;
        }
        if (ca == INF || ca == ZERO) {
            e.se = ase;
            e.m = am;
            return;
        }
        int n;
        int be = SoftFloat80.nexp(bse, bm) - BIAS;
        if (cb == ZERO || be < 0) {
            n = 0;
        } else if (be >= 30) {
            n = 1 << 30;
        } else {
            n = (int) (SoftFloat80.nsig(bm) >>> (63 - be));
        }
        if (bneg) {
            n = -n;
        }
        long x = (long) SoftFloat80.nexp(ase, am) + n;
        int exp = (int) Math.max(-(1 << 20), Math.min(1 << 20, x));
        SoftFloat80.packExt(e, ase & 0x8000, exp, SoftFloat80.nsig(am), 0, 64);
    }

    /** FXTRACT: e.se/e.m = exponent (to ST1), e.se2/e.m2 = significand (to ST0). */
    public static void extract(FpEnv e, int se, long m) {
        e.begin();
        int c = F80.classify(se, m);
        if (c >= QNAN) {
            if (SoftFloat80.nan1(e, c, se, m)) {
                e.se2 = e.se;
                e.m2 = e.m;
            }
            return;
        }
        if (c == ZERO) {
            if (e.raise(ZE)) {
                return;
            }
            e.se = 0x8000 | EXP_MAX;
            e.m = J;
            e.se2 = se;
            e.m2 = m;
            return;
        }
        if (c == INF) {
            e.se = EXP_MAX;
            e.m = J;
            e.se2 = se;
            e.m2 = m;
            return;
        }
        if (c == DENORMAL && e.raise(DE)) {
            return;
        }
        int x = SoftFloat80.nexp(se, m) - BIAS;
        e.se = F80.intSe(x);
        e.m = F80.intSig(x);
        e.se2 = (se & 0x8000) | BIAS;
        e.m2 = SoftFloat80.nsig(m);
    }
}
