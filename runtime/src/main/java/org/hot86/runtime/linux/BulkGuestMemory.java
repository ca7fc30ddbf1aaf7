package org.hot86.runtime.linux;

import org.hot86.softmmu.GuestMemory;

/**
 * Optional fast path for the kernel's bulk copies (read(2), write(2), stat buffers,
 * signal frames): an MMU that can copy a page-sized run with one array copy implements
 * this, and the kernel uses it instead of byte-by-byte {@link GuestMemory} calls.
 *
 * <p>Contract: the same permission checks as the byte accesses (user privilege), and
 * all-or-nothing for writes: if any page of the range refuses the access,
 * {@link org.hot86.softmmu.MemoryFault} is thrown before anything is written.
 */
public interface BulkGuestMemory extends GuestMemory {
    void readBytes(long addr, byte[] dst, int off, int len);

    void writeBytes(long addr, byte[] src, int off, int len);
}
