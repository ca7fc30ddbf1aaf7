package org.hot86.softmmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution with {@code -Dhot86.softmmu.countHits=true} (see the
 * module pom): the flag is a static final read at class initialisation.
 */
class HitCountingTest {
    @Test
    void hitsAreCountedWhenEnabled() {
        assertTrue(Mmu.COUNT_HITS, "this test must run with -Dhot86.softmmu.countHits=true");
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 0x10000);
        Mmu mmu = new Mmu(pm, 16);
        mmu.write32(0x100, 1); // miss (fills read, write and exec tags)
        mmu.read32(0x104); // hit
        mmu.read8(0x105); // hit
        mmu.fetch8(0x106); // hit
        mmu.write64(0x108, 2); // hit
        mmu.read32(0x2000); // miss
        MmuStats s = mmu.stats();
        assertEquals(4, s.tlbHits());
        assertEquals(2, s.tlbMisses());
        assertEquals(4.0 / 6, s.hitRate(), 1e-9);
    }
}
