package org.hot86.decoder.table;

import org.hot86.decoder.Form;

/**
 * One (form, encoding) pair placed in an opcode slot, with everything the decoder needs
 * precomputed so that the hot path reads final fields only. Internal to the decoder; public
 * only because the table lives in its own package.
 */
public final class Candidate {
    /** Immediate kinds, in encoding order. */
    public static final int IMM_NONE = 0, IMM_IB = 1, IMM_IBS = 2, IMM_IW = 3, IMM_IZ = 4, IMM_IV = 5,
            IMM_JB = 6, IMM_JZ = 7, IMM_MOFFS = 8, IMM_FARPTR = 9;
    /** Operand-size rules. */
    public static final int SIZE_NORMAL = 0, SIZE_D64 = 1, SIZE_F64 = 2;

    public final Form form;
    public final int prefix;
    public final int reg;
    public final int rm;
    public final int mod;
    public final int w;
    public final boolean i64;
    public final boolean o64;
    public final boolean noRexB;
    /** ModRM.mod is ignored and r/m always names a register (MOV to/from CR/DR, SDM Vol. 2 MOV-CR). */
    public final boolean modIgnored;
    public final boolean condInOpcode;
    public final boolean regInOpcode;
    public final int sizeRule;
    public final int imm1;
    public final int imm2;
    /** The ModRM.reg (or +r) operand is a byte register (so 4..7 may mean AH..BH). */
    public final boolean regByte;
    /** The ModRM.r/m operand is a byte register. */
    public final boolean rmByte;
    /** The form has a memory-capable r/m operand. */
    public final boolean hasRmOperand;
    public final int specificity;
    /** No constraint at all: matches every context (the decoder's fast path). */
    public final boolean unconstrained;
    /**
     * 0: no segment-register operand; 1: Sw is a source (MOV Ev,Sw: ES..GS valid);
     * 2: Sw is the destination (MOV Sw,Ew: CS is also #UD). SDM Vol. 2 MOV: "#UD if the
     * DS, ES, FS or GS register is used as destination ... or an invalid register is specified".
     */
    public final int sreg;

    Candidate(Form form, Encoding e) {
        this.form = form;
        this.prefix = e.prefix;
        this.reg = e.reg;
        this.rm = e.rm;
        this.w = e.w;
        this.i64 = e.i64;
        this.o64 = e.o64;
        this.noRexB = e.noRexB;
        this.condInOpcode = e.condInOpcode;
        this.regInOpcode = e.regInOpcode;
        this.sizeRule = form.forcedOperandSize64() ? SIZE_F64 : form.defaultOperandSize64() ? SIZE_D64 : SIZE_NORMAL;
        int mod = e.mod;
        boolean ignored = false;
        int i1 = IMM_NONE, i2 = IMM_NONE;
        boolean rb = false, mb = false, hasRm = false;
        for (int i = 0; i < form.operandCount(); i++) {
            OperandSpec o = form.operand(i);
            switch (o.method) {
                case M -> mod = Encoding.MOD_MEM;
                case R, N, U -> mod = Encoding.MOD_REG;
                case C, D -> ignored = true;
                default -> { }
            }
            if (o.isRm()) {
                hasRm = true;
                if (o.size == OperandSpec.Size.B && (o.method == OperandSpec.Method.E || o.method == OperandSpec.Method.R)) {
                    mb = true;
                }
            }
            if ((o.method == OperandSpec.Method.G || o.method == OperandSpec.Method.Z) && o.size == OperandSpec.Size.B) {
                rb = true;
            }
            int k = switch (o.method) {
                case I -> switch (o.size) {
                    case B -> IMM_IB;
                    case BS -> IMM_IBS;
                    case W -> IMM_IW;
                    case Z -> IMM_IZ;
                    case V -> IMM_IV;
                    default -> throw new IllegalArgumentException(form + ": immediate size " + o.size);
                };
                case J -> o.size == OperandSpec.Size.B ? IMM_JB : IMM_JZ;
                case O -> IMM_MOFFS;
                case A -> IMM_FARPTR;
                default -> IMM_NONE;
            };
            if (k != IMM_NONE) {
                if (i1 == IMM_NONE) {
                    i1 = k;
                } else {
                    i2 = k;
                }
            }
        }
        if (ignored) {
            mod = Encoding.MOD_ANY;
            hasRm = false;
        }
        this.mod = mod;
        this.modIgnored = ignored;
        this.imm1 = i1;
        this.imm2 = i2;
        this.regByte = rb;
        this.rmByte = mb;
        this.hasRmOperand = hasRm;
        int sr = 0;
        for (int i = 0; i < form.operandCount(); i++) {
            if (form.operand(i).method == OperandSpec.Method.S) {
                sr = i == 0 ? 2 : 1;
            }
        }
        this.sreg = sr;
        int s = e.specificity();
        if (mod != e.mod) {
            s += 4;
        }
        this.specificity = s;
        this.unconstrained = prefix == Encoding.PFX_ANY && reg < 0 && rm < 0 && mod == Encoding.MOD_ANY && w < 0
                && !i64 && !o64 && !noRexB;
    }

    /** Whether this candidate accepts the decoded context. */
    public boolean matches(int mandatoryPrefix, int modrm, int rex, boolean mode64) {
        if (prefix != Encoding.PFX_ANY && prefix != mandatoryPrefix) {
            return false;
        }
        if (reg >= 0 && ((modrm >> 3) & 7) != reg) {
            return false;
        }
        if (rm >= 0 && (modrm & 7) != rm) {
            return false;
        }
        if (mod == Encoding.MOD_MEM && (modrm >> 6) == 3) {
            return false;
        }
        if (mod == Encoding.MOD_REG && (modrm >> 6) != 3) {
            return false;
        }
        if (w >= 0 && ((rex >> 3) & 1) != w) {
            return false;
        }
        if (mode64 ? i64 : o64) {
            return false;
        }
        return !noRexB || (rex & 1) == 0;
    }
}
