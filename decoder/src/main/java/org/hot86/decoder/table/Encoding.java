package org.hot86.decoder.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One encoding of a form, parsed from the table's opcode column. Grammar (tokens separated
 * by blanks; a form may list several encodings separated by commas):
 *
 * <pre>
 *   encoding := [prefix] [map] opcode [modrm] {constraint}
 *   prefix   := NP | 66 | F3 | F2          mandatory prefix (NP: none of 66/F2/F3)
 *   map      := 0F | 0F 38 | 0F 3A          (none: the one-byte map)
 *   opcode   := HH | HH+r | HH+cc           +r: register in bits 2:0; +cc: condition in 3:0
 *   modrm    := /r | /0 .. /7 | HH | HH+i    HH: the whole ModRM byte; HH+i: mod=11, reg fixed, any r/m
 *   constraint := W0 | W1 | i64 | o64 | noB | mem | reg
 * </pre>
 *
 * {@code i64}: invalid in 64-bit mode; {@code o64}: valid only in 64-bit mode;
 * {@code noB}: REX.B must be clear (so 90 is NOP but 41 90 is XCHG r8d,eax);
 * {@code mem}/{@code reg}: ModRM.mod must be / must not be 11 (also implied by
 * M/R/N/U operands).
 */
public final class Encoding {
    public static final int MAP_ONE = 0;
    public static final int MAP_0F = 1;
    public static final int MAP_0F38 = 2;
    public static final int MAP_0F3A = 3;

    public static final int PFX_ANY = 0;
    public static final int PFX_NP = 1;
    public static final int PFX_66 = 2;
    public static final int PFX_F3 = 3;
    public static final int PFX_F2 = 4;

    public static final int MOD_ANY = 0;
    public static final int MOD_MEM = 1;
    public static final int MOD_REG = 2;

    public int prefix = PFX_ANY;
    public int map = MAP_ONE;
    public int opcode;
    /** 1, 8 (+r) or 16 (+cc) consecutive opcodes. */
    public int opcodeCount = 1;
    public boolean condInOpcode;
    public boolean regInOpcode;
    public boolean hasModrm;
    /** Required ModRM.reg, or -1. */
    public int reg = -1;
    /** Required ModRM.rm, or -1. */
    public int rm = -1;
    public int mod = MOD_ANY;
    /** Required REX.W, or -1. */
    public int w = -1;
    public boolean i64;
    public boolean o64;
    public boolean noRexB;

    /** Parses a comma-separated list of encodings. */
    public static List<Encoding> parseAll(String text) {
        List<Encoding> out = new ArrayList<>();
        for (String one : text.split(",")) {
            out.add(parse(one.trim()));
        }
        return out;
    }

    /**
     * The blank-separated words of {@code text}, which has no leading or trailing blanks:
     * the same as {@code text.split("\\s+")} ({@code {""}} for an empty text), without
     * compiling a regular expression. Form and encoding texts are parsed at start-up, one
     * call per table line, so this is on the start-up path.
     */
    public static String[] words(String text) {
        if (text.isEmpty()) {
            return new String[] {""};
        }
        List<String> out = new ArrayList<>(4);
        int start = -1;
        for (int k = 0; k <= text.length(); k++) {
            boolean blank = k == text.length() || isBlank(text.charAt(k));
            if (!blank && start < 0) {
                start = k;
            } else if (blank && start >= 0) {
                out.add(text.substring(start, k));
                start = -1;
            }
        }
        return out.toArray(new String[0]);
    }

    /** The characters of the regular expression class {@code \\s}. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    static Encoding parse(String text) {
        Encoding e = new Encoding();
        String[] t = words(text);
        int i = 0;
        if (t[0].equals("NP")) {
            e.prefix = PFX_NP;
            i++;
        } else if (t.length > 1 && (t[0].equals("66") || t[0].equals("F3") || t[0].equals("F2"))) {
            e.prefix = switch (t[0]) {
                case "66" -> PFX_66;
                case "F3" -> PFX_F3;
                default -> PFX_F2;
            };
            i++;
        }
        if (t[i].equals("0F")) {
            i++;
            if (t[i].equals("38") && i + 1 < t.length && isHex(t[i + 1])) {
                e.map = MAP_0F38;
                i++;
            } else if (t[i].equals("3A") && i + 1 < t.length && isHex(t[i + 1])) {
                e.map = MAP_0F3A;
                i++;
            } else {
                e.map = MAP_0F;
            }
        }
        String op = t[i++];
        if (op.endsWith("+r")) {
            e.regInOpcode = true;
            e.opcodeCount = 8;
            op = op.substring(0, op.length() - 2);
        } else if (op.endsWith("+cc")) {
            e.condInOpcode = true;
            e.opcodeCount = 16;
            op = op.substring(0, op.length() - 3);
        }
        e.opcode = Integer.parseInt(op, 16);
        for (; i < t.length; i++) {
            String s = t[i];
            if (s.equals("/r")) {
                e.hasModrm = true;
            } else if (s.length() == 2 && s.charAt(0) == '/') {
                e.hasModrm = true;
                e.reg = s.charAt(1) - '0';
            } else if (s.endsWith("+i")) {
                int m = Integer.parseInt(s.substring(0, 2), 16);
                e.hasModrm = true;
                e.mod = MOD_REG;
                e.reg = (m >> 3) & 7;
            } else if (isHex(s)) {
                int m = Integer.parseInt(s, 16);
                e.hasModrm = true;
                e.mod = (m >> 6) == 3 ? MOD_REG : MOD_MEM;
                if ((m >> 6) != 3) {
                    throw new IllegalArgumentException("fixed ModRM must have mod=11: " + text);
                }
                e.reg = (m >> 3) & 7;
                e.rm = m & 7;
            } else {
                switch (s) {
                    case "W0" -> e.w = 0;
                    case "W1" -> e.w = 1;
                    case "i64" -> e.i64 = true;
                    case "o64" -> e.o64 = true;
                    case "noB" -> e.noRexB = true;
                    case "mem" -> { e.mod = MOD_MEM; e.hasModrm = true; }
                    case "reg" -> { e.mod = MOD_REG; e.hasModrm = true; }
                    default -> throw new IllegalArgumentException("bad token '" + s + "' in " + text);
                }
            }
        }
        return e;
    }

    private static boolean isHex(String s) {
        return s.length() == 2 && s.toUpperCase(Locale.ROOT).equals(s) && s.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }

    /** Specificity used to order candidates: more constrained encodings are tried first. */
    int specificity() {
        int s = 0;
        if (rm >= 0) s += 16;
        if (reg >= 0) s += 8;
        if (mod != MOD_ANY) s += 4;
        if (prefix != PFX_ANY) s += 32;
        if (w >= 0) s += 2;
        if (noRexB) s += 1;
        return s;
    }
}
