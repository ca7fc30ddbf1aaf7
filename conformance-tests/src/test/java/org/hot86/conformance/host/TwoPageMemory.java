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
    final byte[] code = new byte[HostCpu.PAGE];
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
            if (b == null || (kind == FETCH && b == dataLe)) {
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
