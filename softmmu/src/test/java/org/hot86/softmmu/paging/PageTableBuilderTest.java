package org.hot86.softmmu.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hot86.softmmu.ControlBits;
import org.hot86.softmmu.MemoryFault;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** The user-mode recipe: host-built 4-level tables, mmap/mprotect/munmap, real faults. */
class PageTableBuilderTest {
    @Test
    void mmapMprotectMunmap() {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        long[] next = {0x80000};
        PageTableBuilder b = new PageTableBuilder(pm, () -> (next[0] += 0x1000) - 0x1000);
        Mmu mmu = new Mmu(pm);
        mmu.setControlRegisters(ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_WP, b.cr3(),
                ControlBits.CR4_PAE, ControlBits.EFER_LME | ControlBits.EFER_NXE);
        mmu.setPrivilege(Privilege.USER);
        long stack = 0x7FFF_FFFF_E000L;
        b.map(stack, 0x1000, PageTableBuilder.WRITABLE | PageTableBuilder.USER | PageTableBuilder.NO_EXEC);
        b.map(0x400000, 0x2000, PageTableBuilder.USER);
        mmu.write64(stack + 0xFF8, 42);
        assertEquals(42, pm.read(0x1FF8, 8));
        pm.write(0x2000, 1, 0x90);
        assertEquals(0x90, mmu.fetch8(0x400000));
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.write8(0x400000, 0));
        assertEquals(MemoryFault.PF_P | MemoryFault.PF_W | MemoryFault.PF_U, f.errorCode());
        f = assertThrows(MemoryFault.class, () -> mmu.fetch8(stack));
        assertEquals(MemoryFault.PF_P | MemoryFault.PF_I | MemoryFault.PF_U, f.errorCode());

        b.protect(stack, PageTableBuilder.USER); // mprotect(PROT_READ|PROT_EXEC)
        mmu.invlpg(stack);
        assertThrows(MemoryFault.class, () -> mmu.write8(stack, 0));
        assertEquals(0x1000, b.unmap(stack));
        mmu.invlpg(stack);
        f = assertThrows(MemoryFault.class, () -> mmu.read8(stack));
        assertEquals(MemoryFault.PF_U, f.errorCode());
        assertEquals(stack, f.address());
        assertEquals(-1, b.unmap(0x1234_5000L));
    }
}
