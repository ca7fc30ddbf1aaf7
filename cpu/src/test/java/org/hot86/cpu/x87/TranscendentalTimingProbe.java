package org.hot86.cpu.x87;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TranscendentalTimingProbe {
    @Test
    void slowest() {
        Assumptions.assumeTrue(Boolean.getBoolean("hot86.x87.timing"));
        SplittableRandom r = new SplittableRandom(7);
        for (TranscOp op : TranscOp.values()) {
            long worst = 0;
            String w = "";
            long total = 0;
            for (int ea = 0; ea < 0x8000; ea += 97) {
                for (int eb : new int[] {0, 1, 0x3fff, 0x3fff - 70, 0x3fff + 70, 0x7ffe, ea}) {
                    for (int cls = 0; cls < 3; cls++) {
                        long am = cls == 0 ? r.nextLong() | F80.J : cls == 1 ? r.nextLong() >>> 1 : F80.J;
                        int sa = r.nextBoolean() ? 0x8000 : 0, sb = r.nextBoolean() ? 0x8000 : 0;
                        int xa = cls == 1 ? 0 : ea;
                        X87State s = new X87State();
                        s.init();
                        s.setControlWord(0x37f);
                        X87.fldExt(s, sb | eb, r.nextLong() | F80.J);
                        X87.fldExt(s, sa | xa, am);
                        long t0 = System.nanoTime();
                        X87.transcendental(s, op);
                        long dt = System.nanoTime() - t0;
                        total += dt;
                        if (dt > worst) {
                            worst = dt;
                            w = String.format("%04x_%016x / %04x", sa | xa, am, eb);
                        }
                    }
                }
            }
            System.out.printf("TIMING %-8s total %.2f s worst %.1f ms at %s%n", op, total / 1e9, worst / 1e6, w);
        }
    }
}
