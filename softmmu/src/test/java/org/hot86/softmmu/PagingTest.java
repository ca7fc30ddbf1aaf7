package org.hot86.softmmu;

import static org.hot86.softmmu.ControlBits.CR0_PE;
import static org.hot86.softmmu.ControlBits.CR0_PG;
import static org.hot86.softmmu.ControlBits.CR0_WP;
import static org.hot86.softmmu.ControlBits.CR4_LA57;
import static org.hot86.softmmu.ControlBits.CR4_PAE;
import static org.hot86.softmmu.ControlBits.CR4_PGE;
import static org.hot86.softmmu.ControlBits.CR4_PSE;
import static org.hot86.softmmu.ControlBits.CR4_SMAP;
import static org.hot86.softmmu.ControlBits.CR4_SMEP;
import static org.hot86.softmmu.ControlBits.EFER_LME;
import static org.hot86.softmmu.ControlBits.EFER_NXE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One test per rule of SDM Vol. 3A chapter 4, with hand-built paging structures. Entry
 * bits: P=1, R/W=2, U/S=4, A=0x20, D=0x40, PS=0x80, G=0x100, XD=bit 63.
 */
class PagingTest {
    static final long P = 1, W = 2, U = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100, XD = 1L << 63;
    static final long PWU = P | W | U;

    PhysicalMemory pm;
    Mmu mmu;

    @BeforeEach
    void setUp() {
        pm = new PhysicalMemory();
        pm.addRam(0, 16 << 20);
        mmu = new Mmu(pm, 64);
    }

    void put64(long pa, long v) {
        pm.write(pa, 8, v);
    }

    void put32(long pa, long v) {
        pm.write(pa, 4, v);
    }

