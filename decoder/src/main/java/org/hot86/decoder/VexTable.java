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
        "NP 2 F2 F3 F5 F7", "NP 2 50 51", "66 2 50-53", "F3 2 50 51", "F2 2 50 51", "66 2 F7", "F3 2 F5 F7", "F2 2 F5 F6 F7",
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
    /**
     * Slots whose VEX form has no vvvv operand, so VEX.vvvv must be 1111 (SDM Vol. 2,
     * 2.3.6 "VEX.vvvv ... must be 1111b if unused", else #UD): separately for a memory and a
     * register r/m operand (VMOVSS loads ignore vvvv, register moves merge from it).
     */
    static final boolean[] NO_VVVV_MEM = new boolean[3 << 10];
    static final boolean[] NO_VVVV_REG = new boolean[3 << 10];

    /**
     * Legacy forms whose VEX form is unary (no VEX.vvvv source), from the VEX opcode rows of
     * the SDM's instruction pages ("VEX.128.66.0F.WIG 28 /r VMOVAPD xmm1, xmm2/m128" has no
     * vvvv; "VEX.128.66.0F.WIG 58 /r VADDPD xmm1,xmm2,xmm3/m128" does). ":mem" = only the
     * memory form is unary.
     */
    private static final java.util.Set<String> UNARY = java.util.Set.of(
        "MOVUPS_Vps_Wps", "MOVUPD_Vpd_Wpd", "MOVUPS_Wps_Vps", "MOVUPD_Wpd_Vpd", "MOVAPS_Vps_Wps", "MOVAPD_Vpd_Wpd",
        "MOVAPS_Wps_Vps", "MOVAPD_Wpd_Vpd", "MOVSS_Vx_Wss:mem", "MOVSD_Vx_Wsd:mem", "MOVSS_Wss_Vss:mem",
        "MOVSD_Wsd_Vsd:mem", "MOVLPS_Mq_Vq", "MOVLPD_Mq_Vq", "MOVHPS_Mq_Vq", "MOVHPD_Mq_Vq", "MOVSLDUP_Vx_Wx",
        "MOVSHDUP_Vx_Wx", "MOVDDUP_Vx_Wsd", "MOVNTPS_Mps_Vps", "MOVNTPD_Mpd_Vpd", "CVTTSS2SI_Gy_Wss",
        "CVTTSD2SI_Gy_Wsd", "CVTSS2SI_Gy_Wss", "CVTSD2SI_Gy_Wsd", "UCOMISS_Vss_Wss", "UCOMISD_Vsd_Wsd",
        "COMISS_Vss_Wss", "COMISD_Vsd_Wsd", "MOVMSKPS_Gy_Ups", "MOVMSKPD_Gy_Upd", "SQRTPS_Vps_Wps", "SQRTPD_Vpd_Wpd",
        "RSQRTPS_Vps_Wps", "RCPPS_Vps_Wps", "CVTPS2PD_Vpd_Wq", "CVTPD2PS_Vps_Wpd", "CVTDQ2PS_Vps_Wx",
        "CVTPS2DQ_Vx_Wps", "CVTTPS2DQ_Vx_Wps", "MOVD_Vx_Ey", "MOVD_Ey_Vx", "MOVQ_Vx_Wq", "MOVQ_Wq_Vq",
        "MOVDQA_Vx_Wx", "MOVDQU_Vx_Wx", "MOVDQA_Wx_Vx", "MOVDQU_Wx_Vx", "PSHUFD_Vx_Wx_Ib", "PSHUFHW_Vx_Wx_Ib",
        "PSHUFLW_Vx_Wx_Ib", "PMOVMSKB_Gy_Ux", "CVTTPD2DQ_Vx_Wpd", "CVTDQ2PD_Vx_Wq", "CVTPD2DQ_Vx_Wpd",
        "MOVNTDQ_Mx_Vx", "LDDQU_Vx_Mx", "MASKMOVDQU_Vx_Ux", "PABSB_Vx_Wx", "PABSW_Vx_Wx", "PABSD_Vx_Wx",
        "PTEST_Vx_Wx", "PMOVSXBW_Vx_Wq", "PMOVSXBD_Vx_Wd", "PMOVSXBQ_Vx_Ww", "PMOVSXWD_Vx_Wq", "PMOVSXWQ_Vx_Wd",
        "PMOVSXDQ_Vx_Wq", "PMOVZXBW_Vx_Wq", "PMOVZXBD_Vx_Wd", "PMOVZXBQ_Vx_Ww", "PMOVZXWD_Vx_Wq", "PMOVZXWQ_Vx_Wd",
        "PMOVZXDQ_Vx_Wq", "MOVNTDQA_Vx_Mx", "PHMINPOSUW_Vx_Wx", "AESIMC_Vx_Wx", "ROUNDPS_Vx_Wx_Ib",
        "ROUNDPD_Vx_Wx_Ib", "PEXTRB_Eb_Vx_Ib", "PEXTRW_Ew_Vx_Ib", "PEXTRD_Ey_Vx_Ib", "EXTRACTPS_Ed_Vx_Ib",
        "PCMPESTRM_Vx_Wx_Ib", "PCMPESTRI_Vx_Wx_Ib", "PCMPISTRM_Vx_Wx_Ib", "PCMPISTRI_Vx_Wx_Ib",
        "AESKEYGENASSIST_Vx_Wx_Ib", "LDMXCSR_Md", "STMXCSR_Md", "PEXTRW_Gy_Ux_Ib");

    /** AVX-only unary slots ("pp map opcodes"), including the opmask moves and tests. */
    private static final String[] AVX_UNARY = {
        "66 2 0E 0F 13 18-1A 58-5A 78 79", "66 3 00 01 04 05 19 1D 39", "F2 3 F0",
        "NP 1 44 77 90-93 98 99", "66 1 44 90-93 98 99", "F2 1 92 93",
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
                    String n = c.form.name();
                    boolean unary = UNARY.contains(n);
                    boolean unaryMem = unary || UNARY.contains(n + ":mem");
                    for (int pp = 0; pp < 4; pp++) {
                        if (c.prefix == pps[pp]) {
                            int idx = (map - 1) << 10 | pp << 8 | op;
                            if (unaryMem && c.mod != Encoding.MOD_REG) {
                                NO_VVVV_MEM[idx] = true;
                            }
                            if (unary && c.mod != Encoding.MOD_MEM) {
                                NO_VVVV_REG[idx] = true;
                            }
                        }
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
        for (String line : AVX_UNARY) {
            mark(NO_VVVV_MEM, line);
            mark(NO_VVVV_REG, line);
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

    /** Whether a VEX instruction in this slot must encode vvvv = 1111. */
    static boolean needsNoVvvv(int map, int pp, int opcode, boolean memory) {
        int idx = (map - 1) << 10 | pp << 8 | opcode;
        return map >= 1 && map <= 3 && (memory ? NO_VVVV_MEM[idx] : NO_VVVV_REG[idx]);
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

    /** Legacy forms whose VEX form exists only as VEX.128 (VEX.L=1 is #UD). */
    private static final java.util.Set<String> L0_ONLY = java.util.Set.of(
        "MOVLPS_Vq_Mq", "MOVHLPS_Vq_Uq", "MOVLPD_Vq_Mq", "MOVLPS_Mq_Vq", "MOVLPD_Mq_Vq", "MOVHPS_Vq_Mq",
        "MOVLHPS_Vq_Uq", "MOVHPD_Vq_Mq", "MOVHPS_Mq_Vq", "MOVHPD_Mq_Vq", "PINSRW_Vx_Ew_Ib", "PEXTRW_Gy_Ux_Ib",
        "PINSRB_Vx_Eb_Ib", "PINSRD_Vx_Ey_Ib", "PEXTRB_Eb_Vx_Ib", "PEXTRW_Ew_Vx_Ib", "PEXTRD_Ey_Vx_Ib",
        "EXTRACTPS_Ed_Vx_Ib", "INSERTPS_Vx_Wd_Ib", "MOVD_Vx_Ey", "MOVD_Ey_Vx", "MOVQ_Vx_Wq", "MOVQ_Wq_Vq",
        "MASKMOVDQU_Vx_Ux", "PHMINPOSUW_Vx_Wx", "AESIMC_Vx_Wx", "AESKEYGENASSIST_Vx_Wx_Ib", "LDMXCSR_Md",
        "STMXCSR_Md", "PCMPESTRM_Vx_Wx_Ib", "PCMPESTRI_Vx_Wx_Ib", "PCMPISTRM_Vx_Wx_Ib", "PCMPISTRI_Vx_Wx_Ib");
    private static final boolean[] L0_FORM = new boolean[Form.values().length];

    /** Forms (by ordinal) that have a VEX form. */
    private static final boolean[] VEX_FORM = new boolean[Form.values().length];
    /** Slots that are valid without a legacy form (AVX-only, opmask). */
    private static final boolean[] AVX_SLOT = new boolean[3 << 10];

    static {
        for (Form f : Form.values()) {
            VEX_FORM[f.ordinal()] = vexCapable(f);
            L0_FORM[f.ordinal()] = L0_ONLY.contains(f.name());
        }
        for (String line : AVX_ONLY) {
            mark(AVX_SLOT, line);
        }
    }

    /**
     * Exact VEX validity for the ModRM byte: an AVX-only slot (with the opmask rules of SDM
     * Vol. 2 KMOV/KAND...: register operands only, VEX.L as listed), or a legacy SSE
     * candidate of the slot whose ModRM constraints (/digit, mod) accept this ModRM.
     */
    static boolean valid(int map, int pp, int opcode, int modrm, boolean hasModrm, int l) {
        if (map < 1 || map > 3) {
            return false;
        }
        int idx = (map - 1) << 10 | pp << 8 | opcode;
        if (AVX_SLOT[idx]) {
            if (map == 1 && opcode != 0x77 && pp != 2) {
                boolean reg = (modrm >> 6) == 3;
                return switch (opcode) {
                    case 0x90 -> l == 0;
                    case 0x91 -> l == 0 && !reg;
                    case 0x92, 0x93, 0x44, 0x98, 0x99 -> l == 0 && reg;
                    default -> l == 1 && reg;
                };
            }
            if (map == 1 && (opcode == 0x92 || opcode == 0x93)) {
                return l == 0 && (modrm >> 6) == 3;
            }
            return true;
        }
        org.hot86.decoder.table.Candidate[] cs = OpcodeTable.CANDIDATES[map << 8 | opcode];
        if (cs == null) {
            return false;
        }
        int prefix = pps(pp);
        for (org.hot86.decoder.table.Candidate c : cs) {
            if (VEX_FORM[c.form.ordinal()] && c.matches(prefix, modrm, 0, true)) {
                return l == 0 || !L0_FORM[c.form.ordinal()];
            }
        }
        return false;
    }

    private static int pps(int pp) {
        return switch (pp) {
            case 0 -> Encoding.PFX_NP;
            case 1 -> Encoding.PFX_66;
            case 2 -> Encoding.PFX_F3;
            default -> Encoding.PFX_F2;
        };
    }

}
