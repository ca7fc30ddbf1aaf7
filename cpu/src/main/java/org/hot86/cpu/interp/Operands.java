package org.hot86.cpu.interp;

import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.decoder.Instruction;

/**
 * Operand access for decoded instructions: effective addresses (Intel SDM Vol. 1, 3.7.5
 * "Specifying an offset"; Vol. 2, 2.1.5 ModRM/SIB; 2.2.1.6 RIP-relative addressing) and
 * reads/writes of ModRM r/m and reg operands.
 */
final class Operands {
    private Operands() {
    }

    /** The effective address (offset within the segment), masked to the address size. */
    static long ea(CpuState s, Instruction i) {
        long a = i.displacement();
        if (i.ripRelative()) {
            a += s.rip;
        }
        if (i.base() >= 0) {
            a += s.gpr[i.base()];
        }
        if (i.index() >= 0) {
            a += s.gpr[i.index()] * i.scale();
        }
        return switch (i.addressSize()) {
            case 16 -> a & 0xFFFF;
            case 32 -> a & 0xFFFFFFFFL;
            default -> a;
        };
    }

    static long readE(CpuState s, Instruction i, int size) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), ea(s, i), size);
        }
        return s.readReg(i.rm(), size, i.rmIsHigh8());
    }

    /** Reads the r/m operand of a read-modify-write instruction (a write-intent access). */
    static long readRmw(CpuState s, Instruction i, int size) {
        if (i.hasMemory()) {
            return Memory.readForWrite(s, i.segment(), ea(s, i), size);
        }
        return s.readReg(i.rm(), size, i.rmIsHigh8());
    }

    /** {@link #readRmw} if {@code store}, else {@link #readE}. */
    static long readE(CpuState s, Instruction i, int size, boolean store) {
        return store ? readRmw(s, i, size) : readE(s, i, size);
    }

    static void writeE(CpuState s, Instruction i, int size, long v) {
        if (i.hasMemory()) {
            Memory.write(s, i.segment(), ea(s, i), size, v);
        } else {
            s.writeReg(i.rm(), size, i.rmIsHigh8(), v);
        }
    }

    static long readG(CpuState s, Instruction i, int size) {
        return s.readReg(i.reg(), size, i.regIsHigh8());
    }

    static void writeG(CpuState s, Instruction i, int size, long v) {
        s.writeReg(i.reg(), size, i.regIsHigh8(), v);
    }

    /** The first immediate masked to {@code size} bits. */
    static long imm(Instruction i, int size) {
        return i.immediate() & Flags.mask(size);
    }
}
