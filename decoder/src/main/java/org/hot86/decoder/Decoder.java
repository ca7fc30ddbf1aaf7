package org.hot86.decoder;

import org.hot86.decoder.table.Candidate;
import org.hot86.decoder.table.Encoding;
import org.hot86.decoder.table.OpcodeTable;

/**
 * Decodes x86 instructions from a byte window (Intel SDM Vol. 2, chapter 2 "Instruction
 * Format"). Stateless apart from the mode, so one instance may be shared by threads.
 *
 * <p>Hardware rules implemented (SDM Vol. 2, 2.1.1 and 2.2.1): prefixes of the four
 * legacy groups in any order and any number; the last segment override wins; of F2/F3
 * the last wins, and it takes precedence over 66 when a mandatory prefix selects the
 * form; REX (64-bit mode) counts only if it immediately precedes the opcode (a legacy
 * prefix after REX cancels it); an instruction longer than 15 bytes raises #GP
 * ({@link #TOO_LONG}); LOCK on a form that is not lockable or without a memory operand
 * is #UD.
 */
public final class Decoder {
    /** The bytes are not a valid instruction (#UD). */
    public static final int INVALID = -1;
    /** The window ended before the instruction did (fetch more bytes and retry). */
    public static final int TRUNCATED = -2;
    /** The instruction would exceed 15 bytes (#GP(0)). */
    public static final int TOO_LONG = -3;

    private static final int MAX_LENGTH = 15;
    /** Per byte: 0 = not a prefix, else prefix class. */
    private static final byte[] PREFIX = new byte[256];
    private static final int PF_SEG = 1, PF_66 = 2, PF_67 = 3, PF_LOCK = 4, PF_F2 = 5, PF_F3 = 6, PF_REX = 7;
    /** Segment number of a segment-override prefix byte. */
    private static final byte[] SEG_OF = new byte[256];

    static {
        PREFIX[0x26] = PF_SEG; SEG_OF[0x26] = Instruction.ES;
        PREFIX[0x2E] = PF_SEG; SEG_OF[0x2E] = Instruction.CS;
        PREFIX[0x36] = PF_SEG; SEG_OF[0x36] = Instruction.SS;
        PREFIX[0x3E] = PF_SEG; SEG_OF[0x3E] = Instruction.DS;
        PREFIX[0x64] = PF_SEG; SEG_OF[0x64] = Instruction.FS;
        PREFIX[0x65] = PF_SEG; SEG_OF[0x65] = Instruction.GS;
        PREFIX[0x66] = PF_66;
        PREFIX[0x67] = PF_67;
        PREFIX[0xF0] = PF_LOCK;
        PREFIX[0xF2] = PF_F2;
        PREFIX[0xF3] = PF_F3;
    }

    private final Mode mode;
    private final boolean mode64;
    /** Address size without and with a 67 prefix; default operand size. */
    private final int as0, as1, os0;

    public Decoder(Mode mode) {
        this.mode = mode;
        this.mode64 = mode == Mode.BITS64;
        this.as0 = mode.addressSize(false);
        this.as1 = mode.addressSize(true);
        this.os0 = mode.defaultOperandSize;
    }

    public Mode mode() {
        return mode;
    }

    /** Decodes into a new Instruction (invalid bytes give form INVALID, length 1 at least). */
    public Instruction decode(byte[] code, int offset, int limit) {
        Instruction insn = new Instruction();
        decode(code, offset, limit, insn);
        return insn;
    }

    /**
     * Decodes the instruction starting at {@code code[offset]}; bytes from {@code limit}
     * on are not read. Returns the length (1-15), or {@link #INVALID}, {@link #TRUNCATED},
     * {@link #TOO_LONG}; on failure {@code out.form()} is {@link Form#INVALID}.
     */
    public int decode(byte[] code, int offset, int limit, Instruction out) {
        int r = decode0(code, offset, Math.min(limit, offset + MAX_LENGTH), limit - offset >= MAX_LENGTH, out);
        if (r < 0) {
            out.form = Form.INVALID;
            if (out.length <= 0) {
                out.length = 1;
            }
        }
        return r;
    }

    private int ranOut(boolean full, Instruction out, int len) {
        out.length = len;
        return full ? TOO_LONG : TRUNCATED;
    }

