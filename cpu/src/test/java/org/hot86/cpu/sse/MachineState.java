package org.hot86.cpu.sse;

import java.util.Arrays;

/**
 * The slice of architectural state the SSE oracle observes: xmm0..xmm3 as (lo, hi) pairs, rax rcx rdx rbx,
 * RFLAGS, MXCSR and how the instruction ended (0 retired, 1 #XM/SIGFPE, 2 #UD/SIGILL, 3 other fault).
 */
final class MachineState {
    int status;
    int mxcsr;
    long rflags = 0x202;
    final long[] xmm = new long[8];
    final long[] gpr = new long[4];

    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3;

    MachineState copy() {
        MachineState c = new MachineState();
        c.status = status;
        c.mxcsr = mxcsr;
        c.rflags = rflags;
        System.arraycopy(xmm, 0, c.xmm, 0, 8);
        System.arraycopy(gpr, 0, c.gpr, 0, 4);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineState m && m.status == status && m.mxcsr == mxcsr && m.rflags == rflags
                && Arrays.equals(m.xmm, xmm) && Arrays.equals(m.gpr, gpr);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xmm) ^ mxcsr;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("status=%d mxcsr=%04x rflags=%03x", status, mxcsr, rflags));
        for (int i = 0; i < 4; i++) {
            b.append(String.format(" xmm%d=%016x_%016x", i, xmm[2 * i + 1], xmm[2 * i]));
        }
        b.append(String.format(" rax=%x rcx=%x rdx=%x rbx=%x", gpr[0], gpr[1], gpr[2], gpr[3]));
        return b.toString();
    }
}
