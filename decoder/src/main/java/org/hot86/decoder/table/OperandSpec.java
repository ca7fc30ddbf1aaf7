package org.hot86.decoder.table;

/**
 * One operand of a form, in the notation of Intel SDM Vol. 2, Appendix A.2
 * ("Key to Abbreviations"): an addressing method letter and an operand-type suffix.
 * Parsed from the parts of a form's name, so {@code ADD_Ev_Ibs} has the operands
 * {@code Ev} and {@code Ibs}. Beyond the SDM letters the table uses {@code Z} for a
 * register in the low three opcode bits ("+r" forms) and {@code Ibs} for an 8-bit
 * immediate sign-extended to the operand size; fixed registers are spelled as in the
 * SDM ({@code AL}, {@code rAX}, {@code eAX}, {@code DX}, {@code ST0}, {@code STi}, ...).
 */
public final class OperandSpec {
    /** Addressing method (SDM A.2.1), plus fixed operands. */
    public enum Method {
        /** ModRM r/m: general register or memory. */ E,
        /** ModRM reg: general register. */ G,
        /** ModRM r/m, memory only. */ M,
        /** ModRM r/m, general register only (mod = 11). */ R,
        /** Immediate. */ I,
        /** Relative branch displacement. */ J,
        /** moffs: absolute offset of address size, no ModRM. */ O,
        /** Far pointer immediate (offset, selector). */ A,
        /** ModRM reg: segment register. */ S,
        /** ModRM reg: control register. */ C,
        /** ModRM reg: debug register. */ D,
        /** Low three opcode bits (plus REX.B): general register. */ Z,
        /** DS:rSI string source. */ X,
        /** ES:rDI string destination. */ Y,
        /** ModRM reg: MMX register. */ P,
        /** ModRM r/m: MMX register or memory. */ Q,
        /** ModRM r/m: MMX register only. */ N,
        /** ModRM reg: XMM register. */ V,
        /** ModRM r/m: XMM register or memory. */ W,
        /** ModRM r/m: XMM register only. */ U,
        /** A fixed general or segment register (see {@link OperandSpec#fixedReg}). */ FIXED,
        /** The constant 1 of the shift-by-one forms. */ ONE,
        /** x87 ST(0). */ ST0,
        /** x87 ST(i), i from ModRM r/m. */ STI,
        /** Implicit XMM0 (BLENDVPS ...). */ XMM0
    }

    /** Operand type (SDM A.2.2). */
    public enum Size {
        B, W, D, Q, V, Z, Y, BS, DQ, X, PS, PD, SS, SD, T, P, S, A, NONE
    }

    /** Fixed segment register numbers used by {@link #fixedReg} with {@link #SEG} set. */
    public static final int SEG = 0x100;

    public final Method method;
    public final Size size;
    /** For {@link Method#FIXED}: the register number, or SEG|sreg for a segment register. */
    public final int fixedReg;
    /** The spelling in the form name. */
    public final String text;

    private OperandSpec(String text, Method method, Size size, int fixedReg) {
        this.text = text;
        this.method = method;
        this.size = size;
        this.fixedReg = fixedReg;
    }

    /** True if this operand is taken from ModRM.r/m (so it may be a memory operand). */
    public boolean isRm() {
        return switch (method) {
            case E, M, R, Q, N, W, U, STI -> true;
            default -> false;
        };
    }

    /** Parses one name part; throws IllegalArgumentException for an unknown spelling. */
    public static OperandSpec parse(String s) {
        switch (s) {
            case "AL": return new OperandSpec(s, Method.FIXED, Size.B, 0);
            case "CL": return new OperandSpec(s, Method.FIXED, Size.B, 1);
            case "AX": return new OperandSpec(s, Method.FIXED, Size.W, 0);
            case "DX": return new OperandSpec(s, Method.FIXED, Size.W, 2);
            case "rAX": return new OperandSpec(s, Method.FIXED, Size.V, 0);
            case "eAX": return new OperandSpec(s, Method.FIXED, Size.Z, 0);
            case "ES": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 0);
            case "CS": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 1);
            case "SS": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 2);
            case "DS": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 3);
            case "FS": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 4);
            case "GS": return new OperandSpec(s, Method.FIXED, Size.W, SEG | 5);
            case "1": return new OperandSpec(s, Method.ONE, Size.B, 0);
            case "ST0": return new OperandSpec(s, Method.ST0, Size.T, 0);
            case "STi": return new OperandSpec(s, Method.STI, Size.T, 0);
            case "XMM0": return new OperandSpec(s, Method.XMM0, Size.DQ, 0);
            default:
                break;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty operand");
        }
        Method m;
        try {
            m = Method.valueOf(s.substring(0, 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operand " + s);
        }
        String rest = s.substring(1);
        Size size = rest.isEmpty() ? Size.NONE : Size.valueOf(rest.toUpperCase(java.util.Locale.ROOT));
        return new OperandSpec(s, m, size, 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
