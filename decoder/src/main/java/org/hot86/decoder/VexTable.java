package org.hot86.decoder;

import org.hot86.decoder.table.Candidate;
import org.hot86.decoder.table.Encoding;
import org.hot86.decoder.table.OpcodeTable;


/**
 * Which VEX opcode slots (map, implied prefix pp, opcode) are defined: the VEX forms of the
 * SSE..SSE4.2/AES/PCLMUL forms of the {@link Form} table (SDM Vol. 2, 2.3.x: "VEX-encoded
 * forms of legacy SSE instructions" keep their map, prefix and opcode), plus the AVX/AVX2/
 * FMA/F16C/BMI1/BMI2-only slots listed below from the SDM opcode maps (Tables ).
 */
final class VexTable {
    /** Indexed by {@code (map - 1) << 10 | pp << 8 | opcode}. */
    static final boolean[] VALID = new boolean[3 << 10];

    /** AVX-only slots: "pp map opcodes" with pp NP/66/F3/F2 and opcode ranges. */
    private static final String[] AVX_ONLY = {
        "NP 1 77",
        "66 2 0C-0F 13 16 18-1A 2C-2F 36 45-47 58-5A 78 79 8C 8E 90-93 96-9F A6-AF B6-BF",
        "NP 2 F2 F3 F5 F7", "66 2 F7", "F3 2 F5 F7", "F2 2 F5 F6 F7",
        "66 3 00-02 04-06 18 19 1D 38 39 46 4A-4C", "F2 3 F0",
        // opmask instructions (AVX-512 k registers, VEX-encoded)
        "NP 1 41 42 44-47 4A 4B 90-93 98 99", "66 1 41 42 44-47 4A 4B 90-93 98 99", "F2 1 92 93", "66 3 30-33",
    };

    /**
     * EVEX-only (AVX-512) slots, added to the VEX slots for EVEX validity; maps 5 and 6
     * (AVX512-FP16) are accepted whole.
     */
    private static final String[] EVEX_ONLY = {
        "66 1 78-7B", "F3 1 78-7B E6", "F2 1 6F 78-7B 7F",
        "66 2 10-12 14 15 1B 1F 26 27 4C-4F 50-55 62-66 70-73 75-77 7A-7D 7E 7F 83 88-8B 8D 8F A0-A3 B4 B5 C4 C6-CD CF",
        "F3 2 10-15 20-2A 30-35 38-3A 52 72",
        "F2 2 52 53 68 72 9A 9B AA AB",
        "66 3 03 08-0B 1A 1B 1E 1F 22 23 25-27 3A 3B 3E 3F 42 43 50 51 54-57 66 67 70-73 CE CF",
    };
    /** Indexed like {@link #VALID}, for EVEX. */
    static final boolean[] EVEX_VALID = new boolean[3 << 10];

    static {
        int[] pps = {Encoding.PFX_NP, Encoding.PFX_66, Encoding.PFX_F3, Encoding.PFX_F2};
        for (int map = 1; map <= 3; map++) {
            for (int op = 0; op < 256; op++) {
                Candidate[] cs = OpcodeTable.CANDIDATES[map << 8 | op];
                if (cs == null) {
                    continue;
                }
                for (Candidate c : cs) {
                    if (!vexCapable(c.form)) {
                        continue;
                    }
                    for (int pp = 0; pp < 4; pp++) {
                        if (c.prefix == pps[pp]) {
                            VALID[(map - 1) << 10 | pp << 8 | op] = true;
                        }
                    }
                }
            }
        }
        for (String line : AVX_ONLY) {
            mark(VALID, line);
        }
        System.arraycopy(VALID, 0, EVEX_VALID, 0, VALID.length);
        for (String line : EVEX_ONLY) {
            mark(EVEX_VALID, line);
        }
    }

    private static void mark(boolean[] table, String line) {
        {
            String[] t = line.split(" ");
            int pp = switch (t[0]) {
                case "NP" -> 0;
                case "66" -> 1;
                case "F3" -> 2;
                default -> 3;
            };
            int map = Integer.parseInt(t[1]);
            for (int i = 2; i < t.length; i++) {
                String[] r = t[i].split("-");
                int lo = Integer.parseInt(r[0], 16);
                int hi = r.length > 1 ? Integer.parseInt(r[1], 16) : lo;
                for (int op = lo; op <= hi; op++) {
                    table[(map - 1) << 10 | pp << 8 | op] = true;
                }
            }
        }
    }

    static boolean evexValid(int map, int pp, int opcode) {
        return map == 5 || map == 6 || (map >= 1 && map <= 3 && EVEX_VALID[(map - 1) << 10 | pp << 8 | opcode]);
    }

    private VexTable() {}

    /** SSE-family forms on XMM registers have VEX forms; MMX, SHA and non-SSE forms do not. */
    private static boolean vexCapable(Form f) {
        if (f.name().startsWith("SHA") || f.feature() == Feature.BASE || f.feature() == Feature.MMX) {
            return false;
        }
        boolean xmm = false;
        for (int i = 0; i < f.operandCount(); i++) {
            switch (f.operand(i).method) {
                case P, Q, N -> {
                    return false;
                }
                case V, W, U -> xmm = true;
                default -> { }
            }
        }
        return xmm || f == Form.LDMXCSR_Md || f == Form.STMXCSR_Md;
    }

    static boolean valid(int map, int pp, int opcode) {
        return map >= 1 && map <= 3 && VALID[(map - 1) << 10 | pp << 8 | opcode];
    }

}
