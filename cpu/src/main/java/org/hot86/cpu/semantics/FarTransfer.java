package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.CS;
import static org.hot86.cpu.CpuState.RSP;
import static org.hot86.cpu.CpuState.SS;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.cpu.Segment;

/**
 * Far control transfers (Intel SDM Vol. 2 JMP, CALL, RET, IRET "Operation", far forms;
 * Vol. 3A 5.8 privilege checks for control transfers): real-mode transfers, and protected /
 * IA-32e transfers to code segments at the same privilege level, RETF/IRET to an outer
 * privilege level (pops SS:RSP), mode switches between 64-bit and compatibility mode by
 * CS.L. Every check happens before the first state change, so a fault leaves the segment
 * registers, CPL and mode untouched (the interpreter restores registers and flags).
 *
 * <p>Not modelled: call gates, task gates and TSS descriptors (a far JMP/CALL through one
 * raises #GP(selector)), IRET with NT = 1 (task return, #GP(0) here) and the return to
 * virtual-8086 mode (IRET at CPL 0 with VM = 1 in the popped flags, #GP(0) here).
 */
public final class FarTransfer {
    private FarTransfer() {
    }

    private static CpuFault gp(int sel) {
        return new CpuFault(CpuFault.GP, sel & 0xFFFC);
    }

    private static boolean ia32e(CpuState s) {
        return s.mode == CpuMode.LONG_64 || s.mode == CpuMode.COMPAT_16 || s.mode == CpuMode.COMPAT_32;
    }

    private static boolean real(CpuState s) {
        return s.mode == CpuMode.REAL;
    }

    private static int attr(long d) {
        return (int) (d >>> 40) & 0xFFFF;
    }

    private static int dpl(int attr) {
        return (attr >>> Segment.ATTR_DPL_SHIFT) & 3;
    }

    private static long base(long d) {
        return ((d >>> 16) & 0xFFFFFF) | ((d >>> 32) & 0xFF000000L);
    }

    private static long limit(long d) {
        long l = (d & 0xFFFF) | ((d >>> 32) & 0xF0000);
        return (attr(d) & Segment.ATTR_G) != 0 ? (l << 12) | 0xFFF : l;
    }

    /** The mode a code descriptor selects: 64-bit by CS.L in IA-32e mode, else by CS.D. */
    private static CpuMode modeFor(CpuState s, int attr) {
        boolean d = (attr & Segment.ATTR_DB) != 0;
        if (ia32e(s)) {
            if ((attr & Segment.ATTR_L) != 0) {
                return CpuMode.LONG_64;
            }
            return d ? CpuMode.COMPAT_32 : CpuMode.COMPAT_16;
        }
        return d ? CpuMode.PROTECTED_32 : CpuMode.PROTECTED_16;
    }

    /**
     * Reads and checks the code-segment descriptor of a far JMP/CALL target (SDM JMP/CALL:
     * null -> #GP(0); outside the table, not code, privilege -> #GP(sel); not present ->
     * #NP(sel)). Gates and TSS descriptors are not modelled: #GP(sel).
     */
    private static long jumpTarget(CpuState s, int sel) {
        if ((sel & 0xFFFC) == 0) {
            throw CpuFault.GP0;
        }
        long d = Segmentation.descriptor(s, sel);
        int a = attr(d);
        if ((a & Segment.ATTR_S) == 0 || (a & 8) == 0) {
            throw gp(sel); // data segment, or call gate / task gate / TSS (not modelled)
        }
        if (ia32e(s) && (a & Segment.ATTR_L) != 0 && (a & Segment.ATTR_DB) != 0) {
            throw gp(sel);
        }
        boolean conforming = (a & 4) != 0;
        if (conforming ? dpl(a) > s.cpl : (sel & 3) > s.cpl || dpl(a) != s.cpl) {
            throw gp(sel);
        }
        if ((a & Segment.ATTR_P) == 0) {
            throw new CpuFault(CpuFault.NP, sel & 0xFFFC);
        }
        return d;
    }

    /** The offset check against the new code segment: limit outside 64-bit mode, canonical form in it. */
    private static void checkOffset(CpuMode target, long eip, long limit) {
        if (target == CpuMode.LONG_64) {
            if ((eip << 16 >> 16) != eip) {
                throw CpuFault.GP0;
            }
        } else if (eip > limit) {
            throw CpuFault.GP0;
        }
    }

    private static void loadCs(CpuState s, int sel, long d, CpuMode m) {
        s.seg[CS].load(sel, base(d), limit(d), attr(d) | 1);
        s.setMode(m);
    }

    private static long maskOffset(int size, long off) {
        return size == 64 ? off : off & Flags.mask(size);
    }

