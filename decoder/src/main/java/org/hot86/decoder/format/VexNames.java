package org.hot86.decoder.format;

import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.table.Candidate;
import org.hot86.decoder.table.Encoding;
import org.hot86.decoder.table.OpcodeTable;

/**
 * Mnemonics of VEX/EVEX instructions (hot86 decodes them for length and validity only).
 * The VEX forms of SSE instructions take the legacy form's mnemonic with a {@code v}
 * prefix (SDM Vol. 2, 2.3); the AVX/AVX2/AVX-512/BMI-only slots are named below, from the
 * SDM opcode maps. Unknown slots print as {@code (vex)} / {@code (evex)}.
 */
final class VexNames {
    private static final int[] PP_TO_PREFIX = {Encoding.PFX_NP, Encoding.PFX_66, Encoding.PFX_F3, Encoding.PFX_F2};
    private static final String[] CMP_PRED = {"eq", "lt", "le", "false", "neq", "nlt", "nle", "true"};

    private VexNames() {}

    static String mnemonic(Instruction insn) {
        boolean evex = insn.form() == Form.EVEX_INSTRUCTION;
        int map = insn.opcodeMap();
        int pp = insn.vexPp();
        int op = insn.opcode();
        int w = insn.vexW();
        int reg = (insn.modrm() >> 3) & 7;
        String special = special(evex, map, pp, op, w, reg, insn.vexL(), (int) insn.immediate());
        if (special != null) {
            return special;
        }
        if (map >= 1 && map <= 3) {
            Candidate[] cs = OpcodeTable.CANDIDATES[map << 8 | op];
            if (cs != null) {
                for (Candidate c : cs) {
                    if (c.matches(PP_TO_PREFIX[pp], insn.modrm(), w << 3, true)) {
                        String m = c.form.mnemonic(w == 1 ? 64 : 32, 64);
                        if (evex && (m.equals("pand") || m.equals("pandn") || m.equals("por") || m.equals("pxor"))) {
                            m += w == 1 ? "q" : "d";
                        }
                        return "v" + m;
                    }
                }
            }
        }
        return evex ? "(evex)" : "(vex)";
    }

    private static String wq(int w, String d, String q) {
        return w == 1 ? q : d;
    }

    /** Opmask instructions: suffix by pp and W (SDM Vol. 2, KMOVW/B/Q/D and friends). */
    private static String kop(String base, int pp, int w) {
        return base + (pp == 0 ? (w == 0 ? "w" : "q") : (w == 0 ? "b" : "d"));
    }

