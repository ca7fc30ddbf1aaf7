package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.ea;
import static org.hot86.cpu.interp.Operands.readE;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.cpu.semantics.FlagControl;
import org.hot86.cpu.semantics.Segmentation;
import org.hot86.cpu.semantics.Stack;
import org.hot86.decoder.Form;

/**
 * Executors for stack instructions (SDM Vol. 1, 6.2-6.5): PUSH/POP in all forms
 * (including the segment-register pushes), PUSHA/POPA, PUSHF/POPF, ENTER and LEAVE.
 */
final class StackExec {
    private StackExec() {
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.PUSH_Zv, (s, i) -> Stack.push(s, i.operandSize(), s.gpr[i.reg()]));
        m.put(Form.POP_Zv, (s, i) -> {
            int z = i.operandSize();
            long v = Stack.peek(s, z, 0);
            Stack.adjust(s, z / 8);
            s.writeReg(i.reg(), z, false, v);
        });
        m.put(Form.PUSH_Iz, (s, i) -> Stack.push(s, i.operandSize(), i.immediate()));
        m.put(Form.PUSH_Ibs, (s, i) -> Stack.push(s, i.operandSize(), i.immediate()));
        m.put(Form.PUSH_Ev, (s, i) -> Stack.push(s, i.operandSize(), readE(s, i, i.operandSize())));
        // POP r/m: RSP is incremented before the destination address is computed (SDM POP).
        m.put(Form.POP_Ev, (s, i) -> {
            int z = i.operandSize();
            long v = Stack.peek(s, z, 0);
            if (i.hasMemory()) {
                long old = s.gpr[CpuState.RSP];
                Stack.adjust(s, z / 8);
                try {
                    Memory.write(s, i.segment(), ea(s, i), z, v);
                } catch (RuntimeException e) {
                    s.gpr[CpuState.RSP] = old;
                    throw e;
                }
            } else {
                Stack.adjust(s, z / 8);
                s.writeReg(i.rm(), z, false, v);
            }
        });
        m.put(Form.PUSH_ES, (s, i) -> pushSeg(s, i.operandSize(), CpuState.ES));
        m.put(Form.PUSH_CS, (s, i) -> pushSeg(s, i.operandSize(), CpuState.CS));
        m.put(Form.PUSH_SS, (s, i) -> pushSeg(s, i.operandSize(), CpuState.SS));
        m.put(Form.PUSH_DS, (s, i) -> pushSeg(s, i.operandSize(), CpuState.DS));
        m.put(Form.PUSH_FS, (s, i) -> pushSeg(s, i.operandSize(), CpuState.FS));
        m.put(Form.PUSH_GS, (s, i) -> pushSeg(s, i.operandSize(), CpuState.GS));
        m.put(Form.POP_ES, (s, i) -> popSeg(s, i.operandSize(), CpuState.ES));
        m.put(Form.POP_SS, (s, i) -> popSeg(s, i.operandSize(), CpuState.SS));
        m.put(Form.POP_DS, (s, i) -> popSeg(s, i.operandSize(), CpuState.DS));
        m.put(Form.POP_FS, (s, i) -> popSeg(s, i.operandSize(), CpuState.FS));
        m.put(Form.POP_GS, (s, i) -> popSeg(s, i.operandSize(), CpuState.GS));
        m.put(Form.PUSHA, (s, i) -> Stack.pusha(s, i.operandSize()));
        m.put(Form.POPA, (s, i) -> Stack.popa(s, i.operandSize()));
        m.put(Form.PUSHF, (s, i) -> Stack.push(s, i.operandSize(), FlagControl.pushfValue(s)));
        m.put(Form.POPF, (s, i) -> {
            int z = i.operandSize();
            long v = Stack.peek(s, z, 0);
            FlagControl.popf(s, z, v & Flags.mask(z));
            Stack.adjust(s, z / 8);
        });
        m.put(Form.ENTER_Iw_Ib, (s, i) -> Stack.enter(s, i.operandSize(), (int) i.immediate() & 0xFFFF,
                (int) i.immediate2() & 0xFF));
        m.put(Form.LEAVE, (s, i) -> Stack.leave(s, i.operandSize()));
    }

    /** POP Sreg: the selector is the low 16 bits of the popped slot; SP moves only if the load succeeds. */
    static void popSeg(CpuState s, int size, int seg) {
        long v = Stack.peek(s, size, 0);
        Segmentation.loadDataSegment(s, seg, (int) v & 0xFFFF);
        Stack.adjust(s, size / 8);
    }

    /**
     * PUSH Sreg. The SDM allows either a zero-extended push or a 16-bit store that leaves the
     * rest of the slot unchanged (recent Intel cores do the latter); we push the selector
     * zero-extended to the operand size, as AMD processors do, so that the host CPU can serve
     * as the oracle.
     */
    static void pushSeg(CpuState s, int size, int seg) {
        Stack.push(s, size, s.seg[seg].selector);
    }
}
