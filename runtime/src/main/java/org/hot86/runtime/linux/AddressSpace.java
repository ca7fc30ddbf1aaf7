package org.hot86.runtime.linux;

import org.hot86.softmmu.GuestMemory;

/**
 * What the user-mode kernel needs of the MMU: page-granular mappings with Linux
 * protections over a 47-bit user address space, and guest memory accessed with user
 * privilege. {@link VirtualMemory} keeps the VMA bookkeeping (which ranges are what);
 * this interface is only the mechanism, so the softmmu can implement it with page
 * tables (or a flat map of host pages) and tests with {@link PagedAddressSpace}.
 *
 * <p>All addresses and lengths are multiples of {@link #PAGE_SIZE}; callers (the
 * kernel) check that. Nothing here returns an errno: the kernel has already decided
 * that the operation is legal.
 *
 * <p>Contract of {@link #memory()}: every access is checked against the page's
 * protection as a CPL 3 access would be (read needs {@link #PROT_READ}, write needs
 * {@link #PROT_WRITE}, {@code fetch8} needs {@link #PROT_EXEC}); an unmapped or
 * forbidden access throws {@link org.hot86.softmmu.MemoryFault} with vector 14 and a
 * page-fault error code whose U bit is set.
 */
public interface AddressSpace {
    int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    long PAGE_SIZE = 4096;

    /** Maps fresh zero-filled pages over [addr, addr+length), replacing whatever was there. */
    void map(long addr, long length, int prot);

    /** Unmaps [addr, addr+length); pages that were not mapped are ignored. */
    void unmap(long addr, long length);

    /** Changes the protection of the mapped pages of [addr, addr+length). */
    void protect(long addr, long length, int prot);

    /**
     * Moves the mapped pages of [from, from+length) with their contents and protections
     * to [to, to+length) (which the caller has unmapped); the source is left unmapped.
     * The ranges may overlap only if {@code to == from}.
     */
    void move(long from, long to, long length);

    /** Guest memory with user-privilege checks (see the class comment). */
    GuestMemory memory();
}
