package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RBP;
import static org.hot86.cpu.CpuState.RSP;
import static org.hot86.cpu.CpuState.SS;

import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.Segment;

/**
 * Stack operations (Intel SDM Vol. 1, 6.2-6.5; Vol. 2 PUSH, POP, PUSHA, POPA, ENTER,
 * LEAVE). The stack-address size is 64 in 64-bit mode, else SS.B (32 or 16). Each method
 * writes memory before it commits RSP, so a faulting push leaves RSP unchanged.
 */
public final class Stack {
    private Stack() {
    }

    /** Stack-address size in bits. */
    public static int stackSize(CpuState s) {
        if (s.mode == CpuMode.LONG_64) {
            return 64;
        }
        return (s.seg[SS].attributes & Segment.ATTR_DB) != 0 ? 32 : 16;
    }

    static long maskAddr(long v, int asize) {
        return asize == 64 ? v : v & ((1L << asize) - 1);
    }

    /** Writes the stack-pointer register with the stack-address size's merge rule. */
    public static void setSp(CpuState s, long v) {
        int ss = stackSize(s);
        s.writeReg(RSP, ss, false, v);
    }

    /** PUSH of a {@code size}-bit value (16, 32 or 64). */
    public static void push(CpuState s, int size, long v) {
        int ss = stackSize(s);
        long sp = maskAddr(s.gpr[RSP] - size / 8, ss);
        Memory.write(s, SS, sp, size, v);
        s.writeReg(RSP, ss, false, sp);
    }

    /** Reads the top of the stack without popping (POP writes its destination before committing RSP). */
    public static long peek(CpuState s, int size, long bytesAbove) {
        int ss = stackSize(s);
        return Memory.read(s, SS, maskAddr(s.gpr[RSP] + bytesAbove, ss), size);
    }

    /** Adds {@code bytes} to the stack pointer (after a pop, RET imm16). */
    public static void adjust(CpuState s, long bytes) {
        int ss = stackSize(s);
        s.writeReg(RSP, ss, false, maskAddr(s.gpr[RSP] + bytes, ss));
    }

    /** POP: returns the value and commits RSP. */
    public static long pop(CpuState s, int size) {
        long v = peek(s, size, 0);
        adjust(s, size / 8);
        return v;
    }

    /** PUSHA/PUSHAD: pushes AX..DI with the original SP (SDM PUSHA). All writes happen before SP is committed. */
    public static void pusha(CpuState s, int size) {
        int ss = stackSize(s);
        long sp = s.gpr[RSP];
        int n = size / 8;
        long orig = sp;
        for (int r = 0; r < 8; r++) {
            long v = r == RSP ? orig : s.gpr[r];
            Memory.write(s, SS, maskAddr(sp - (long) (r + 1) * n, ss), size, v);
        }
        s.writeReg(RSP, ss, false, maskAddr(sp - 8L * n, ss));
    }

    /** POPA/POPAD: pops DI..AX, skipping the saved SP. Reads all values before writing registers. */
    public static void popa(CpuState s, int size) {
        int ss = stackSize(s);
        int n = size / 8;
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Memory.read(s, SS, maskAddr(s.gpr[RSP] + (long) i * n, ss), size);
        }
        for (int i = 0; i < 8; i++) {
            int r = 7 - i;
            if (r != RSP) {
                s.writeReg(r, size, false, v[i]);
            }
        }
        adjust(s, 8L * n);
    }

    /**
     * ENTER imm16, imm8 (SDM ENTER): pushes rBP, copies {@code level - 1} frame pointers from
     * the old frame, pushes the new frame pointer when {@code level > 0}, then allocates
     * {@code alloc} bytes. The nesting level is taken modulo 32.
     */
    public static void enter(CpuState s, int size, int alloc, int level) {
        level &= 31;
        int ss = stackSize(s);
        int n = size / 8;
        long sp = maskAddr(s.gpr[RSP] - n, ss);
        long bp = s.gpr[RBP];
        Memory.write(s, SS, sp, size, bp);
        long frameTemp = sp;
        if (level > 0) {
            for (int i = 1; i < level; i++) {
                bp = maskAddr(bp - n, ss);
                long v = Memory.read(s, SS, bp, size);
                sp = maskAddr(sp - n, ss);
                Memory.write(s, SS, sp, size, v);
            }
            sp = maskAddr(sp - n, ss);
            Memory.write(s, SS, sp, size, frameTemp);
        }
        sp = maskAddr(sp - alloc, ss);
        // The frame pointer is written with the stack-address size (SDM ENTER "Operation").
        s.writeReg(RBP, ss, false, frameTemp);
        s.writeReg(RSP, ss, false, sp);
    }

    /** LEAVE: rSP = rBP, then pop rBP. */
    public static void leave(CpuState s, int size) {
        int ss = stackSize(s);
        long bp = s.gpr[RBP];
        long v = Memory.read(s, SS, maskAddr(bp, ss), size);
        s.writeReg(RSP, ss, false, maskAddr(bp + size / 8, ss));
        s.writeReg(RBP, size, false, v);
    }
}
