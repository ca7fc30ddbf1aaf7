package org.hot86.decoder.format;

import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.table.OperandSpec;

/**
 * Formats a decoded {@link Instruction} in lowercase Intel syntax close to
 * {@code objdump -M intel}: {@code mov DWORD PTR [rax+rbx*4+0x10],ecx}; immediates in
 * hex; branch targets absolute. Reads operand kinds from the table ({@link Form#operand}).
 */
public final class IntelFormatter {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] R8H = {"ah", "ch", "dh", "bh"};
    private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np",
        "l", "ge", "le", "g"};

    private IntelFormatter() {}

    /** The condition-code suffix objdump uses (0 -> "o" ... 15 -> "g"). */
    public static String conditionName(int cc) {
        return CC[cc & 15];
    }

    /** The mnemonic alone (no prefixes), as objdump prints it. */
    public static String mnemonic(Instruction insn) {
        Form f = insn.form();
        switch (f) {
            case INVALID:
                return "(bad)";
            case VEX_INSTRUCTION:
            case EVEX_INSTRUCTION:
                return VexNames.mnemonic(insn);
            case NOP:
                if (insn.operandSize() != insn.mode().defaultOperandSize) {
                    return "xchg";
                }
                break;
            default:
                break;
        }
        String m = f.mnemonic(insn.operandSize(), insn.addressSize());
        int star = m.indexOf('*');
        if (star >= 0) {
            m = m.substring(0, star) + CC[insn.condition()] + m.substring(star + 1);
        }
        if (f.sizeSuffixed()) {
            int natural = insn.mode() == Mode.BITS64 && (f.defaultOperandSize64() || f.forcedOperandSize64()) ? 64
                    : insn.mode().defaultOperandSize;
            if (insn.operandSize() != natural) {
                m += insn.operandSize() == 16 ? "w" : insn.operandSize() == 32 ? "d" : "q";
            }
        }
        return m;
    }

    /** Formats the instruction at {@code address} (used for branch targets). */
    public static String format(Instruction insn, long address) {
        StringBuilder sb = new StringBuilder(48);
        Form f = insn.form();
        if (f == Form.INVALID) {
            return "(bad)";
        }
        if (insn.lock()) {
            sb.append("lock ");
        }
        if (f.repeatable() && insn.repPrefix() != 0) {
            boolean cmp = f == Form.CMPS_Xb_Yb || f == Form.CMPS_Xv_Yv || f == Form.SCAS_AL_Yb || f == Form.SCAS_rAX_Yv;
            sb.append(insn.repPrefix() == 0xF3 ? (cmp ? "repz " : "rep ") : "repnz ");
        }
        String mn = mnemonic(insn);
        sb.append(mn);
        if (f == Form.VEX_INSTRUCTION || f == Form.EVEX_INSTRUCTION) {
            return sb.toString();
        }
        if (f == Form.NOP && insn.operandSize() != insn.mode().defaultOperandSize) {
            String r = gpr(0, insn.operandSize(), false);
            return sb.append("   ").append(r).append(',').append(r).toString();
        }
        int n = f.operandCount();
        if (n == 0) {
            return sb.toString();
        }
        int pad = 6 - mn.length();
        sb.append(' ');
        while (pad-- > 0) {
            sb.append(' ');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            operand(sb, insn, f.operand(i), address, i);
        }
        return sb.toString();
    }

    private static int bits(OperandSpec.Size s, Instruction insn) {
        int os = insn.operandSize();
        return switch (s) {
            case B, BS -> 8;
            case W -> 16;
            case D, SS -> 32;
            case Q, SD -> 64;
            case V -> os;
            case Z -> os == 16 ? 16 : 32;
            case Y -> os == 64 ? 64 : 32;
            case DQ, X, PS, PD -> 128;
            case T -> 80;
            case P -> os == 16 ? 32 : os == 32 ? 48 : 80;
            case A -> os == 16 ? 32 : 64;
            default -> 0;
        };
    }

    private static String gpr(int n, int size, boolean high8) {
        return switch (size) {
            case 8 -> high8 ? R8H[n - 4] : R8[n];
            case 16 -> R16[n];
            case 32 -> R32[n];
            default -> R64[n];
        };
    }

    private static void operand(StringBuilder sb, Instruction insn, OperandSpec o, long address, int i) {
        int size = bits(o.size, insn);
        switch (o.method) {
            case G, Z -> sb.append(gpr(insn.reg(), size, insn.regIsHigh8()));
            case E, R, M -> {
                if (insn.hasMemory()) {
                    memory(sb, insn, size, o.size);
                } else {
                    sb.append(gpr(insn.rm(), size, insn.rmIsHigh8()));
                }
            }
            case S -> sb.append(SEG[insn.reg() & 7]);
            case C -> sb.append("cr").append(insn.reg());
            case D -> sb.append("db").append(insn.reg());
            case P -> sb.append("mm").append(insn.reg() & 7);
            case N -> sb.append("mm").append(insn.rm() & 7);
            case Q -> {
                if (insn.hasMemory()) memory(sb, insn, size, o.size);
                else sb.append("mm").append(insn.rm() & 7);
            }
            case V -> sb.append("xmm").append(insn.reg());
            case U -> sb.append("xmm").append(insn.rm());
            case W -> {
                if (insn.hasMemory()) memory(sb, insn, size, o.size);
                else sb.append("xmm").append(insn.rm());
            }
            case XMM0 -> sb.append("xmm0");
            case ST0 -> sb.append("st");
            case STI -> sb.append("st(").append(insn.rm() & 7).append(')');
            case ONE -> sb.append('1');
            case FIXED -> {
                if ((o.fixedReg & OperandSpec.SEG) != 0) {
                    sb.append(SEG[o.fixedReg & 7]);
                } else {
                    sb.append(gpr(o.fixedReg, size, false));
                }
            }
            case I -> {
                long v = (i > 0 && insn.form().operandCount() > 1 && isSecondImm(insn.form(), i)) ? insn.immediate2()
                        : insn.immediate();
                int isz = o.size == OperandSpec.Size.BS || o.size == OperandSpec.Size.Z
                        ? widthOfDestination(insn) : size;
                hex(sb, mask(v, isz));
            }
            case J -> hex(sb, insn.branchTarget(address));
            case O -> {
                sizeKeyword(sb, size);
                sb.append(SEG[insn.segment()]).append(':');
                hex(sb, insn.displacement());
            }
            case A -> {
                hex(sb, insn.immediate2());
                sb.append(':');
                hex(sb, insn.immediate());
            }
            case X -> {
                sizeKeyword(sb, size);
                sb.append(SEG[insn.segmentOverride() >= 0 ? insn.segmentOverride() : 3]).append(":[")
                        .append(addrReg(insn, 6)).append(']');
            }
            case Y -> {
                sizeKeyword(sb, size);
                sb.append("es:[").append(addrReg(insn, 7)).append(']');
            }
        }
    }

    private static boolean isSecondImm(Form f, int i) {
        int seen = 0;
        for (int k = 0; k < i; k++) {
            OperandSpec.Method m = f.operand(k).method;
            if (m == OperandSpec.Method.I) {
                seen++;
            }
        }
        return seen > 0;
    }

    private static int widthOfDestination(Instruction insn) {
        Form f = insn.form();
        int w = bits(f.operand(0).size, insn);
        return w == 0 || f.operand(0).method == OperandSpec.Method.I ? insn.operandSize() : w;
    }

    private static String addrReg(Instruction insn, int n) {
        return switch (insn.addressSize()) {
            case 16 -> R16[n];
            case 32 -> R32[n];
            default -> R64[n];
        };
    }

    private static long mask(long v, int bits) {
        return bits >= 64 || bits == 0 ? v : v & ((1L << bits) - 1);
    }

    private static void hex(StringBuilder sb, long v) {
        sb.append("0x").append(Long.toHexString(v));
    }

    private static void sizeKeyword(StringBuilder sb, int size) {
        String k = switch (size) {
            case 8 -> "BYTE";
            case 16 -> "WORD";
            case 32 -> "DWORD";
            case 48 -> "FWORD";
            case 64 -> "QWORD";
            case 80 -> "TBYTE";
            case 128 -> "XMMWORD";
            default -> null;
        };
        if (k != null) {
            sb.append(k).append(" PTR ");
        }
    }

    private static void memory(StringBuilder sb, Instruction insn, int size, OperandSpec.Size s) {
        if (s != OperandSpec.Size.NONE) {
            sizeKeyword(sb, size);
        }
        int ov = insn.segmentOverride();
        if (ov >= 0 && !(insn.mode() == Mode.BITS64 && ov < 4 && false)) {
            sb.append(SEG[ov]).append(':');
        }
        String[] regs = insn.addressSize() == 16 ? R16 : insn.addressSize() == 32 ? R32 : R64;
        long d = insn.displacement();
        if (insn.base() < 0 && insn.index() < 0 && !insn.ripRelative()) {
            if (ov < 0) {
                sb.append("ds:");
            }
            hex(sb, insn.addressSize() == 16 ? d & 0xffff : insn.addressSize() == 32 ? d & 0xffffffffL : d);
            return;
        }
        sb.append('[');
        boolean any = false;
        if (insn.ripRelative()) {
            sb.append(insn.addressSize() == 32 ? "eip" : "rip");
            any = true;
        } else if (insn.base() >= 0) {
            sb.append(regs[insn.base()]);
            any = true;
        }
        if (insn.index() >= 0) {
            if (any) {
                sb.append('+');
            }
            sb.append(regs[insn.index()]).append('*').append(insn.scale());
            any = true;
        }
        if (d != 0 || insn.base() < 0 && !insn.ripRelative()) {
            if (d < 0) {
                sb.append('-');
                hex(sb, -d);
            } else {
                sb.append('+');
                hex(sb, d);
            }
        }
        sb.append(']');
    }
}
