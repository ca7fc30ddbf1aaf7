package org.hot86.softmmu.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flushes that visit only the filled entries must leave the TLB exactly as a scan of every
 * entry would: checked against a model (every entry scanned) for random fill/flush/INVLPG
 * sequences, with few fills (tracked) and many (overflowed).
 */
class TlbFlushTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 16, 64, 1024})
    void trackedFlushesEqualFullScans(int size) {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        Tlb t = new Tlb(size);
        long[] model = new long[size];
        boolean[] modelGlobal = new boolean[size];
        java.util.Arrays.fill(model, Tlb.INVALID);
        for (int step = 0; step < 20_000; step++) {
            int op = r.nextInt(100);
            // bursts: mostly few fills between flushes, sometimes many
            int fills = r.nextInt(10) == 0 ? size : 1 + size / 16;
            if (op < 70) {
                for (int k = 0; k < 1 + r.nextInt(fills); k++) {
                    long page = (long) r.nextInt(1 << 20) << 12;
                    int i = t.index(page);
                    boolean g = r.nextInt(4) == 0;
                    t.readTag[i] = page;
                    t.writeTag[i] = r.nextBoolean() ? page : Tlb.INVALID;
                    t.execTag[i] = page;
                    t.physPage[i] = page;
                    t.global[i] = g;
                    t.filled(i);
                    model[i] = page;
                    modelGlobal[i] = g;
                }
            } else if (op < 80) {
                t.flushAll();
                java.util.Arrays.fill(model, Tlb.INVALID);
                java.util.Arrays.fill(modelGlobal, false);
            } else if (op < 90) {
                t.flushNonGlobal();
                for (int i = 0; i < size; i++) {
                    if (!modelGlobal[i]) {
                        model[i] = Tlb.INVALID;
                    }
                }
            } else if (op < 95) {
                long page = (long) r.nextInt(1 << 20) << 12;
                t.flushPage(page);
                model[t.index(page)] = Tlb.INVALID;
                modelGlobal[t.index(page)] = false;
            } else {
                int i = r.nextInt(size);
                long page = model[i] != Tlb.INVALID ? model[i] : 0x1000;
                t.protectCode(page);
                if (model[i] != Tlb.INVALID && t.writeTag[i] != Tlb.INVALID) {
                    assertEquals(page | Tlb.FLAG_CODE, t.writeTag[i], "protectCode missed entry " + i + ", seed " + seed);
                    t.writeTag[i] = page;
                }
            }
            for (int i = 0; i < size; i++) {
                assertEquals(model[i], t.readTag[i], "entry " + i + " after step " + step + ", seed " + seed);
            }
        }
    }
}
