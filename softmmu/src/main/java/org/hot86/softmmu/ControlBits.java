package org.hot86.softmmu;

/** The control-register and EFER bits the MMU looks at (SDM Vol. 3A, 2.5 and 2.2.1). */
public final class ControlBits {
    private ControlBits() {
    }

    public static final long CR0_PE = 1L, CR0_WP = 1L << 16, CR0_PG = 1L << 31;
    public static final long CR4_PSE = 1L << 4, CR4_PAE = 1L << 5, CR4_PGE = 1L << 7, CR4_LA57 = 1L << 12,
            CR4_PCIDE = 1L << 17, CR4_SMEP = 1L << 20, CR4_SMAP = 1L << 21, CR4_PKE = 1L << 22;
    public static final long EFER_LME = 1L << 8, EFER_LMA = 1L << 10, EFER_NXE = 1L << 11;

    /** CR0 bits whose change flushes the whole TLB (global entries too). */
    public static final long CR0_FLUSH = CR0_PG | CR0_WP | CR0_PE;
    /** CR4 bits whose change flushes the whole TLB (global entries too), SDM 4.10.4.1. */
    public static final long CR4_FLUSH = CR4_PSE | CR4_PAE | CR4_PGE | CR4_LA57 | CR4_PCIDE | CR4_SMEP | CR4_SMAP
            | CR4_PKE;
    /** EFER bits whose change flushes the whole TLB. */
    public static final long EFER_FLUSH = EFER_LME | EFER_NXE;
}
