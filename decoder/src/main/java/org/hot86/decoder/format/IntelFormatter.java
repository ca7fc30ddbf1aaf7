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

    private static final String[] SSE_PRED = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};

    private IntelFormatter() {}

    /** objdump prints 90 with a 66 prefix (not REX.W) as {@code xchg ax,ax}. */
    private static boolean nopIsXchg(Instruction insn) {
        return insn.operandSize() != insn.mode().defaultOperandSize && insn.operandSize() != 64;
    }

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
                if (nopIsXchg(insn)) {
                    return "xchg";
                }
                break;
            case CMPPS_Vps_Wps_Ib: case CMPPD_Vpd_Wpd_Ib: case CMPSS_Vss_Wss_Ib: case CMPSD_Vsd_Wsd_Ib:
                if (insn.immediate() < 8) {
                    String n = f.name();
                    return "cmp" + SSE_PRED[(int) insn.immediate()] + n.substring(3, 5).toLowerCase(java.util.Locale.ROOT);
                }
                break;
            case PCLMULQDQ_Vx_Wx_Ib:
                switch ((int) insn.immediate()) {
                    case 0x00: return "pclmullqlqdq";
                    case 0x01: return "pclmulhqlqdq";
                    case 0x10: return "pclmullqhqdq";
                    case 0x11: return "pclmulhqhqdq";
                    default: break;
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
        int os = insn.operandSize();
        int always = f.sizeSuffixAlways();
        if (always == 32 && insn.mode() != Mode.BITS64) {
            m += os == 16 ? "w" : "d";
        } else if (always == 64 && insn.mode() == Mode.BITS64) {
            m += os == 64 ? "q" : "d";
        } else if (f.sizeSuffixed()) {
            int natural = insn.mode() == Mode.BITS64 && (f.defaultOperandSize64() || f.forcedOperandSize64()) ? 64
                    : insn.mode().defaultOperandSize;
            // x87 environment forms have no 64-bit variant: REX.W adds no suffix.
            if (os != natural && !(os == 64 && f.feature() == org.hot86.decoder.Feature.X87)) {
                m += os == 16 ? "w" : os == 32 ? "d" : "q";
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
        // Prefixes that do not show in the operands, as objdump prints them.
        int ov = insn.segmentOverride();
        if (ov >= 0 && ov < 4 && insn.mode() == Mode.BITS64 && !hasExplicitSegment(f)) {
            sb.append(SEG[ov]).append(' ');
        }
        if ((insn.prefixes() & Instruction.P_ADSIZE) != 0 && !insn.hasMemory() && !usesAddressSize(f)) {
            sb.append(insn.addressSize() == 16 ? "addr16 " : "addr32 ");
        }
        if (insn.lock()) {
            sb.append("lock ");
        }
        if (!f.repeatable() && insn.lastRepPrefix() != 0 && insn.mandatoryPrefix() == 0) {
            sb.append(insn.lastRepPrefix() == 0xF2 ? (isBranch(f) ? "bnd " : "repnz ") : "repz ");
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
        if (f == Form.NOP && nopIsXchg(insn)) {
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

    private static boolean isBranch(Form f) {
        return switch (f) {
            case JCC_Jb, JCC_Jz, JMP_Jb, JMP_Jz, JMP_Ev, CALL_Jz, CALL_Ev, RET, RET_Iw -> true;
            default -> false;
        };
    }

    /** Forms whose operands use the address size without a ModRM memory operand (strings, XLAT, jrCXZ, LOOP). */
    private static boolean usesAddressSize(Form f) {
        if (f.repeatable() || f == Form.XLAT || f == Form.JRCXZ_Jb || f == Form.LOOP_Jb || f == Form.LOOPE_Jb
                || f == Form.LOOPNE_Jb || f == Form.MASKMOVQ_Pq_Nq || f == Form.MASKMOVDQU_Vx_Ux) {
            return true;
        }
        return false;
    }

    /** In 64-bit mode objdump shows ES/CS/SS/DS overrides in the operand only for string forms. */
    private static boolean hasExplicitSegment(Form f) {
        return f.repeatable() || f == Form.XLAT;
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
        if (ov >= 0 && !(insn.mode() == Mode.BITS64 && ov < 4)) {
            sb.append(SEG[ov]).append(':');
        }
        String[] regs = insn.addressSize() == 16 ? R16 : insn.addressSize() == 32 ? R32 : R64;
        long d = insn.displacement();
        if (insn.base() < 0 && insn.index() < 0 && !insn.ripRelative()) {
            if (ov < 0 || (insn.mode() == Mode.BITS64 && ov < 4)) {
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
        if (insn.ripRelative()) {
            // objdump prints a RIP-relative displacement as an unsigned address-size number.
            sb.append('+');
            hex(sb, insn.addressSize() == 32 ? d & 0xffffffffL : d);
        } else if (d != 0 || insn.displacementSize() > 0 || insn.base() < 0) {
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
