package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.readE;

import java.util.Map;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.semantics.Conditions;
import org.hot86.cpu.semantics.Cpuid;
import org.hot86.cpu.semantics.FlagControl;
import org.hot86.cpu.semantics.Stack;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for control transfer (SDM Vol. 1, 7.3.8: near JMP/Jcc/CALL/RET, LOOPcc,
 * JrCXZ, INT3/INTO/INT n/INT1, UD0-2), flag control (7.3.13), I/O (7.3.10 / chapter 19)
 * and the miscellaneous user-level instructions CPUID, RDTSC and SYSCALL (as an exit to
 * the runtime). Privileged forms (table attribute {@code cpl0}) raise #GP(0) at CPL &gt; 0.
 */
final class ControlExec {
    private ControlExec() {
    }

    static long target(CpuState s, Instruction i) {
        return canonical(s, i.branchTarget(s.rip - i.length()));
    }

    /**
     * Truncates a new RIP to the operand size outside 64-bit mode (SDM JMP "Operation"); in
     * 64-bit mode a non-canonical target raises #GP(0) at the branch itself.
     */
    static long ripOf(CpuState s, int size, long v) {
        return s.mode == CpuMode.LONG_64 && size == 64 ? canonical(s, v) : v & Flags.mask(size);
    }

    private static long canonical(CpuState s, long v) {
        if (s.mode == CpuMode.LONG_64 && (v << 16 >> 16) != v) {
            throw CpuFault.GP0;
        }
        return v;
    }

    static long count(CpuState s, Instruction i) {
        return s.gpr[CpuState.RCX] & Flags.mask(i.addressSize());
    }

    static void ioCheck(CpuState s) {
        long iopl = (s.rflags & Flags.IOPL) >>> 12;
        if (s.cpl > iopl && s.mode != CpuMode.REAL) {
            throw CpuFault.GP0;
        }
    }

