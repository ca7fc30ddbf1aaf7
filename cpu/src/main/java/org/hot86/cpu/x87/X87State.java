package org.hot86.cpu.x87;

/**
 * Architectural x87 FPU state (SDM Vol. 1, 8.1): eight 80-bit physical data registers,
 * the stack top, status, control and tag words, and the last-instruction/operand
 * pointers. MMX registers MM0-MM7 alias the significands of the physical registers
 * R0-R7 (SDM 9.5).
 *
 * <pre>
 * status word   15 14 13 12 11 10  9  8  7  6  5  4  3  2  1  0
 *               [B][C3][  TOP  ][C2][C1][C0][ES][SF][PE UE OE ZE DE IE]
 * tag bits      bit r of {@link #tagValid} = 1: physical register r is non-empty
 *               (the abridged FXSAVE tag; the full 2-bit tags are derived by {@link #fullTagWord})
 * </pre>
 *
 * <p>Registers are indexed physically ({@code r = (top + i) & 7} for ST(i)). The status
 * word is kept without its TOP field in {@link #sw}; {@link #statusWord()} assembles it.
 * Instruction semantics live in {@link X87} and {@link Mmx}; after each instruction the
 * caller checks {@link #pendingException()} and, when it is true, delivers #MF (or
 * SIGFPE in user mode) before the <em>next</em> waiting x87/MMX instruction (SDM 8.6).
 */
public final class X87State {
    /** Sign/exponent words of the physical registers R0..R7. */
    public final int[] se = new int[8];
    /** Significands of R0..R7 (also MM0..MM7). */
    public final long[] m = new long[8];
    /** Stack top (0..7). */
    public int top;
    /** Status word without TOP (bits 11-13 always zero here). */
    public int sw;
    /** Control word. */
    public int cw = 0x037f;
    /** Abridged tag: bit r set when physical register r is valid (non-empty). */
    public int tagValid;
    /** Last x87 instruction pointer (FIP), code selector, opcode (11 bits). */
    public long fip;
    public int fcs, fop;
    /** Last x87 data (operand) pointer and selector. */
    public long fdp;
    public int fds;
    /** Scratch rounding environment shared by the instruction semantics. */
    public final FpEnv env = new FpEnv();

    public static final int SW_SF = 0x40, SW_ES = 0x80, SW_C0 = 0x100, SW_C1 = 0x200, SW_C2 = 0x400,
            SW_C3 = 0x4000, SW_B = 0x8000, SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;

    /** FNINIT (SDM FINIT): CW 037FH, SW 0, all registers empty, pointers cleared. */
    public void init() {
        cw = 0x037f;
        sw = 0;
        top = 0;
        tagValid = 0;
        fip = fdp = 0;
        fcs = fds = fop = 0;
    }

    /**
     * Records the last non-control x87 instruction (SDM 8.1.8): its address, code selector
     * and 11-bit opcode ((first byte &amp; 7) &lt;&lt; 8 | ModR/M byte). Called by the interpreter
     * for every x87 instruction except FNINIT, FNCLEX, FLDCW, FNSTCW, FNSTSW, FNSTENV,
     * FLDENV, FNSAVE, FRSTOR and FWAIT.
     */
    public void recordInstruction(long ip, int cs, int opcode) {
        fip = ip;
        fcs = cs & 0xffff;
        fop = opcode & 0x7ff;
    }

    /** Records the memory operand of the last non-control x87 instruction (FDP/FDS). */
    public void recordOperand(long dp, int ds) {
        fdp = dp;
        fds = ds & 0xffff;
    }

    /** The architectural status word including TOP. */
    public int statusWord() {
        return (sw & ~0x3800) | (top << 11);
    }

    /** Sets the status word (FLDENV/FRSTOR/FXRSTOR); TOP is taken from bits 11-13. */
    public void setStatusWord(int v) {
        top = (v >>> 11) & 7;
        sw = v & 0xc7ff;
    }

    /** Sets the control word (FLDCW) and recomputes the exception summary. */
    public void setControlWord(int v) {
        cw = v & 0x1f7f | 0x40;
        updateSummary();
    }

    /** Recomputes ES and B from the flags and masks (SDM 8.1.3.6). */
    public void updateSummary() {
        if ((sw & ~cw & 0x3f) != 0) {
            sw |= SW_ES | SW_B;
        } else {
            sw &= ~(SW_ES | SW_B);
        }
    }

    /** True when an unmasked exception is pending: the next waiting FP instruction raises #MF. */
    public boolean pendingException() {
        return (sw & SW_ES) != 0;
    }

    /** Physical register number of ST(i). */
    public int phys(int i) {
        return (top + i) & 7;
    }

    public boolean isEmpty(int i) {
        return (tagValid & (1 << phys(i))) == 0;
    }

    public int stSe(int i) {
        return se[phys(i)];
    }

    public long stM(int i) {
        return m[phys(i)];
    }

    /** Writes ST(i) and marks it valid. */
    public void setSt(int i, int vse, long vm) {
        int r = phys(i);
        se[r] = vse & 0xffff;
        m[r] = vm;
        tagValid |= 1 << r;
    }

    /** Pushes a value (caller has checked for stack overflow). */
    public void push(int vse, long vm) {
        top = (top - 1) & 7;
        setSt(0, vse, vm);
    }

    /** Marks ST(0) empty and increments TOP. */
    public void pop() {
        tagValid &= ~(1 << top);
        top = (top + 1) & 7;
    }

    /** Full 2-bit tag of physical register r (SDM Figure 8-7): 0 valid, 1 zero, 2 special, 3 empty. */
    public int tag(int r) {
        if ((tagValid & (1 << r)) == 0) {
            return 3;
        }
        int e = se[r] & 0x7fff;
        long v = m[r];
        if (e == 0x7fff) {
            return 2;
        }
        if (e == 0) {
            return v == 0 ? 1 : 2;
        }
        return v < 0 ? 0 : 2;
    }

    /** The 16-bit tag word of FSTENV/FSAVE. */
    public int fullTagWord() {
        int t = 0;
        for (int r = 0; r < 8; r++) {
            t |= tag(r) << (2 * r);
        }
        return t;
    }

    /** Loads the full tag word (FLDENV/FRSTOR): only "empty" (11) is significant. */
    public void setFullTagWord(int t) {
        int v = 0;
        for (int r = 0; r < 8; r++) {
            if (((t >>> (2 * r)) & 3) != 3) {
                v |= 1 << r;
            }
        }
        tagValid = v;
    }
}
