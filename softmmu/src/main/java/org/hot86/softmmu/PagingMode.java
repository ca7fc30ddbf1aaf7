package org.hot86.softmmu;

/**
 * The paging mode selected by CR0.PG, CR4.PAE, EFER.LME and CR4.LA57
 * (SDM Vol. 3A, 4.1.1, Table 4-1).
 */
public enum PagingMode {
    /** CR0.PG = 0: linear address = physical address (A20 still applies). */
    NONE,
    /** 32-bit paging: CR0.PG = 1, CR4.PAE = 0. 4 KiB pages, 4 MiB with CR4.PSE. */
    BITS32,
    /** PAE paging: CR4.PAE = 1, EFER.LME = 0. 4 KiB and 2 MiB pages, 4 PDPTE registers. */
    PAE,
    /** 4-level paging: EFER.LME = 1 (IA-32e mode), CR4.LA57 = 0. 4 KiB, 2 MiB, 1 GiB pages. */
    LEVEL4,
    /** 5-level paging: as {@link #LEVEL4} with CR4.LA57 = 1; 57-bit linear addresses. */
    LEVEL5;

    /** True if linear addresses are 64-bit and must be canonical. */
    public boolean longMode() {
        return this == LEVEL4 || this == LEVEL5;
    }

    /**
     * The mode the given control-register values select. EFER.LMA is taken as
     * PG &amp; PAE &amp; LME, which is what the CPU sets it to.
     */
    public static PagingMode of(long cr0, long cr4, long efer) {
        if ((cr0 & ControlBits.CR0_PG) == 0) {
            return NONE;
        }
        if ((cr4 & ControlBits.CR4_PAE) == 0) {
            return BITS32;
        }
        if ((efer & ControlBits.EFER_LME) == 0) {
            return PAE;
        }
        return (cr4 & ControlBits.CR4_LA57) != 0 ? LEVEL5 : LEVEL4;
    }
}
