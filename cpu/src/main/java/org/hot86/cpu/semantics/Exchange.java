package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RBX;
import static org.hot86.cpu.CpuState.RCX;
import static org.hot86.cpu.CpuState.RDX;
import static org.hot86.cpu.Flags.ZF;
import static org.hot86.cpu.Flags.mask;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;

/**
 * Exchange and compare-exchange (Intel SDM Vol. 2 CMPXCHG, CMPXCHG8B/CMPXCHG16B, XADD).
 * The emulated CPU runs one thread per guest processor inside one interpreter step, so
 * LOCK atomicity is provided by the caller (the interpreter runs one instruction at a time);
 * these methods give the single-processor semantics.
 */
public final class Exchange {
    private Exchange() {
    }

    /**
     * CMPXCHG r/m, r: sets the flags as CMP accumulator, dst and returns whether they were
     * equal. The caller then stores: when equal, the destination receives the source; when
     * not, a memory destination is written back unchanged (the processor always writes it)
     * and afterwards the accumulator is loaded with the old destination. The accumulator
     * must be written last, since it may be the base of the memory operand.
     */
    public static boolean cmpxchg(CpuState s, int size, long dst) {
        long acc = s.gpr[RAX] & mask(size);
        Arithmetic.sub(s, size, acc, dst);
        return acc == dst;
    }

    /** XADD r/m, r: the destination gets dst + src (flags as ADD); returns the sum; the caller puts {@code dst} into the source register. */
    public static long xadd(CpuState s, int size, long dst, long src) {
        return Arithmetic.add(s, size, dst, src);
    }

    /**
     * CMPXCHG8B m64 ({@code wide = false}) or CMPXCHG16B m128 ({@code wide = true}, which
     * raises #GP(0) for an operand not 16-byte aligned). ZF reports success; other flags
     * are unaffected. The destination is always written (with the old value on failure).
     */
    public static void cmpxchg8b16b(CpuState s, int seg, long offset, long linearForAlign, boolean wide) {
        materializeOthers(s);
        if (wide) {
            if ((linearForAlign & 15) != 0) {
                throw CpuFault.GP0;
            }
            long lo = Memory.readForWrite(s, seg, offset, 64);
            long hi = Memory.readForWrite(s, seg, offset + 8, 64);
            if (lo == s.gpr[RAX] && hi == s.gpr[RDX]) {
                Memory.write(s, seg, offset, 64, s.gpr[RBX]);
                Memory.write(s, seg, offset + 8, 64, s.gpr[RCX]);
                s.rflags |= ZF;
            } else {
                Memory.write(s, seg, offset, 64, lo);
                Memory.write(s, seg, offset + 8, 64, hi);
                s.gpr[RAX] = lo;
                s.gpr[RDX] = hi;
                s.rflags &= ~ZF;
            }
        } else {
            long m = Memory.readForWrite(s, seg, offset, 64);
            long cmp = (s.gpr[RDX] << 32) | (s.gpr[RAX] & 0xFFFFFFFFL);
            if (m == cmp) {
                Memory.write(s, seg, offset, 64, (s.gpr[RCX] << 32) | (s.gpr[RBX] & 0xFFFFFFFFL));
                s.rflags |= ZF;
            } else {
                Memory.write(s, seg, offset, 64, m);
                s.gpr[RAX] = m & 0xFFFFFFFFL;
                s.gpr[RDX] = m >>> 32;
                s.rflags &= ~ZF;
            }
        }
    }

    private static void materializeOthers(CpuState s) {
        s.materialize();
    }
}
