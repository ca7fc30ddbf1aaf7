package org.hot86.cpu.interp;

import org.hot86.cpu.CpuState;
import org.hot86.cpu.FlagOp;

/**
 * What an instruction may change in registers and flags before it faults: the GPRs and
 * the RFLAGS/lazy-flag record. Taken before each interpreted instruction and restored if
 * it faults, so that a fault leaves exactly the state before the instruction (executors
 * make every check that can fault before they write memory, XMM or FPU state).
 */
final class StateSnapshot {
    private final long[] gpr = new long[16];
    private FlagOp op;
    private int size;
    private long rflags, src, dst, res, aux;

    void save(CpuState s) {
        System.arraycopy(s.gpr, 0, gpr, 0, 16);
        rflags = s.rflags;
        op = s.lazyOp;
        size = s.lazySize;
        src = s.lazySrc;
        dst = s.lazyDst;
        res = s.lazyRes;
        aux = s.lazyAux;
    }

    void restore(CpuState s) {
        System.arraycopy(gpr, 0, s.gpr, 0, 16);
        s.rflags = rflags;
        s.lazyOp = op;
        s.lazySize = size;
        s.lazySrc = src;
        s.lazyDst = dst;
        s.lazyRes = res;
        s.lazyAux = aux;
    }
}
