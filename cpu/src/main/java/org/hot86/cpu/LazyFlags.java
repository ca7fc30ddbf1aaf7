package org.hot86.cpu;

import static org.hot86.cpu.Flags.*;

/**
 * Evaluation of the lazy-flag record (SDM Vol. 1, Appendix A "EFLAGS cross-reference"
 * and the Flags Affected sections of each instruction in Vol. 2). Values in the record
 * are masked to the operand size.
 */
final class LazyFlags {
    private LazyFlags() {
    }

    static long compute(CpuState s) {
        long res = s.lazyRes;
        int size = s.lazySize;
        long f = zsp(res, size);
        if (cf(s)) {
            f |= CF;
        }
        if (of(s)) {
            f |= OF;
        }
        f |= af(s);
        return f;
    }

    static boolean cf(CpuState s) {
        long d = s.lazyDst, src = s.lazySrc, r = s.lazyRes;
        return switch (s.lazyOp) {
            case NONE, INC, DEC -> (s.rflags & CF) != 0;
            case ADD -> Long.compareUnsigned(r, d) < 0;
            case ADC -> s.lazyAux != 0 ? Long.compareUnsigned(r, d) <= 0 : Long.compareUnsigned(r, d) < 0;
            case SUB -> Long.compareUnsigned(d, src) < 0;
            case SBB -> s.lazyAux != 0 ? Long.compareUnsigned(d, src) <= 0 : Long.compareUnsigned(d, src) < 0;
            case LOGIC -> false;
            case NEG -> src != 0;
        };
    }

    static boolean of(CpuState s) {
        long d = s.lazyDst, src = s.lazySrc, r = s.lazyRes;
        long sb = signBit(s.lazySize);
        return switch (s.lazyOp) {
            case NONE -> (s.rflags & OF) != 0;
            case ADD, ADC -> ((d ^ r) & (src ^ r) & sb) != 0;
            case SUB, SBB -> ((d ^ src) & (d ^ r) & sb) != 0;
            case LOGIC -> false;
            case INC, NEG -> r == sb;
            case DEC -> r == sb - 1;
        };
    }

    static long af(CpuState s) {
        long d = s.lazyDst, src = s.lazySrc, r = s.lazyRes;
        return switch (s.lazyOp) {
            case NONE -> s.rflags & AF;
            case ADD, ADC, SUB, SBB -> (d ^ src ^ r) & AF;
            case LOGIC -> 0;
            case INC -> (r & 0xF) == 0 ? AF : 0;
            case DEC -> (r & 0xF) == 0xF ? AF : 0;
            case NEG -> (src ^ r) & AF;
        };
    }
}
