package org.hot86.softmmu;

import static org.hot86.softmmu.ControlBits.CR0_PE;
import static org.hot86.softmmu.ControlBits.CR0_PG;
import static org.hot86.softmmu.ControlBits.CR4_PAE;
import static org.hot86.softmmu.ControlBits.EFER_LME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.hot86.softmmu.tlb.Tlb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Page-crossing accesses, MMIO and ROM through the TLB, code-page notification, stats. */
class MmuTest {
    static final long PWU = 7, PS = 0x80;

    PhysicalMemory pm;
    Mmu mmu;
    final List<String> mmioLog = new ArrayList<>();

    @BeforeEach
    void setUp() {
        pm = new PhysicalMemory();
        pm.addRam(0, 4 << 20);
        pm.addMmio(0xF000_0000L, 0x2000, new MmioHandler() {
            @Override
            public long mmioRead(long offset, int size) {
                mmioLog.add("r" + Long.toHexString(offset) + "/" + size);
                return 0x0807060504030201L;
            }

            @Override
            public void mmioWrite(long offset, int size, long value) {
                mmioLog.add("w" + Long.toHexString(offset) + "/" + size + "=" + Long.toHexString(value));
            }
        });
        pm.addRom(0xFFFF_F000L, new byte[] {(byte) 0xEA, 0x5B, (byte) 0xE0});
        mmu = new Mmu(pm, 16);
        // 4-level: linear 0x1000 -> 0x10000, 0x2000 -> 0x30000 (not contiguous),
        // 0x3000 not present, 0x4000 read-only, 0x5000 -> MMIO, 0x6000 -> ROM.
        pm.write(0x1000, 8, 0x2000 | PWU);
        pm.write(0x2000, 8, 0x3000 | PWU);
        pm.write(0x3000, 8, 0x4000 | PWU);
        pm.write(0x4000 + 8, 8, 0x10000 | PWU);
        pm.write(0x4000 + 16, 8, 0x30000 | PWU);
        pm.write(0x4000 + 32, 8, 0x40000 | 5);
        pm.write(0x4000 + 40, 8, 0xF000_0000L | PWU);
        pm.write(0x4000 + 48, 8, 0xFFFF_F000L | PWU);
        mmu.setControlRegisters(CR0_PE | CR0_PG | ControlBits.CR0_WP, 0x1000, CR4_PAE, EFER_LME);
        mmu.setPrivilege(Privilege.USER);
    }

    @Test
    void crossPageReadsJoinTwoFrames() {
        pm.write(0x10FFE, 2, 0x2211);
        pm.write(0x30000, 2, 0x4433);
        assertEquals(0x44332211, mmu.read32(0x1FFE));
        assertEquals(0x3322, mmu.read16(0x1FFF));
        pm.write(0x10FF8, 8, 0x0706050403020100L);
        pm.write(0x30000, 8, 0x0F0E0D0C0B0A0908L);
        long[] d = new long[2];
        mmu.read128(0x1FFC, d, 0);
        assertEquals(0x0B0A090807060504L, d[0]);
        assertEquals(0x0F0E0D0CL, d[1] & 0xFFFF_FFFFL);
    }