    private int decode0(byte[] code, int offset, int end, boolean full, Instruction out) {
        int pos = offset;
        int pfx = 0;
        int rex = 0;
        int lastRep = 0;
        out.mode = mode;
        out.lockViolation = false;
        out.length = 0;
        out.imm = 0;
        out.imm2 = 0;
        out.cond = 0;
        int b;
        while (true) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            b = code[pos] & 0xff;
            int k = PREFIX[b];
            if (k == 0) {
                if (mode64 && (b & 0xF0) == 0x40) {
                    rex = b;
                    pos++;
                    continue;
                }
                break;
            }
            rex = 0;
            switch (k) {
                case PF_SEG -> pfx = (pfx & ~(7 << Instruction.SEG_SHIFT)) | ((SEG_OF[b] + 1) << Instruction.SEG_SHIFT);
                case PF_66 -> pfx |= Instruction.P_OPSIZE;
                case PF_67 -> pfx |= Instruction.P_ADSIZE;
                case PF_LOCK -> pfx |= Instruction.P_LOCK;
                case PF_F2 -> {
                    pfx |= Instruction.P_REPNE;
                    lastRep = 0xF2;
                }
                default -> {
                    pfx |= Instruction.P_REP;
                    lastRep = 0xF3;
                }
            }
            pos++;
        }
        if (rex != 0) {
            pfx |= Instruction.P_REX | ((rex & 0xF) << 6);
        }
        out.prefixes = pfx;
        out.lastRep = lastRep;
        pos++;
        int map = Encoding.MAP_ONE;
        int op = b;
        if (b == 0x0F) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            op = code[pos++] & 0xff;
            map = Encoding.MAP_0F;
            if (op == 0x38 || op == 0x3A) {
                map = op == 0x38 ? Encoding.MAP_0F38 : Encoding.MAP_0F3A;
                if (pos >= end) {
                    return ranOut(full, out, pos - offset);
                }
                op = code[pos++] & 0xff;
            }
        } else if (b == 0xC4 || b == 0xC5 || b == 0x62) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            if (mode64 || (code[pos] & 0xC0) == 0xC0) {
                return VexDecoder.decode(this, code, offset, pos, end, full, pfx, rex, b, out);
            }
        }
        out.map = map;
        out.opcode = op;
        int slot = map << 8 | op;
        Candidate[] cands = OpcodeTable.CANDIDATES[slot];
        if (cands == null) {
            out.length = pos - offset;
            return INVALID;
        }
        int modrm = 0;
        if (OpcodeTable.HAS_MODRM[slot]) {
            if (pos >= end) {
                return ranOut(full, out, pos - offset);
            }
            modrm = code[pos++] & 0xff;
        }
        out.modrm = modrm;
        int mp = lastRep == 0xF3 ? Encoding.PFX_F3 : lastRep == 0xF2 ? Encoding.PFX_F2
                : (pfx & Instruction.P_OPSIZE) != 0 ? Encoding.PFX_66 : Encoding.PFX_NP;
        Candidate c = null;
        for (int i = 0; i < cands.length; i++) {
            Candidate x = cands[i];
            if (x.unconstrained || x.matches(mp, modrm, rex, mode64)) {
                c = x;
                break;
            }
        }
        if (c == null) {
            out.length = pos - offset;
            return INVALID;
        }
        Form form = c.form;
        out.form = form;
        out.mandatory = c.prefix;
        // operand size: SDM Vol. 1, 3.6.1 and Vol. 2, 2.2.1.2 (d64/f64)
        boolean p66 = (pfx & Instruction.P_OPSIZE) != 0 && c.prefix != Encoding.PFX_66;
        int os;
        if (mode64) {
            if ((rex & 8) != 0 || c.sizeRule == Candidate.SIZE_F64) {
                os = 64;
            } else if (c.sizeRule == Candidate.SIZE_D64) {
                os = p66 ? 16 : 64;
            } else {
                os = p66 ? 16 : 32;
            }
        } else {
            int d = os0;
            os = p66 ? (d == 16 ? 32 : 16) : d;
        }
        out.operandSize = os;
        int as = (pfx & Instruction.P_ADSIZE) != 0 ? as1 : as0;
        out.addressSize = as;
        out.cond = c.condInOpcode ? op & 15 : 0;
        // registers
        int reg;
        if (c.regInOpcode) {
            reg = (op & 7) | ((rex & 1) << 3);
        } else {
            reg = ((modrm >> 3) & 7) | ((rex & 4) << 1);
        }
        if (c.sreg != 0) {
            // Segment registers have a 3-bit number; 6 and 7 do not exist, CS cannot be loaded.
            reg &= 7;
            if (reg > 5 || (c.sreg == 2 && reg == Instruction.CS)) {
                out.length = pos - offset;
                return INVALID;
            }
        }
        out.reg = reg;
        out.regHigh8 = c.regByte && rex == 0 && reg >= 4 && reg < 8;
        out.memory = false;
        out.ripRelative = false;
        out.base = -1;
        out.index = -1;
        out.scale = 1;
        out.disp = 0;
        out.dispBytes = 0;
        int segOv = ((pfx >> Instruction.SEG_SHIFT) & 7) - 1;
        out.segment = segOv >= 0 ? segOv : Instruction.DS;
        out.rm = 0;
        out.rmHigh8 = false;
        if (OpcodeTable.HAS_MODRM[slot]) {
            if ((modrm >> 6) == 3 || c.modIgnored) {
                int rm = (modrm & 7) | ((rex & 1) << 3);
                out.rm = rm;
                out.rmHigh8 = c.rmByte && rex == 0 && rm >= 4 && rm < 8;
            } else {
                pos = as == 16 ? modrm16(code, pos, end, modrm, segOv, out)
                        : modrm32(code, pos, end, modrm, rex, as, segOv, out);
                if (pos < 0) {
                    return ranOut(full, out, -pos - offset);
                }
            }
        }
        // immediates; the one-byte kinds inline, the rest in immediate()
        int k1 = c.imm1;
        if (k1 != Candidate.IMM_NONE && k1 <= Candidate.IMM_IBS && c.imm2 == Candidate.IMM_NONE && pos < end) {
            out.imm = k1 == Candidate.IMM_IB ? code[pos] & 0xff : code[pos];
            pos++;
        } else if (k1 != Candidate.IMM_NONE) {
            pos = immediate(code, pos, end, c.imm1, os, as, out, false);
            if (pos < 0) {
                return ranOut(full, out, -pos - offset);
            }
            if (c.imm2 != Candidate.IMM_NONE) {
                pos = immediate(code, pos, end, c.imm2, os, as, out, true);
                if (pos < 0) {
                    return ranOut(full, out, -pos - offset);
                }
            }
        }
        int len = pos - offset;
        out.length = len;
        if ((pfx & Instruction.P_LOCK) != 0 && (!form.lockable() || !out.memory)) {
            out.lockViolation = true;
            return INVALID;
        }
        return len;
    }

    /** 16-bit ModRM memory operand (SDM Vol. 2, Table 2-1). Returns the new position, or -(position) if out of bytes. */
    private static int modrm16(byte[] code, int pos, int end, int modrm, int segOv, Instruction out) {
        int mod = modrm >> 6;
        int rm = modrm & 7;
        out.memory = true;
        boolean ss = false;
        switch (rm) {
            case 0 -> { out.base = 3; out.index = 6; }
            case 1 -> { out.base = 3; out.index = 7; }
            case 2 -> { out.base = 5; out.index = 6; ss = true; }
            case 3 -> { out.base = 5; out.index = 7; ss = true; }
            case 4 -> out.index = 6;
            case 5 -> out.index = 7;
            case 6 -> { if (mod != 0) { out.base = 5; ss = true; } }
            default -> out.base = 3;
        }
        // SI/DI alone are reported as base for readability: [si], [di]
        if (out.base < 0 && out.index >= 0) {
            out.base = out.index;
            out.index = -1;
        }
        if (segOv < 0 && ss) {
            out.segment = Instruction.SS;
        }
        if (mod == 1) {
            if (pos >= end) return -pos;
            out.disp = code[pos++];
            out.dispBytes = 1;
        } else if (mod == 2 || (mod == 0 && rm == 6)) {
            if (pos + 2 > end) return -end;
            out.disp = (short) ((code[pos] & 0xff) | (code[pos + 1] << 8));
            out.dispBytes = 2;
            pos += 2;
        }
        return pos;
    }

    /** 32/64-bit ModRM/SIB memory operand (SDM Vol. 2, Tables 2-2, 2-3, 2.2.1.6 RIP-relative). */
    private int modrm32(byte[] code, int pos, int end, int modrm, int rex, int as, int segOv, Instruction out) {
        int mod = modrm >> 6;
        int rm = modrm & 7;
        out.memory = true;
        int base;
        boolean disp32 = mod == 2;
        if (rm == 4) {
            if (pos >= end) return -pos;
            int sib = code[pos++] & 0xff;
            int idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
            if (idx != 4) {
                out.index = idx;
                out.scale = 1 << (sib >> 6);
            } else {
                out.scale = 1 << (sib >> 6);
            }
            int sb = sib & 7;
            if (sb == 5 && mod == 0) {
                base = -1;
                disp32 = true;
            } else {
                base = sb | ((rex & 1) << 3);
            }
        } else if (rm == 5 && mod == 0) {
            base = -1;
            disp32 = true;
            out.ripRelative = mode64;
        } else {
            base = rm | ((rex & 1) << 3);
        }
        out.base = base;
        if (segOv < 0 && (base == 4 || base == 5)) {
            out.segment = Instruction.SS;
        }
        if (mod == 1) {
            if (pos >= end) return -pos;
            out.disp = code[pos++];
            out.dispBytes = 1;
        } else if (disp32) {
            if (pos + 4 > end) return -end;
            out.dispBytes = 4;
            out.disp = (code[pos] & 0xff) | (code[pos + 1] & 0xff) << 8 | (code[pos + 2] & 0xff) << 16
                    | code[pos + 3] << 24;
            pos += 4;
        }
        return pos;
    }

    private static int immediate(byte[] code, int pos, int end, int kind, int os, int as, Instruction out, boolean second) {
        long v;
        switch (kind) {
            case Candidate.IMM_IB, Candidate.IMM_IBS, Candidate.IMM_JB -> {
                if (pos >= end) return -pos;
                v = kind == Candidate.IMM_IB ? code[pos] & 0xff : code[pos];
                pos++;
            }
            case Candidate.IMM_IW -> {
                if (pos + 2 > end) return -end;
                v = (code[pos] & 0xff) | (code[pos + 1] & 0xff) << 8;
                pos += 2;
            }
            case Candidate.IMM_IZ, Candidate.IMM_JZ -> {
                if (os == 16) {
                    if (pos + 2 > end) return -end;
                    v = (short) ((code[pos] & 0xff) | (code[pos + 1] << 8));
                    pos += 2;
                } else {
                    if (pos + 4 > end) return -end;
                    v = le32(code, pos);
                    pos += 4;
                }
            }
            case Candidate.IMM_IV -> {
                if (os == 16) {
                    if (pos + 2 > end) return -end;
                    v = (code[pos] & 0xff) | (code[pos + 1] & 0xff) << 8;
                    pos += 2;
                } else if (os == 32) {
                    if (pos + 4 > end) return -end;
                    v = le32(code, pos) & 0xffffffffL;
                    pos += 4;
                } else {
                    if (pos + 8 > end) return -end;
                    v = (le32(code, pos) & 0xffffffffL) | ((long) le32(code, pos + 4) << 32);
                    pos += 8;
                }
            }
            case Candidate.IMM_MOFFS -> {
                int n = as / 8;
                if (pos + n > end) return -end;
                long a = 0;
                for (int i = n - 1; i >= 0; i--) {
                    a = a << 8 | (code[pos + i] & 0xff);
                }
                pos += n;
                out.memory = true;
                out.disp = a;
                out.dispBytes = n;
                return pos;
            }
            default -> { // far pointer: offset (16 or 32 bits) then selector
                int n = os == 16 ? 2 : 4;
                if (pos + n + 2 > end) return -end;
                long a = 0;
                for (int i = n - 1; i >= 0; i--) {
                    a = a << 8 | (code[pos + i] & 0xff);
                }
                out.imm = a;
                out.imm2 = (code[pos + n] & 0xff) | (code[pos + n + 1] & 0xff) << 8;
                return pos + n + 2;
            }
        }
        if (second) {
            out.imm2 = v;
        } else {
            out.imm = v;
        }
        return pos;
    }

    static int le32(byte[] code, int pos) {
        return (code[pos] & 0xff) | (code[pos + 1] & 0xff) << 8 | (code[pos + 2] & 0xff) << 16 | code[pos + 3] << 24;
    }

    boolean mode64() {
        return mode64;
    }

    /** Shared ModRM memory decoding for the VEX/EVEX path. */
    int memoryOperand(byte[] code, int pos, int end, int modrm, int rex, int as, int segOv, Instruction out) {
        return as == 16 ? modrm16(code, pos, end, modrm, segOv, out) : modrm32(code, pos, end, modrm, rex, as, segOv, out);
    }
}
