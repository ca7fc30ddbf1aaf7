package org.hot86.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every transcendental finishes in bounded time whatever its operands: a guest instruction cannot be
 * interrupted, so no operand class (exponents across the whole 15-bit range, denormals, pseudo-denormals,
 * powers of two, values next to 1, in every rounding mode) may make the BigDecimal evaluation blow up.
 * Thousands of extreme cases must run well inside the (generous) timeout; before the bounded evaluation a
 * single FSIN of a tiny operand took up to a second.
 */
class TranscendentalBoundedTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyExtremeOperandClassFinishes() {
        SplittableRandom r = new SplittableRandom(Long.getLong("hot86.seed", 5));
        int cases = 0;
        long t0 = System.nanoTime();
        long worst = 0;
        String worstCase = "";
        for (TranscOp op : TranscOp.values()) {
            for (int ea = 0; ea < 0x8000; ea += 211) {
                for (int eb : new int[] {0, 1, 0x3fff, 0x3fff - 250, 0x3fff + 250, 0x7ffe, ea}) {
                    for (int cls = 0; cls < 5; cls++) {
                        long am;
                        int xa = ea;
                        switch (cls) {
                            case 0: am = r.nextLong() | F80.J; break;                 // normal
                            case 1: am = r.nextLong() >>> r.nextInt(1, 64); xa = 0; break; // denormal
                            case 2: am = r.nextLong() | F80.J; xa = 0; break;         // pseudo-denormal
                            case 3: am = F80.J; break;                                // power of two
                            default: am = -1L; break;                                 // all ones
                        }
                        int sa = r.nextBoolean() ? 0x8000 : 0, sb = r.nextBoolean() ? 0x8000 : 0;
                        X87State s = new X87State();
                        s.init();
                        s.setControlWord(0x037f | r.nextInt(4) << 10);
                        X87.fldExt(s, sb | eb, r.nextLong() | F80.J);
                        X87.fldExt(s, sa | xa, am);
                        long c0 = System.nanoTime();
                        X87.transcendental(s, op);
                        long dt = System.nanoTime() - c0;
                        if (dt > worst) {
                            worst = dt;
                            worstCase = String.format("%s %04x_%016x / %04x", op, sa | xa, am, eb);
                        }
                        cases++;
                    }
                }
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bounded transcendentals: %d extreme cases in %.2f s, slowest %.1f ms (%s)%n", cases, total,
                worst / 1e6, worstCase);
        assertTrue(cases > 10_000);
    }
}
