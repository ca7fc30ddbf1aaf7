package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.ea;
import static org.hot86.cpu.interp.Operands.readE;
import static org.hot86.cpu.interp.Operands.readG;
import static org.hot86.cpu.interp.Operands.readRmw;
import static org.hot86.cpu.interp.Operands.writeE;
import static org.hot86.cpu.interp.Operands.writeG;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.cpu.semantics.BitOps;
import org.hot86.cpu.semantics.Conditions;
import org.hot86.cpu.semantics.ShiftRotate;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for shifts and rotates (SDM Vol. 1, 7.3.6: group 2, SHLD, SHRD) and bit and
 * byte instructions (7.3.7: BT/BTS/BTR/BTC, BSF/BSR, POPCNT, LZCNT, TZCNT, SETcc).
 */
final class ShiftBitExec {
    private ShiftBitExec() {
    }

    interface Shift {
        long apply(CpuState s, int size, long v, long count);
    }

    private static final String[] GROUP2 = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAR"};
    private static final Shift[] GROUP2_OPS = {ShiftRotate::rol, ShiftRotate::ror, ShiftRotate::rcl,
            ShiftRotate::rcr, ShiftRotate::shl, ShiftRotate::shr, ShiftRotate::sar};

    static void register(Map<Form, Exec> m) {
        for (int k = 0; k < GROUP2.length; k++) {
            Shift op = GROUP2_OPS[k];
            String n = GROUP2[k] + "_";
            m.put(Form.valueOf(n + "Eb_Ib"), (s, i) -> writeE(s, i, 8, op.apply(s, 8, readRmw(s, i, 8), i.immediate())));
            m.put(Form.valueOf(n + "Eb_1"), (s, i) -> writeE(s, i, 8, op.apply(s, 8, readRmw(s, i, 8), 1)));
            m.put(Form.valueOf(n + "Eb_CL"), (s, i) -> writeE(s, i, 8, op.apply(s, 8, readRmw(s, i, 8), s.gpr[1])));
            m.put(Form.valueOf(n + "Ev_Ib"), (s, i) -> shiftEv(s, i, op, i.immediate()));
            m.put(Form.valueOf(n + "Ev_1"), (s, i) -> shiftEv(s, i, op, 1));
            m.put(Form.valueOf(n + "Ev_CL"), (s, i) -> shiftEv(s, i, op, s.gpr[1]));
        }
        m.put(Form.SHLD_Ev_Gv_Ib, (s, i) -> shld(s, i, true, i.immediate()));
        m.put(Form.SHLD_Ev_Gv_CL, (s, i) -> shld(s, i, true, s.gpr[1]));
        m.put(Form.SHRD_Ev_Gv_Ib, (s, i) -> shld(s, i, false, i.immediate()));
        m.put(Form.SHRD_Ev_Gv_CL, (s, i) -> shld(s, i, false, s.gpr[1]));

        m.put(Form.BT_Ev_Gv, (s, i) -> bitOp(s, i, 0, readG(s, i, i.operandSize()), true));
        m.put(Form.BTS_Ev_Gv, (s, i) -> bitOp(s, i, 1, readG(s, i, i.operandSize()), true));
        m.put(Form.BTR_Ev_Gv, (s, i) -> bitOp(s, i, 2, readG(s, i, i.operandSize()), true));
        m.put(Form.BTC_Ev_Gv, (s, i) -> bitOp(s, i, 3, readG(s, i, i.operandSize()), true));
        m.put(Form.BT_Ev_Ib, (s, i) -> bitOp(s, i, 0, i.immediate() & 0xFF, false));
        m.put(Form.BTS_Ev_Ib, (s, i) -> bitOp(s, i, 1, i.immediate() & 0xFF, false));
        m.put(Form.BTR_Ev_Ib, (s, i) -> bitOp(s, i, 2, i.immediate() & 0xFF, false));
        m.put(Form.BTC_Ev_Ib, (s, i) -> bitOp(s, i, 3, i.immediate() & 0xFF, false));
        m.put(Form.BSF_Gv_Ev, (s, i) -> {
            int z = i.operandSize();
            long r = BitOps.bsf(s, z, readE(s, i, z));
            if (r != BitOps.NO_WRITE) {
                writeG(s, i, z, r);
            }
        });
        m.put(Form.BSR_Gv_Ev, (s, i) -> {
            int z = i.operandSize();
            long r = BitOps.bsr(s, z, readE(s, i, z));
            if (r != BitOps.NO_WRITE) {
                writeG(s, i, z, r);
            }
        });
        m.put(Form.POPCNT_Gv_Ev, (s, i) -> writeG(s, i, i.operandSize(),
                BitOps.popcnt(s, i.operandSize(), readE(s, i, i.operandSize()))));
        m.put(Form.LZCNT_Gv_Ev, (s, i) -> writeG(s, i, i.operandSize(),
                BitOps.lzcnt(s, i.operandSize(), readE(s, i, i.operandSize()))));
        m.put(Form.TZCNT_Gv_Ev, (s, i) -> writeG(s, i, i.operandSize(),
                BitOps.tzcnt(s, i.operandSize(), readE(s, i, i.operandSize()))));
        m.put(Form.SETCC_Eb, (s, i) -> writeE(s, i, 8, Conditions.test(s, i.condition()) ? 1 : 0));
    }

    private static void shiftEv(CpuState s, Instruction i, Shift op, long count) {
        int z = i.operandSize();
        long v = readRmw(s, i, z);
        long r = op.apply(s, z, v, count);
        // The destination is written even for a zero count (a 32-bit register is zero-extended).
        writeE(s, i, z, r);
    }

    private static void shld(CpuState s, Instruction i, boolean left, long count) {
        int z = i.operandSize();
        long d = readRmw(s, i, z), src = readG(s, i, z);
        writeE(s, i, z, left ? ShiftRotate.shld(s, z, d, src, count) : ShiftRotate.shrd(s, z, d, src, count));
    }

    /**
     * BT family. With a register bit offset and a memory operand the offset is a signed
     * value that can address any bit relative to the operand's address (SDM BT, "bit
     * offset operand"): the address moves by (offset SAR log2(size)) * size/8 bytes.
     */
    private static void bitOp(CpuState s, Instruction i, int kind, long bit, boolean regOffset) {
        int z = i.operandSize();
        if (!i.hasMemory()) {
            long d = readE(s, i, z);
            long r = apply(s, kind, z, d, bit);
            if (kind != 0) {
                writeE(s, i, z, r);
            }
            return;
        }
        long off = ea(s, i);
        if (regOffset) {
            long sbit = Flags.sext(bit, z);
            int shift = Integer.numberOfTrailingZeros(z);
            off += (sbit >> shift) * (z / 8);
            off &= Flags.mask(i.addressSize());
            bit = sbit & (z - 1);
        }
        long d = kind == 0 ? Memory.read(s, i.segment(), off, z) : Memory.readForWrite(s, i.segment(), off, z);
        long r = apply(s, kind, z, d, bit);
        if (kind != 0) {
            Memory.write(s, i.segment(), off, z, r);
        }
    }

    private static long apply(CpuState s, int kind, int z, long d, long bit) {
        return switch (kind) {
            case 0 -> {
                BitOps.bt(s, z, d, bit);
                yield d;
            }
            case 1 -> BitOps.bts(s, z, d, bit);
            case 2 -> BitOps.btr(s, z, d, bit);
            default -> BitOps.btc(s, z, d, bit);
        };
    }
}