    private static String special(boolean evex, int map, int pp, int op, int w, int reg, int l, int imm) {
        if (map == 1) {
            if (!evex) {
                switch (op) {
                    case 0x77: return pp == 0 ? (l == 0 ? "vzeroupper" : "vzeroall") : null;
                    case 0x90: case 0x91: return pp <= 1 ? kop("kmov", pp, w) : null;
                    case 0x92: case 0x93:
                        return pp == 3 ? (w == 0 ? "kmovd" : "kmovq") : pp <= 1 ? kop("kmov", pp, w) : null;
                    case 0x98: return kop("kortest", pp, w);
                    case 0x99: return kop("ktest", pp, w);
                    case 0x41: return kop("kand", pp, w);
                    case 0x42: return kop("kandn", pp, w);
                    case 0x44: return kop("knot", pp, w);
                    case 0x45: return kop("kor", pp, w);
                    case 0x46: return kop("kxnor", pp, w);
                    case 0x47: return kop("kxor", pp, w);
                    case 0x4A: return kop("kadd", pp, w);
                    case 0x4B: return pp == 1 ? "kunpckbw" : w == 0 ? "kunpckwd" : "kunpckdq";
                    default: break;
                }
            } else if (op == 0x6F || op == 0x7F) {
                return switch (pp) {
                    case 1 -> wq(w, "vmovdqa32", "vmovdqa64");
                    case 2 -> wq(w, "vmovdqu32", "vmovdqu64");
                    case 3 -> wq(w, "vmovdqu8", "vmovdqu16");
                    default -> null;
                };
            }
            return null;
        }
        if (map == 2) {
            if (pp == 1) {
                switch (op) {
                    case 0x0C: return "vpermilps";
                    case 0x0D: return "vpermilpd";
                    case 0x0E: return "vtestps";
                    case 0x0F: return "vtestpd";
                    case 0x13: return "vcvtph2ps";
                    case 0x16: return "vpermps";
                    case 0x18: return "vbroadcastss";
                    case 0x19: return "vbroadcastsd";
                    case 0x1A: return "vbroadcastf128";
                    case 0x26: return evex ? wq(w, "vptestmb", "vptestmw") : null;
                    case 0x27: return evex ? wq(w, "vptestmd", "vptestmq") : null;
                    case 0x2C: return "vmaskmovps";
                    case 0x2D: return "vmaskmovpd";
                    case 0x2E: return "vmaskmovps";
                    case 0x2F: return "vmaskmovpd";
                    case 0x36: return "vpermd";
                    case 0x45: return wq(w, "vpsrlvd", "vpsrlvq");
                    case 0x46: return wq(w, "vpsravd", "vpsravq");
                    case 0x47: return wq(w, "vpsllvd", "vpsllvq");
                    case 0x58: return "vpbroadcastd";
                    case 0x59: return "vpbroadcastq";
                    case 0x5A: return "vbroadcasti128";
                    case 0x78: return "vpbroadcastb";
                    case 0x79: return "vpbroadcastw";
                    case 0x7A: return "vpbroadcastb";
                    case 0x7B: return "vpbroadcastw";
                    case 0x7C: return wq(w, "vpbroadcastd", "vpbroadcastq");
                    case 0x8C: case 0x8E: return wq(w, "vpmaskmovd", "vpmaskmovq");
                    case 0x90: return wq(w, "vpgatherdd", "vpgatherdq");
                    case 0x91: return wq(w, "vpgatherqd", "vpgatherqq");
                    case 0x92: return wq(w, "vgatherdps", "vgatherdpd");
                    case 0x93: return wq(w, "vgatherqps", "vgatherqpd");
                    case 0xF7: return "shlx";
                    default: break;
                }
            }
            if (pp == 2 && evex && op == 0x26) return wq(w, "vptestnmb", "vptestnmw");
            if (pp == 2 && evex && op == 0x27) return wq(w, "vptestnmd", "vptestnmq");
            if (op == 0xF2 && pp == 0) return "andn";
            if (op == 0xF3 && pp == 0) return switch (reg) {
                case 1 -> "blsr";
                case 2 -> "blsmsk";
                case 3 -> "blsi";
                default -> null;
            };
            if (op == 0xF5) return pp == 0 ? "bzhi" : pp == 2 ? "pext" : pp == 3 ? "pdep" : null;
            if (op == 0xF6 && pp == 3) return "mulx";
            if (op == 0xF7) return pp == 0 ? "bextr" : pp == 2 ? "sarx" : pp == 3 ? "shrx" : "shlx";
            return null;
        }
        if (map == 3) {
            if (pp == 3 && op == 0xF0) return "rorx";
            if (pp != 1) return null;
            switch (op) {
                case 0x00: return "vpermq";
                case 0x01: return "vpermpd";
                case 0x02: return "vpblendd";
                case 0x04: return "vpermilps";
                case 0x05: return "vpermilpd";
                case 0x06: return "vperm2f128";
                case 0x18: return "vinsertf128";
                case 0x19: return "vextractf128";
                case 0x1D: return "vcvtps2ph";
                case 0x25: return evex ? wq(w, "vpternlogd", "vpternlogq") : null;
                case 0x38: return "vinserti128";
                case 0x39: return "vextracti128";
                case 0x46: return "vperm2i128";
                case 0x4A: return "vblendvps";
                case 0x4B: return "vblendvpd";
                case 0x4C: return "vpblendvb";
                case 0x30: return wq(w, "kshiftrb", "kshiftrw");
                case 0x31: return wq(w, "kshiftrd", "kshiftrq");
                case 0x32: return wq(w, "kshiftlb", "kshiftlw");
                case 0x33: return wq(w, "kshiftld", "kshiftlq");
                case 0x1E: case 0x1F: case 0x3E: case 0x3F:
                    if (evex) {
                        String t = switch (op) {
                            case 0x1E -> wq(w, "ud", "uq");
                            case 0x1F -> wq(w, "d", "q");
                            case 0x3E -> wq(w, "ub", "uw");
                            default -> wq(w, "b", "w");
                        };
                        return "vpcmp" + CMP_PRED[imm & 7] + t;
                    }
                    return null;
                default: return null;
            }
        }
        return null;
    }
}
