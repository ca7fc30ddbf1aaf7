package org.hot86.cpu.semantics;

import org.hot86.cpu.CpuState;

/**
 * Condition codes of Jcc, SETcc and CMOVcc (Intel SDM Vol. 1, Appendix B, Table B-1):
 * the low nibble of the opcode selects the condition.
 *
 * <pre>
 *  0 O    1 NO   2 B/C   3 AE/NC  4 E/Z   5 NE   6 BE   7 A
 *  8 S    9 NS   A P     B NP     C L     D GE   E LE   F G
 * </pre>
 */
public final class Conditions {
    private Conditions() {
    }

    /** Evaluates condition {@code cc} (0..15) against the current flags. */
    public static boolean test(CpuState s, int cc) {
        boolean r = switch (cc >> 1) {
            case 0 -> s.of();
            case 1 -> s.cf();
            case 2 -> s.zf();
            case 3 -> s.cf() || s.zf();
            case 4 -> s.sf();
            case 5 -> s.pf();
            case 6 -> s.sf() != s.of();
            default -> s.zf() || s.sf() != s.of();
        };
        return r ^ ((cc & 1) != 0);
    }
}
