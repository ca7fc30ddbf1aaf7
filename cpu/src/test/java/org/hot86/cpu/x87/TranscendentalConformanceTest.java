package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.Ops.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1 against the host FPU on random
 * in-range inputs: never more than one ulp off (asserted) and the bit-exact rate per
 * instruction (reported; the target is 99%, the assertion floor is 95% because the host's
 * own results are not correctly rounded: its errors reach about 0.6 ulp, so correctly
 * rounded values differ from it near rounding midpoints). Size: share of
 * -Dhot86.conformance.cases.
 */
class TranscendentalConformanceTest {

    static final int[] OPS = {FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1};

    static long[] normal(SplittableRandom r, int lo, int hi, boolean signed) {
        int sign = signed && r.nextBoolean() ? 0x8000 : 0;
        return new long[] {sign | r.nextInt(lo, hi + 1), r.nextLong() | F80.J};
    }

    static X87Case draw(SplittableRandom r, int op) {
        long[] a, b = {F80.BIAS, F80.J};
        switch (op) {
            case FSIN: case FCOS: case FSINCOS: case FPTAN:
                a = normal(r, F80.BIAS - 30, F80.BIAS + 62, true);
                break;
            case F2XM1:
                a = normal(r, F80.BIAS - 40, F80.BIAS - 1, true);
                break;
            case FYL2X:
                a = normal(r, F80.BIAS - 200, F80.BIAS + 200, false);
                b = normal(r, F80.BIAS - 20, F80.BIAS + 20, true);
                break;
            case FYL2XP1:
                a = normal(r, F80.BIAS - 40, F80.BIAS - 3, true);
                b = normal(r, F80.BIAS - 20, F80.BIAS + 20, true);
                break;
            default:
                a = normal(r, F80.BIAS - 30, F80.BIAS + 30, true);
                b = normal(r, F80.BIAS - 30, F80.BIAS + 30, true);
                break;
        }
        int cw = 0x037f | (r.nextInt(4) == 0 ? r.nextInt(4) << 10 : 0);
        return new X87Case(op, cw, (int) a[0], a[1], (int) b[0], b[1], new byte[16]);
    }

    /** Position on the number line in units of the smallest denormal (exponent 0 and 1 share a scale). */
    static BigInteger ordinal(int se, long m) {
        int e = Math.max(1, se & 0x7fff);
        BigInteger v = BigInteger.valueOf(e - 1).shiftLeft(63).add(new BigInteger(1, ByteBuffer.allocate(8).putLong(m).array()));
        return (se & 0x8000) != 0 ? v.negate() : v;
    }

    static long ulps(ByteBuffer h, ByteBuffer m, int off) {
        BigInteger d = ordinal(h.getShort(off + 8), h.getLong(off)).subtract(ordinal(m.getShort(off + 8), m.getLong(off))).abs();
        return d.bitLength() > 62 ? Long.MAX_VALUE : d.longValue();
    }

    /**
     * Edge operands (NaNs, infinities, zeros, denormals, unsupported encodings, huge
     * arguments, empty/full stack, random control words): everything must agree except that
     * a finite result may be one ulp off (with the matching C1/PE/UE and tag differences).
     */
    @Test
    void transcendentalEdgeCasesAgree() {
        X87ConformanceTest.campaign("transcendental-edges", OPS, X87ConformanceTest.cases(0.005),
                X87ConformanceTest::shaped, TranscendentalConformanceTest::looseDiff);
    }

    /**
     * Operands with exponents drawn uniformly over the whole 15-bit range (normals, denormals, pseudo-denormals,
     * either sign, random RC): the bounded evaluation's short cuts (first series terms beyond 2^+-200, below
     * 2^-40 for the trigonometric functions) must agree with the host like everything else, within one ulp.
     */
    @Test
    void extremeExponentsAgreeWithinOneUlp() {
        X87ConformanceTest.campaign("transcendental-extreme-exponents", OPS, X87ConformanceTest.cases(0.01),
                TranscendentalConformanceTest::extreme, TranscendentalConformanceTest::looseDiff);
    }

