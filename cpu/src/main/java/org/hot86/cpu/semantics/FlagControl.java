package org.hot86.cpu.semantics;

import static org.hot86.cpu.Flags.*;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;

/**
 * Flag-control instructions (Intel SDM Vol. 1, 7.3.13; Vol. 2 CLC, STC, CMC, CLD, STD,
 * LAHF, SAHF, PUSHF, POPF, CLI, STI).
 */
public final class FlagControl {
    private FlagControl() {
    }

    public static void clc(CpuState s) {
        s.setCf(false);
    }

    public static void stc(CpuState s) {
        s.setCf(true);
    }

    public static void cmc(CpuState s) {
        s.setCf(!s.cf());
    }

    public static void cld(CpuState s) {
        s.rflags &= ~DF;
    }

    public static void std(CpuState s) {
        s.rflags |= DF;
    }

    /** LAHF: AH = SF:ZF:0:AF:0:PF:1:CF. */
    public static void lahf(CpuState s) {
        long f = s.getRflags() & 0xFF;
        s.writeReg(4, 8, true, (f & (SF | ZF | AF | PF | CF)) | FIXED1);
    }

    /** SAHF: loads SF, ZF, AF, PF, CF from AH. */
    public static void sahf(CpuState s) {
        long ah = (s.gpr[0] >>> 8) & (SF | ZF | AF | PF | CF);
        s.setStatusFlags((s.getRflags() & OF) | ah);
    }

    /** The value PUSHF stores: RFLAGS with VM and RF cleared (SDM PUSHF). */
    public static long pushfValue(CpuState s) {
        return s.getRflags() & ~(VM | RF);
    }

    /**
     * POPF: loads RFLAGS from {@code v} (already zero-extended from the operand size) with
     * the protected-mode rules of the SDM POPF table: IOPL changes only at CPL 0, IF only
     * at CPL &lt;= IOPL, VM/RF/VIP/VIF never (RF is cleared). With a 16-bit operand the
     * upper bits are kept. In VM86 mode with IOPL &lt; 3 it raises #GP(0).
     */
    public static void popf(CpuState s, int size, long v) {
        long old = s.getRflags();
        long iopl = (old & IOPL) >>> 12;
        if ((old & VM) != 0 && iopl < 3) {
            throw CpuFault.GP0;
        }
        long changeable = CF | PF | AF | ZF | SF | TF | DF | OF | NT | AC | ID;
        if (s.cpl == 0) {
            changeable |= IOPL;
        }
        if (s.cpl <= iopl) {
            changeable |= IF;
        }
        if (size == 16) {
            changeable &= 0xFFFF;
        }
        long n = (old & ~changeable) | (v & changeable);
        s.setRflags(n & ~RF);
    }
}
