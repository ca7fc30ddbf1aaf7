package org.hot86.cpu.interp;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.sse.SimdFpEnv;
import org.hot86.decoder.Instruction;

/**
 * Operand access and the common checks of SSE-family instructions, shared by {@link SseMoveExec},
 * {@link SseFpExec} and {@link SseIntExec}.
 *
 * <p>Checks made before anything else (Intel SDM Vol. 2, "Exceptions Type" tables of chapter 2.4,
 * "Instructions with legacy SSE encoding"): #UD if CR0.EM = 1 or CR4.OSFXSR = 0, then #NM if CR0.TS = 1.
 * A user-mode state ({@link CpuState#resetUserMode}) has CR0.EM = 0, CR0.TS = 0, CR4.OSFXSR = 1 and
 * CR4.OSXMMEXCPT = 1, as Linux sets them.
 *
 * <p>Memory operands: 128-bit operands are read or written as two 64-bit accesses through {@link Memory}
 * (segmentation, fault conversion), low quadword at the lower address. <em>Aligned</em> forms raise #GP(0)
 * when the linear address is not a multiple of 16 (SDM Vol. 1, 11.6.8 / 12.10.3 "Alignment of 128-bit
 * memory operands"); unaligned forms (MOVUPS, MOVDQU, LDDQU, PCMPxSTRx, ...) and narrower operands never do.
 *
 * <p>Ordering: every executor reads all its sources and runs every check that can fault before it writes
 * any register or memory, because the interpreter's fault rollback restores GPRs and flags but not XMM
 * registers. A 128-bit store that crosses a page first checks the high half's page (by a probe), so a
 * fault there leaves memory unchanged.
 */
final class SseAccess {
    private SseAccess() {
    }

    static final long CR0_EM = 1L << 2, CR0_TS = 1L << 3, CR4_OSFXSR = 1L << 9, CR4_OSXMMEXCPT = 1L << 10;

    /** #XM: SIMD floating-point exception (vector 19). */
    static final CpuFault SIMD_FP = new CpuFault(CpuFault.XM, 0);

    /** The #UD/#NM checks of every instruction that touches XMM registers or MXCSR. */
    static void check(CpuState s) {
        if ((s.cr0 & CR0_EM) != 0 || (s.cr4 & CR4_OSFXSR) == 0) {
            throw CpuFault.INVALID_OPCODE;
        }
        if ((s.cr0 & CR0_TS) != 0) {
            throw CpuFault.DEVICE_NOT_AVAILABLE;
        }
    }

    /**
     * Ends a floating-point instruction: MXCSR takes the flags (always, also on a fault), and an unmasked
     * exception ({@code ok == false}) raises #XM, or #UD when CR4.OSXMMEXCPT = 0 (SDM Vol. 1, 11.5.4).
     */
    static void fpDone(CpuState s, SimdFpEnv env, boolean ok) {
        s.mxcsr = env.mxcsr();
        if (!ok) {
            throw (s.cr4 & CR4_OSXMMEXCPT) != 0 ? SIMD_FP : CpuFault.INVALID_OPCODE;
        }
    }

    /** A fresh floating-point environment for MXCSR. */
    static SimdFpEnv env(CpuState s) {
        return new SimdFpEnv().begin(s.mxcsr);
    }

    /** The memory-only forms (operand M...) raise #UD on a register ModRM. */
    static void requireMemory(Instruction i) {
        if (!i.hasMemory()) {
            throw CpuFault.INVALID_OPCODE;
        }
    }

    /** The register-only forms (operand U/N) raise #UD on a memory ModRM. */
    static void requireRegister(Instruction i) {
        if (i.hasMemory()) {
            throw CpuFault.INVALID_OPCODE;
        }
    }

    /**
     * The offset of the high quadword of a 16-byte operand. The bytes of one access follow each other in the
     * linear address space: the offset is not wrapped to the address size (a 16-bit or 32-bit effective address
     * near its top continues above it, and {@link #checkLimit} catches what exceeds the segment).
     */
    static long next8(Instruction i, long ea) {
        return ea + 8;
    }