    static long[] extremeValue(org.quicktheories.core.RandomnessSource in) {
        int sign = Gen80.r(in, 0, 1) == 0 ? 0 : 0x8000;
        long m = Gen80.bits(in);
        switch ((int) Gen80.r(in, 0, 5)) {
            case 0: return new long[] {sign, m >>> 1};                       // denormal
            case 1: return new long[] {sign, m | F80.J};                     // pseudo-denormal
            case 2: return new long[] {sign | (int) Gen80.r(in, 1, 0x3fff - 150), m | F80.J};
            case 3: return new long[] {sign | (int) Gen80.r(in, 0x3fff + 150, 0x7ffe), m | F80.J};
            default: return new long[] {sign | (int) Gen80.r(in, 1, 0x7ffe), m | F80.J};
        }
    }

    static X87Case extreme(org.quicktheories.core.RandomnessSource in, int op) {
        long[] a = extremeValue(in), b = extremeValue(in);
        int cw = 0x037f | (int) Gen80.r(in, 0, 3) << 10;
        return new X87Case(op, cw, (int) a[0], a[1], (int) b[0], b[1], new byte[16]);
    }

    /**
     * SDM: F2XM1 with |ST0| &gt; 1 and FYL2XP1 with |ST0| &gt;= 1 - sqrt(2)/2 give undefined
     * results (finite normal operands on a valid stack only).
     */
    static boolean undefinedRange(X87Case c) {
        if ((c.op != F2XM1 && c.op != FYL2XP1) || c.variant != 0) {
            return false;
        }
        int cls = F80.classify(c.ase, c.am);
        if (cls != F80.NORMAL && cls != F80.DENORMAL) {
            return false;
        }
        double x = Math.abs(F80.toDouble(c.ase, c.am));
        return c.op == F2XM1 ? x > 1.0 : x >= 1 - Math.sqrt(0.5) - 1e-12;
    }

    /** Ops.diff, but tolerating a one-ulp difference of finite results (and C1 with it). */
    static String looseDiff(X87Case c, ByteBuffer h, ByteBuffer m) {
        String d = Ops.diff(c, h, m);
        if (d == null) {
            return null;
        }
        if (undefinedRange(c)) {
            return null;
        }
        boolean near = ulps(h, m, 8) <= 1 && ulps(h, m, 18) <= 1
                && ((h.getShort(2) ^ m.getShort(2)) & ~(X87State.SW_C1 | FpEnv.UE | FpEnv.PE) & ~Ops.undefinedSw(c.op)) == 0
                && h.getLong(32) == m.getLong(32);
        return near ? null : d;
    }

