package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RDX;
import static org.hot86.cpu.Flags.sext;

import org.hot86.cpu.CpuState;

/**
 * Data-movement helpers that are more than a register copy (Intel SDM Vol. 1, 7.3.1;
 * Vol. 2 CBW/CWDE/CDQE, CWD/CDQ/CQO, MOVSX, MOVZX, MOVSXD). Plain MOV, XCHG and PUSH/POP
 * are operand moves done by the interpreter through the operand accessors.
 */
public final class DataMovement {
    private DataMovement() {
    }

    /** CBW (16), CWDE (32), CDQE (64): sign-extend the lower half of rAX into rAX. */
    public static void cbw(CpuState s, int size) {
        long v = sext(s.gpr[RAX], size / 2);
        s.writeReg(RAX, size, false, v);
    }

    /** CWD (16), CDQ (32), CQO (64): fill rDX with the sign of rAX. */
    public static void cwd(CpuState s, int size) {
        long sign = sext(s.gpr[RAX], size) < 0 ? -1L : 0;
        s.writeReg(RDX, size, false, sign);
    }

    /** MOVSX / MOVSXD: sign-extend {@code from} bits to {@code to} bits (result masked to {@code to}). */
    public static long movsx(long v, int from, int to) {
        return sext(v, from) & org.hot86.cpu.Flags.mask(to);
    }
}
