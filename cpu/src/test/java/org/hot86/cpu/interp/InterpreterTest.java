package org.hot86.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;
import org.junit.jupiter.api.Test;

/** Interpreter behaviour that the differential campaign cannot see: exits, counting, fault state. */
class InterpreterTest {
    /** 64 KiB of flat memory at linear address 0; anything above is not present. */
    static final class FlatMemory implements GuestMemory {
        final byte[] b = new byte[0x10000];

        private int at(long a, int len, boolean write) {
            if (a < 0 || a + len > b.length) {
                long bad = Math.max(a, b.length);
                throw new MemoryFault(MemoryFault.VECTOR_PF, write ? MemoryFault.PF_W : 0, bad);
            }
            return (int) a;
        }

        private long rd(long a, int len) {
            int i = at(a, len, false);
            long v = 0;
            for (int k = len - 1; k >= 0; k--) {
                v = (v << 8) | (b[i + k] & 0xFF);
            }
            return v;
        }

        private void wr(long a, int len, long v) {
            int i = at(a, len, true);
            for (int k = 0; k < len; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }

        public int read8(long a) { return (int) rd(a, 1); }
        public int read16(long a) { return (int) rd(a, 2); }
        public int read32(long a) { return (int) rd(a, 4); }
        public long read64(long a) { return rd(a, 8); }
        public void write8(long a, int v) { wr(a, 1, v); }
        public void write16(long a, int v) { wr(a, 2, v); }
        public void write32(long a, int v) { wr(a, 4, v); }
        public void write64(long a, long v) { wr(a, 8, v); }
        public int fetch8(long a) { return (int) rd(a, 1); }
    }

    static CpuState state(FlatMemory m, int... code) {
        for (int k = 0; k < code.length; k++) {
            m.b[0x1000 + k] = (byte) code[k];
        }
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.cpl = 0;
        s.mem = m;
        s.rip = 0x1000;
        s.gpr[CpuState.RSP] = 0x8000;
        return s;
    }

    @Test
    void loopSumsAndCountsRetiredInstructions() {
        FlatMemory m = new FlatMemory();
        // mov ecx,10; xor eax,eax; L: add eax,ecx; loop L; hlt
        CpuState s = state(m, 0xB9, 10, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0xE2, 0xFC, 0xF4);
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.HALT, in.run(s, Long.MAX_VALUE));
        assertEquals(55, s.gpr[CpuState.RAX]);
        assertEquals(2 + 2 * 10 + 1, s.instructionsRetired);
        assertEquals(0x100C, s.rip);
    }

