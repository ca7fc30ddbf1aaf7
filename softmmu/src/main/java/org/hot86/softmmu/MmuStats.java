package org.hot86.softmmu;

/**
 * A snapshot of the MMU's counters, for {@code --stats}.
 *
 * @param tlbHits     fast-path hits, or -1 if not counted (counting costs a store on every
 *                    access, so it is on only with {@code -Dhot86.softmmu.countHits=true},
 *                    read once when the MMU class is initialised)
 * @param tlbMisses   accesses whose page was not in the TLB for that access kind
 * @param slowPath    accesses that took the slow path although the TLB had the page
 *                    (MMIO, ROM writes, code pages, page-crossing accesses)
 * @param tlbFlushes  full or non-global flushes (CR3, CR0/CR4/EFER changes, explicit)
 * @param invlpg      single-page invalidations
 * @param pageWalks   page-table walks (paging on), including ones that faulted
 * @param pageFaults  faults raised (#PF, and #GP for non-canonical addresses)
 * @param unassigned  physical accesses to unassigned addresses
 */
public record MmuStats(long tlbHits, long tlbMisses, long slowPath, long tlbFlushes, long invlpg, long pageWalks,
        long pageFaults, long unassigned) {

    /** Hit rate in [0, 1], or NaN when hits are not counted or there were no accesses. */
    public double hitRate() {
        long total = tlbHits + tlbMisses + slowPath;
        return tlbHits < 0 || total == 0 ? Double.NaN : (double) tlbHits / total;
    }
}
