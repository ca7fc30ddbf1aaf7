package org.hot86.softmmu.phys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.hot86.softmmu.MmioHandler;
import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    @Test
    void ramIsLittleEndianAcrossPageArrays() {
        PhysicalMemory pm = new PhysicalMemory(); // every page its own array
        pm.addRam(0, 0x4000);
        pm.write(0x0FFE, 4, 0x11223344L);
        assertEquals(0x44, pm.read(0x0FFE, 1));
        assertEquals(0x33, pm.read(0x0FFF, 1));
        assertEquals(0x22, pm.read(0x1000, 1));
        assertEquals(0x11223344L, pm.read(0x0FFE, 4));
        pm.write(0x2000, 8, 0x8877665544332211L);
        assertEquals(0x8877665544332211L, pm.read(0x2000, 8));
        assertEquals(0x2211, pm.read(0x2000, 2));
        assertEquals(0x88, pm.read(0x2007, 1));
    }

    @Test
    void ramCanSitAbove4GiBAndSpanSeveralPages() {
        PhysicalMemory pm = new PhysicalMemory();
        long base = 0x1_8000_0000L;
        pm.addRam(base, 0x30000);
        pm.write(base + 0x2FFF8, 8, -2L);
        pm.write(base + 0xFFFC, 8, 0x0102030405060708L); // crosses page 15 -> 16
        assertEquals(-2L, pm.read(base + 0x2FFF8, 8));
        assertEquals(0x0102030405060708L, pm.read(base + 0xFFFC, 8));
        assertEquals(0, pm.read(0, 4) & 0 /* unassigned below */);
        assertNotNull(pm.hostArray(base + 0x20000));
        assertEquals(4096, pm.hostArray(base + 0x20000).length);
        assertEquals(0, pm.hostOffset(base + 0x20000));
        assertEquals(0x123, pm.hostOffset(base + 0x21123));
        assertEquals(0x08, pm.hostArray(base + 0xFFFC)[0xFFC]);
        assertEquals(0x01, pm.hostArray(base + 0x10000)[3]);
    }

    @Test
    void unassignedReadsAllOnesAndDropsWritesAndCounts() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 0x1000);
        List<String> seen = new ArrayList<>();
        pm.addUnassignedListener((io, a, s, w, v) -> seen.add((w ? "w" : "r") + Long.toHexString(a) + "/" + s));
        assertEquals(0xFF, pm.read(0x5000, 1));
        assertEquals(0xFFFF, pm.read(0x5000, 2));
        assertEquals(0xFFFF_FFFFL, pm.read(0x5000, 4));
        assertEquals(-1L, pm.read(0x5000, 8));
        pm.write(0x5000, 4, 0);
        assertEquals(0xFFFF_FFFFL, pm.read(0x5000, 4));
        assertEquals(6, pm.unassignedCount());
        assertEquals(List.of("r5000/1", "r5000/2", "r5000/4", "r5000/8", "w5000/4", "r5000/4"), seen);
        assertNull(pm.hostArray(0x5000));
    }

    @Test
    void romKeepsItsContentAgainstGuestWritesButLoadsWork() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRom(0xF0000, new byte[] {1, 2, 3, 4});
        assertEquals(0x04030201L, pm.read(0xF0000, 4));
        pm.write(0xF0000, 1, 0x55);
        assertEquals(1, pm.read(0xF0000, 1));
        assertEquals(true, pm.isRom(0xF0000));
        pm.load(0xF0001, new byte[] {9}, 0, 1);
        assertEquals(9, pm.read(0xF0001, 1));
    }

    @Test
    void laterRegionsShadowEarlierOnesAndMmioGetsOffsets() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 0x100000);
        pm.write(0xA0000, 4, 0xDEADBEEFL);
        pm.write(0xC0000, 4, 0xCAFEL);
        List<String> log = new ArrayList<>();
        pm.addMmio(0xA0000, 0x20000, new MmioHandler() {
            @Override
            public long mmioRead(long offset, int size) {
                log.add("r" + Long.toHexString(offset) + "/" + size);
                return 0x1234_5678_9ABC_DEF0L;
            }

            @Override
            public void mmioWrite(long offset, int size, long value) {
                log.add("w" + Long.toHexString(offset) + "/" + size + "=" + Long.toHexString(value));
            }
        });
        assertEquals(0xDEF0, pm.read(0xA0010, 2)); // truncated to the size
        pm.write(0xBFFF8, 8, 0x77);
        assertEquals(0xCAFEL, pm.read(0xC0000, 4)); // RAM after the window is intact
        assertEquals(0, pm.read(0x9FFFC, 4));
        assertEquals(List.of("r10/2", "w1fff8/8=77"), log);
        assertNull(pm.hostArray(0xA0000));
        assertNotNull(pm.hostArray(0xC0000));
    }

    @Test
    void codePagesNotifyAfterTheStore() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 0x10000);
        List<Long> pages = new ArrayList<>();
        pm.addCodeWriteListener(pfn -> pages.add(pfn * 1000 + pm.read(pfn << 12, 1)));
        pm.markCodePage(3);
        pm.write(0x2000, 1, 7);
        pm.write(0x3000, 1, 7);
        pm.unmarkCodePage(3);
        pm.write(0x3000, 1, 8);
        assertEquals(List.of(3007L), pages);
    }

    @Test
    void regionsMustBePageAligned() {
        PhysicalMemory pm = new PhysicalMemory();
        assertThrows(IllegalArgumentException.class, () -> pm.addRam(0x800, 0x1000));
        assertThrows(IllegalArgumentException.class, () -> pm.addRam(0, 0x1001));
    }

    @Test
    void bulkCopies() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 0x2000);
        byte[] src = {1, 2, 3, 4, 5};
        pm.writeBytes(0xFFE, src, 0, 5);
        byte[] dst = new byte[5];
        pm.readBytes(0xFFE, dst, 0, 5);
        assertArrayEquals(src, dst);
    }
}
