package org.hot86.softmmu.phys;

import org.hot86.softmmu.MmioHandler;

/** What backs a range of guest physical addresses. */
sealed interface Region permits Region.Ram, Region.Mmio {

    /**
     * RAM or ROM: {@code size} bytes (a multiple of the page size) as one {@code byte[4096]}
     * per page, so that the TLB's host array for a page is the page itself: the byte at
     * page offset {@code o} is {@code pages[n][o]}, with no per-entry base offset to load
     * (softmmu.md, "Software TLB"). Also lets RAM exceed 2 GiB with no huge Java array.
     */
    record Ram(long size, byte[][] pages, boolean rom) implements Region {
        static Ram allocate(long size, boolean rom) {
            int n = (int) (size >>> PhysicalMemory.PAGE_SHIFT);
            byte[][] pages = new byte[n][];
            for (int i = 0; i < n; i++) {
                pages[i] = new byte[(int) PhysicalMemory.PAGE_SIZE];
            }
            return new Ram(size, pages, rom);
        }
    }

    record Mmio(long size, MmioHandler handler) implements Region {
    }
}
