package org.hot86.softmmu;

/**
 * Guest memory as the CPU sees it: accesses by <em>linear</em> address (after
 * segmentation, before paging). This is the small interface the {@code cpu} module's
 * interpreter and the translator's slow paths call; the softmmu's MMU implements it
 * with the TLB and page walks, and tests may implement it with a flat array.
 *
 * <p>Values are little-endian. Narrow reads return the value zero-extended into the
 * {@code int}; narrow writes use the low bits of the argument. An access that the
 * current paging state does not allow throws {@link MemoryFault}; then nothing has
 * been written (an access that crosses a page boundary checks both pages first).
 *
 * <p>Which privilege an access is made with (user or supervisor) is part of the
 * implementation's state, set by the CPU when CPL changes, not an argument here.
 */
public interface GuestMemory {
    int read8(long addr);

    int read16(long addr);

    int read32(long addr);

    long read64(long addr);

    void write8(long addr, int value);

    void write16(long addr, int value);

    void write32(long addr, int value);

    void write64(long addr, long value);

    /** An instruction-fetch byte: checked for execute permission (NX), not read permission. */
    int fetch8(long addr);

    /**
     * Checks that {@code size} bytes at {@code addr} may be written, faulting exactly as a
     * write would, without writing. The CPU calls it before the read of a read-modify-write
     * instruction (ADD [mem], XCHG, CMPXCHG ...), whose page faults report W/R = 1 on real
     * processors because the load is done with write intent. A no-op for flat memories.
     */
    default void checkWritable(long addr, int size) {
    }

    /**
     * Reads 16 bytes (SSE operand) into {@code dst[index]} (low 8 bytes) and
     * {@code dst[index + 1]} (high 8 bytes). Faults before storing anything into
     * {@code dst} if any byte is not readable.
     */
    default void read128(long addr, long[] dst, int index) {
        long lo = read64(addr);
        long hi = read64(addr + 8);
        dst[index] = lo;
        dst[index + 1] = hi;
    }

    /**
     * Writes 16 bytes: {@code lo} at {@code addr}, {@code hi} at {@code addr + 8}.
     * Implementations that can fault (the MMU) check every page first, so that nothing is
     * written if any byte faults; this default is only for flat test memories.
     */
    default void write128(long addr, long lo, long hi) {
        write64(addr, lo);
        write64(addr + 8, hi);
    }

    /**
     * Copies {@code len} bytes from guest memory into {@code dst}, for loaders, system-call
     * emulation and string instructions' slow paths. On a fault, a prefix may have been
     * copied.
     */
    default void readBytes(long addr, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) read8(addr + i);
        }
    }

    /** Copies {@code len} bytes into guest memory. On a fault, a prefix may have been written. */
    default void writeBytes(long addr, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            write8(addr + i, src[off + i]);
        }
    }
}
