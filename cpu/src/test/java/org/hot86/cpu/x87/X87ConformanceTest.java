package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.Ops.*;
import static org.quicktheories.QuickTheory.qt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Differential tests of the x87 semantics against the host FPU (x87oracle.c): results,
 * status word (undefined condition codes masked per SDM), tag word and stored memory must
 * agree bit for bit. Campaign sizes scale with -Dhot86.conformance.cases=N (default total
 * about 100,000 cases across the x87 tests); -Dhot86.seed fixes the QuickTheories seed.
 */
class X87ConformanceTest {
    static final int DEFAULT_TOTAL = 100_000;
    static final int BATCH = 2000;
    static final Map<String, int[]> STATS = new TreeMap<>();

    interface CaseGen {
        X87Case draw(RandomnessSource in, int op);
    }

    static int cases(double share) {
        int total = Integer.getInteger("hot86.conformance.cases", DEFAULT_TOTAL);
        return Math.max(BATCH / 4, (int) (total * share));
    }

    static long seed() {
        return Long.getLong("hot86.seed", System.nanoTime());
    }

    interface Checker {
        /** Returns null when host and model agree for the case. */
        String diff(X87Case c, ByteBuffer host, ByteBuffer model);
    }

    static void campaign(String name, int[] ops, int n, CaseGen g) {
        campaign(name, ops, n, g, Ops::diff);
    }

    static void campaign(String name, int[] ops, int n, CaseGen g, Checker checker) {
        long seed = seed();
        System.out.printf("x87 campaign %s: %d cases, seed %d (rerun with -Dhot86.seed=%d)%n", name, n, seed, seed);
        int batches = Math.max(1, (n + Math.min(BATCH, n) - 1) / Math.min(BATCH, n));
        Gen<Batch> gen = in -> {
            int size = Math.min(BATCH, n);
            Batch l = new Batch();
            for (int i = 0; i < size; i++) {
                l.add(g.draw(in, ops[(int) Gen80.r(in, 0, ops.length - 1)]));
            }
            return l;
        };
        int[] first = {1};
        qt().withFixedSeed(seed).withExamples(batches).withShrinkCycles(200).withGenerateAttempts(1)
                .forAll(gen).checkAssert(list -> {
                    // the first examples use full-size batches for coverage
                    List<X87Case> cs = list;
                    List<ByteBuffer> host = HostOracle.run(cs);
                    String bad = null;
                    int fails = 0;
                    for (int i = 0; i < cs.size(); i++) {
                        X87Case c = cs.get(i);
                        String d = checker.diff(c, host.get(i), Ops.model(c));
                        if (first[0] == 1) {
                            int[] st = STATS.computeIfAbsent(Ops.name(c.op), k -> new int[2]);
                            st[0]++;
                            if (d != null) {
                                st[1]++;
                            }
                        }
                        if (d != null) {
                            fails++;
                            if (bad == null) {
                                bad = c + " ->" + d;
                            }
                            if (first[0] == 1) {
                                int[] st = STATS.get(Ops.name(c.op));
                                if (st[1] <= 3) {
                                    System.out.println("  MISMATCH " + c + " ->" + d);
                                }
                            }
                        }
                    }
                    if (bad != null) {
                        first[0] = 0;
                        throw new AssertionError(fails + " of " + cs.size() + " cases differ; first: " + bad);
                    }
                });
    }