    /**
     * F2XM1 of |x K| &lt; 2^-66 follows the fitted host model (y = x K rounded to 68 bits, result y C rounded
     * once; docs/modules/x87.md) bit for bit: normals with exponents -67 (below the crossing) down to the
     * smallest, denormals, either sign, every RC, whole state compared.
     */
    @Test
    void f2xm1TinyArgumentsExact() {
        int n = Math.max(2000, X87ConformanceTest.cases(0.02));
        SplittableRandom r = new SplittableRandom(X87ConformanceTest.seed() ^ 0x2f2f);
        List<X87Case> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int sign = r.nextBoolean() ? 0x8000 : 0;
            long m = r.nextLong();
            int kind = r.nextInt(8);
            int se = kind == 0 ? sign : sign | (kind < 4 ? r.nextInt(F80.BIAS - 90, F80.BIAS - 67) : r.nextInt(1, F80.BIAS - 67));
            m = kind == 0 ? m >>> 1 + r.nextInt(60) : m | F80.J;
            if (kind == 7) {
                // exponent -67 below the significand where x K reaches 2^-66
                se = sign | (F80.BIAS - 67);
                m = F80.J + r.nextLong(0x8ae3cc7c6d000000L - F80.J);
            }
            cs.add(new X87Case(F2XM1, 0x037f | r.nextInt(4) << 10, se, m, F80.BIAS, F80.J, new byte[16]));
        }
        List<String> bad = mismatches(cs);
        System.out.printf("F2XM1 |x K| < 2^-66: %d/%d bit-exact%n", n - bad.size(), n);
        assertTrue(bad.isEmpty(), bad.size() + " mismatches: " + bad.subList(0, Math.min(10, bad.size())));
    }

    /**
     * F2XM1's fixed-point model (y = x K at 68 bits, y C (1 + e^(yf C)) / 2 with yf = y on the grid 2^-65) for
     * exponents -67..-34, either sign, every RC: bit-exact on at least 99.8% (correct rounding: ~97.5%).
     */
    @Test
    void f2xm1FixedPointPathNearlyExact() {
        int n = Math.max(2000, X87ConformanceTest.cases(0.02));
        SplittableRandom r = new SplittableRandom(X87ConformanceTest.seed() ^ 0x2f30);
        List<X87Case> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int se = (r.nextBoolean() ? 0x8000 : 0) | r.nextInt(F80.BIAS - 67, F80.BIAS - 33);
            cs.add(new X87Case(F2XM1, 0x037f | r.nextInt(4) << 10, se, r.nextLong() | F80.J, F80.BIAS, F80.J,
                    new byte[16]));
        }
        List<String> bad = mismatches(cs);
        System.out.printf("F2XM1 exponents -67..-34: %d/%d bit-exact%n", n - bad.size(), n);
        assertTrue(bad.size() <= n / 500, bad.size() + " mismatches, first: " + (bad.isEmpty() ? null : bad.get(0)));
    }

    /** "case -> difference" for each case where the model's whole result state differs from the host's. */
    static List<String> mismatches(List<X87Case> cs) {
        List<ByteBuffer> host = HostOracle.run(cs);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            String d = Ops.diff(cs.get(i), host.get(i), Ops.model(cs.get(i)));
            if (d != null) {
                bad.add(cs.get(i) + " -> " + d);
            }
        }
        return bad;
    }

    @Test
    void transcendentalsWithinOneUlpAndMostlyExact() {
        int total = Integer.getInteger("hot86.conformance.cases", X87ConformanceTest.DEFAULT_TOTAL);
        int perOp = Math.max(200, total / 50);
        long seed = X87ConformanceTest.seed();
        System.out.printf("x87 transcendental campaign: %d cases per instruction, seed %d%n", perOp, seed);
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder report = new StringBuilder("x87 transcendentals (exact results / cases, max ulp):\n");
        List<String> problems = new ArrayList<>();
        for (int op : OPS) {
            List<X87Case> cs = new ArrayList<>();
            for (int i = 0; i < perOp; i++) {
                cs.add(draw(r, op));
            }
            List<ByteBuffer> host = HostOracle.run(cs);
            int exact = 0, swOk = 0;
            long maxUlp = 0;
            String worst = null;
            for (int i = 0; i < cs.size(); i++) {
                ByteBuffer h = host.get(i), m = Ops.model(cs.get(i));
                long u = Math.max(ulps(h, m, 8), ulps(h, m, 18));
                if (u == 0) {
                    exact++;
                }
                if (Ops.diff(cs.get(i), h, m) == null) {
                    swOk++;
                }
                if (u > maxUlp) {
                    maxUlp = u;
                    worst = cs.get(i) + " -> " + Ops.diff(cs.get(i), h, m);
                }
            }
            report.append(String.format("  %-8s %6d/%-6d %.3f%% exact, max %d ulp (full state agreement %.3f%%)%n",
                    Ops.name(op), exact, perOp, 100.0 * exact / perOp, maxUlp, 100.0 * swOk / perOp));
            if (exact < 0.99 * perOp) {
                report.append("           (below the 99% target)\n");
            }
            if (maxUlp > 1 || exact < 0.95 * perOp) {
                problems.add(Ops.name(op) + ": worst " + worst);
            }
        }
        System.out.print(report);
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), "transcendental accuracy: " + problems);
    }
}
