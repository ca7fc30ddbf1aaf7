package org.hot86.softmmu.phys;

import org.hot86.softmmu.MmioHandler;

/** What backs a range of guest physical addresses. */
sealed interface Region permits Region.Ram, Region.Mmio {

    /**
     * RAM or ROM: {@code size} bytes in power-of-two chunks of {@code 1 << chunkBits}
     * bytes (the last one may be shorter), so that RAM above 2 GiB needs no single huge
     * Java array. Chunks are at least one page, so a page never spans two chunks.
     */
    record Ram(long size, int chunkBits, byte[][] chunks, boolean rom) implements Region {
        static Ram allocate(long size, int chunkBits, boolean rom) {
            long chunk = 1L << chunkBits;
            int n = (int) ((size + chunk - 1) >>> chunkBits);
            byte[][] chunks = new byte[n][];
            for (int i = 0; i < n; i++) {
                chunks[i] = new byte[(int) Math.min(chunk, size - ((long) i << chunkBits))];
            }
            return new Ram(size, chunkBits, chunks, rom);
        }
    }

    record Mmio(long size, MmioHandler handler) implements Region {
    }
}