    /** A batch of cases whose description is only its first disagreeing case (short shrink reports). */
    static final class Batch extends ArrayList<X87Case> {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            List<ByteBuffer> host = HostOracle.run(this);
            for (int i = 0; i < size(); i++) {
                String d = Ops.diff(get(i), host.get(i), Ops.model(get(i)));
                if (d != null) {
                    return "batch of " + size() + ", first disagreeing case: " + get(i) + " ->" + d;
                }
            }
            return "batch of " + size() + " (all agree)";
        }
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("x87 agreement with host (op: agree/total):\n");
        for (Map.Entry<String, int[]> e : STATS.entrySet()) {
            int[] v = e.getValue();
            sb.append(String.format("  %-12s %7d/%-7d %.4f%%%n", e.getKey(), v[0] - v[1], v[0], 100.0 * (v[0] - v[1]) / v[0]));
        }
        System.out.print(sb);
    }

    static X87Case binary(RandomnessSource in, int op) {
        long[] a = Gen80.value(in);
        long[] b = Gen80.related(in, a);
        return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.randomMem(in));
    }

    /** Any value pair, a random stack shape (empty/full registers) and random EFLAGS. */
    static X87Case shaped(RandomnessSource in, int op) {
        X87Case c = binary(in, op);
        int v = Gen80.chance(in, 60) ? 0 : (int) Gen80.r(in, 1, 3);
        if (op == FNSTSWAX) {
            v = 0; // FCHS on an empty register with IE unmasked would trap at the following FXCH
        }
        return c.with(v, (int) Gen80.r(in, 0, 255));
    }

    @Test
    void registerFormsStackFaultsAndFcmov() {
        campaign("reg-forms", new int[] {FXCH, FLDST, FSTPST, FCMOVB, FCMOVB + 1, FCMOVB + 2, FCMOVB + 3, FCMOVB + 4,
            FCMOVB + 5, FCMOVB + 6, FCMOVNU, FCOMPP, FUCOMPP, FCOMP, FADDP, FSUBP, FDIVRP, FCOMIP, FUCOMIP, FADDST1,
            FSUBST1, FDIVRST1, FINCSTP, FDECSTP, FNCLEX, FNSTSWAX, FADD, FSQRT, FXTRACT, FPREM, FSCALE, FCOM, FXAM,
            FTST, FLD32, FILD16, FLD1, FST32, FISTP64, FSTP80, FBSTP, FCOMI, FCHS, FRNDINT},
            cases(0.12), X87ConformanceTest::shaped);
        campaign("mem-forms", new int[] {FDIVR64, FSUBR32, FIMUL16, FIADD32, FCOMP64, FICOM16, FSTP32, FISTP16}, cases(0.04),
            (in, op) -> {
                long[] a = Gen80.value(in);
                long[] b = Gen80.value(in);
                long v;
                switch (op) {
                    case FDIVR64: case FCOMP64: v = Gen80.f64(in); break;
                    case FSUBR32: v = Gen80.f32(in); break;
                    case FIMUL16: case FICOM16: v = Gen80.integer(in, 16); break;
                    case FIADD32: v = Gen80.integer(in, 32); break;
                    default: v = Gen80.bits(in); break;
                }
                int variant = Gen80.chance(in, 80) ? 0 : (int) Gen80.r(in, 1, 3);
                return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.memOf(v)).with(variant, 0);
            });
    }

    @Test
    void arithmetic() {
        campaign("arith", new int[] {FADD, FSUB, FSUBR, FMUL, FDIV, FDIVR}, cases(0.24), X87ConformanceTest::binary);
    }

    @Test
    void sqrtRoundScaleExtract() {
        campaign("unary", new int[] {FSQRT, FRNDINT, FXTRACT, FCHS, FABS}, cases(0.12), X87ConformanceTest::binary);
        campaign("fscale", new int[] {FSCALE}, cases(0.04), (in, op) -> {
            long[] a = Gen80.value(in);
            long[] b = Gen80.chance(in, 70) ? Gen80.normal(in, F80.BIAS - 2, F80.BIAS + 16) : Gen80.value(in);
            return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.randomMem(in));
        });
    }

    @Test
    void remainders() {
        campaign("fprem", new int[] {FPREM, FPREM1}, cases(0.08), (in, op) -> {
            long[] a = Gen80.value(in);
            long[] b;
            if (Gen80.chance(in, 70) && (a[0] & 0x7fff) != 0 && (a[0] & 0x7fff) != 0x7fff) {
                int e = (int) Math.max(1, Math.min(0x7ffe, (a[0] & 0x7fff) - Gen80.r(in, -3, 100)));
                b = new long[] {(Gen80.chance(in, 50) ? 0x8000 : 0) | e, Gen80.sig(in)};
            } else {
                b = Gen80.value(in);
            }
            return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.randomMem(in));
        });
    }

    @Test
    void compares() {
        campaign("compare", new int[] {FCOM, FUCOM, FCOMI, FUCOMI, FTST, FXAM}, cases(0.10), X87ConformanceTest::binary);
        campaign("compare-mem", new int[] {FCOM32, FICOMP32}, cases(0.03), (in, op) -> {
            long[] a = Gen80.value(in);
            long[] b = Gen80.value(in);
            long v = op == FCOM32 ? Gen80.f32(in) : Gen80.integer(in, 32);
            return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.memOf(v));
        });
    }

    @Test
    void loadsAndConstants() {
        campaign("loads", new int[] {FLD32, FLD64, FILD16, FILD32, FILD64, FBLD, FLD80, FLD1, FLD1 + 1, FLD1 + 2,
            FLD1 + 3, FLD1 + 4, FLD1 + 5, FLDZ}, cases(0.10), (in, op) -> {
                long[] a = Gen80.value(in);
                long[] b = Gen80.value(in);
                byte[] mem;
                switch (op) {
                    case FLD32: mem = Gen80.memOf(Gen80.f32(in)); break;
                    case FLD64: mem = Gen80.memOf(Gen80.f64(in)); break;
                    case FILD16: mem = Gen80.memOf(Gen80.integer(in, 16)); break;
                    case FILD32: mem = Gen80.memOf(Gen80.integer(in, 32)); break;
                    case FILD64: mem = Gen80.memOf(Gen80.integer(in, 64)); break;
                    case FBLD: mem = Gen80.bcd(in); break;
                    default: {
                        long[] v = Gen80.value(in);
                        mem = Gen80.memOf(v[1]);
                        mem[8] = (byte) v[0];
                        mem[9] = (byte) (v[0] >>> 8);
                    }
                }
                return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], mem);
            });
    }

    @Test
    void stores() {
        campaign("stores", new int[] {FST32, FST64, FIST16, FIST32, FISTP64, FBSTP, FISTTP16, FISTTP32, FISTTP64, FSTP80},
                cases(0.15), (in, op) -> {
                    long[] a;
                    if (Gen80.chance(in, 40)) {
                        int hi = op == FST32 ? F80.BIAS + 130 : op == FST64 ? F80.BIAS + 1030 : F80.BIAS + 66;
                        int lo = op == FST32 ? F80.BIAS - 160 : op == FST64 ? F80.BIAS - 1090 : F80.BIAS - 3;
                        if (Gen80.chance(in, 50) && (op == FST32 || op == FST64)) {
                            lo = hi - 10;
                        }
                        a = Gen80.normal(in, lo, hi);
                    } else {
                        a = Gen80.value(in);
                    }
                    long[] b = Gen80.value(in);
                    return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.randomMem(in));
                });
    }

    @Test
    void memoryArithmetic() {
        campaign("arith-mem", new int[] {FADD32, FMUL64, FIDIV32, FISUBR16}, cases(0.08), (in, op) -> {
            long[] a = Gen80.value(in);
            long[] b = Gen80.value(in);
            long v;
            switch (op) {
                case FADD32: v = Gen80.f32(in); break;
                case FMUL64: v = Gen80.f64(in); break;
                case FIDIV32: v = Gen80.integer(in, 32); break;
                default: v = Gen80.integer(in, 16); break;
            }
            return new X87Case(op, Gen80.cw(in), (int) a[0], a[1], (int) b[0], b[1], Gen80.memOf(v));
        });
    }
}