    @Test
    void instructionBudgetStopsBetweenInstructions() {
        FlatMemory m = new FlatMemory();
        CpuState s = state(m, 0xB9, 10, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0xE2, 0xFC, 0xF4);
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 3));
        assertEquals(3, s.instructionsRetired);
        assertEquals(0x1009, s.rip); // at LOOP
        assertEquals(ExitReason.HALT, in.run(s, 1000));
        assertEquals(55, s.gpr[CpuState.RAX]);
    }

    @Test
    void divideErrorLeavesStateAsBeforeTheInstruction() {
        FlatMemory m = new FlatMemory();
        // add eax,ebx (sets flags lazily); div ecx (ecx = 0)
        CpuState s = state(m, 0x01, 0xD8, 0xF7, 0xF1);
        s.gpr[CpuState.RAX] = 0xFFFFFFFFL;
        s.gpr[CpuState.RBX] = 1;
        s.gpr[CpuState.RDX] = 7;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.EXCEPTION, in.run(s, 10));
        assertEquals(CpuFault.DE, s.eventVector);
        assertEquals(0x1002, s.eventRip);
        assertEquals(0x1002, s.rip);
        assertEquals(0, s.gpr[CpuState.RAX]);
        assertEquals(7, s.gpr[CpuState.RDX]);
        assertEquals(true, s.cf() && s.zf());
        assertEquals(1, s.instructionsRetired);
    }

    @Test
    void repMovsKeepsCompletedIterationsAtAPageFault() {
        FlatMemory m = new FlatMemory();
        CpuState s = state(m, 0xF3, 0xA4); // rep movsb
        s.gpr[CpuState.RSI] = 0x2000;
        s.gpr[CpuState.RDI] = 0xFFFE; // third byte lands outside memory
        s.gpr[CpuState.RCX] = 5;
        m.b[0x2000] = 1;
        m.b[0x2001] = 2;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.EXCEPTION, in.run(s, 10));
        assertEquals(CpuFault.PF, s.eventVector);
        assertEquals(0x10000, s.cr2);
        assertEquals(3, s.gpr[CpuState.RCX]);
        assertEquals(0x10000, s.gpr[CpuState.RDI]);
        assertEquals(0x1000, s.rip);
        assertEquals(2, m.b[0xFFFF]);
    }

    @Test
    void privilegedInstructionAtCpl3RaisesGp0AndFetchFaultIsReported() {
        FlatMemory m = new FlatMemory();
        CpuState s = state(m, 0x0F, 0x01, 0xF8); // swapgs
        s.cpl = 3;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.EXCEPTION, in.run(s, 10));
        assertEquals(CpuFault.GP, s.eventVector);
        assertEquals(0, s.eventErrorCode);

        CpuState t = state(m, 0xE9, 0, 0, 0, 0x10); // jmp +0x10000000
        in.invalidate(0x1000); // the code changed
        assertEquals(ExitReason.EXCEPTION, in.run(t, 10));
        assertEquals(CpuFault.PF, t.eventVector);
        assertEquals(0x10001005L, t.eventRip);
    }

    @Test
    void blocksAreCachedPerModeAndInvalidated() {
        FlatMemory m = new FlatMemory();
        CpuState s = state(m, 0xF4);
        Interpreter in = new Interpreter();
        in.run(s, 10);
        s.rip = 0x1000;
        in.run(s, 10);
        assertEquals(1, in.blocksDecoded());
        s.rip = 0x1000;
        s.mode = CpuMode.COMPAT_32;
        in.run(s, 10);
        assertEquals(2, in.blocksDecoded());
        in.invalidate(0x1000);
        s.rip = 0x1000;
        in.run(s, 10);
        assertEquals(3, in.blocksDecoded());
    }

    @Test
    void realMode16BitAddressingAndStack() {
        FlatMemory m = new FlatMemory();
        // mov ax,0x1234; mov bx,0x200; mov si,0x10; mov [bx+si+2],ax; push ax; pop cx; hlt
        CpuState s = state(m, 0xB8, 0x34, 0x12, 0xBB, 0x00, 0x02, 0xBE, 0x10, 0x00, 0x89, 0x40, 0x02, 0x50, 0x59, 0xF4);
        s.mode = CpuMode.REAL;
        s.cpl = 0;
        for (int k = 0; k < 6; k++) {
            s.seg[k].loadReal(0);
            s.seg[k].attributes = org.hot86.cpu.Segment.ATTR_P | org.hot86.cpu.Segment.ATTR_S | 3;
        }
        s.seg[CpuState.DS].loadReal(0x100); // DS base 0x1000
        s.gpr[CpuState.RSP] = 0x7000;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.HALT, in.run(s, 100));
        assertEquals(0x34, m.b[0x1000 + 0x212] & 0xFF);
        assertEquals(0x12, m.b[0x1000 + 0x213] & 0xFF);
        assertEquals(0x1234, s.gpr[CpuState.RCX]);
        assertEquals(0x7000, s.gpr[CpuState.RSP]);
        assertEquals(0x34, m.b[0x6FFE] & 0xFF); // the push went to SS:SP-2 with a 16-bit stack
    }

    @Test
    void rdtscReadsTheVirtualClockAndSyscallExits() {
        FlatMemory m = new FlatMemory();
        // nop; nop; rdtsc; syscall; hlt
        CpuState s = state(m, 0x90, 0x90, 0x0F, 0x31, 0x0F, 0x05, 0xF4);
        s.cpl = 3;
        s.tscOffset = 1000;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.SYSCALL, in.run(s, 100));
        assertEquals(1002, s.gpr[CpuState.RAX]); // two instructions retired before RDTSC
        assertEquals(0, s.gpr[CpuState.RDX]);
        assertEquals(0x1006, s.rip);
        assertEquals(4, s.instructionsRetired);
        assertEquals(ExitReason.EXCEPTION, in.run(s, 100)); // HLT at CPL 3
        assertEquals(CpuFault.GP, s.eventVector);
        assertEquals(0x1006, s.rip);
    }
}