    @Test
    void crossPageWritesStoreNothingIfTheSecondPageFaults() {
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.write64(0x2FFC, -1L));
        assertEquals(MemoryFault.VECTOR_PF, f.vector());
        assertEquals(MemoryFault.PF_W | MemoryFault.PF_U, f.errorCode());
        assertEquals(0x3000, f.address()); // CR2: first byte of the page that faulted
        assertEquals(0, pm.read(0x30FFC, 4));
        pm.write(0x4000 + 56, 8, 0x50000 | PWU); // linear 0x7000 writable
        pm.write(0x4000 + 64, 8, 0x60000 | 5); // linear 0x8000 read-only
        f = assertThrows(MemoryFault.class, () -> mmu.write128(0x7FF8, 1, 2));
        assertEquals(MemoryFault.PF_P | MemoryFault.PF_W | MemoryFault.PF_U, f.errorCode());
        assertEquals(0x8000, f.address());
        assertEquals(0, pm.read(0x50FF8, 8));
    }

    @Test
    void checkWritableFaultsAsAWriteWithoutWriting() {
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.checkWritable(0x3010, 4)); // not present
        assertEquals(MemoryFault.PF_W | MemoryFault.PF_U, f.errorCode());
        f = assertThrows(MemoryFault.class, () -> mmu.checkWritable(0x4010, 4)); // read-only
        assertEquals(MemoryFault.PF_P | MemoryFault.PF_W | MemoryFault.PF_U, f.errorCode());
        f = assertThrows(MemoryFault.class, () -> mmu.checkWritable(0x2FFE, 4)); // second page
        assertEquals(0x3000, f.address());
        mmu.checkWritable(0x1010, 8);
        assertEquals(0x40, pm.read(0x4008, 8) & 0x40); // D set, as for the write that follows
        assertEquals(0, pm.read(0x10010, 8));
    }

    @Test
    void crossPageWritesSplitCorrectly() {
        mmu.write32(0x1FFE, 0xDDCCBBAA);
        assertEquals(0xBBAA, pm.read(0x10FFE, 2));
        assertEquals(0xDDCC, pm.read(0x30000, 2));
        mmu.write128(0x1FF8, 0x1111111111111111L, 0x2222222222222222L);
        assertEquals(0x1111111111111111L, pm.read(0x10FF8, 8));
        assertEquals(0x2222222222222222L, pm.read(0x30000, 8));
    }

    @Test
    void thirtyTwoBitLinearAddressesWrapAt4GiB() {
        pm.write(0x1000 + 4 * 1023, 4, 0x5000 | PWU); // 32-bit PD at 0x1000... rebuild tables
        PhysicalMemory p = new PhysicalMemory();
        p.addRam(0, 1 << 20);
        p.write(0x1000 + 4 * 1023, 4, 0x2000 | PWU);
        p.write(0x2000 + 4 * 1023, 4, 0x7000 | PWU);
        p.write(0x1000, 4, 0x3000 | PWU);
        p.write(0x3000, 4, 0x8000 | PWU);
        p.write(0x7FFE, 2, 0x2211);
        p.write(0x8000, 2, 0x4433);
        Mmu m = new Mmu(p, 16);
        m.setControlRegisters(CR0_PE | CR0_PG, 0x1000, 0, 0);
        assertEquals(0x44332211, m.read32(0xFFFF_FFFEL));
    }

    @Test
    void mmioIsNeverCachedAndSeesExactSizes() {
        assertEquals(0x04030201, mmu.read32(0x5010));
        assertEquals(0x04030201, mmu.read32(0x5010));
        mmu.write16(0x5020, 0xABCD);
        mmu.write64(0x5ff8, 5);
        assertEquals(List.of("r10/4", "r10/4", "w20/2=abcd", "wff8/8=5"), mmioLog);
        int e = (0x5000 >>> 12) & (mmu.readTag.length - 1);
        assertEquals(0x5000 | Tlb.FLAG_IO, mmu.readTag[e]);
    }

    @Test
    void romReadsFastAndDropsWrites() {
        assertEquals(0xEA, mmu.fetch8(0x6000));
        mmu.write8(0x6000, 0x90);
        assertEquals(0xEA, mmu.read8(0x6000));
        int e = 6 & (mmu.readTag.length - 1);
        assertEquals(0x6000, mmu.readTag[e]);
        assertEquals(0x6000 | Tlb.FLAG_IO, mmu.writeTag[e]);
    }

    @Test
    void writesToCodePagesNotifyAndGoThrough() {
        List<Long> hits = new ArrayList<>();
        pm.addCodeWriteListener(hits::add);
        mmu.write32(0x1100, 1); // now cached writable (fast path)
        mmu.markCodePage(0x10); // physical page of linear 0x1000
        mmu.write32(0x1100, 0x12345678);
        assertEquals(0x12345678, pm.read(0x10100, 4));
        assertEquals(List.of(0x10L), hits);
        mmu.write32(0x2100, 1); // another page: silent
        assertEquals(List.of(0x10L), hits);
        mmu.write16(0x1FFF, 0x0102); // crossing into 0x30000's page, only the first is code
        assertTrue(hits.size() >= 2 && hits.stream().allMatch(p -> p == 0x10L));
        mmu.unmarkCodePage(0x10);
        int before = hits.size();
        mmu.write32(0x1100, 2);
        mmu.write32(0x1100, 3);
        assertEquals(before, hits.size());
        int e = 1 & (mmu.readTag.length - 1);
        assertEquals(0x1000, mmu.writeTag[e]); // back on the fast path
    }

    @Test
    void codePageMarkedBeforeTheFirstWriteAlsoNotifies() {
        List<Long> hits = new ArrayList<>();
        pm.addCodeWriteListener(hits::add);
        mmu.markCodePage(0x30);
        assertEquals(0, mmu.fetch8(0x2000));
        mmu.write8(0x2000, 0xC3);
        assertEquals(List.of(0x30L), hits);
        assertEquals(0xC3, mmu.fetch8(0x2000));
    }

    @Test
    void watchedPagesReportDataAccessesAfterTheyHappen() {
        List<String> hits = new ArrayList<>();
        mmu.setWatchListener((lin, size, write) -> hits.add((write ? "w" : "r") + Long.toHexString(lin) + "/" + size
                + "=" + pm.read(0x10000 + (lin & 0xFFF), 1)));
        mmu.write8(0x1010, 3); // cached before watching: watchPage must drop the entry
        mmu.watchPage(0x1234);
        mmu.write8(0x1010, 4);
        assertEquals(4, mmu.read8(0x1010));
        mmu.write32(0x1FFE, 0); // crossing out of the watched page
        assertEquals(0, mmu.read8(0x2000)); // unwatched page: silent
        mmu.fetch8(0x1010); // fetches are not data accesses
        assertEquals(List.of("w1010/1=4", "r1010/1=4", "w1ffe/4=0"), hits);
        mmu.unwatchPage(0x1000);
        mmu.read8(0x1010);
        assertEquals(3, hits.size());
        int e = 1 & (mmu.readTag.length - 1);
        assertEquals(0x1000, mmu.readTag[e]);
    }

    @Test
    void statsCountMissesWalksFlushesAndFaults() {
        MmuStats s0 = mmu.stats();
        mmu.read8(0x1000);
        mmu.read8(0x1001);
        mmu.invlpg(0x1000);
        mmu.read8(0x1002);
        mmu.flushTlb();
        assertThrows(MemoryFault.class, () -> mmu.read8(0x3000));
        MmuStats s = mmu.stats();
        assertEquals(3, s.tlbMisses() - s0.tlbMisses());
        assertEquals(3, s.pageWalks() - s0.pageWalks());
        assertEquals(1, s.invlpg() - s0.invlpg());
        assertEquals(1, s.tlbFlushes() - s0.tlbFlushes());
        assertEquals(1, s.pageFaults() - s0.pageFaults());
    }

    @Test
    void bulkCopiesUseTheMmu() {
        byte[] src = {1, 2, 3, 4, 5, 6};
        mmu.writeBytes(0x1FFD, src, 0, 6);
        byte[] dst = new byte[6];
        mmu.readBytes(0x1FFD, dst, 0, 6);
        assertArrayEquals(src, dst);
        assertEquals(4, pm.read(0x30000, 1));
    }

    @Test
    void mapChangesFlushHostLocations() {
        assertEquals(0, mmu.read8(0x1000));
        pm.addMmio(0x10000, 0x1000, new MmioHandler() {
            @Override
            public long mmioRead(long offset, int size) {
                return 0x5A;
            }

            @Override
            public void mmioWrite(long offset, int size, long value) {
            }
        });
        assertEquals(0x5A, mmu.read8(0x1000));
    }

    @Test
    void tlbSizeMustBeAPowerOfTwoAtLeastTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Mmu(pm, 1));
        assertThrows(IllegalArgumentException.class, () -> new Mmu(pm, 48));
    }
}
