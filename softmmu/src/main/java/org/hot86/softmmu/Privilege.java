package org.hot86.softmmu;

/**
 * Which permission rules a data or fetch access is checked with (SDM Vol. 3A, 4.6).
 * The MMU keeps one TLB per value, so a permission result cached for one privilege is
 * never used for another.
 *
 * <ul>
 * <li>{@link #USER}: CPL 3, explicit accesses.
 * <li>{@link #SUPERVISOR}: CPL 0-2 with EFLAGS.AC = 0 (or CR4.SMAP = 0), and
 *     <em>implicit</em> supervisor-mode accesses (GDT/LDT/IDT/TSS) made at CPL 3, for
 *     which SMAP behaves as if AC = 0 (SDM 4.6.1).
 * <li>{@link #SUPERVISOR_AC}: CPL 0-2 with EFLAGS.AC = 1 (explicit or implicit access):
 *     SMAP does not block data accesses to user pages.
 * </ul>
 * The page-fault error code's U/S bit is 1 only for {@link #USER}: implicit accesses
 * report supervisor mode even at CPL 3.
 */
public enum Privilege {
    USER,
    SUPERVISOR,
    SUPERVISOR_AC;

    /** The privilege of an explicit access at {@code cpl} with EFLAGS.AC = {@code ac}. */
    public static Privilege of(int cpl, boolean ac) {
        return cpl == 3 ? USER : ac ? SUPERVISOR_AC : SUPERVISOR;
    }

    /**
     * The privilege of an implicit supervisor-mode access (descriptor-table or TSS access)
     * made at {@code cpl}: EFLAGS.AC counts only below CPL 3 (SDM 4.6.1).
     */
    public static Privilege implicitOf(int cpl, boolean ac) {
        return cpl < 3 && ac ? SUPERVISOR_AC : SUPERVISOR;
    }
}
