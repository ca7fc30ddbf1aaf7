package org.hot86.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeCacheTest {
    @Test
    void modeBitsSeparateTranslationsOfTheSameAddress() {
        CodeCache<String> c = new CodeCache<>(16);
        c.put(0x1000, 1, 1, 1, "a");
        c.put(0x1000, 2, 1, 1, "b");
        assertEquals("a", c.lookup(0x1000, 1).code);
        assertEquals("b", c.lookup(0x1000, 2).code);
        assertNull(c.lookup(0x1000, 3));
        assertNull(c.lookup(0x1001, 1));
    }

    @Test
    void leastRecentlyUsedIsEvictedAndMarkedDead() {
        CodeCache<Integer> c = new CodeCache<>(3);
        var e0 = c.put(0, 0, 0, 0, 0);
        c.put(16, 0, 0, 0, 1);
        c.put(32, 0, 0, 0, 2);
        assertNotNull(c.lookup(0, 0)); // 0 is now most recent; 16 is eldest
        c.put(48, 0, 0, 0, 3);
        assertNull(c.lookup(16, 0));
        assertSame(e0, c.lookup(0, 0));
        assertEquals(1, c.evicted());
        assertEquals(3, c.size());
    }

    @Test
    void invalidatingAPageDropsEveryBlockTouchingIt() {
        CodeCache<String> c = new CodeCache<>(100);
        var inside = c.put(0x5010, 0, 5, 5, "inside");
        var crossing = c.put(0x4ff0, 0, 4, 5, "crossing");
        var other = c.put(0x6000, 0, 6, 6, "other");
        assertEquals(2, c.invalidatePage(5));
        assertFalse(inside.alive);
        assertFalse(crossing.alive);
        assertTrue(other.alive);
        assertNull(c.lookup(0x4ff0, 0));
        assertFalse(c.hasCodeIn(4), "the crossing block's other page is unindexed too");
        assertEquals(0, c.invalidatePage(5));
        assertEquals(2, c.invalidated());
    }

    @Test
    void behavesLikeAMapUnderRandomOperations() {
        Random rnd = new Random(42);
        CodeCache<Long> c = new CodeCache<>(1 << 20);
        Map<Long, Long> model = new HashMap<>();
        for (int i = 0; i < 20000; i++) {
            long pc = rnd.nextInt(1 << 16);
            int mode = rnd.nextInt(3);
            long k = pc * 4 + mode;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    c.put(pc, mode, pc >> 12, (pc + 15) >> 12, k);
                    model.put(k, k);
                }
                case 1 -> {
                    var e = c.lookup(pc, mode);
                    assertEquals(model.get(k), e == null ? null : e.code);
                }
                default -> {
                    long page = pc >> 12;
                    c.invalidatePage(page);
                    model.keySet().removeIf(m -> (m / 4) >> 12 == page || ((m / 4) + 15) >> 12 == page);
                }
            }
        }
        assertEquals(model.size(), c.size());
    }
}
