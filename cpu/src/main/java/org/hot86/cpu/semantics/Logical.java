package org.hot86.cpu.semantics;

import static org.hot86.cpu.Flags.mask;

import org.hot86.cpu.CpuState;
import org.hot86.cpu.FlagOp;

/**
 * Logical instructions (Intel SDM Vol. 1, 7.3.4; Vol. 2 AND, OR, XOR, NOT, TEST):
 * OF and CF are cleared, SF, ZF, PF per result, AF undefined (we clear it).
 */
public final class Logical {
    private Logical() {
    }

    public static long and(CpuState s, int size, long dst, long src) {
        long r = dst & src & mask(size);
        s.setLazy(FlagOp.LOGIC, size, src, dst, r);
        return r;
    }

    public static long or(CpuState s, int size, long dst, long src) {
        long r = (dst | src) & mask(size);
        s.setLazy(FlagOp.LOGIC, size, src, dst, r);
        return r;
    }

    public static long xor(CpuState s, int size, long dst, long src) {
        long r = (dst ^ src) & mask(size);
        s.setLazy(FlagOp.LOGIC, size, src, dst, r);
        return r;
    }

    /** NOT: no flags affected. */
    public static long not(int size, long dst) {
        return ~dst & mask(size);
    }
}
