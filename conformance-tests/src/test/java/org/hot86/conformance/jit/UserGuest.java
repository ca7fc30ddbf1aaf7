package org.hot86.conformance.jit;

import org.hot86.cpu.CpuState;
import org.hot86.softmmu.ControlBits;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.paging.PageTableBuilder;
import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * A small x86-64 user-mode machine for differential tests: real 4-level paging (so wild
 * pointers fault with #PF), one code page at {@link #CODE} (writable, for self-modifying
 * stores), data pages around {@link #DATA} and a stack page.
 */
final class UserGuest {
    static final long CODE = 0x400000;
    static final long DATA = 0x600000;
    static final long DATA_LO = DATA - 0x1000, DATA_HI = DATA + 0x4000;
    static final long STACK = 0x7ff000;

    final PhysicalMemory pm = new PhysicalMemory();
    final Mmu mmu;
    final CpuState s = new CpuState();

    UserGuest(byte[] code, long[] regs, byte[] data) {
        pm.addRam(0, 1 << 20);
        long[] next = {0x80000};
        PageTableBuilder b = new PageTableBuilder(pm, () -> (next[0] += 0x1000) - 0x1000);
        mmu = new Mmu(pm);
        mmu.setControlRegisters(ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_WP, b.cr3(),
                ControlBits.CR4_PAE, ControlBits.EFER_LME | ControlBits.EFER_NXE);
        mmu.setPrivilege(Privilege.USER);
        long rw = PageTableBuilder.WRITABLE | PageTableBuilder.USER;
        b.map(CODE, 0x10000, rw);
        long frame = 0x20000;
        for (long p = DATA_LO; p < DATA_HI; p += 0x1000, frame += 0x1000) {
            b.map(p, frame, rw | PageTableBuilder.NO_EXEC);
        }
        b.map(STACK, 0x30000, rw | PageTableBuilder.NO_EXEC);
        pm.writeBytes(0x10000, code, 0, code.length);
        pm.writeBytes(0x20000, data, 0, data.length);
        s.resetUserMode(true);
        s.cr3 = b.cr3();
        s.mem = mmu;
        System.arraycopy(regs, 0, s.gpr, 0, 16);
        s.gpr[CpuState.RSP] = STACK + 0x800;
        s.rip = CODE;
    }

    /** Bytes of the code page and the data pages (physical frames 0x10000 .. 0x25000). */
    byte[] memory() {
        byte[] m = new byte[0x16000];
        pm.readBytes(0x10000, m, 0, m.length);
        byte[] st = new byte[0x1000];
        pm.readBytes(0x30000, st, 0, st.length);
        byte[] all = new byte[m.length + st.length];
        System.arraycopy(m, 0, all, 0, m.length);
        System.arraycopy(st, 0, all, m.length, st.length);
        return all;
    }
}
