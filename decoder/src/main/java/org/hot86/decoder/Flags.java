package org.hot86.decoder;

/**
 * EFLAGS bit masks, at their architectural bit positions (Intel SDM Vol. 1, 3.4.3 "EFLAGS
 * Register"), so that a mask from the table can be applied directly to an EFLAGS value.
 * The table's flags-read / written / undefined masks ({@link Form#flagsRead()} ...) are
 * unions of these.
 */
public final class Flags {
    public static final int CF = 1;
    public static final int PF = 1 << 2;
    public static final int AF = 1 << 4;
    public static final int ZF = 1 << 6;
    public static final int SF = 1 << 7;
    public static final int TF = 1 << 8;
    public static final int IF = 1 << 9;
    public static final int DF = 1 << 10;
    public static final int OF = 1 << 11;
    public static final int IOPL = 3 << 12;
    public static final int NT = 1 << 14;
    public static final int RF = 1 << 16;
    public static final int VM = 1 << 17;
    public static final int AC = 1 << 18;
    public static final int VIF = 1 << 19;
    public static final int VIP = 1 << 20;
    public static final int ID = 1 << 21;
    /** The six arithmetic status flags. */
    public static final int STATUS = CF | PF | AF | ZF | SF | OF;
    /** Every flag a POPF/IRET can load. */
    public static final int ALL = STATUS | TF | IF | DF | IOPL | NT | RF | VM | AC | VIF | VIP | ID;

    private Flags() {}

    /**
     * Parses the table's flag letters: {@code C P A Z S O D I T} and {@code *} (all) -
     * for example {@code "OSZAPC"}.
     */
    public static int parse(String letters) {
        int m = 0;
        for (int i = 0; i < letters.length(); i++) {
            m |= switch (letters.charAt(i)) {
                case 'C' -> CF;
                case 'P' -> PF;
                case 'A' -> AF;
                case 'Z' -> ZF;
                case 'S' -> SF;
                case 'O' -> OF;
                case 'D' -> DF;
                case 'I' -> IF;
                case 'T' -> TF;
                case 'X' -> AC;
                case '*' -> ALL;
                default -> throw new IllegalArgumentException("bad flag letter in " + letters);
            };
        }
        return m;
    }

    /**
     * The flags a condition code (the low 4 bits of Jcc/SETcc/CMOVcc opcodes, SDM Vol. 1,
     * Appendix B) reads.
     */
    public static int readByCondition(int cc) {
        return switch (cc >>> 1) {
            case 0 -> OF;            // O / NO
            case 1 -> CF;            // B / AE
            case 2 -> ZF;            // E / NE
            case 3 -> CF | ZF;       // BE / A
            case 4 -> SF;            // S / NS
            case 5 -> PF;            // P / NP
            case 6 -> SF | OF;       // L / GE
            default -> ZF | SF | OF; // LE / G
        };
    }
}
