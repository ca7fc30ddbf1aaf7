package org.hot86.decoder;

/**
 * One decoded instruction. Filled in by {@link Decoder#decode(byte[], int, int, Instruction)};
 * an instance may be reused for the next decode (the decoder allocates nothing else).
 *
 * <p>Register numbers are fully resolved (REX.R/X/B applied): 0-15 for general, XMM,
 * control and debug registers; 0-7 for MMX, x87 ST(i) and segment registers
 * (ES=0 CS=1 SS=2 DS=3 FS=4 GS=5). For a byte register, {@link #regIsHigh8()} /
 * {@link #rmIsHigh8()} say that a number 4-7 means AH, CH, DH, BH (no REX prefix);
 * otherwise 4-7 mean SPL, BPL, SIL, DIL.
 *
 * <p>Prefix word ({@link #prefixes()}), one bit per prefix seen:
 * <pre>
 *  bit  14   13   12..10      9    8    7    6    5     4      3      2     1    0
 *     +----+----+----------+----+----+----+----+-----+------+------+-----+----+------+
 *     |EVEX|VEX | seg+1    |REXB|REXX|REXR|REXW| REX | 67   | 66   | F2  | F3 | LOCK |
 *     +----+----+----------+----+----+----+----+-----+------+------+-----+----+------+
 *  seg+1: 0 = no segment override, else the last override's segment number + 1.
 *  F3/F2 stay set when they serve as a mandatory prefix; see repPrefix().
 * </pre>
 */
public final class Instruction {
    public static final int P_LOCK = 1, P_REP = 1 << 1, P_REPNE = 1 << 2, P_OPSIZE = 1 << 3,
            P_ADSIZE = 1 << 4, P_REX = 1 << 5, P_REXW = 1 << 6, P_REXR = 1 << 7, P_REXX = 1 << 8,
            P_REXB = 1 << 9, P_VEX = 1 << 13, P_EVEX = 1 << 14;
    static final int SEG_SHIFT = 10;

    /** Segment register numbers. */
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    Form form = Form.INVALID;
    Mode mode = Mode.BITS64;
    int length;
    int operandSize;
    int addressSize;
    int prefixes;
    int lastRep;
    int mandatory;
    int cond;
    int reg;
    int rm;
    boolean regHigh8;
    boolean rmHigh8;
    boolean memory;
    int base;
    int index;
    int scale;
    long disp;
    boolean ripRelative;
    int segment;
    long imm;
    long imm2;
    int opcode;
    int map;
    boolean lockViolation;
    int modrm;
    int dispBytes;
    int vexPp;
    int vexW;
    int vexL;

    /** The semantic form; {@link Form#INVALID} if the bytes do not decode. */
    public Form form() {
        return form;
    }

    /** The mode this was decoded in. */
    public Mode mode() {
        return mode;
    }

    /** Length in bytes (1-15); for an invalid instruction, the bytes examined. */
    public int length() {
        return length;
    }

    /** Effective operand-size attribute in bits (16, 32, 64), after 66/REX.W and d64/f64. */
    public int operandSize() {
        return operandSize;
    }

    /** Effective address size in bits (16, 32, 64), after 67. */
    public int addressSize() {
        return addressSize;
    }

    /** The prefix word (diagram above). */
    public int prefixes() {
        return prefixes;
    }

    /** LOCK present (valid only if the decode succeeded: the form is lockable and has a memory destination). */
    public boolean lock() {
        return (prefixes & P_LOCK) != 0;
    }

    /**
     * The repeat prefix acting on a string form: 0xF3 (REP/REPE), 0xF2 (REPNE) or 0 (none;
     * also 0 when F2/F3 was a mandatory prefix). The last of F2/F3 wins, as on hardware.
     */
    public int repPrefix() {
        return form.repeatable() ? lastRep : 0;
    }

    /** The last of F2/F3 seen, regardless of its role (0, 0xF2, 0xF3). */
    public int lastRepPrefix() {
        return lastRep;
    }

    /** The mandatory prefix that selected the form: 0 none required, 1 NP, 2 66, 3 F3, 4 F2 (Encoding.PFX_*). */
    public int mandatoryPrefix() {
        return mandatory;
    }

    /** The segment override (last one wins), or -1 for none. */
    public int segmentOverride() {
        return ((prefixes >> SEG_SHIFT) & 7) - 1;
    }

    /** Condition code 0-15 for the cc forms (JCC_*, SETCC_*, CMOVCC_*), SDM Vol. 1 Appendix B order. */
    public int condition() {
        return cond;
    }

