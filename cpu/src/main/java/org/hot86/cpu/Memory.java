package org.hot86.cpu;

import org.hot86.softmmu.MemoryFault;

/**
 * Segmented data access for instruction semantics: offset -> linear address (Intel SDM
 * Vol. 3A, 3.4 "Logical and linear addresses"; 3.4.4 for 64-bit mode) and the access
 * itself through {@link CpuState#mem}. Memory-layer faults ({@link MemoryFault}) become
 * {@link CpuFault}s here, so semantics only ever see guest exceptions.
 *
 * <p>In 64-bit mode only FS and GS have a base and a non-canonical linear address raises
 * #GP(0) (#SS(0) for stack references). Outside 64-bit mode the linear address wraps at
 * 4 GiB; in protected and compatibility mode null segments and segment limits are checked.
 */
public final class Memory {
    private Memory() {
    }

    /** The linear address of {@code seg:offset}; {@code offset} is already masked to the address size. */
    public static long linear(CpuState s, int seg, long offset) {
        if (s.mode == CpuMode.LONG_64) {
            long a = seg >= CpuState.FS ? s.seg[seg].base + offset : offset;
            if ((a << 16 >> 16) != a) {
                throw seg == CpuState.SS ? CpuFault.SS0 : CpuFault.GP0;
            }
            return a;
        }
        return (s.seg[seg].base + offset) & 0xFFFFFFFFL;
    }

    /**
     * Protected-mode segment checks for an access of {@code size} bits at {@code seg:offset}
     * (SDM Vol. 3A, 5.3 "Limit checking"): a null (unusable) segment and an offset outside the
     * limit raise #GP(0), or #SS(0) for SS. Expand-down data segments accept offsets above the
     * limit. Not applied in 64-bit mode (no limits) nor in real mode (limit 0xFFFF, no null).
     */
    public static void check(CpuState s, int seg, long offset, int size, boolean write) {
        if (s.mode == CpuMode.LONG_64 || s.mode == CpuMode.REAL) {
            return;
        }
        Segment g = s.seg[seg];
        int attr = g.attributes;
        long last = offset + size / 8 - 1;
        boolean code = (attr & 8) != 0;
        boolean bad;
        if ((attr & Segment.ATTR_P) == 0) {
            bad = true;
        } else if (write ? code || (attr & 2) == 0 : code && (attr & 2) == 0) {
            bad = true; // writing a code or read-only segment, reading an execute-only one
        } else if ((attr & Segment.ATTR_S) != 0 && (attr & 0xC) == 0x4) { // expand-down data
            long top = (attr & Segment.ATTR_DB) != 0 ? 0xFFFFFFFFL : 0xFFFF;
            bad = offset <= g.limit || last > top;
        } else {
            bad = last > g.limit;
        }
        if (bad) {
            throw seg == CpuState.SS ? CpuFault.SS0 : CpuFault.GP0;
        }
    }

    private static CpuFault convert(MemoryFault f) {
        return new CpuFault(f.vector(), f.errorCode(), f.address());
    }

    /** Reads {@code size} bits (8..64) at {@code seg:offset}, zero-extended. */
    public static long read(CpuState s, int seg, long offset, int size) {
        check(s, seg, offset, size, false);
        long a = linear(s, seg, offset);
        try {
            return switch (size) {
                case 8 -> s.mem.read8(a);
                case 16 -> s.mem.read16(a);
                case 32 -> s.mem.read32(a) & 0xFFFFFFFFL;
                default -> s.mem.read64(a);
            };
        } catch (MemoryFault f) {
            throw convert(f);
        }
    }

    /**
     * The read half of a read-modify-write instruction. Hardware performs it with write
     * intent, so a page fault on it reports W = 1 in the error code (SDM Vol. 3A, 4.7);
     * otherwise like {@link #read}.
     */
    public static long readForWrite(CpuState s, int seg, long offset, int size) {
        if (seg == CpuState.CS && s.mode != CpuMode.LONG_64) {
            throw CpuFault.GP0;
        }
        check(s, seg, offset, size, true);
        long a = linear(s, seg, offset);
        try {
            return switch (size) {
                case 8 -> s.mem.read8(a);
                case 16 -> s.mem.read16(a);
                case 32 -> s.mem.read32(a) & 0xFFFFFFFFL;
                default -> s.mem.read64(a);
            };
        } catch (MemoryFault f) {
            int err = f.errorCode() | (f.vector() == MemoryFault.VECTOR_PF ? MemoryFault.PF_W : 0);
            throw new CpuFault(f.vector(), err, f.address());
        }
    }

    /**
     * Writes the low {@code size} bits of {@code v} at {@code seg:offset}. Outside 64-bit
     * mode a write through CS raises #GP(0): code segments are never writable (SDM Vol. 3A,
     * 3.4.5.1, and the #GP conditions of every instruction that writes memory).
     */
    public static void write(CpuState s, int seg, long offset, int size, long v) {
        if (seg == CpuState.CS && s.mode != CpuMode.LONG_64) {
            throw CpuFault.GP0;
        }
        check(s, seg, offset, size, true);
        long a = linear(s, seg, offset);
        try {
            switch (size) {
                case 8 -> s.mem.write8(a, (int) v);
                case 16 -> s.mem.write16(a, (int) v);
                case 32 -> s.mem.write32(a, (int) v);
                default -> s.mem.write64(a, v);
            }
        } catch (MemoryFault f) {
            throw convert(f);
        }
    }

    /** Fetches one instruction byte at a linear address (execute permission). */
    public static int fetch8(CpuState s, long linear) {
        try {
            return s.mem.fetch8(linear);
        } catch (MemoryFault f) {
            throw convert(f);
        }
    }

    /** Checks that a write of {@code size} bits at {@code seg:offset} would succeed, by reading and writing back. */
    public static void probeWrite(CpuState s, int seg, long offset, int size) {
        write(s, seg, offset, size, read(s, seg, offset, size));
    }
}