    /** 4-level tables at 0x1000.. mapping linear 0x400000 (PML4 0, PDPT 0, PD 2, PT 0) to leaf. */
    void level4(long leaf) {
        put64(0x1000, 0x2000 | PWU);
        put64(0x2000, 0x3000 | PWU);
        put64(0x3000 + 2 * 8, 0x4000 | PWU);
        put64(0x4000, leaf);
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE, EFER_LME | EFER_NXE);
    }

    MemoryFault fault(Executable e) {
        return assertThrows(MemoryFault.class, e);
    }

    void assertPf(int errorCode, long cr2, Executable e) {
        MemoryFault f = fault(e);
        assertEquals(MemoryFault.VECTOR_PF, f.vector(), "vector");
        assertEquals(errorCode, f.errorCode(), "error code");
        assertEquals(cr2, f.address(), "CR2");
    }

    // ------------------------------------------------------------------ modes

    @Test
    void pagingOffIsIdentityAndA20MasksBit20() {
        pm.write(0x12345, 4, 0xAABBCCDDL);
        assertEquals(0xAABBCCDD, mmu.read32(0x12345));
        pm.write(0x100010, 1, 0x77);
        pm.write(0x000010, 1, 0x66);
        assertEquals(0x77, mmu.read8(0x100010));
        mmu.setA20(false);
        assertEquals(0x66, mmu.read8(0x100010)); // wraps to 0x10 like an 8086
        mmu.setA20(true);
        assertEquals(0x77, mmu.read8(0x100010));
    }

    @Test
    void a20AlsoMasksPageTableAndFrameAddressesWithPagingOn() {
        put32(0x1000, 0x2000 | PWU); // PDE 0
        put32(0x2000 + 4 * 0x10, 0x10_5000L | PWU); // linear 0x10000 -> frame 0x105000
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, 0, 0);
        pm.write(0x10_5000, 1, 0x11);
        pm.write(0x00_5000, 1, 0x22);
        assertEquals(0x11, mmu.read8(0x10000));
        mmu.setA20(false);
        assertEquals(0x22, mmu.read8(0x10000));
        mmu.setA20(true);
        assertEquals(0x11, mmu.read8(0x10000));
    }

    @Test
    void bits32FourKiBAndFourMiBPages() {
        put32(0x1000 + 4 * 1, 0x2000 | PWU); // PDE 1 -> PT at 0x2000 (linear 0x400000..)
        put32(0x2000 + 4 * 5, 0x9000 | PWU); // PTE 5 -> frame 0x9000
        put32(0x1000 + 4 * 2, 0x00C0_0000L | PS | PWU); // PDE 2: 4 MiB page at 12 MiB
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PSE, 0);
        pm.write(0x9123, 2, 0xBEEF);
        assertEquals(0xBEEF, mmu.read16(0x405123));
        pm.write(0xC12345, 1, 0x42);
        assertEquals(0x42, mmu.read8(0x812345));
        assertEquals(0xC12345, mmu.translate(0x812345, Access.READ));
    }

    @Test
    void bits32PsIsIgnoredWithoutCr4Pse() {
        // Table 4-4 vs 4-5: with CR4.PSE = 0 the PDE always references a page table.
        put32(0x1000 + 4 * 2, 0x3000 | PS | PWU);
        put32(0x3000 + 4 * 0x12, 0x7000 | PWU);
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, 0, 0);
        assertEquals(0x7345, mmu.translate(0x812345, Access.READ));
    }

    @Test
    void bits32Pse36AndReservedBit21() {
        mmu.setMaxPhysAddr(40);
        put32(0x1000 + 4 * 2, 0x0040_0000L | (0x3L << 13) | PS | PWU); // PA bits 39:32 = 3
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PSE, 0);
        assertEquals(0x3_0041_2345L, mmu.translate(0x812345, Access.READ));
        put32(0x1000 + 4 * 3, 0x0040_0000L | (1L << 21) | PS | PWU);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD, 0xC00000, () -> mmu.read8(0xC00000));
        mmu.setMaxPhysAddr(36); // now PDE bits 20:17 are reserved: bit 13+4 = 17
        put32(0x1000 + 4 * 3, 0x0040_0000L | (1L << 17) | PS | PWU);
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PSE, 0);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD, 0xC00000, () -> mmu.read8(0xC00000));
    }

    @Test
    void paeTwoMiBPagesAndPdpteRegisters() {
        put64(0x1020 + 8 * 1, 0x2000 | P); // PDPT at 0x1020 (32-byte aligned), entry 1
        put64(0x2000 + 8 * 3, 0x0020_0000L | PS | PWU); // 2 MiB page at 2 MiB
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1020, CR4_PAE, 0);
        assertEquals(0x2A_BCDEL, mmu.translate(0x4000_0000L + 3 * 0x20_0000L + 0xABCDE, Access.READ));
        // PDPTEs are registers: changing memory without reloading CR3 changes nothing.
        put64(0x1020 + 8 * 1, 0);
        mmu.flushTlb();
        assertEquals(0x2A_BCDEL, mmu.translate(0x4000_0000L + 3 * 0x20_0000L + 0xABCDE, Access.READ));
        assertPf(0, 0x4000_0000L, () -> {
            mmu.setCr3(0x1020);
            mmu.read8(0x4000_0000L);
        });
    }

    @Test
    void paeReservedPdpteBitsRaiseGpOnCr3Load() {
        put64(0x1000, 0x2000 | P | W); // R/W is reserved in a PAE PDPTE (Table 4-8)
        MemoryFault f = fault(() -> mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE, 0));
        assertEquals(MemoryFault.VECTOR_GP, f.vector());
        assertEquals(0, f.errorCode());
        assertEquals(PagingMode.NONE, mmu.mode()); // the MOV did not happen
    }

    @Test
    void level4OneGiBAndTwoMiBPages() {
        put64(0x1000 + 8 * 1, 0x2000 | PWU); // PML4 1: linear 0x80_0000_0000
        put64(0x2000 + 8 * 0, 0x4000_0000L | PS | PWU); // 1 GiB page at 1 GiB
        put64(0x2000 + 8 * 1, 0x3000 | PWU);
        put64(0x3000 + 8 * 4, 0x0060_0000L | PS | PWU); // 2 MiB page at 6 MiB
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE, EFER_LME);
        mmu.setMaxPhysAddr(46);
        assertEquals(0x4123_4567L, mmu.translate(0x80_0123_4567L, Access.READ));
        assertEquals(0x61_2345L, mmu.translate(0x80_4081_2345L, Access.READ));
    }

    @Test
    void level4ReservedBits() {
        level4(0x9000 | PWU | (1L << 50)); // bit 50 >= MAXPHYADDR 46
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD | MemoryFault.PF_W, 0x400000,
                () -> mmu.write8(0x400000, 1));
        put64(0x4000, 0x9000 | PWU | (0x7FFL << 52)); // 62:52 ignored (no PKE)
        mmu.flushTlb();
        assertEquals(0x9000, mmu.translate(0x400000, Access.READ));
        put64(0x1000, 0x2000 | PWU | PS); // PS in a PML4E is reserved
        mmu.flushTlb();
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD | MemoryFault.PF_U, 0x400000, () -> {
            mmu.setPrivilege(Privilege.USER);
            mmu.read8(0x400000);
        });
        put64(0x1000, 0x2000 | PWU);
        put64(0x3000 + 2 * 8, 0x0020_0000L | PS | PWU | (1L << 14)); // 2 MiB page: bits 20:13 reserved
        mmu.flushTlb();
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD | MemoryFault.PF_U, 0x400000, () -> mmu.read8(0x400000));
    }

    @Test
    void xdIsReservedWithoutNxe() {
        level4(0x9000 | PWU | XD);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_I, 0x400000, () -> mmu.fetch8(0x400000));
        assertEquals(0, mmu.read8(0x400000)); // data reads are fine
        mmu.setEfer(EFER_LME);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_RSVD, 0x400000, () -> mmu.read8(0x400000));
    }

    @Test
    void level5UsesBits56To48() {
        put64(0x1000 + 8 * 0x1FF, 0x2000 | PWU); // PML5 511: top half
        put64(0x2000 + 8 * 0x1FF, 0x3000 | PWU);
        put64(0x3000 + 8 * 0x1FF, 0x4000 | PWU);
        put64(0x4000 + 8 * 0x1FF, 0x5000 | PWU);
        put64(0x5000 + 8 * 0x1FF, 0x9000 | PWU);
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE | CR4_LA57, EFER_LME);
        pm.write(0x9FF8, 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, mmu.read64(-8L));
        assertEquals(PagingMode.LEVEL5, mmu.mode());
        // bit 56 set with bit 57 clear is non-canonical for LA57
        MemoryFault f = fault(() -> mmu.read8(0x0100_0000_0000_0000L));
        assertEquals(MemoryFault.VECTOR_GP, f.vector());
    }

    @Test
    void nonCanonicalAddressesRaiseGp() {
        level4(0x9000 | PWU);
        MemoryFault f = fault(() -> mmu.read32(0x0000_8000_0000_0000L));
        assertEquals(MemoryFault.VECTOR_GP, f.vector());
        assertEquals(0, f.errorCode());
        f = fault(() -> mmu.write8(0xFFFF_7FFF_FFFF_FFFFL, 0));
        assertEquals(MemoryFault.VECTOR_GP, f.vector());
    }

    // ------------------------------------------------------------------ access rights, SDM 4.6.1

    @Test
    void notPresentFaultsCarryAccessKindAndMode() {
        level4(0x9000); // P = 0
        assertPf(0, 0x400010, () -> mmu.read8(0x400010));
        assertPf(MemoryFault.PF_W, 0x400010, () -> mmu.write8(0x400010, 0));
        mmu.setPrivilege(Privilege.USER);
        assertPf(MemoryFault.PF_U | MemoryFault.PF_W, 0x400010, () -> mmu.write8(0x400010, 0));
        assertPf(MemoryFault.PF_U | MemoryFault.PF_I, 0x400010, () -> mmu.fetch8(0x400010)); // NXE=1
    }

    @Test
    void userCannotTouchSupervisorPages() {
        level4(0x9000 | P | W); // U/S = 0 in the leaf
        assertEquals(0, mmu.read8(0x400000));
        mmu.setPrivilege(Privilege.USER);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_U, 0x400000, () -> mmu.read8(0x400000));
    }

    @Test
    void userNeedsRwInEveryLevel() {
        level4(0x9000 | PWU);
        put64(0x2000, 0x3000 | P | U); // PDPTE read-only
        mmu.setPrivilege(Privilege.USER);
        assertEquals(0, mmu.read8(0x400000));
        assertPf(MemoryFault.PF_P | MemoryFault.PF_W | MemoryFault.PF_U, 0x400000, () -> mmu.write8(0x400000, 1));
    }

    @Test
    void supervisorWritesToReadOnlyPagesDependOnWp() {
        level4(0x9000 | P);
        mmu.write8(0x400000, 1); // WP = 0: allowed
        assertEquals(1, pm.read(0x9000, 1));
        mmu.setCr0(mmu.cr0() | CR0_WP); // flushes: the cached permission must not survive
        assertPf(MemoryFault.PF_P | MemoryFault.PF_W, 0x400000, () -> mmu.write8(0x400000, 2));
        assertEquals(1, pm.read(0x9000, 1));
    }

    @Test
    void nxForbidsFetchesOnly() {
        level4(0x9000 | PWU | XD);
        assertEquals(0, mmu.read8(0x400000));
        assertPf(MemoryFault.PF_P | MemoryFault.PF_I, 0x400000, () -> mmu.fetch8(0x400000));
        mmu.setPrivilege(Privilege.USER);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_I | MemoryFault.PF_U, 0x400000, () -> mmu.fetch8(0x400000));
    }

    @Test
    void smepForbidsSupervisorFetchesFromUserPages() {
        level4(0x9000 | PWU);
        assertEquals(0, mmu.fetch8(0x400000));
        mmu.setCr4(mmu.cr4() | CR4_SMEP);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_I, 0x400000, () -> mmu.fetch8(0x400000));
        assertEquals(0, mmu.read8(0x400000)); // data is fine
        mmu.setPrivilege(Privilege.USER);
        assertEquals(0, mmu.fetch8(0x400000));
    }

    @Test
    void smepSetsIdEvenIn32BitPaging() {
        put32(0x1000 + 4 * 1, 0x2000 | PWU);
        put32(0x2000, 0x9000 | PWU);
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_SMEP, 0);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_I, 0x400000, () -> mmu.fetch8(0x400000));
    }

    @Test
    void smapForbidsSupervisorDataAccessToUserPagesUnlessAc() {
        level4(0x9000 | PWU | D);
        mmu.setCr4(mmu.cr4() | CR4_SMAP);
        assertPf(MemoryFault.PF_P, 0x400000, () -> mmu.read8(0x400000));
        assertPf(MemoryFault.PF_P | MemoryFault.PF_W, 0x400000, () -> mmu.write8(0x400000, 1));
        assertEquals(0, mmu.fetch8(0x400000)); // SMAP is about data only
        mmu.setPrivilege(Privilege.SUPERVISOR_AC); // explicit access with EFLAGS.AC = 1 (STAC)
        mmu.write8(0x400000, 5);
        assertEquals(5, mmu.read8(0x400000));
        mmu.setPrivilege(Privilege.implicitOf(3, true)); // IDT read from CPL 3: AC ignored
        assertPf(MemoryFault.PF_P, 0x400000, () -> mmu.read8(0x400000));
        mmu.setPrivilege(Privilege.implicitOf(0, true)); // implicit access at CPL 0 with AC = 1
        assertEquals(5, mmu.read8(0x400000));
    }

    // ------------------------------------------------------------------ A/D, SDM 4.8

    @Test
    void accessedAndDirtyFlagsAreWrittenBack() {
        level4(0x9000 | PWU);
        mmu.read8(0x400000);
        assertEquals(A, pm.read(0x1000, 8) & (A | D));
        assertEquals(A, pm.read(0x2000, 8) & (A | D));
        assertEquals(A, pm.read(0x3010, 8) & (A | D));
        assertEquals(A, pm.read(0x4000, 8) & (A | D));
        mmu.write8(0x400000, 1); // read-cached page: the first write walks again for D
        assertEquals(A | D, pm.read(0x4000, 8) & (A | D));
        assertEquals(A, pm.read(0x3010, 8) & (A | D)); // D only in the leaf
    }

    @Test
    void faultingWalksLeaveFlagsAlone() {
        level4(0x9000 | P | U); // read-only
        mmu.setPrivilege(Privilege.USER);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_W | MemoryFault.PF_U, 0x400000, () -> mmu.write8(0x400000, 1));
        assertEquals(0, pm.read(0x4000, 8) & (A | D));
    }

    // ------------------------------------------------------------------ TLB maintenance, SDM 4.10

    @Test
    void tlbCachesUntilInvlpg() {
        level4(0x9000 | PWU);
        pm.write(0x9000, 1, 0x11);
        pm.write(0xA000, 1, 0x22);
        assertEquals(0x11, mmu.read8(0x400000));
        put64(0x4000, 0xA000 | PWU);
        assertEquals(0x11, mmu.read8(0x400000)); // stale, as on hardware
        mmu.invlpg(0x400123);
        assertEquals(0x22, mmu.read8(0x400000));
    }

    @Test
    void cr3WritesKeepGlobalPagesOnlyWithPge() {
        put64(0x1000, 0x2000 | PWU);
        put64(0x2000, 0x3000 | PWU);
        put64(0x3000, 0x4000 | PWU);
        put64(0x4000 + 8, 0x9000 | PWU | G); // linear 0x1000, global
        put64(0x4000 + 16, 0xA000 | PWU); // linear 0x2000
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE | CR4_PGE, EFER_LME);
        pm.write(0x9000, 1, 1);
        pm.write(0xA000, 1, 2);
        assertEquals(1, mmu.read8(0x1000));
        assertEquals(2, mmu.read8(0x2000));
        put64(0x4000 + 8, 0xB000 | PWU | G);
        put64(0x4000 + 16, 0xB000 | PWU);
        mmu.setCr3(0x1000);
        assertEquals(1, mmu.read8(0x1000)); // global survived
        assertEquals(0, mmu.read8(0x2000)); // non-global re-walked
        mmu.setCr4(CR4_PAE); // clearing PGE flushes everything
        assertEquals(0, mmu.read8(0x1000));
    }

    @Test
    void invlpgAfterALargePageDropsAllItsPieces() {
        put64(0x1000, 0x2000 | PWU);
        put64(0x2000, 0x3000 | PWU);
        put64(0x3000 + 8, 0x0020_0000L | PS | PWU); // 2 MiB page at linear 2 MiB
        mmu.setControlRegisters(CR0_PE | CR0_PG, 0x1000, CR4_PAE, EFER_LME);
        assertEquals(0, mmu.read8(0x20_5000));
        put64(0x3000 + 8, 0x0040_0000L | PS | PWU);
        pm.write(0x40_5000, 1, 9);
        mmu.invlpg(0x20_0000); // another 4 KiB piece of the same large page
        assertEquals(9, mmu.read8(0x20_5000));
    }

    @Test
    void userAndSupervisorNeverShareAPermission() {
        level4(0x9000 | P | W); // supervisor page
        assertEquals(0, mmu.read8(0x400000)); // cached for supervisor
        mmu.setPrivilege(Privilege.USER);
        assertPf(MemoryFault.PF_P | MemoryFault.PF_U, 0x400000, () -> mmu.read8(0x400000));
        mmu.setPrivilege(Privilege.SUPERVISOR);
        assertEquals(0, mmu.read8(0x400000));
    }

    @Test
    void probeHasNoSideEffects() {
        level4(0x9000 | PWU);
        assertEquals(0x9ABC, mmu.probe(0x400ABC));
        assertEquals(0, pm.read(0x4000, 8) & A);
        assertEquals(-1, mmu.probe(0x800000));
    }
}