    /**
     * The register operand: ModRM.reg (with REX.R) for G/V/P/S/C/D operands, or the
     * opcode's low bits (with REX.B) for "+r" forms. Meaningless if the form has neither.
     */
    public int reg() {
        return reg;
    }

    /** The r/m register (with REX.B) when {@link #hasMemory()} is false; x87 ST(i) index for STi forms. */
    public int rm() {
        return rm;
    }

    /** {@link #reg()} is a byte register numbered 4-7 without REX: AH, CH, DH, BH. */
    public boolean regIsHigh8() {
        return regHigh8;
    }

    /** {@link #rm()} is a byte register numbered 4-7 without REX: AH, CH, DH, BH. */
    public boolean rmIsHigh8() {
        return rmHigh8;
    }

    /** True if the instruction has an explicit memory operand (ModRM with mod != 11, or moffs). */
    public boolean hasMemory() {
        return memory;
    }

    /** Base register 0-15, or -1 (none, or RIP-relative). */
    public int base() {
        return base;
    }

    /** Index register 0-15, or -1. */
    public int index() {
        return index;
    }

    /** Scale factor: 1, 2, 4 or 8. */
    public int scale() {
        return scale;
    }

    /** Displacement, sign-extended (moffs: zero-extended absolute offset). */
    public long displacement() {
        return disp;
    }

    /** Number of displacement bytes encoded (0, 1, 2 or 4; moffs: the offset's size). */
    public int displacementSize() {
        return dispBytes;
    }

    /** RIP-relative (64-bit mode mod=00 r/m=101): the address is next-RIP + displacement. */
    public boolean ripRelative() {
        return ripRelative;
    }

    /** Effective segment of the memory operand: the override, else SS for rBP/rSP bases, else DS. */
    public int segment() {
        return segment;
    }

    /**
     * First immediate: sign-extended to 64 bits for Ibs, Iz, Jb, Jz; zero-extended for Ib,
     * Iw, Iv; the offset of a far pointer. Bits above the operand size are not meaningful.
     */
    public long immediate() {
        return imm;
    }

    /** Second immediate: ENTER's Ib (nesting level), or a far pointer's selector. */
    public long immediate2() {
        return imm2;
    }

    /** The branch target for J forms: {@code address + length + displacement}, truncated to the operand size. */
    public long branchTarget(long address) {
        long t = address + length + imm;
        return switch (operandSize) {
            case 16 -> t & 0xffffL;
            case 32 -> t & 0xffffffffL;
            default -> t;
        };
    }

    /** EFLAGS read; for cc forms only the flags this condition reads. */
    public int flagsRead() {
        Form f = form;
        if (f == Form.JCC_Jb || f == Form.JCC_Jz || f == Form.SETCC_Eb || f == Form.CMOVCC_Gv_Ev) {
            return Flags.readByCondition(cond);
        }
        return f.flagsRead();
    }

    /** EFLAGS written (defined or undefined), from the table. */
    public int flagsWritten() {
        return form.flagsWritten();
    }

    /** EFLAGS left undefined, from the table. */
    public int flagsUndefined() {
        return form.flagsUndefined();
    }

    /** Ends a basic block (from the table). */
    public boolean endsBlock() {
        return form.endsBlock();
    }

    /** The opcode byte (after the 0F/0F38/0F3A escape). */
    public int opcode() {
        return opcode;
    }

    /** The opcode map: 0 one-byte, 1 0F, 2 0F38, 3 0F3A. */
    public int opcodeMap() {
        return map;
    }

    /** The instruction decoded but LOCK is not allowed on it (#UD); {@link #form()} is INVALID. */
    public boolean lockViolation() {
        return lockViolation;
    }

    /** The ModRM byte (0 if the instruction has none). */
    public int modrm() {
        return modrm;
    }

    /** VEX/EVEX implied prefix pp: 0 none, 1 66, 2 F3, 3 F2. */
    public int vexPp() {
        return vexPp;
    }

    /** VEX/EVEX W bit. */
    public int vexW() {
        return vexW;
    }

    /** VEX.L (0 or 1) or EVEX L'L (0-2). */
    public int vexL() {
        return vexL;
    }

    /** Whether this decoded successfully. */
    public boolean isValid() {
        return form != Form.INVALID;
    }

    @Override
    public String toString() {
        return org.hot86.decoder.format.IntelFormatter.format(this, 0);
    }
}
