package org.hot86.softmmu.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.hot86.softmmu.IoPortHandler;
import org.junit.jupiter.api.Test;

class IoPortBusTest {
    /** A device with byte registers at ports base..base+n-1 that logs every call. */
    static final class Regs implements IoPortHandler {
        final int base;
        final byte[] regs;
        final List<String> log = new ArrayList<>();

        Regs(int base, int n) {
            this.base = base;
            this.regs = new byte[n];
        }

        @Override
        public int ioRead(int port, int size) {
            log.add("in" + size + "@" + Integer.toHexString(port));
            int v = 0;
            for (int i = 0; i < size; i++) {
                v |= (regs[port - base + i] & 0xFF) << (8 * i);
            }
            return v | 0xAB00_0000 & (size == 4 ? 0 : -1); // junk above the size: bus must mask it
        }

        @Override
        public void ioWrite(int port, int size, int value) {
            log.add("out" + size + "@" + Integer.toHexString(port));
            for (int i = 0; i < size; i++) {
                regs[port - base + i] = (byte) (value >>> (8 * i));
            }
        }
    }

    @Test
    void sizedAccessesReachTheHandlerWhole() {
        IoPortBus bus = new IoPortBus();
        Regs d = new Regs(0x3F8, 8);
        bus.register(0x3F8, 8, d);
        bus.out32(0x3F8, 0x44332211);
        assertEquals(0x11, bus.in8(0x3F8));
        assertEquals(0x3322, bus.in16(0x3F9));
        assertEquals(0x44332211, bus.in32(0x3F8));
        assertEquals(List.of("out4@3f8", "in1@3f8", "in2@3f9", "in4@3f8"), d.log);
    }

    @Test
    void unassignedPortsReadAllOnesAndAreCounted() {
        IoPortBus bus = new IoPortBus();
        List<Long> seen = new ArrayList<>();
        bus.addUnassignedListener((io, a, s, w, v) -> seen.add(a));
        assertEquals(0xFF, bus.in8(0x80));
        assertEquals(0xFFFF, bus.in16(0x80));
        assertEquals(-1, bus.in32(0x80));
        bus.out8(0x80, 1);
        assertEquals(4, bus.unassignedCount());
        assertEquals(List.of(0x80L, 0x80L, 0x80L, 0x80L), seen);
    }

    @Test
    void accessesStraddlingHandlersAreSplitIntoBytes() {
        IoPortBus bus = new IoPortBus();
        Regs a = new Regs(0x60, 1);
        bus.register(0x60, 1, a);
        a.regs[0] = 0x12;
        assertEquals(0xFFFF_FF12, bus.in32(0x60)); // 0x61..0x63 unassigned
        assertEquals(List.of("in1@60"), a.log);
        bus.out16(0x5F, 0x3456);
        assertEquals(0x34, a.regs[0]);
    }

    @Test
    void portsWrapAt64K() {
        IoPortBus bus = new IoPortBus();
        Regs z = new Regs(0, 2);
        bus.register(0, 2, z);
        z.regs[0] = 0x5A;
        assertEquals(0x5AFF, bus.in16(0xFFFF));
        assertThrows(IllegalArgumentException.class, () -> bus.register(0xFFFF, 2, z));
    }
}
