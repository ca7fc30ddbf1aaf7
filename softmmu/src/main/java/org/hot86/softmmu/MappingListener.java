package org.hot86.softmmu;

/**
 * Told when linear-to-physical translations may have changed, so that a cache keyed by
 * linear address outside the TLB (the execution engine's jump cache and block links) can
 * drop what it holds. Registered with {@link Mmu#addMappingListener}; called on the thread
 * that changed the mapping, after the TLB has been flushed.
 *
 * <p>Calls are conservative: every MOV to CR3 reports {@link #allMappingsChanged()} (even
 * when global pages survive in the TLB), as does every full TLB flush (paging-mode
 * changes, physical-map changes, A20, MAXPHYADDR, an INVLPG after a large page was
 * cached). INVLPG of one page reports {@link #mappingChanged(long)}.
 */
public interface MappingListener {
    /** The translation of any linear page may have changed. */
    void allMappingsChanged();

    /** The translation of the linear page at {@code linearPage} (4 KiB-aligned) may have changed. */
    void mappingChanged(long linearPage);
}
