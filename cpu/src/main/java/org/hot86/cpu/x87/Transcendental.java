package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.F80.BIAS;
import static org.hot86.cpu.x87.F80.DENORMAL;
import static org.hot86.cpu.x87.F80.EXP_MAX;
import static org.hot86.cpu.x87.F80.INF;
import static org.hot86.cpu.x87.F80.J;
import static org.hot86.cpu.x87.F80.QNAN;
import static org.hot86.cpu.x87.F80.ZERO;
import static org.hot86.cpu.x87.FpEnv.DE;
import static org.hot86.cpu.x87.FpEnv.ZE;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The x87 transcendental instructions (SDM Vol. 1, 8.3.9-8.3.10; Vol. 2 FSIN ... FYL2XP1),
 * evaluated on the exact value of the 80-bit operands with about 230 bits of working
 * precision ({@link BigDecimal}) and rounded to 64 bits under the rounding control (the
 * precision control does not apply, SDM 8.1.5.2). Trigonometric arguments are reduced modulo
 * pi/2 with the 66-bit pi of the hardware ({@link #PI66}).
 *
 * <p>Model of the host's internal computation, fitted to the oracle (docs/modules/x87.md):
 * FYL2X and FYL2XP1 compute log2 from s = (m - 1)/(m + 1) or x/(2 + x) in 68-bit steps with
 * log2 e rounded up to 69 bits ({@link #fyl2xScaled}) and round the product with ST(1) once;
 * FPATAN rounds the ratio of its operands to {@link #LOG_BITS} bits and works with the 66-bit pi;
 * FPTAN of an argument below about 1.21 * 2^-34 is x C rounded to 68 bits, divided by C
 * ({@link #TAN_SCALE}); F2XM1 of |x K| below 2^-66 is y C with y = x K rounded to 68 bits
 * ({@link #F2XM1_K}, {@link #F2XM1_C}), and up to exponent -33 the host's fixed-point form
 * ({@link #f2xm1Fixed}); FSIN, FCOS, FSINCOS, FPTAN otherwise and F2XM1 otherwise are
 * correctly rounded (the host's internal steps there were not found). Hence results agree bit for bit with the host on
 * about 97-100% of in-range operands and are never more than one ulp off.
 *
 * <p>Cost is bounded for every operand: values are carried as a short significand times a
 * power of two ({@link Scaled}), and beyond {@link #LIMIT} binary orders of magnitude (or
 * below 2^-40 for the trigonometric functions) a function takes its first series term with
 * the sign of the next, which is all the rounding can see. This path is off the hot path of
 * ordinary arithmetic; it allocates.
 */
final class Transcendental {
    private Transcendental() { }

    static final MathContext MC = new MathContext(70, RoundingMode.HALF_EVEN);
    private static final MathContext WIDE = new MathContext(200, RoundingMode.HALF_EVEN);
    static final BigDecimal PI = computePi();
    private static final BigDecimal HALF_PI = PI.divide(BigDecimal.valueOf(2), WIDE);
    static final BigDecimal LN2 = atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(3), WIDE), WIDE)
            .multiply(BigDecimal.valueOf(2), WIDE);
    /**
     * pi truncated to 66 significant bits: the value the hardware reduces trigonometric
     * arguments with (SDM 8.3.10 "the x87 FPU uses a 66-bit approximation of pi";
     * host-verified on this AMD part too).
     */
    static final BigDecimal PI66 = new BigDecimal(PI.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(64)))
            .setScale(0, RoundingMode.FLOOR).unscaledValue()).divide(new BigDecimal(BigInteger.ONE.shiftLeft(64)));
    private static final BigDecimal HALF_PI66 = PI66.divide(BigDecimal.valueOf(2));
    /**
     * Width of the host's internal intermediates (rounded to nearest): FYL2X/FYL2XP1's steps, FPATAN's
     * ratio, FPTAN's scaled small argument; fitted to the host, see docs/modules/x87.md.
     */
    static final int LOG_BITS = 68;
    /** Below 2^-TINY_TRIG the trigonometric functions take their first series term. */
    private static final int TINY_TRIG = 40;

    static void apply(TranscOp op, FpEnv e, int ase, long am, int bse, long bm) {
        e.begin();
        switch (op) {
            case FSIN: case FCOS: case FSINCOS: case FPTAN: trig(op, e, ase, am); break;
            case F2XM1: f2xm1(e, ase, am); break;
            case FPATAN: fpatan(e, ase, am, bse, bm); break;
            case FYL2X: fyl2x(e, ase, am, bse, bm, false); break;
            case FYL2XP1: fyl2x(e, ase, am, bse, bm, true); break;
        }
    }

    // ------------------------------------------------------------------ exact values and rounding

    /** The exact value of a finite 80-bit number. */
    static BigDecimal exact(int se, long m) {
        if (m == 0) {
            return BigDecimal.ZERO;
        }
        int ex = (se & EXP_MAX) == 0 ? 1 : se & EXP_MAX;
        BigDecimal v = new BigDecimal(new BigInteger(1, longBytes(m)));
        int p = ex - BIAS - 63;
        v = p >= 0 ? v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(p)))
                : v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-p)));
        return (se & 0x8000) != 0 ? v.negate() : v;
    }

    private static byte[] longBytes(long m) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (m >>> (56 - 8 * i));
        }
        return b;
    }

    /**
     * Exponent bound of the direct evaluation: operands (and ratios) whose binary exponent lies
     * beyond +-LIMIT are evaluated by their first series term with the sign of the next one
     * (which is then below 2^-LIMIT relative, far under the 64-bit rounding resolution), so
     * that no evaluation ever handles numbers wider than about LIMIT + 300 bits: every
     * instruction finishes in bounded time whatever its operand (the full 15-bit exponent
     * range, denormals and pseudo-denormals included).
     */
    static final int LIMIT = 200;

    /** The unbiased binary exponent of a finite nonzero 80-bit number, normalised (denormals included). */
    static int exp2(int se, long m) {
        int ex = (se & EXP_MAX) == 0 ? 1 : se & EXP_MAX;
        return ex - BIAS - Long.numberOfLeadingZeros(m);
    }

    /** The signed significand of a finite nonzero 80-bit number scaled to [1, 2): value = mant * 2^exp2. */
    static BigDecimal mant(int se, long m) {
        long n = m << Long.numberOfLeadingZeros(m);
        BigDecimal v = new BigDecimal(new BigInteger(1, longBytes(n))).divide(new BigDecimal(BigInteger.ONE.shiftLeft(63)));
        return (se & 0x8000) != 0 ? v.negate() : v;
    }

    /** Rounds v * 2^k (nonzero, inexact unless {@code exact}) to the extended format into e. */
    static void roundScaled(FpEnv e, BigDecimal v, int k, boolean exact) {
        round(e, v, exact, k);
    }

    /** Rounds a (nonzero, inexact unless {@code exact}) real to the extended format into e. */
    static void round(FpEnv e, BigDecimal v, boolean exact) {
        round(e, v, exact, 0);
    }

    private static void round(FpEnv e, BigDecimal v, boolean exact, int k2) {
        int sign = v.signum() < 0 ? 0x8000 : 0;
        BigDecimal a = v.abs();
        // estimate floor(log2(a))
        BigInteger un = a.unscaledValue();
        long est = un.bitLength() - 1 - (long) Math.ceil(a.scale() * 3.321928094887362);
        int ex = (int) est;
        BigInteger sig;
        boolean sticky;
        while (true) {
            int k = 127 - ex; // sig = a * 2^k
            BigDecimal scaled = k >= 0 ? a.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)))
                    : a.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
            BigInteger ip = scaled.setScale(0, RoundingMode.DOWN).unscaledValue();
            int bl = ip.bitLength();
            if (bl > 128) {
                ex += bl - 128;
                continue;
            }
            if (bl < 128) {
                ex -= 128 - bl;
                continue;
            }
            sig = ip;
            sticky = scaled.compareTo(new BigDecimal(ip)) != 0;
            break;
        }
        long hi = sig.shiftRight(64).longValue();
        long lo = sig.longValue();
        if (sticky || !exact) {
            lo |= 1;
        }
        SoftFloat80.packExt(e, sign, ex + k2 + BIAS, hi, lo, 64);
    }

    /**
     * v rounded to {@code bits} significant bits (toward zero when {@code truncate}, else to
     * nearest-even): an intermediate of the hardware's internal format.
     */
    static BigDecimal toBits(BigDecimal v, int bits, boolean truncate) {
        if (v.signum() == 0) {
            return v;
        }
        BigDecimal a = v.abs();
        int k = bits - 1 - (a.unscaledValue().bitLength() - (int) Math.ceil(a.scale() * 3.321928094887362));
        BigInteger lo = BigInteger.ONE.shiftLeft(bits - 1), hi = BigInteger.ONE.shiftLeft(bits);
        BigDecimal scaled;
        BigInteger ip;
        while (true) {
            scaled = scale2(a, k);
            ip = scaled.setScale(0, RoundingMode.DOWN).unscaledValue();
            if (ip.compareTo(hi) >= 0) {
                k--;
            } else if (ip.compareTo(lo) < 0) {
                k++;
            } else {
                break;
            }
        }
        BigInteger q = truncate ? ip : scaled.setScale(0, RoundingMode.HALF_EVEN).unscaledValue();
        BigDecimal r = scale2(new BigDecimal(q), -k);
        return v.signum() < 0 ? r.negate() : r;
    }

    /** A real v * 2^k (so that extreme magnitudes keep a short v). */
    static final class Scaled {
        final BigDecimal v;
        final int k;

        Scaled(BigDecimal v, int k) {
            this.v = v;
            this.k = k;
        }

        BigDecimal value() {
            return scale2(v, k);
        }
    }

    // ------------------------------------------------------------------ series

    static BigDecimal computePi() {
        MathContext mc = new MathContext(220, RoundingMode.HALF_EVEN);
        BigDecimal a = atanInv(5, mc).multiply(BigDecimal.valueOf(16), mc);
        BigDecimal b = atanInv(239, mc).multiply(BigDecimal.valueOf(4), mc);
        return a.subtract(b, mc);
    }

    private static BigDecimal atanInv(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
        return atanSeries(x, mc);
    }

    /** atan(x) by its Taylor series (|x| small). */
    static BigDecimal atanSeries(BigDecimal x, MathContext mc) {
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal term = x, sum = x;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5).multiply(x.abs(), mc);
        for (int k = 1; k < 10000; k++) {
            term = term.multiply(x2, mc).negate();
            BigDecimal t = term.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = sum.add(t, mc);
            if (t.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum;
    }

    /** atanh(x) = x + x^3/3 + ... (|x| &lt; 1/2). */
    static BigDecimal atanhSeries(BigDecimal x, MathContext mc) {
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal term = x, sum = x;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5).multiply(x.abs(), mc);
        for (int k = 1; k < 10000; k++) {
            term = term.multiply(x2, mc);
            BigDecimal t = term.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = sum.add(t, mc);
            if (t.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum;
    }

    /** sin (odd=true) or cos of |r| &lt;= pi/4. */
    static BigDecimal sinCosSeries(BigDecimal r, boolean sin) {
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = sin ? r : BigDecimal.ONE;
        BigDecimal sum = term;
        if (term.signum() == 0) {
            return sum;
        }
        BigDecimal eps = BigDecimal.ONE.movePointLeft(MC.getPrecision() + 5).multiply(term.abs(), MC);
        int n = sin ? 1 : 0;
        for (int k = 0; k < 1000; k++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), MC).negate();
            n += 2;
            sum = sum.add(term, MC);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum;
    }

    /**
     * cos(r) as the exact difference 1 - v, v = 1 - cos r summed with relative precision,
     * so that a result a hair below 1 still rounds (directed modes) like the true value.
     */
    static BigDecimal cosExact(BigDecimal r) {
        if (r.signum() == 0) {
            return BigDecimal.ONE;
        }
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = r2.divide(BigDecimal.valueOf(2), MC);
        BigDecimal v = term;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(MC.getPrecision() + 5).multiply(term, MC);
        for (int n = 2; n < 1000; n += 2) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), MC).negate();
            v = v.add(term, MC);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return BigDecimal.ONE.subtract(clampTiny(BigDecimal.ONE, v));
    }

    private static final BigDecimal TINY = BigDecimal.ONE.movePointLeft(40);

    /**
     * Replaces a correction far below the rounding resolution (|corr| &lt; 1e-40 |base|) by
     * +-1e-40 |base|: the sum rounds the same way (base is an 80-bit value or 1, so no
     * rounding boundary lies that close to it) and stays a short decimal.
     */
    static BigDecimal clampTiny(BigDecimal base, BigDecimal corr) {
        BigDecimal lim = base.abs().multiply(TINY, MC);
        if (corr.signum() == 0 || corr.abs().compareTo(lim) >= 0) {
            return corr;
        }
        return corr.signum() > 0 ? lim : lim.negate();
    }

    /** sin(r) as the exact difference r - w, w = r - sin r summed with relative precision. */
    static BigDecimal sinExact(BigDecimal r) {
        if (r.signum() == 0) {
            return r;
        }
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = r.multiply(r2, MC).divide(BigDecimal.valueOf(6), MC);
        BigDecimal w = term;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(MC.getPrecision() + 5).multiply(term.abs(), MC);
        for (int n = 3; n < 1000; n += 2) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), MC).negate();
            w = w.add(term, MC);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return r.subtract(clampTiny(r, w));
    }

    /**
     * tan of the reduced argument: r + (r v - w)/cos r in even quadrants, -(1/r - (r v - w)/(r sin r))
     * in odd ones, with v = 1 - cos r and w = r - sin r, so that the tiny correction to r
     * (or 1/r) keeps its sign through directed rounding.
     */
    static BigDecimal tanExact(BigDecimal r, BigDecimal sin, BigDecimal cos, boolean odd) {
        if (r.signum() == 0) {
            return r;
        }
        BigDecimal v = BigDecimal.ONE.subtract(cos), w = r.subtract(sin);
        BigDecimal num = r.multiply(v, MC).subtract(w, MC);
        if (!odd) {
            return r.add(clampTiny(r, num.divide(cos, MC)));
        }
        BigDecimal inv;
        try {
            inv = BigDecimal.ONE.divide(r);
        } catch (ArithmeticException nonTerminating) {
            inv = BigDecimal.ONE.divide(r, MC);
        }
        return inv.subtract(num.divide(r.multiply(sin, MC), MC)).negate();
    }

    /** atan(x) for any real x. */
    static BigDecimal atan(BigDecimal x) {
        if (x.signum() == 0) {
            return x;
        }
        boolean neg = x.signum() < 0;
        BigDecimal a = x.abs();
        boolean inv = a.compareTo(BigDecimal.ONE) > 0;
        if (inv) {
            a = BigDecimal.ONE.divide(a, MC);
        }
        int doublings = 0;
        BigDecimal tenth = new BigDecimal("0.05");
        while (a.compareTo(tenth) > 0) {
            BigDecimal s = BigDecimal.ONE.add(a.multiply(a, MC)).sqrt(MC);
            a = a.divide(BigDecimal.ONE.add(s), MC);
            doublings++;
        }
        BigDecimal r = atanSeries(a, MC);
        r = r.multiply(BigDecimal.valueOf(1L << doublings), MC);
        if (inv) {
            r = HALF_PI.subtract(clampTiny(HALF_PI, r)); // keeps a tiny r visible to directed rounding
        }
        return neg ? r.negate() : r;
    }

    /** ln(x) for x &gt; 0. */
    static BigDecimal ln(BigDecimal x) {
        // x = m * 2^k with m in [0.75, 1.5)
        int k = x.unscaledValue().bitLength() - (int) Math.round(x.scale() * 3.321928094887362);
        BigDecimal m = scale2(x, -k);
        while (m.compareTo(new BigDecimal("1.5")) >= 0) {
            m = m.divide(BigDecimal.valueOf(2), MC);
            k++;
        }
        while (m.compareTo(new BigDecimal("0.75")) < 0) {
            m = m.multiply(BigDecimal.valueOf(2), MC);
            k--;
        }
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        BigDecimal r = atanhSeries(s, MC).multiply(BigDecimal.valueOf(2), MC);
        return r.add(LN2.multiply(BigDecimal.valueOf(k), MC), MC);
    }

    static BigDecimal scale2(BigDecimal x, int k) {
        return k >= 0 ? x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)))
                : x.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
    }

    // ------------------------------------------------------------------ instructions

    /**
     * {sin x, cos x, tan x} of a finite nonzero |x| &lt; 2^63, reduced modulo pi/2 with the
     * 66-bit pi ({@link #PI66}): x = q (pi66/2) + r, |r| &lt;= pi/4.
     */
    static BigDecimal[] trigValues(BigDecimal x) {
        BigDecimal q = x.divide(HALF_PI66, WIDE).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(q.multiply(HALF_PI66)).round(MC);
        int quad = q.toBigInteger().intValue() & 3;
        BigDecimal s = sinExact(r);
        BigDecimal co = cosExact(r);
        BigDecimal sin, cos;
        switch (quad) {
            case 0: sin = s; cos = co; break;
            case 1: sin = co; cos = s.negate(); break;
            case 2: sin = s.negate(); cos = co.negate(); break;
            default: sin = co.negate(); cos = s; break;
        }
        return new BigDecimal[] {sin, cos, tanExact(r, s, co, (quad & 1) != 0)};
    }

    private static void trig(TranscOp op, FpEnv e, int se, long m) {
        int c = F80.classify(se, m);
        if (c >= QNAN) {
            if (SoftFloat80.nan1(e, c, se, m)) {
                e.se2 = e.se;
                e.m2 = e.m;
            }
            return;
        }
        if (c == INF) {
            SoftFloat80.invalid(e);
            e.se2 = e.se;
            e.m2 = e.m;
            return;
        }
        if (c == DENORMAL && e.raise(DE)) {
            return;
        }
        if (c != ZERO && exp2(se, m) >= 63) {
            e.cc = 4; // C2: |x| >= 2^63, operand out of range, left unchanged
            return;
        }
        if (c == ZERO) {
            switch (op) {
                case FSIN: e.se = se; e.m = 0; return;
                case FCOS: e.se = BIAS; e.m = J; return;
                case FSINCOS: e.se = se; e.m = 0; e.se2 = BIAS; e.m2 = J; return;
                default: e.se = se; e.m = 0; e.se2 = BIAS; e.m2 = J; return;
            }
        }
        int k = exp2(se, m);
        if (op == TranscOp.FPTAN && tanTiny(k, m)) {
            tanTinyResult(e, mant(se, m), k);
            e.se2 = BIAS;
            e.m2 = J;
            return;
        }
        BigDecimal[] v;
        int ks = 0; // binary scale of sin and tan
        if (k < -TINY_TRIG) {
            // |x| < 2^-40: sin x = x (1 - x^2/6 ...), cos x = 1 - x^2/2, tan x = x (1 + x^2/3): the
            // corrections are below 2^-80 relative, only their sign reaches the rounding
            BigDecimal xm = mant(se, m);
            v = new BigDecimal[] {xm.subtract(xm.multiply(TINY)), BigDecimal.ONE.subtract(TINY), xm.add(xm.multiply(TINY))};
            ks = k;
        } else {
            v = trigValues(exact(se, m));
        }
        BigDecimal sin = v[0], cos = v[1];
        switch (op) {
            case FSIN:
                roundScaled(e, sin, ks, false);
                break;
            case FCOS:
                round(e, cos, false);
                break;
            case FSINCOS: {
                // ST(1) <- sin, ST(0) <- cos : the caller stores e.se (sin) then pushes e.se2 (cos)
                FpEnv t = new FpEnv(e.cw);
                round(t, cos, false);
                roundScaled(e, sin, ks, false);
                e.flags |= t.flags;
                e.se2 = t.se;
                e.m2 = t.m;
                break;
            }
            default: {
                roundScaled(e, v[2], ks, false);
                e.se2 = BIAS;
                e.m2 = J;
                break;
            }
        }
    }

    /**
     * FPTAN's scale constant of its small-argument path (66 significant bits, fitted to the host:
     * docs/modules/x87.md): below {@link #TAN_TINY_SIG} 2^-34 the host returns u / C with
     * u = x C rounded to nearest at 68 bits, i.e. x with a relative error of up to 2^-69 whose sign
     * follows the low bits of x C.
     */
    static final BigDecimal TAN_SCALE = scale2(new BigDecimal(new BigInteger("173e4b4bddef8f3458", 16)), -68);
    /** Normalised significand (at exponent -34) below which FPTAN takes its small-argument path (host-bisected). */
    static final long TAN_TINY_SIG = 0x9ace08d63dcfdac5L;

    /** Whether FPTAN of a nonzero operand with exponent k and significand m takes the small-argument path. */
    static boolean tanTiny(int k, long m) {
        long n = m << Long.numberOfLeadingZeros(m);
        return k < -34 || k == -34 && Long.compareUnsigned(n, TAN_TINY_SIG) < 0;
    }

    /** The small-argument FPTAN of xm * 2^k (xm signed, in [1, 2)): u / C, u = xm C to 68 bits, rounded into e. */
    static void tanTinyResult(FpEnv e, BigDecimal xm, int k) {
        BigDecimal u = toBits(xm.multiply(TAN_SCALE), LOG_BITS, false);
        BigDecimal q = u.divide(TAN_SCALE, MC);
        BigDecimal q64 = toBits(q, 64, false);
        boolean exact = q64.multiply(TAN_SCALE).compareTo(u) == 0;
        roundScaled(e, exact ? q64 : q, k, exact);
        e.flags |= FpEnv.PE; // host-verified: inexact even when u / C is x itself
    }

    private static void f2xm1(FpEnv e, int se, long m) {
        int c = F80.classify(se, m);
        if (c >= QNAN) {
            SoftFloat80.nan1(e, c, se, m);
            return;
        }
        if (c == ZERO) {
            e.se = se;
            e.m = 0;
            return;
        }
        if (c == INF) {
            if ((se & 0x8000) != 0) {
                e.se = 0x8000 | (BIAS - 0) ;
                e.m = J;
            } else {
                e.se = se;
                e.m = m;
            }
            return;
        }
        if (c == DENORMAL && e.raise(DE)) {
            return;
        }
        if ((se & EXP_MAX) > BIAS) {
            // |x| > 1 (or >= 2): undefined per SDM; this host returns the operand unchanged
            e.se = se;
            e.m = m;
            return;
        }
        int k = exp2(se, m);
        if (k <= F2XM1_TINY_EXP) {
            // host model (docs/modules/x87.md): y = x K rounded to nearest at 68 bits; while |y| < 2^-66
            // 2^x - 1 = y C, the product rounded once (the significand alone decides: bounded cost)
            BigDecimal y = toBits(mant(se, m).multiply(F2XM1_K), LOG_BITS, false);
            if (k < F2XM1_TINY_EXP || y.abs().compareTo(TWO) < 0) {
                roundScaled(e, y.multiply(F2XM1_C), k, false);
                return;
            }
        }
        if (k <= F2XM1_FIXED_EXP) {
            roundScaled(e, f2xm1Fixed(mant(se, m), k), k, false);
            return;
        }
        BigDecimal x = exact(se, m);
        if (x.compareTo(BigDecimal.ONE.negate()) == 0) {
            // host-verified: -0.5 exactly, but reported inexact (PE, C1 = 0) under every RC
            e.se = 0x8000 | (BIAS - 1);
            e.m = J;
            e.flags |= FpEnv.PE;
            return;
        }
        if (x.compareTo(BigDecimal.ONE) == 0) {
            // host-verified: the internal result lies just below 1 (RC down/chop give 1 - 2^-64, PE always)
            round(e, BigDecimal.ONE.subtract(TINY), false);
            return;
        }
        round(e, f2xm1Value(x), false);
    }

    /**
     * F2XM1's scaled argument constant (65 significant bits, fitted to the host: docs/modules/x87.md):
     * for |x K| &lt; 2^-66 the host computes y = x K rounded to nearest at 68 bits and returns y {@link #F2XM1_C}.
     */
    static final BigDecimal F2XM1_K = scale2(new BigDecimal(new BigInteger("1d7db20ff9770b73b", 16)), -64);
    /** F2XM1's output constant, ln 2 / K to within 2^-71 (79 significant bits, fitted to the host). */
    static final BigDecimal F2XM1_C = scale2(new BigDecimal(new BigInteger("604566d401e86817e2a9", 16)), -80);
    /** Largest exponent of x for which F2XM1 may take the linear path y C (host: taken while |y| &lt; 2^-66). */
    static final int F2XM1_TINY_EXP = -67;

    /** Largest exponent of x for which F2XM1 takes the host's fixed-point model {@link #f2xm1Fixed}. */
    static final int F2XM1_FIXED_EXP = -33;

    /**
     * The host's F2XM1 for x = xm * 2^k, -67 &lt;= k &lt;= {@link #F2XM1_FIXED_EXP} (fitted, docs/modules/x87.md):
     * y = x K rounded to nearest at 68 bits, yf = y rounded to nearest on the fixed grid 2^-65, and
     * 2^x - 1 = y C (1 + e^(yf C)) / 2, i.e. tanh(y C / 2) (1 + e^(yf C)) with the tanh taken as its first term;
     * the caller rounds it once. Returns the value divided by 2^k. For |y| &lt; 2^-66, yf = 0 and this is the
     * small-argument path y C.
     */
    static BigDecimal f2xm1Fixed(BigDecimal xm, int k) {
        BigDecimal ym = toBits(xm.multiply(F2XM1_K), LOG_BITS, false);
        BigInteger yfi = scale2(ym, k + 65).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal yc = ym.multiply(F2XM1_C);
        if (yfi.signum() == 0) {
            return yc;
        }
        BigDecimal z = scale2(new BigDecimal(yfi), -65).multiply(F2XM1_C);
        // (e^z - 1) / 2 = z/2 + z^2/4 + z^3/12 + ...; |z| < 2^-31 here, so a few terms reach 70 digits
        BigDecimal term = z.divide(BigDecimal.valueOf(2), MC), sum = term;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(MC.getPrecision() + 5);
        for (int n = 2; n < 40 && term.abs().compareTo(eps) >= 0; n++) {
            term = term.multiply(z, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        return yc.add(yc.multiply(sum, MC), MC);
    }

    /** 2^x - 1 for a finite nonzero |x| &lt; 1, by the series of e^z - 1, z = x ln 2. */
    static BigDecimal f2xm1Value(BigDecimal x) {
        BigDecimal z = x.multiply(LN2, MC);
        BigDecimal term = z, sum = z;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(MC.getPrecision() + 5).multiply(z.abs(), MC);
        for (int n = 2; n < 1000; n++) {
            term = term.multiply(z, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum;
    }

    /** FPATAN: ST(1) <- atan(ST(1)/ST(0)) with the quadrant of (x=ST0, y=ST1). */
    private static void fpatan(FpEnv e, int xse, long xm, int yse, long ym) {
        int cx = F80.classify(xse, xm), cy = F80.classify(yse, ym);
        if (cx >= QNAN || cy >= QNAN) {
            SoftFloat80.nan2(e, cy, yse, ym, cx, xse, xm);
            return;
        }
        if ((cx == DENORMAL || cy == DENORMAL) && e.raise(DE)) {
            return;
        }
        boolean xneg = (xse & 0x8000) != 0, yneg = (yse & 0x8000) != 0;
        BigDecimal res;
        if (cy == ZERO) {
            if (!xneg) {
                e.se = yse;
                e.m = 0;
                return;
            }
            res = PI;
        } else if (cy == INF) {
            if (cx == INF) {
                res = xneg ? PI.multiply(BigDecimal.valueOf(3)).divide(BigDecimal.valueOf(4), MC)
                        : PI.divide(BigDecimal.valueOf(4), MC);
            } else {
                res = HALF_PI;
            }
        } else if (cx == INF) {
            if (!xneg) {
                e.se = yse & 0x8000;
                e.m = 0;
                return;
            }
            res = PI;
        } else if (cx == ZERO) {
            res = HALF_PI;
        } else {
            Scaled v = fpatanScaled(xse, xm, yse, ym);
            roundScaled(e, v.v, v.k, false);
            return;
        }
        round(e, yneg ? res.negate() : res, false);
    }

    /**
     * FPATAN's value for finite nonzero x and y, as the host computes it (fitted, docs/modules/x87.md): the
     * ratio of the smaller to the larger magnitude q = min/max is rounded to {@link #LOG_BITS} (68) bits, and
     * the angle is atan q, pi66 - atan q, pi66/2 - atan q or pi66/2 + atan q by octant, with the 66-bit pi of
     * the argument reduction ({@link #PI66}); the caller rounds it once. Bounded in cost for any exponents.
     */
    static Scaled fpatanScaled(int xse, long xm, int yse, long ym) {
        int kx = exp2(xse, xm), ky = exp2(yse, ym);
        BigDecimal x = mant(xse, xm).abs(), y = mant(yse, ym).abs();
        boolean xneg = (xse & 0x8000) != 0, yneg = (yse & 0x8000) != 0;
        boolean steep = ky > kx || ky == kx && y.compareTo(x) >= 0; // |y| >= |x|
        int d = steep ? kx - ky : ky - kx; // q = ratio * 2^d, ratio in (1/2, 2)
        BigDecimal ratio = steep ? x.divide(y, MC) : y.divide(x, MC);
        BigDecimal a; // atan q
        int k = 0;
        if (d < -LIMIT) {
            a = toBits(ratio, LOG_BITS, false);
            a = a.subtract(a.multiply(TINY)); // atan q = q (1 - q^2/3 ...)
            k = d;
        } else {
            a = atan(toBits(scale2(ratio, d), LOG_BITS, false));
        }
        BigDecimal v;
        if (!steep && !xneg) {
            v = a;
        } else {
            BigDecimal c = steep ? HALF_PI66 : PI66;
            BigDecimal t = k != 0 ? c.multiply(TINY) : a; // beside pi66, an atan below 2^-LIMIT only sets the direction
            v = steep && xneg ? c.add(t) : c.subtract(t);
            k = 0;
        }
        return new Scaled(yneg ? v.negate() : v, k);
    }

    /** atan2(y, x) for finite nonzero x and y (the angle of (x, y), in (-pi, pi]). */
    static BigDecimal fpatanValue(BigDecimal x, BigDecimal y) {
        BigDecimal a = atan(y.abs().divide(x.abs(), MC));
        BigDecimal res = x.signum() < 0 ? PI.subtract(clampTiny(PI, a)) : a;
        return y.signum() < 0 ? res.negate() : res;
    }

    /** log2(e) rounded up to 69 bits: the host's constant (fitted, docs/modules/x87.md). */
    static final BigDecimal LOG2E_69 = scale2(new BigDecimal(new BigInteger("171547652b82fe1778", 16)), -68);
    private static final BigDecimal SQRT2 = BigDecimal.valueOf(2).sqrt(MC);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /**
     * log2((1 + s) / (1 - s)) as the host computes it (fitted, docs/modules/x87.md): hi = 2 s log2e and
     * lo = (2 atanh s - 2 s) log2e, each rounded to nearest at {@link #LOG_BITS} (68) bits with the
     * 69-bit log2e ({@link #LOG2E_69}); the caller adds them (and the exponent) at 68 bits.
     */
    private static BigDecimal[] log2Parts(BigDecimal s) {
        BigDecimal twoS = s.multiply(TWO);
        BigDecimal hi = toBits(twoS.multiply(LOG2E_69), LOG_BITS, false);
        BigDecimal lo = toBits(atanhSeries(s, MC).multiply(TWO).subtract(twoS).multiply(LOG2E_69, MC), LOG_BITS, false);
        return new BigDecimal[] {hi, lo};
    }

    /**
     * y log2(x) for finite x &gt; 0, x != 1 and not a power of two, y != 0, as the host computes it:
     * x = 2^k m with m in [sqrt(1/2), sqrt 2), s = (m - 1) / (m + 1) rounded to 68 bits, log2 x =
     * ((k + hi) + lo) with each sum rounded to 68 bits ({@link #log2Parts}); the product with y is
     * rounded once by the caller.
     */
    static Scaled fyl2xScaled(int xse, long xm, int yse, long ym) {
        BigDecimal m = mant(xse, xm);
        int k = exp2(xse, xm);
        if (m.compareTo(SQRT2) > 0) {
            m = m.divide(TWO);
            k++;
        }
        BigDecimal s = toBits(m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC), LOG_BITS, false);
        BigDecimal[] p = log2Parts(s);
        BigDecimal l = toBits(toBits(p[0].add(BigDecimal.valueOf(k)), LOG_BITS, false).add(p[1]), LOG_BITS, false);
        return new Scaled(mant(yse, ym).multiply(l), exp2(yse, ym));
    }

    /**
     * y log2(1 + x) for finite nonzero y and x &gt; -1, x != 0, as the host computes it: s = x / (2 + x) with
     * 2 + x and the quotient rounded to 68 bits, log2(1 + x) = hi + lo rounded to 68 bits ({@link #log2Parts});
     * the product with y is rounded once by the caller.
     */
    static Scaled fyl2xp1Scaled(int xse, long xm, int yse, long ym) {
        int kx = exp2(xse, xm);
        BigDecimal l;
        if (kx < -LIMIT) {
            // 2 + x rounds to 2, s = x / 2 exactly, lo is below 2^-LIMIT relative: log2(1 + x) = hi = 2 s log2e at 68 bits
            l = toBits(mant(xse, xm).multiply(LOG2E_69), LOG_BITS, false);
        } else if (kx > LIMIT) {
            // x > 2^LIMIT (outside the SDM's range, x &lt;= -1 excluded by the caller): log2 x + 1/(x ln2)
            l = ln(mant(xse, xm)).divide(LN2, MC).add(BigDecimal.valueOf(kx));
            l = l.add(l.multiply(TINY));
            kx = 0;
        } else {
            BigDecimal x = exact(xse, xm);
            BigDecimal d = toBits(x.add(TWO), LOG_BITS, false);
            BigDecimal s = toBits(x.divide(d, MC), LOG_BITS, false);
            BigDecimal[] p = log2Parts(s);
            l = toBits(p[0].add(p[1]), LOG_BITS, false);
            kx = 0;
        }
        return new Scaled(mant(yse, ym).multiply(l), exp2(yse, ym) + kx);
    }

    /** FYL2X (ST1 * log2(ST0)) and FYL2XP1 (ST1 * log2(ST0 + 1)). */
    private static void fyl2x(FpEnv e, int xse, long xm, int yse, long ym, boolean p1) {
        int cx = F80.classify(xse, xm), cy = F80.classify(yse, ym);
        if (cx >= QNAN || cy >= QNAN) {
            SoftFloat80.nan2(e, cy, yse, ym, cx, xse, xm);
            return;
        }
        boolean xneg = (xse & 0x8000) != 0, yneg = (yse & 0x8000) != 0;
        if (p1) {
            if ((cx == INF && (xneg || cy == ZERO)) || (cx == ZERO && cy == INF)) {
                SoftFloat80.invalid(e); // host-verified: before DE of a denormal ST(1)
                return;
            }
            if (cx == INF) {
                // +inf (outside the SDM's range): the host gives ST(1) * inf, DE for a denormal ST(1)
                if (cy == DENORMAL && e.raise(DE)) {
                    return;
                }
                e.se = (yse & 0x8000) | EXP_MAX;
                e.m = J;
                return;
            }
            if ((cx == DENORMAL || cy == DENORMAL) && e.raise(DE)) {
                return;
            }
            if (cx == ZERO || cy == ZERO) {
                e.se = (xse ^ yse) & 0x8000;
                e.m = 0;
                return;
            }
            if (cy == INF) {
                e.se = ((xse ^ yse) & 0x8000) | EXP_MAX;
                e.m = J;
                return;
            }
            if (xneg && exp2(xse, xm) >= 0) {
                SoftFloat80.invalid(e); // x <= -1: outside the documented range, undefined
                return;
            }
            Scaled v = fyl2xp1Scaled(xse, xm, yse, ym);
            roundScaled(e, v.v, v.k, true); // y times the 68-bit log2: exact product, rounded once
            e.flags |= FpEnv.PE;
            return;
        }
        if (xneg && cx != ZERO) {
            SoftFloat80.invalid(e);
            return;
        }
        if ((cx == DENORMAL || cy == DENORMAL && cx != ZERO) && e.raise(DE)) {
            return; // host-verified: a zero ST(0) (ZE or IE) takes precedence over DE of ST(1)
        }
        if (cx == ZERO) {
            if (cy == ZERO) {
                SoftFloat80.invalid(e);
                return;
            }
            if (cy != INF && e.raise(ZE)) {
                return;
            }
            e.se = ((yse & 0x8000) ^ 0x8000) | EXP_MAX;
            e.m = J;
            return;
        }
        if (cx == INF) {
            if (cy == ZERO) {
                SoftFloat80.invalid(e);
                return;
            }
            e.se = yse & 0x8000 | EXP_MAX;
            e.m = J;
            return;
        }
        int cmp1 = exp2(xse, xm) < 0 ? -1 : (xse == BIAS && xm == J) ? 0 : 1;
        if (cy == INF) {
            if (cmp1 == 0) {
                SoftFloat80.invalid(e);
                return;
            }
            e.se = ((yse ^ (cmp1 < 0 ? 0x8000 : 0)) & 0x8000) | EXP_MAX;
            e.m = J;
            return;
        }
        if (cmp1 == 0 || cy == ZERO) {
            e.se = (yse ^ (cmp1 < 0 ? 0x8000 : 0)) & 0x8000;
            e.m = 0;
            return;
        }
        if (SoftFloat80.nsig(xm) == J) {
            // power of two: log2 is an integer, the product is a plain multiplication
            int k = SoftFloat80.nexp(xse, xm) - BIAS;
            SoftFloat80.mul(e, yse, ym, F80.intSe(k), F80.intSig(k), 64);
            e.flags |= FpEnv.PE; // host-verified: reported even when the product is exact
            return;
        }
        Scaled v = fyl2xScaled(xse, xm, yse, ym);
        roundScaled(e, v.v, v.k, true); // y times the 68-bit log2: exact product, rounded once
        e.flags |= FpEnv.PE;
    }
}
