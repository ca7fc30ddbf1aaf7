package org.hot86.cpu.x87;

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
 * MMX instructions against the host: the 64-bit result must agree bit for bit, and the
 * register aliasing must match (after the op and EMMS: TOP = 0, all tags empty, R0 holds
 * the MM0 result with sign/exponent all ones).
 */
class MmxConformanceTest {
    static final Map<String, int[]> STATS = new TreeMap<>();
    static final int[] IMMS = {0x1b, 0xe4, 0x00, 0x93, 0x4e};

    static long lanes(RandomnessSource in) {
        long v = 0;
        int w = new int[] {8, 16, 32}[(int) Gen80.r(in, 0, 2)];
        for (int sh = 0; sh < 64; sh += w) {
            long lane;
            long mask = (1L << w) - 1;
            switch ((int) Gen80.r(in, 0, 6)) {
                case 0: lane = 0; break;
                case 1: lane = mask; break;
                case 2: lane = 1L << (w - 1); break;
                case 3: lane = (1L << (w - 1)) - 1; break;
                case 4: lane = Gen80.r(in, 0, 3); break;
                default: lane = Gen80.bits(in) & mask; break;
            }
            v |= lane << sh;
        }
        return Gen80.chance(in, 20) ? Gen80.bits(in) : v;
    }

    static X87Case draw(RandomnessSource in) {
        int n = Mmx.Op.values().length;
        int k = (int) Gen80.r(in, 0, n + 10);
        int op = k < n ? 1000 + k : k < n + 5 ? 1100 + (k - n) : 1110 + (k - n - 5);
        long a = lanes(in), b = lanes(in);
        if (k < n && Mmx.Op.values()[k].name().startsWith("PS") && !Mmx.Op.values()[k].name().startsWith("PSUB")
                && Gen80.chance(in, 70)) {
            b = Gen80.r(in, 0, 70);
        }
        return new X87Case(op, 0x37f, 0, a, 0, b, new byte[16]);
    }

    static long model(X87Case c) {
        long a = c.am, b = c.bm;
        int op = c.op;
        if (op < 1100) {
            return Mmx.Op.values()[op - 1000].apply(a, b);
        }
        switch (op) {
            case 1110: return Mmx.pextrw(b, 2);
            case 1111: return Mmx.pinsrw(a, (int) b, 1);
            case 1112: return Mmx.pmovmskb(b);
            case 1113: return Mmx.psll(a, 5, 16);
            case 1114: return Mmx.psra(a, 31, 32);
            case 1115: return Mmx.psrl(a, 33, 64);
            default: return Mmx.pshufw(b, IMMS[op - 1100]);
        }
    }

    static String name(int op) {
        if (op < 1100) {
            return Mmx.Op.values()[op - 1000].name();
        }
        String[] x = {"PEXTRW_2", "PINSRW_1", "PMOVMSKB", "PSLLW_imm5", "PSRAD_imm31", "PSRLQ_imm33"};
        return op >= 1110 ? x[op - 1110] : String.format("PSHUFW_%02x", IMMS[op - 1100]);
    }

    static String diff(X87Case c, ByteBuffer h) {
        long want = h.getLong(32);
        long got = model(c);
        StringBuilder sb = new StringBuilder();
        if (want != got) {
            sb.append(String.format(" result host=%016x model=%016x", want, got));
        }
        // aliasing: model the full sequence (FNINIT; MOVQ mm0,a; MOVQ mm1,b; op; EMMS)
        X87State s = new X87State();
        s.init();
        Mmx.enter(s);
        Mmx.write(s, 0, c.am);
        Mmx.write(s, 1, c.bm);
        if (c.op != 1110 && c.op != 1112) {
            Mmx.write(s, 0, got);
        }
        Mmx.emms(s);
        int hsw = h.getShort(2) & 0xffff, htw = h.getShort(4) & 0xffff;
        if (((hsw >>> 11) & 7) != s.top || htw != s.fullTagWord()) {
            sb.append(String.format(" state host top=%d tw=%04x model top=%d tw=%04x", (hsw >>> 11) & 7, htw, s.top, s.fullTagWord()));
        }
        if ((h.getShort(16) & 0xffff) != s.se[0] || h.getLong(8) != s.m[0]) {
            sb.append(String.format(" R0 host=%s model=%s", F80.hex(h.getShort(16), h.getLong(8)), F80.hex(s.se[0], s.m[0])));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Test
    void mmxAgreesWithHost() {
        int n = X87ConformanceTest.cases(0.10);
        long seed = X87ConformanceTest.seed();
        System.out.printf("mmx campaign: %d cases, seed %d (rerun with -Dhot86.seed=%d)%n", n, seed, seed);
        int batch = 2000;
        Gen<List<X87Case>> gen = in -> {
            List<X87Case> l = new ArrayList<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String toString() {
                    List<ByteBuffer> h = HostOracle.run(this);
                    for (int i = 0; i < size(); i++) {
                        String d = diff(get(i), h.get(i));
                        if (d != null) {
                            return "first disagreeing case: " + name(get(i).op) + " " + get(i) + " ->" + d;
                        }
                    }
                    return "batch of " + size();
                }
            };
            for (int i = 0; i < batch; i++) {
                l.add(draw(in));
            }
            return l;
        };
        boolean[] count = {true};
        qt().withFixedSeed(seed).withExamples(Math.max(1, n / batch)).withShrinkCycles(100).forAll(gen).checkAssert(cs -> {
            List<ByteBuffer> host = HostOracle.run(cs);
            String bad = null;
            for (int i = 0; i < cs.size(); i++) {
                String d = diff(cs.get(i), host.get(i));
                if (count[0]) {
                    int[] st = STATS.computeIfAbsent(name(cs.get(i).op), k -> new int[2]);
                    st[0]++;
                    if (d != null) {
                        st[1]++;
                        if (st[1] <= 2) {
                            System.out.println("  MISMATCH " + name(cs.get(i).op) + " " + cs.get(i) + " ->" + d);
                        }
                    }
                }
                if (d != null && bad == null) {
                    bad = name(cs.get(i).op) + " " + cs.get(i) + " ->" + d;
                }
            }
            if (bad != null) {
                count[0] = false;
                throw new AssertionError(bad);
            }
        });
    }

    @AfterAll
    static void report() {
        int tot = 0, ok = 0;
        for (int[] v : STATS.values()) {
            tot += v[0];
            ok += v[0] - v[1];
        }
        System.out.printf("mmx agreement with host: %d/%d cases over %d instruction forms%n", ok, tot, STATS.size());
    }
}
