package org.hot86.softmmu;

/**
 * A device's memory-mapped register window, registered with
 * {@link org.hot86.softmmu.phys.PhysicalMemory#addMmio}. Offsets are relative to the
 * region's base; sizes are 1, 2, 4 or 8 bytes (a 16-byte access arrives as two 8-byte
 * ones, low half first). Values are little-endian and zero-extended (reads) or taken from
 * the low bits (writes). Accesses never straddle the region's end: a guest access that
 * crosses a page boundary is split into bytes by the MMU.
 */
public interface MmioHandler {
    long mmioRead(long offset, int size);

    void mmioWrite(long offset, int size, long value);
}
