package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.ea;
import static org.hot86.cpu.interp.Operands.imm;
import static org.hot86.cpu.interp.Operands.readE;
import static org.hot86.cpu.interp.Operands.readG;
import static org.hot86.cpu.interp.Operands.readRmw;
import static org.hot86.cpu.interp.Operands.writeE;
import static org.hot86.cpu.interp.Operands.writeG;

import java.util.Map;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.cpu.semantics.BitOps;
import org.hot86.cpu.semantics.Conditions;
import org.hot86.cpu.semantics.DataMovement;
import org.hot86.cpu.semantics.Exchange;
import org.hot86.cpu.semantics.FlagControl;
import org.hot86.cpu.semantics.Segmentation;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for data transfer (SDM Vol. 1, 7.3.1): MOV and its forms, LEA, XCHG, the
 * sign/zero extensions, CMOVcc, the exchange family (XADD, CMPXCHG, CMPXCHG8B/16B),
 * BSWAP, MOVBE, XLAT, LAHF/SAHF, and the no-operation forms (NOP, PAUSE, hint NOPs,
 * prefetches, fences, ENDBR).
 */
final class DataMovementExec {
    private DataMovementExec() {
    }

    static int dataSeg(Instruction i) {
        int o = i.segmentOverride();
        return o >= 0 ? o : CpuState.DS;
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.MOV_Eb_Gb, (s, i) -> writeE(s, i, 8, readG(s, i, 8)));
        m.put(Form.MOV_Ev_Gv, (s, i) -> writeE(s, i, i.operandSize(), readG(s, i, i.operandSize())));
        m.put(Form.MOV_Gb_Eb, (s, i) -> writeG(s, i, 8, readE(s, i, 8)));
        m.put(Form.MOV_Gv_Ev, (s, i) -> writeG(s, i, i.operandSize(), readE(s, i, i.operandSize())));
        m.put(Form.MOV_AL_Ob, (s, i) -> s.writeReg(0, 8, false, readE(s, i, 8)));
        m.put(Form.MOV_rAX_Ov, (s, i) -> s.writeReg(0, i.operandSize(), false, readE(s, i, i.operandSize())));
        m.put(Form.MOV_Ob_AL, (s, i) -> writeE(s, i, 8, s.gpr[0]));
        m.put(Form.MOV_Ov_rAX, (s, i) -> writeE(s, i, i.operandSize(), s.gpr[0]));
        m.put(Form.MOV_Zb_Ib, (s, i) -> s.writeReg(i.reg(), 8, i.regIsHigh8(), i.immediate()));
        m.put(Form.MOV_Zv_Iv, (s, i) -> s.writeReg(i.reg(), i.operandSize(), false, imm(i, i.operandSize())));
        m.put(Form.MOV_Eb_Ib, (s, i) -> writeE(s, i, 8, i.immediate()));
        m.put(Form.MOV_Ev_Iz, (s, i) -> writeE(s, i, i.operandSize(), imm(i, i.operandSize())));
        // MOV r/m, Sreg: a register destination receives the selector zero-extended to the
        // operand size; a memory destination is always 16 bits (SDM MOV, "Operation").
        m.put(Form.MOV_Ev_Sw, (s, i) -> {
            if (i.reg() > 5) {
                throw CpuFault.INVALID_OPCODE;
            }
            long sel = s.seg[i.reg()].selector;
            writeE(s, i, i.hasMemory() ? 16 : i.operandSize(), sel);
        });
        // MOV Sreg, r/m16: CS cannot be loaded (#UD); the others go through the descriptor checks.
        m.put(Form.MOV_Sw_Ew, (s, i) -> {
            int seg = i.reg();
            if (seg == CpuState.CS || seg > 5) {
                throw CpuFault.INVALID_OPCODE;
            }
            Segmentation.loadDataSegment(s, seg, (int) readE(s, i, 16));
        });
        // LDS/LES/LFS/LGS/LSS r, m16:offset: offset first, then the selector; the register is
        // written only after the segment load succeeded.
        m.put(Form.LES_Gz_Mp, (s, i) -> farLoad(s, i, CpuState.ES));
        m.put(Form.LDS_Gz_Mp, (s, i) -> farLoad(s, i, CpuState.DS));
        m.put(Form.LSS_Gv_Mp, (s, i) -> farLoad(s, i, CpuState.SS));
        m.put(Form.LFS_Gv_Mp, (s, i) -> farLoad(s, i, CpuState.FS));
        m.put(Form.LGS_Gv_Mp, (s, i) -> farLoad(s, i, CpuState.GS));
        m.put(Form.LAR_Gv_Ew, (s, i) -> {
            long r = Segmentation.lar(s, (int) readE(s, i, 16));
            if (r != BitOps.NO_WRITE) {
                writeG(s, i, i.operandSize(), i.operandSize() == 16 ? r & 0xFF00 : r);
            }
        });
        m.put(Form.LSL_Gv_Ew, (s, i) -> {
            long r = Segmentation.lsl(s, (int) readE(s, i, 16));
            if (r != BitOps.NO_WRITE) {
                writeG(s, i, i.operandSize(), r);
            }
        });
        m.put(Form.VERR_Ew, (s, i) -> Segmentation.verify(s, (int) readE(s, i, 16), false));
        m.put(Form.VERW_Ew, (s, i) -> Segmentation.verify(s, (int) readE(s, i, 16), true));
        m.put(Form.LEA_Gv_M, (s, i) -> writeG(s, i, i.operandSize(), ea(s, i)));
        m.put(Form.XCHG_Eb_Gb, (s, i) -> {
            long a = readRmw(s, i, 8), b = readG(s, i, 8);
            writeE(s, i, 8, b);
            writeG(s, i, 8, a);
        });
        m.put(Form.XCHG_Ev_Gv, (s, i) -> {
            int z = i.operandSize();
            long a = readRmw(s, i, z), b = readG(s, i, z);
            writeE(s, i, z, b);
            writeG(s, i, z, a);
        });
        m.put(Form.XCHG_Zv_rAX, (s, i) -> {
            int z = i.operandSize();
            long a = s.readReg(i.reg(), z, false), b = s.readReg(0, z, false);
            s.writeReg(i.reg(), z, false, b);
            s.writeReg(0, z, false, a);
        });
        Exec nop = (s, i) -> { };
        for (Form f : new Form[] {Form.NOP, Form.PAUSE, Form.NOP_Ev, Form.PREFETCHNTA_Mb, Form.PREFETCHT0_Mb,
                Form.PREFETCHT1_Mb, Form.PREFETCHT2_Mb, Form.PREFETCH_Mb, Form.PREFETCHW_Mb, Form.ENDBR64,
                Form.ENDBR32, Form.LFENCE, Form.MFENCE, Form.SFENCE}) {
            m.put(f, nop);
        }
        // CLFLUSH: no cache to flush, but the access is checked like a byte read (SDM CLFLUSH).
        m.put(Form.CLFLUSH_Mb, (s, i) -> readE(s, i, 8));
        m.put(Form.CBW, (s, i) -> DataMovement.cbw(s, i.operandSize()));
        m.put(Form.CWD, (s, i) -> DataMovement.cwd(s, i.operandSize()));
        m.put(Form.MOVSXD_Gv_Ed, (s, i) -> writeG(s, i, i.operandSize(),
                DataMovement.movsx(readE(s, i, 32), 32, i.operandSize())));
        m.put(Form.MOVZX_Gv_Eb, (s, i) -> writeG(s, i, i.operandSize(), readE(s, i, 8)));
        m.put(Form.MOVZX_Gv_Ew, (s, i) -> writeG(s, i, i.operandSize(), readE(s, i, 16)));
        m.put(Form.MOVSX_Gv_Eb, (s, i) -> writeG(s, i, i.operandSize(),
                DataMovement.movsx(readE(s, i, 8), 8, i.operandSize())));
        m.put(Form.MOVSX_Gv_Ew, (s, i) -> writeG(s, i, i.operandSize(),
                DataMovement.movsx(readE(s, i, 16), 16, i.operandSize())));
        // CMOVcc reads its source even when the condition is false; with a 32-bit operand in
        // 64-bit mode the destination's upper half is cleared either way (SDM CMOVcc).
        m.put(Form.CMOVCC_Gv_Ev, (s, i) -> {
            int z = i.operandSize();
            long v = readE(s, i, z);
            writeG(s, i, z, Conditions.test(s, i.condition()) ? v : readG(s, i, z));
        });
        m.put(Form.XADD_Eb_Gb, (s, i) -> xadd(s, i, 8));
        m.put(Form.XADD_Ev_Gv, (s, i) -> xadd(s, i, i.operandSize()));
        m.put(Form.CMPXCHG_Eb_Gb, (s, i) -> cmpxchg(s, i, 8));
        m.put(Form.CMPXCHG_Ev_Gv, (s, i) -> cmpxchg(s, i, i.operandSize()));
        m.put(Form.CMPXCHG8B_Mq, (s, i) -> {
            long off = ea(s, i);
            Exchange.cmpxchg8b16b(s, i.segment(), off, off, false);
        });
        m.put(Form.CMPXCHG16B_Mdq, (s, i) -> {
            long off = ea(s, i);
            Exchange.cmpxchg8b16b(s, i.segment(), off, Memory.linear(s, i.segment(), off), true);
        });
        m.put(Form.BSWAP_Zy, (s, i) -> {
            int z = i.operandSize();
            if (z == 16) {
                s.writeReg(i.reg(), 16, false, 0); // undefined in the SDM; real CPUs give 0
            } else {
                s.writeReg(i.reg(), z, false, BitOps.bswap(z, s.gpr[i.reg()]));
            }
        });
        m.put(Form.MOVBE_Gv_Mv, (s, i) -> {
            int z = i.operandSize();
            writeG(s, i, z, swap(z, readE(s, i, z)));
        });
        m.put(Form.MOVBE_Mv_Gv, (s, i) -> {
            int z = i.operandSize();
            writeE(s, i, z, swap(z, readG(s, i, z)));
        });
        m.put(Form.MOVNTI_My_Gy, (s, i) -> writeE(s, i, i.operandSize(), readG(s, i, i.operandSize())));
        m.put(Form.XLAT, (s, i) -> {
            long off = (s.gpr[CpuState.RBX] + (s.gpr[0] & 0xFF)) & Flags.mask(i.addressSize());
            s.writeReg(0, 8, false, Memory.read(s, dataSeg(i), off, 8));
        });
        m.put(Form.LAHF, (s, i) -> FlagControl.lahf(s));
        // BOUND r, m: #BR (a fault) unless lower <= index <= upper, all signed (SDM BOUND).
        m.put(Form.BOUND_Gv_Ma, (s, i) -> {
            int z = i.operandSize();
            long off = ea(s, i);
            long lower = Flags.sext(Memory.read(s, i.segment(), off, z), z);
            long upper = Flags.sext(Memory.read(s, i.segment(), (off + z / 8) & Flags.mask(i.addressSize()), z), z);
            long index = Flags.sext(readG(s, i, z), z);
            if (index < lower || index > upper) {
                throw CpuFault.BOUND_RANGE;
            }
        });
        // ARPL r/m16, r16: raise the destination selector's RPL to the source's (SDM ARPL); only ZF changes.
        m.put(Form.ARPL_Ew_Gw, (s, i) -> {
            long d = readE(s, i, 16); // a plain read: the host reports W = 0 when it faults
            long src = readG(s, i, 16);
            s.materialize();
            if ((d & 3) < (src & 3)) {
                writeE(s, i, 16, (d & ~3L) | (src & 3));
                s.rflags |= Flags.ZF;
            } else {
                s.rflags &= ~Flags.ZF;
            }
        });
        m.put(Form.SAHF, (s, i) -> FlagControl.sahf(s));
    }

    private static void farLoad(CpuState s, Instruction i, int seg) {
        int z = i.operandSize();
        long off = ea(s, i);
        long offset = Memory.read(s, i.segment(), off, z);
        int sel = (int) Memory.read(s, i.segment(), (off + z / 8) & Flags.mask(i.addressSize()), 16);
        Segmentation.loadDataSegment(s, seg, sel);
        writeG(s, i, z, offset);
    }

    static long swap(int size, long v) {
        return switch (size) {
            case 16 -> Short.reverseBytes((short) v) & 0xFFFFL;
            case 32 -> Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
            default -> Long.reverseBytes(v);
        };
    }

    /**
     * CMPXCHG: a register destination that does not match is left unwritten (so a 32-bit
     * destination keeps its upper half); the accumulator is written last because it may be
     * an address register of the memory operand.
     */
    private static void cmpxchg(CpuState s, Instruction i, int z) {
        long d = readRmw(s, i, z);
        long src = readG(s, i, z);
        if (Exchange.cmpxchg(s, z, d)) {
            writeE(s, i, z, src);
        } else {
            if (i.hasMemory()) {
                writeE(s, i, z, d);
            }
            s.writeReg(CpuState.RAX, z, false, d);
        }
    }

    /** XADD: TEMP = SRC + DEST; SRC = DEST; DEST = TEMP (so with equal registers the sum wins). */
    private static void xadd(CpuState s, Instruction i, int z) {
        long d = readRmw(s, i, z);
        long sum = Exchange.xadd(s, z, d, readG(s, i, z));
        if (i.hasMemory()) {
            writeE(s, i, z, sum);
            writeG(s, i, z, d);
        } else {
            writeG(s, i, z, d);
            writeE(s, i, z, sum);
        }
    }
}
