package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.Ops.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Model-fitting aid (skipped unless -Dhot86.x87.fit=N, cases per instruction): draws operands like the
 * conformance campaign's in-range generator (X87SequenceGen.inRange: exponents -70..70, F2XM1 -66..0,
 * FYL2XP1 -66..-2, FYL2X x &gt; 0; random significands, signs and rounding control), runs them on the host
 * and the model, and prints per instruction the bit-exact rate, the 1-ulp and further counts, and with
 * -Dhot86.x87.fit.show=K the first K mismatches (operands, RC, host and model results).
 */
class TranscendentalFitHarness {
    @Test
    void fit() {
        int n = Integer.getInteger("hot86.x87.fit", 0);
        Assumptions.assumeTrue(n > 0, "fit harness disabled");
        int show = Integer.getInteger("hot86.x87.fit.show", 0);
        String only = System.getProperty("hot86.x87.fit.ops", "");
        SplittableRandom r = new SplittableRandom(Long.getLong("hot86.seed", 1));
        for (int op : new int[] {FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1}) {
            if (!only.isEmpty() && !only.contains(Ops.name(op))) {
                continue;
            }
            List<X87Case> cs = new ArrayList<>();
            while (cs.size() < n) {
                long[] a = operand(r, op, 0), b = operand(r, op, 1);
                if (op == FSIN || op == FCOS || op == FSINCOS || op == FPTAN) {
                    if ((a[0] & 0x7fff) - F80.BIAS >= 63) {
                        continue; // C2, nothing to compare
                    }
                }
                cs.add(new X87Case(op, 0x037f | r.nextInt(4) << 10, (int) a[0], a[1], (int) b[0], b[1], new byte[16]));
            }
            List<ByteBuffer> host = HostOracle.run(cs);
            int same = 0, one = 0, more = 0, shown = 0;
            for (int i = 0; i < n; i++) {
                X87Case c = cs.get(i);
                ByteBuffer h = host.get(i), m = Ops.model(c);
                int off = op == FPTAN ? 18 : 8;
                boolean eq = h.getShort(off + 8) == m.getShort(off + 8) && h.getLong(off) == m.getLong(off);
                if (op == FSINCOS) {
                    eq &= h.getShort(26) == m.getShort(26) && h.getLong(18) == m.getLong(18);
                }
                if (eq) {
                    same++;
                    continue;
                }
                BigInteger d = TranscendentalConformanceTest.ordinal(h.getShort(off + 8), h.getLong(off))
                        .subtract(TranscendentalConformanceTest.ordinal(m.getShort(off + 8), m.getLong(off)));
                if (d.abs().compareTo(BigInteger.ONE) <= 0) {
                    one++;
                } else {
                    more++;
                }
                if (shown++ < show) {
                    System.out.printf("MISS %s rc=%d a=%04x_%016x b=%04x_%016x host=%04x_%016x model=%04x_%016x d=%s%n",
                            Ops.name(op), (c.cw >> 10) & 3, c.ase, c.am, c.bse, c.bm, h.getShort(off + 8) & 0xffff,
                            h.getLong(off), m.getShort(off + 8) & 0xffff, m.getLong(off), d);
                }
            }
            System.out.printf("FIT %-8s n=%d bit-exact %.3f%% 1ulp %d further %d%n", Ops.name(op), n, 100.0 * same / n, one, more);
        }
    }

    private static long[] operand(SplittableRandom r, int op, int k) {
        int e = r.nextInt(-70, 71);
        long m = r.nextLong() | Long.MIN_VALUE;
        int sign = r.nextBoolean() ? 0x8000 : 0;
        if (k == 0 && op == FYL2X) {
            sign = 0;
        } else if (k == 0 && op == F2XM1) {
            e = r.nextInt(-66, 1);
            if (e == 0) {
                m = Long.MIN_VALUE;
            }
        } else if (k == 0 && op == FYL2XP1) {
            e = r.nextInt(-66, -1);
            if (e == -2) {
                m = Long.MIN_VALUE | Long.remainderUnsigned(m, (long) (0.1715728752538097 * 0x1p63));
            }
        }
        return new long[] {sign | (F80.BIAS + e), m};
    }
}
