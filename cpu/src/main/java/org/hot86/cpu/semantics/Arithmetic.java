package org.hot86.cpu.semantics;

import static org.hot86.cpu.Flags.mask;

import org.hot86.cpu.CpuState;
import org.hot86.cpu.FlagOp;

/**
 * Binary arithmetic (Intel SDM Vol. 1, 7.3.2; Vol. 2 ADD, ADC, SUB, SBB, CMP, INC, DEC,
 * NEG). Operands are zero-extended values of {@code size} bits (8, 16, 32, 64); results
 * are returned masked to the size and the flags are recorded lazily in the state.
 * Multiplication and division are in {@link MulDiv}.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** ADD: dst + src; CF, OF, SF, ZF, AF, PF per result. */
    public static long add(CpuState s, int size, long dst, long src) {
        long r = (dst + src) & mask(size);
        s.setLazy(FlagOp.ADD, size, src, dst, r);
        return r;
    }

    /** ADC: dst + src + CF. */
    public static long adc(CpuState s, int size, long dst, long src) {
        long c = s.cf() ? 1 : 0;
        long r = (dst + src + c) & mask(size);
        s.setLazy(FlagOp.ADC, size, src, dst, r);
        s.lazyAux = c;
        return r;
    }

    /** SUB (and CMP, which discards the result): dst - src. */
    public static long sub(CpuState s, int size, long dst, long src) {
        long r = (dst - src) & mask(size);
        s.setLazy(FlagOp.SUB, size, src, dst, r);
        return r;
    }

    /** SBB: dst - (src + CF). */
    public static long sbb(CpuState s, int size, long dst, long src) {
        long c = s.cf() ? 1 : 0;
        long r = (dst - src - c) & mask(size);
        s.setLazy(FlagOp.SBB, size, src, dst, r);
        s.lazyAux = c;
        return r;
    }

    /** INC: dst + 1; CF is not affected (so it is made exact in rflags first). */
    public static long inc(CpuState s, int size, long dst) {
        long r = (dst + 1) & mask(size);
        incDecFlags(s, size, r, true);
        return r;
    }

    /** DEC: dst - 1; CF is not affected. */
    public static long dec(CpuState s, int size, long dst) {
        long r = (dst - 1) & mask(size);
        incDecFlags(s, size, r, false);
        return r;
    }

    /**
     * The flag effect of INC ({@code inc}) or DEC with (masked) result {@code r}: OF, SF, ZF,
     * AF, PF from the result, CF unchanged (SDM INC/DEC "Flags Affected"). The operand is
     * recovered from the result, so compiled code only needs to keep (size, r).
     */
    public static void incDecFlags(CpuState s, int size, long r, boolean inc) {
        // an INC/DEC record takes CF from rflags and everything else from itself (CpuState
        // "Lazy flags"), so only CF has to be made exact, not the whole previous record
        long cf = s.cf() ? org.hot86.cpu.Flags.CF : 0;
        s.rflags = (s.rflags & ~org.hot86.cpu.Flags.CF) | cf;
        s.setLazy(inc ? FlagOp.INC : FlagOp.DEC, size, 1, (inc ? r - 1 : r + 1) & mask(size), r);
    }

    /** NEG: 0 - src; CF = (src != 0). */
    public static long neg(CpuState s, int size, long src) {
        long r = (-src) & mask(size);
        s.setLazy(FlagOp.NEG, size, src, 0, r);
        return r;
    }

    /**
     * ADCX ({@code overflowFlag = false}) and ADOX ({@code true}): unsigned add with carry
     * that reads and writes only CF, respectively only OF (as the carry); no other flag
     * changes (SDM ADCX, ADOX).
     */
    public static long adcx(CpuState s, int size, long dst, long src, boolean overflowFlag) {
        s.materialize();
        long flag = overflowFlag ? org.hot86.cpu.Flags.OF : org.hot86.cpu.Flags.CF;
        long c = (s.rflags & flag) != 0 ? 1 : 0;
        long r = (dst + src + c) & mask(size);
        boolean carry = c != 0 ? Long.compareUnsigned(r, dst) <= 0 : Long.compareUnsigned(r, dst) < 0;
        s.rflags = carry ? s.rflags | flag : s.rflags & ~flag;
        return r;
    }
}
