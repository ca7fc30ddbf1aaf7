package org.hot86.decoder;

/**
 * Length and basic validity of VEX (C4/C5) and EVEX (62) encoded instructions (SDM Vol. 2,
 * 2.3 "Intel AVX and VEX encoding" and 2.7 "EVEX"). hot86 does not execute AVX: these
 * decode to {@link Form#VEX_INSTRUCTION} / {@link Form#EVEX_INSTRUCTION} so that a linear
 * sweep keeps its boundaries, and execute as #UD.
 */
final class VexDecoder {
    private VexDecoder() {}

    /** {@code pos} points at the byte after the C4/C5/62 escape. */
    static int decode(Decoder d, byte[] code, int offset, int pos, int end, boolean full, int pfx, int rex,
                      int escape, Instruction out) {
        // SDM 2.3.2: a 66, F2, F3, LOCK or REX prefix before VEX is #UD.
        boolean badPrefix = rex != 0 || (pfx & (Instruction.P_OPSIZE | Instruction.P_REP | Instruction.P_REPNE
                | Instruction.P_LOCK)) != 0;
        int map;
        int pp;
        int vvvv;
        int vexRex = 0;
        boolean evex = escape == 0x62;
        int p1 = code[pos] & 0xff;
        if (escape == 0xC5) {
            map = 1;
            pp = p1 & 3;
            vvvv = (~p1 >> 3) & 15;
            out.vexW = 0;
            out.vexL = (p1 >> 2) & 1;
            vexRex = (~p1 >> 5) & 4;
            pos++;
        } else {
            if (pos + (evex ? 3 : 2) > end) {
                return ranOut(full, out, end - offset);
            }
            int p2 = code[pos + 1] & 0xff;
            pp = p2 & 3;
            vvvv = (~p2 >> 3) & 15;
            out.vexW = p2 >> 7;
            out.vexL = evex ? (code[pos + 2] >> 5) & 3 : (p2 >> 2) & 1;
            vexRex = ((~p1 >> 5) & 7) | ((p2 >> 4) & 8);
            if (evex) {
                map = p1 & 7;
                if ((p1 & 8) != 0 || (p2 & 4) == 0 || map == 0 || map == 4 || map == 7) {
                    badPrefix = true;
                }
                pos += 3;
            } else {
                map = p1 & 0x1f;
                if (map < 1 || map > 3) {
                    badPrefix = true;
                }
                pos += 2;
            }
        }
        if (!d.mode64()) {
            vexRex = 0;
        }
        if (pos >= end) {
            return ranOut(full, out, pos - offset);
        }
        int op = code[pos++] & 0xff;
        out.vexPp = pp;
        out.modrm = 0;
        out.map = map;
        out.opcode = op;
        out.operandSize = d.mode() == Mode.BITS64 && (vexRex & 8) != 0 ? 64 : 32;
        out.addressSize = d.mode().addressSize((pfx & Instruction.P_ADSIZE) != 0);
        out.memory = false;
        out.ripRelative = false;
        out.base = -1;
        out.index = -1;
        out.scale = 1;
        out.disp = 0;
        out.dispBytes = 0;
        int segOv = ((pfx >> Instruction.SEG_SHIFT) & 7) - 1;
        out.segment = segOv >= 0 ? segOv : Instruction.DS;
        out.prefixes = pfx | (evex ? Instruction.P_EVEX : Instruction.P_VEX);
        boolean hasModrm = !(map == 1 && op == 0x77 && !evex);
        if (hasModrm) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            int modrm = code[pos++] & 0xff;
            out.modrm = modrm;
            out.reg = ((modrm >> 3) & 7) | ((vexRex & 4) << 1);
            if ((modrm >> 6) == 3) {
                out.rm = (modrm & 7) | ((vexRex & 1) << 3);
            } else {
                pos = d.memoryOperand(code, pos, end, modrm, vexRex, out.addressSize, segOv, out);
                if (pos < 0) {
                    return ranOut(full, out, -pos - offset);
                }
            }
        }
        // EVEX map 5/6 (FP16) have no immediates; map 3 always has one.
        boolean imm8 = map == 3 || (map == 1 && (op == 0xC2 || op == 0xC4 || op == 0xC5 || op == 0xC6
                || (op >= 0x70 && op <= 0x73)));
        if (imm8) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            out.imm = code[pos++] & 0xff;
        }
        out.length = pos - offset;
        if (badPrefix || (evex ? !VexTable.evexValid(map, pp, op)
                : !VexTable.valid(map, pp, op, out.modrm, hasModrm, out.vexL))) {
            return Decoder.INVALID;
        }
        if (!evex && vvvv != 0 && VexTable.needsNoVvvv(map, pp, op, out.memory)) {
            return Decoder.INVALID;
        }
        out.form = evex ? Form.EVEX_INSTRUCTION : Form.VEX_INSTRUCTION;
        return out.length;
    }

    private static int ranOut(boolean full, Instruction out, int len) {
        out.length = len;
        return full ? Decoder.TOO_LONG : Decoder.TRUNCATED;
    }
}