    /** Far JMP to {@code sel:offset} with operand size {@code size} (16, 32 or 64). */
    public static void jmp(CpuState s, int size, int sel, long offset) {
        sel &= 0xFFFF;
        long eip = maskOffset(size, offset);
        if (real(s)) {
            if (eip > s.seg[CS].limit) {
                throw CpuFault.GP0;
            }
            s.seg[CS].loadReal(sel);
            s.rip = eip;
            return;
        }
        long d = jumpTarget(s, sel);
        CpuMode m = modeFor(s, attr(d));
        checkOffset(m, eip, limit(d));
        loadCs(s, (sel & 0xFFFC) | s.cpl, d, m);
        s.rip = eip;
    }

    /**
     * Far CALL to {@code sel:offset}: pushes CS (zero-extended to the operand size) and the
     * return RIP on the current stack. The lower stack slot is probed before the first
     * write, so a stack fault leaves memory unchanged.
     */
    public static void call(CpuState s, int size, int sel, long offset) {
        sel &= 0xFFFF;
        long eip = maskOffset(size, offset);
        int bytes = size / 8;
        int ss = Stack.stackSize(s);
        long sp1 = Stack.maskAddr(s.gpr[RSP] - bytes, ss);
        long sp2 = Stack.maskAddr(s.gpr[RSP] - 2L * bytes, ss);
        long d = 0;
        CpuMode m = s.mode;
        if (real(s)) {
            if (eip > s.seg[CS].limit) {
                throw CpuFault.GP0;
            }
        } else {
            d = jumpTarget(s, sel);
            m = modeFor(s, attr(d));
        }
        Memory.readForWrite(s, SS, sp2, size);
        Memory.readForWrite(s, SS, sp1, size);
        if (!real(s)) {
            checkOffset(m, eip, limit(d));
        }
        Memory.write(s, SS, sp1, size, s.seg[CS].selector);
        Memory.write(s, SS, sp2, size, s.rip);
        s.writeReg(RSP, ss, false, sp2);
        if (real(s)) {
            s.seg[CS].loadReal(sel);
        } else {
            loadCs(s, (sel & 0xFFFC) | s.cpl, d, m);
        }
        s.rip = eip;
    }

    /**
     * Checks a return code-segment selector (SDM RET / IRET "PROTECTED-MODE-RETURN"):
     * null -> #GP(0); outside the table, not code, RPL &lt; CPL, conforming with DPL &gt;
     * RPL, non-conforming with DPL != RPL, L and D both set -> #GP(sel); not present -> #NP(sel).
     */
    private static long returnCode(CpuState s, int sel) {
        if ((sel & 0xFFFC) == 0) {
            throw CpuFault.GP0;
        }
        long d = Segmentation.descriptor(s, sel);
        int a = attr(d);
        int rpl = sel & 3;
        if ((a & Segment.ATTR_S) == 0 || (a & 8) == 0 || rpl < s.cpl) {
            throw gp(sel);
        }
        if (ia32e(s) && (a & Segment.ATTR_L) != 0 && (a & Segment.ATTR_DB) != 0) {
            throw gp(sel);
        }
        boolean conforming = (a & 4) != 0;
        if (conforming ? dpl(a) > rpl : dpl(a) != rpl) {
            throw gp(sel);
        }
        if ((a & Segment.ATTR_P) == 0) {
            throw new CpuFault(CpuFault.NP, sel & 0xFFFC);
        }
        return d;
    }

    /**
     * Checks the SS selector popped by a return to privilege {@code rpl} (SDM RET / IRET
     * "RETURN-TO-OUTER-PRIVILEGE-LEVEL"): null -> #GP(0) unless the new CS is 64-bit and
     * RPL != 3 (returns 0 then); RPL != rpl, not a writable data segment, DPL != rpl ->
     * #GP(sel); not present -> #SS(sel).
     */
    private static long returnStack(CpuState s, int sel, int rpl, CpuMode target) {
        if ((sel & 0xFFFC) == 0) {
            if (target == CpuMode.LONG_64 && rpl != 3 && (sel & 3) == rpl) {
                return 0;
            }
            throw CpuFault.GP0;
        }
        long d = Segmentation.descriptor(s, sel);
        int a = attr(d);
        if ((sel & 3) != rpl || (a & Segment.ATTR_S) == 0 || (a & 8) != 0 || (a & 2) == 0 || dpl(a) != rpl) {
            throw gp(sel);
        }
        if ((a & Segment.ATTR_P) == 0) {
            throw new CpuFault(CpuFault.SS, sel & 0xFFFC);
        }
        return d;
    }

    private static void loadSs(CpuState s, int sel, long d) {
        if (d == 0) {
            s.seg[SS].selector = sel & 0xFFFF;
            s.seg[SS].attributes = 0;
        } else {
            s.seg[SS].load(sel, base(d), limit(d), attr(d) | 1);
        }
    }

    /**
     * After a return to an outer privilege level, ES/DS/FS/GS that the new CPL may not use
     * (data or non-conforming code with DPL &lt; CPL) are loaded with a null selector.
     */
    private static void nullInaccessible(CpuState s) {
        for (int r : new int[] {CpuState.ES, CpuState.DS, CpuState.FS, CpuState.GS}) {
            Segment g = s.seg[r];
            int a = g.attributes;
            boolean confCode = (a & 0xC) == 0xC;
            if ((g.selector & 0xFFFC) != 0 && !confCode && dpl(a) < s.cpl) {
                g.selector = 0;
                g.attributes = 0;
            }
        }
    }

