package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.ea;
import static org.hot86.cpu.interp.Operands.writeE;

import java.util.Map;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.cpu.semantics.FarTransfer;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Far control transfers (SDM Vol. 2 JMP/CALL/RET/IRET far forms, see {@link FarTransfer})
 * and the unprivileged system-register stores SLDT, STR, SGDT, SIDT, SMSW (SDM Vol. 2; Vol.
 * 3A 2.8), which raise #GP(0) at CPL &gt; 0 when CR4.UMIP is set.
 */
final class SystemExec {
    private SystemExec() {
    }

    /** The linear-offset {@code n} bytes past the memory operand, wrapped to the address size. */
    private static long at(CpuState s, Instruction i, int n) {
        return (ea(s, i) + n) & Flags.mask(i.addressSize());
    }

    private static void umip(CpuState s) {
        if (s.cpl > 0 && (s.cr4 & CpuState.CR4_UMIP) != 0) {
            throw CpuFault.GP0;
        }
    }

    /** SLDT/STR: protected mode only; a register destination gets the zero-extended selector, memory 16 bits. */
    private static void storeSelector(CpuState s, Instruction i, int sel) {
        if (s.mode == CpuMode.REAL) {
            throw CpuFault.INVALID_OPCODE;
        }
        umip(s);
        writeE(s, i, i.hasMemory() ? 16 : i.operandSize(), sel & 0xFFFF);
    }

    /** SGDT/SIDT: limit (16 bits) then base (64 bits in 64-bit mode, else 32). */
    private static void storeTable(CpuState s, Instruction i, int limit, long base) {
        umip(s);
        int bsize = s.mode == CpuMode.LONG_64 ? 64 : 32;
        Memory.readForWrite(s, i.segment(), at(s, i, 2), bsize);
        Memory.write(s, i.segment(), at(s, i, 0), 16, limit & 0xFFFF);
        Memory.write(s, i.segment(), at(s, i, 2), bsize, base);
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.JMPF_Ap, (s, i) -> FarTransfer.jmp(s, i.operandSize(), (int) i.immediate2(), i.immediate()));
        m.put(Form.CALLF_Ap, (s, i) -> FarTransfer.call(s, i.operandSize(), (int) i.immediate2(), i.immediate()));
        m.put(Form.JMPF_Mp, (s, i) -> {
            int size = i.operandSize();
            long off = Memory.read(s, i.segment(), at(s, i, 0), size);
            int sel = (int) Memory.read(s, i.segment(), at(s, i, size / 8), 16);
            FarTransfer.jmp(s, size, sel, off);
        });
        m.put(Form.CALLF_Mp, (s, i) -> {
            int size = i.operandSize();
            long off = Memory.read(s, i.segment(), at(s, i, 0), size);
            int sel = (int) Memory.read(s, i.segment(), at(s, i, size / 8), 16);
            FarTransfer.call(s, size, sel, off);
        });
        m.put(Form.RETF, (s, i) -> FarTransfer.ret(s, i.operandSize(), 0));
        m.put(Form.RETF_Iw, (s, i) -> FarTransfer.ret(s, i.operandSize(), (int) i.immediate() & 0xFFFF));
        m.put(Form.IRET, (s, i) -> FarTransfer.iret(s, i.operandSize()));
        m.put(Form.SLDT_Ev, (s, i) -> storeSelector(s, i, s.ldtr.selector));
        m.put(Form.STR_Ev, (s, i) -> storeSelector(s, i, s.tr.selector));
        m.put(Form.SGDT_Ms, (s, i) -> storeTable(s, i, s.gdtLimit, s.gdtBase));
        m.put(Form.SIDT_Ms, (s, i) -> storeTable(s, i, s.idtLimit, s.idtBase));
        m.put(Form.SMSW_Ev, (s, i) -> {
            umip(s);
            int size = i.hasMemory() ? 16 : i.operandSize();
            writeE(s, i, size, s.cr0 & Flags.mask(size));
        });
    }
}
