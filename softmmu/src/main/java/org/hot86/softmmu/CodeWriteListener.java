package org.hot86.softmmu;

/**
 * Told when guest memory is written on a physical page that was marked as holding
 * translated code ({@link org.hot86.softmmu.phys.PhysicalMemory#markCodePage}). The
 * call comes <em>after</em> the bytes have been stored, at least once per page touched (a
 * page-crossing or MMU-split store may report a page more than once), from the
 * thread that wrote (CPU store, page-table A/D update or device DMA). The translator
 * registers one to invalidate the translations of that page (self-modifying code,
 * architecture.md decision 6); the page stays marked until it calls
 * {@code unmarkCodePage}.
 */
@FunctionalInterface
public interface CodeWriteListener {
    void codePageWritten(long physicalPageNumber);
}
