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
}
