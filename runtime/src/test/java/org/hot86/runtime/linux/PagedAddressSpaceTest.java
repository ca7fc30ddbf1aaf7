package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;
import org.junit.jupiter.api.Test;

class PagedAddressSpaceTest {
    /** The same memory seen only through the byte interface (no bulk fast path). */
    static GuestMemory plain(GuestMemory m) {
        return new GuestMemory() {
            public int read8(long a) { return m.read8(a); }
            public int read16(long a) { return m.read16(a); }
            public int read32(long a) { return m.read32(a); }
            public long read64(long a) { return m.read64(a); }
            public void write8(long a, int v) { m.write8(a, v); }
            public void write16(long a, int v) { m.write16(a, v); }
            public void write32(long a, int v) { m.write32(a, v); }
            public void write64(long a, long v) { m.write64(a, v); }
            public int fetch8(long a) { return m.fetch8(a); }
        };
    }

    @Test
    void bulkAndByteCopiesAgreeAndFaultLikeThePageTables() {
        PagedAddressSpace as = new PagedAddressSpace();
        as.map(0x10000, 0x3000, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE);
        as.protect(0x12000, 0x1000, AddressSpace.PROT_READ);
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 7);
        }
        GuestBytes.write(as, 0x10100, data, 0, 6000);
        assertArrayEquals(data, GuestBytes.read(plain(as), 0x10100, 6000));
        GuestBytes.write(plain(as), 0x10003, data, 1, 5000);
        byte[] back = GuestBytes.read(as, 0x10003, 5000);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1, 5001), back);
        // A write that reaches the read-only page faults there and writes nothing.
        int before = as.read8(0x11ff0);
        MemoryFault f = assertThrows(MemoryFault.class, () -> GuestBytes.write(as, 0x11ff0, data, 0, 100));
        assertEquals(0x12000, f.address());
        assertEquals(MemoryFault.PF_U | MemoryFault.PF_P | MemoryFault.PF_W, f.errorCode());
        assertEquals(before, as.read8(0x11ff0));
        f = assertThrows(MemoryFault.class, () -> as.read8(0x13000));
        assertEquals(MemoryFault.PF_U, f.errorCode(), "not present");
        f = assertThrows(MemoryFault.class, () -> as.fetch8(0x10000));
        assertEquals(MemoryFault.PF_U | MemoryFault.PF_P | MemoryFault.PF_I, f.errorCode(), "NX");
        int at100 = as.read8(0x10100);
        as.move(0x10000, 0x40000, 0x1000);
        assertEquals(at100, as.read8(0x40100));
        assertEquals(-1, as.protection(0x10000));
    }
}