    /**
     * Outside 64-bit mode, an access of {@code bytes} at {@code offset} must lie within the segment limit
     * (expand-up segments; SDM Vol. 3A, 5.3): else #GP(0), or #SS(0) for SS. With the flat 4 GiB segments of a
     * user-mode process this is an access that would wrap past 4 GiB.
     */
    static void checkLimit(CpuState s, int seg, long offset, int bytes) {
        if (s.mode != CpuMode.LONG_64 && offset + bytes - 1 > s.seg[seg].limit) {
            throw seg == CpuState.SS ? CpuFault.SS0 : CpuFault.GP0;
        }
    }

    /** The effective address of a {@code bytes}-wide memory operand, limit-checked. */
    static long ea(CpuState s, Instruction i, int bytes) {
        long ea = Operands.ea(s, i);
        checkLimit(s, i.segment(), ea, bytes);
        return ea;
    }

    /**
     * The effective address of a 16-byte operand, with the #GP(0) alignment check of aligned forms and the
     * limit check of all 16 bytes before any access (as the host does: #GP even when the low half alone would
     * raise #PF).
     */
    static long ea128(CpuState s, Instruction i, boolean aligned) {
        long ea = Operands.ea(s, i);
        if (aligned && (Memory.linear(s, i.segment(), ea) & 15) != 0) {
            throw CpuFault.GP0;
        }
        checkLimit(s, i.segment(), ea, 16);
        return ea;
    }

    // ---- sources ------------------------------------------------------------------------------

    /** Low quadword of the xmm/m128 operand (the memory read of the low half; aligned check included). */
    static long srcLo(CpuState s, Instruction i, boolean aligned) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), ea128(s, i, aligned), 64);
        }
        return s.xmmLo[i.rm()];
    }

    /** High quadword of the xmm/m128 operand; call after {@link #srcLo} (which made the checks). */
    static long srcHi(CpuState s, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), next8(i, Operands.ea(s, i)), 64);
        }
        return s.xmmHi[i.rm()];
    }

    /** The xmm/m64 operand (low quadword of the register). */
    static long src64(CpuState s, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), ea(s, i, 8), 64);
        }
        return s.xmmLo[i.rm()];
    }

    /** The xmm/m32 operand, zero-extended. */
    static long src32(CpuState s, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), ea(s, i, 4), 32);
        }
        return s.xmmLo[i.rm()] & 0xFFFFFFFFL;
    }

    /** The xmm/m16 operand, zero-extended. */
    static long src16(CpuState s, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), ea(s, i, 2), 16);
        }
        return s.xmmLo[i.rm()] & 0xFFFFL;
    }

    // ---- destinations -------------------------------------------------------------------------

    static void setXmm(CpuState s, int r, long lo, long hi) {
        s.xmmLo[r] = lo;
        s.xmmHi[r] = hi;
    }

    /** Stores 16 bytes at the r/m memory operand (aligned forms check alignment first). */
    static void store128(CpuState s, Instruction i, boolean aligned, long lo, long hi) {
        long ea = ea128(s, i, aligned);
        long ea8 = next8(i, ea);
        int seg = i.segment();
        if ((Memory.linear(s, seg, ea) & 0xFFF) > 0xFF0) {
            // crosses a page: check both halves, in address order, before writing either
            probeWrite(s, seg, ea, 64);
            probeWrite(s, seg, ea8, 64);
        }
        Memory.write(s, i.segment(), ea, 64, lo);
        Memory.write(s, i.segment(), ea8, 64, hi);
    }

    /**
     * Checks that {@code size} bits at {@code seg:offset} are writable, with write intent (a #PF reports
     * W = 1), by reading and writing back the same value.
     */
    static void probeWrite(CpuState s, int seg, long offset, int size) {
        Memory.write(s, seg, offset, size, Memory.readForWrite(s, seg, offset, size));
    }

    /** Stores {@code size} bits at the r/m memory operand. */
    static void store(CpuState s, Instruction i, int size, long v) {
        Memory.write(s, i.segment(), ea(s, i, size / 8), size, v);
    }
}