    /** Far RET (RETF, RETF imm16) with operand size {@code size}. */
    public static void ret(CpuState s, int size, int imm) {
        int bytes = size / 8;
        long eip = maskOffset(size, Stack.peek(s, size, 0));
        int sel = (int) Stack.peek(s, size, bytes) & 0xFFFF;
        if (real(s)) {
            if (eip > s.seg[CS].limit) {
                throw CpuFault.GP0;
            }
            s.seg[CS].loadReal(sel);
            Stack.adjust(s, 2L * bytes + imm);
            s.rip = eip;
            return;
        }
        long d = returnCode(s, sel);
        CpuMode m = modeFor(s, attr(d));
        int rpl = sel & 3;
        if (rpl == s.cpl) {
            checkOffset(m, eip, limit(d));
            Stack.adjust(s, 2L * bytes + imm);
            loadCs(s, sel, d, m);
            s.rip = eip;
            return;
        }
        long newSp = Stack.peek(s, size, 2L * bytes + imm);
        int ssSel = (int) Stack.peek(s, size, 3L * bytes + imm) & 0xFFFF;
        long ssd = returnStack(s, ssSel, rpl, m);
        checkOffset(m, eip, limit(d));
        loadCs(s, sel, d, m);
        s.cpl = rpl;
        loadSs(s, ssSel, ssd);
        // RSP <- popped value + imm16, with the new stack's address size (SDM RET)
        Stack.setSp(s, (size == 64 ? newSp : newSp & Flags.mask(size)) + imm);
        nullInaccessible(s);
        s.rip = eip;
    }

    /**
     * IRET/IRETD/IRETQ with operand size {@code size} (SDM IRET). In 64-bit mode SS:RSP is
     * always popped; otherwise only on a return to an outer privilege level.
     */
    public static void iret(CpuState s, int size) {
        int bytes = size / 8;
        long eip = maskOffset(size, Stack.peek(s, size, 0));
        int sel = (int) Stack.peek(s, size, bytes) & 0xFFFF;
        long fl = Stack.peek(s, size, 2L * bytes);
        if (real(s)) {
            if (eip > s.seg[CS].limit) {
                throw CpuFault.GP0;
            }
            s.seg[CS].loadReal(sel);
            Stack.adjust(s, 3L * bytes);
            long mask = size == 16 ? 0xFFFFL : 0x257FD5L;
            setFlags(s, fl, mask);
            s.rip = eip;
            return;
        }
        s.materialize();
        if ((s.rflags & Flags.NT) != 0) {
            throw CpuFault.GP0; // task return (IA-32e: #GP(0); legacy: task switch, not modelled)
        }
        if (!ia32e(s) && (fl & Flags.VM) != 0 && s.cpl == 0 && size != 16) {
            throw CpuFault.GP0; // return to virtual-8086 mode: not modelled
        }
        long d = returnCode(s, sel);
        CpuMode m = modeFor(s, attr(d));
        int rpl = sel & 3;
        boolean popStack = rpl != s.cpl || s.mode == CpuMode.LONG_64;
        long newSp = 0;
        int ssSel = 0;
        long ssd = 0;
        if (popStack) {
            newSp = Stack.peek(s, size, 3L * bytes);
            ssSel = (int) Stack.peek(s, size, 4L * bytes) & 0xFFFF;
            ssd = returnStack(s, ssSel, rpl, m);
        }
        checkOffset(m, eip, limit(d));
        int oldCpl = s.cpl;
        // Flags that IRET may load (SDM IRET): always CF PF AF ZF SF TF DF OF NT, plus
        // RF AC ID with a 32/64-bit operand; IF if CPL <= IOPL; IOPL, VIF, VIP at CPL 0.
        long mask = Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF | Flags.TF | Flags.DF | Flags.OF | Flags.NT;
        if (size != 16) {
            mask |= Flags.RF | Flags.AC | Flags.ID;
        }
        long iopl = (s.rflags & Flags.IOPL) >>> 12;
        if (oldCpl <= iopl) {
            mask |= Flags.IF;
        }
        if (oldCpl == 0) {
            mask |= Flags.IOPL;
            if (size != 16) {
                mask |= Flags.VIF | Flags.VIP;
            }
        }
        if (!popStack) {
            Stack.adjust(s, 3L * bytes);
        }
        setFlags(s, fl, mask);
        loadCs(s, sel, d, m);
        s.cpl = rpl;
        if (popStack) {
            loadSs(s, ssSel, ssd);
            Stack.setSp(s, size == 64 ? newSp : newSp & Flags.mask(size));
            if (rpl != oldCpl) {
                nullInaccessible(s);
            }
        }
        s.rip = eip;
    }

    private static void setFlags(CpuState s, long v, long mask) {
        s.materialize();
        s.setRflags((s.rflags & ~mask) | (v & mask));
    }
}