    static void register(Map<Form, Exec> m) {
        Exec jcc = (s, i) -> {
            if (Conditions.test(s, i.condition())) {
                s.rip = target(s, i);
            }
        };
        m.put(Form.JCC_Jb, jcc);
        m.put(Form.JCC_Jz, jcc);
        Exec jmp = (s, i) -> s.rip = target(s, i);
        m.put(Form.JMP_Jb, jmp);
        m.put(Form.JMP_Jz, jmp);
        m.put(Form.JMP_Ev, (s, i) -> s.rip = ripOf(s, i.operandSize(), readE(s, i, i.operandSize())));
        m.put(Form.CALL_Jz, (s, i) -> {
            long t = target(s, i);
            Stack.push(s, i.operandSize(), s.rip);
            s.rip = t;
        });
        m.put(Form.CALL_Ev, (s, i) -> {
            long t = ripOf(s, i.operandSize(), readE(s, i, i.operandSize()));
            Stack.push(s, i.operandSize(), s.rip);
            s.rip = t;
        });
        m.put(Form.RET, (s, i) -> s.rip = ripOf(s, i.operandSize(), Stack.pop(s, i.operandSize())));
        m.put(Form.RET_Iw, (s, i) -> {
            long t = Stack.pop(s, i.operandSize());
            Stack.adjust(s, i.immediate() & 0xFFFF);
            s.rip = ripOf(s, i.operandSize(), t);
        });
        m.put(Form.LOOP_Jb, (s, i) -> loop(s, i, 0));
        m.put(Form.LOOPE_Jb, (s, i) -> loop(s, i, 1));
        m.put(Form.LOOPNE_Jb, (s, i) -> loop(s, i, 2));
        m.put(Form.JRCXZ_Jb, (s, i) -> {
            if (count(s, i) == 0) {
                s.rip = target(s, i);
            }
        });
        m.put(Form.INT3, (s, i) -> {
            throw CpuFault.BREAKPOINT;
        });
        m.put(Form.INTO, (s, i) -> {
            if (s.of()) {
                throw CpuFault.OVERFLOW;
            }
        });
        m.put(Form.INT1, (s, i) -> {
            throw new CpuFault(CpuFault.DB, 0, 0, true);
        });
        m.put(Form.INT_Ib, (s, i) -> {
            throw new CpuFault((int) i.immediate() & 0xFF, 0, 0, true);
        });
        Exec ud = (s, i) -> {
            throw CpuFault.INVALID_OPCODE;
        };
        m.put(Form.UD2, ud);
        m.put(Form.UD0_Gv_Ev, ud);
        m.put(Form.UD1_Gv_Ev, ud);
        m.put(Form.HLT, (s, i) -> {
            if (s.cpl > 0) {
                throw CpuFault.GP0;
            }
            throw ExitSignal.HALT;
        });
        m.put(Form.CPUID, (s, i) -> Cpuid.cpuid(s));
        // MOV to/from CRn: an undefined control register is #UD before the privilege check
        // (SDM MOV-Control Registers, "Protected Mode Exceptions").
        Exec movCr = (s, i) -> {
            int cr = i.reg();
            if (cr != 0 && cr != 2 && cr != 3 && cr != 4 && cr != 8) {
                throw CpuFault.INVALID_OPCODE;
            }
            if (s.cpl > 0) {
                throw CpuFault.GP0;
            }
            throw CpuFault.INVALID_OPCODE; // system mode: not implemented yet
        };
        m.put(Form.MOV_Ry_Cy, movCr);
        m.put(Form.MOV_Cy_Ry, movCr);
        // MOV to/from DRn: DR8-DR15 do not exist (#UD, SDM MOV-Debug Registers).
        Exec movDr = (s, i) -> {
            if (i.reg() >= 8) {
                throw CpuFault.INVALID_OPCODE;
            }
            if (s.cpl > 0) {
                throw CpuFault.GP0;
            }
            throw CpuFault.INVALID_OPCODE; // system mode: not implemented yet
        };
        m.put(Form.MOV_Ry_Dy, movDr);
        m.put(Form.MOV_Dy_Ry, movDr);
        m.put(Form.RDTSC, (s, i) -> {
            if ((s.cr4 & 4) != 0 && s.cpl > 0) {
                throw CpuFault.GP0; // CR4.TSD
            }
            long t = s.tscOffset + s.instructionsRetired;
            s.gpr[CpuState.RAX] = t & 0xFFFFFFFFL;
            s.gpr[CpuState.RDX] = t >>> 32;
        });
        m.put(Form.SYSCALL, (s, i) -> {
            if (s.mode != CpuMode.LONG_64) {
                throw CpuFault.INVALID_OPCODE;
            }
            throw ExitSignal.SYSCALL;
        });
        m.put(Form.CLC, (s, i) -> FlagControl.clc(s));
        m.put(Form.STC, (s, i) -> FlagControl.stc(s));
        m.put(Form.CMC, (s, i) -> FlagControl.cmc(s));
        m.put(Form.CLD, (s, i) -> FlagControl.cld(s));
        m.put(Form.STD, (s, i) -> FlagControl.std(s));
        m.put(Form.CLI, (s, i) -> {
            ioCheck(s);
            s.rflags &= ~Flags.IF;
        });
        m.put(Form.STI, (s, i) -> {
            ioCheck(s);
            s.rflags |= Flags.IF;
        });
        m.put(Form.IN_AL_Ib, (s, i) -> in(s, (int) i.immediate() & 0xFF, 8));
        m.put(Form.IN_eAX_Ib, (s, i) -> in(s, (int) i.immediate() & 0xFF, i.operandSize() == 16 ? 16 : 32));
        m.put(Form.IN_AL_DX, (s, i) -> in(s, (int) s.gpr[CpuState.RDX] & 0xFFFF, 8));
        m.put(Form.IN_eAX_DX, (s, i) -> in(s, (int) s.gpr[CpuState.RDX] & 0xFFFF, i.operandSize() == 16 ? 16 : 32));
        m.put(Form.OUT_Ib_AL, (s, i) -> out(s, (int) i.immediate() & 0xFF, 8));
        m.put(Form.OUT_Ib_eAX, (s, i) -> out(s, (int) i.immediate() & 0xFF, i.operandSize() == 16 ? 16 : 32));
        m.put(Form.OUT_DX_AL, (s, i) -> out(s, (int) s.gpr[CpuState.RDX] & 0xFFFF, 8));
        m.put(Form.OUT_DX_eAX, (s, i) -> out(s, (int) s.gpr[CpuState.RDX] & 0xFFFF, i.operandSize() == 16 ? 16 : 32));
    }

    private static void in(CpuState s, int port, int size) {
        ioCheck(s);
        s.writeReg(CpuState.RAX, size, false, s.io.in(port, size) & Flags.mask(size));
    }

    private static void out(CpuState s, int port, int size) {
        ioCheck(s);
        s.io.out(port, size, (int) s.gpr[CpuState.RAX]);
    }

    /** LOOP (kind 0), LOOPE (1), LOOPNE (2): decrement the count register without touching flags. */
    private static void loop(CpuState s, Instruction i, int kind) {
        int a = i.addressSize();
        long c = (count(s, i) - 1) & Flags.mask(a);
        s.writeReg(CpuState.RCX, a, false, c);
        boolean go = c != 0 && (kind == 0 || (kind == 1) == s.zf());
        if (go) {
            s.rip = target(s, i);
        }
    }
}
