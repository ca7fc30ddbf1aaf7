package org.hot86.softmmu;

/**
 * Which permission rules a data or fetch access is checked with (SDM Vol. 3A, 4.6).
 * The MMU keeps one TLB per value, so a permission result cached for one privilege is
 * never used for another.
 *
 * <ul>
 * <li>{@link #USER}: CPL 3, explicit accesses.
 * <li>{@link #SUPERVISOR}: CPL 0-2 with EFLAGS.AC = 0 (or CR4.SMAP = 0), and every
 *     <em>implicit</em> supervisor-mode access (GDT/LDT/IDT/TSS reads, even at CPL 3):
 *     SMAP blocks data accesses to user pages regardless of AC (SDM 4.6.1).
 * <li>{@link #SUPERVISOR_AC}: CPL 0-2, explicit access, CR4.SMAP = 1 and EFLAGS.AC = 1:
 *     SMAP does not block data accesses to user pages.
 * </ul>
 */
public enum Privilege {
    USER,
    SUPERVISOR,
    SUPERVISOR_AC;

    /** The privilege of an explicit access at {@code cpl} with EFLAGS.AC = {@code ac}. */
    public static Privilege of(int cpl, boolean ac) {
        return cpl == 3 ? USER : ac ? SUPERVISOR_AC : SUPERVISOR;
    }
}
