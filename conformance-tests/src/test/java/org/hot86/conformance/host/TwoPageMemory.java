package org.hot86.conformance.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;

/**
 * The guest address space of the host helper, for the interpreter side of a differential
 * case: the code page (read/write/execute) and the data page (read/write, no-execute) at the
 * helper's fixed addresses; every other address is not present. Faults carry the page-fault
 * error code a user-mode access gets from the hardware (SDM Vol. 3A, 4.7): U always, W for
 * writes, I for fetches, P when the page is present but the access is not allowed.
 */
final class TwoPageMemory implements GuestMemory {
    /** Where the test puts its copy of the Linux GDT (a kernel address the guest never reaches). */
    static final long GDT_PAGE = 0xFFFFFE0000001000L;

    final byte[] code = new byte[HostCpu.PAGE];
    final byte[] gdt = new byte[HostCpu.PAGE];
    private final ByteBuffer gdtLe = ByteBuffer.wrap(gdt).order(ByteOrder.LITTLE_ENDIAN);
    final byte[] data = new byte[HostCpu.PAGE];
    private final ByteBuffer codeLe = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer dataLe = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    private final MemoryFault fault = new MemoryFault();

    private static final int READ = 0, WRITE = 1, FETCH = 2;

    /** Checks every byte of an access; returns the buffer if it lies within one page. */
    private ByteBuffer check(long addr, int len, int kind) {
        ByteBuffer first = null;
        for (int k = 0; k < len; k++) {
            long a = addr + k;
            ByteBuffer b = page(a);
            if (b == null || (kind == FETCH && (b == dataLe || b == gdtLe))) {
                int err = MemoryFault.PF_U | (kind == WRITE ? MemoryFault.PF_W : 0)
                        | (kind == FETCH ? MemoryFault.PF_I : 0) | (b != null ? MemoryFault.PF_P : 0);
                throw fault.set(MemoryFault.VECTOR_PF, err, a);
            }
            if (k == 0) {
                first = b;
            } else if (b != first) {
                first = null;
            }
        }
        return first;
    }

    private ByteBuffer page(long a) {
        long p = a & ~0xFFFL;
        if (p == HostCpu.CODE_PAGE) {
            return codeLe;
        }
        if (p == HostCpu.DATA_PAGE) {
            return dataLe;
        }
        if (p == GDT_PAGE) {
            return gdtLe;
        }
        return null;
    }

    private int get8(long a) {
        return page(a).get((int) (a & 0xFFF)) & 0xFF;
    }

    private void put8(long a, int v) {
        page(a).put((int) (a & 0xFFF), (byte) v);
    }

    private long readN(long addr, int len) {
        check(addr, len, READ);
        long v = 0;
        for (int k = len - 1; k >= 0; k--) {
            v = (v << 8) | get8(addr + k);
        }
        return v;
    }

    private void writeN(long addr, int len, long v) {
        check(addr, len, WRITE);
        for (int k = 0; k < len; k++) {
            put8(addr + k, (int) (v >>> (8 * k)));
        }
    }

    /**
     * Fills the GDT as Linux x86-64 sets it up for user processes (arch/x86/include/asm/segment.h
     * layout): kernel code/data at 0x08-0x18, user 32-bit code 0x23, user data 0x2B, user
     * 64-bit code 0x33, TSS and LDT system descriptors, the TLS slots (0x63 used by glibc in a
     * 32-bit process) and the per-CPU data segment 0x7B; limit 0x7F.
     */
    void fillLinuxGdt(boolean bits64) {
        long[] e = new long[16];
        e[1] = 0x00cf9b000000ffffL;
        e[2] = 0x00af9b000000ffffL;
        e[3] = 0x00cf93000000ffffL;
        e[4] = 0x00cffb000000ffffL;
        e[5] = 0x00cff3000000ffffL;
        e[6] = 0x00affb000000ffffL;
        e[8] = 0x00008b0000002067L; // TSS (system), upper half in e[9]
        e[12] = bits64 ? 0 : 0x00cff3000000ffffL; // glibc TLS in a 32-bit process (base not visible here)
        e[15] = 0x0040f50000000000L; // CPUNODE: read-only data, limit = cpu number (not drawn)
        for (int k = 0; k < 16; k++) {
            gdtLe.putLong(k * 8, e[k]);
        }
    }

    @Override
    public int read8(long addr) {
        return (int) readN(addr, 1);
    }

    @Override
    public int read16(long addr) {
        return (int) readN(addr, 2);
    }

    @Override
    public int read32(long addr) {
        return (int) readN(addr, 4);
    }

    @Override
    public long read64(long addr) {
        return readN(addr, 8);
    }

    @Override
    public void write8(long addr, int value) {
        writeN(addr, 1, value);
    }

    @Override
    public void write16(long addr, int value) {
        writeN(addr, 2, value);
    }

    @Override
    public void write32(long addr, int value) {
        writeN(addr, 4, value);
    }

    @Override
    public void write64(long addr, long value) {
        writeN(addr, 8, value);
    }

    @Override
    public int fetch8(long addr) {
        check(addr, 1, FETCH);
        return get8(addr);
    }
}
