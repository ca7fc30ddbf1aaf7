package org.hot86.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.interp.InterpreterTest.FlatMemory;
import org.junit.jupiter.api.Test;

/**
 * Far transfers and the UMIP-protected stores in the cases the host campaign cannot reach
 * (mode switches, other privilege levels, real mode, CR4.UMIP clear). Expected values come
 * from the SDM's Operation sections, worked by hand.
 */
class FarTransferTest {
    static final long GDT = 0x2000;

    /** Linux x86-64 GDT layout: 0x10 kernel CS64, 0x18 kernel DS, 0x23 user CS32, 0x2B user DS, 0x33 user CS64. */
    static CpuState linux(FlatMemory m, int... code) {
        long[] e = {0, 0x00cf9b000000ffffL, 0x00af9b000000ffffL, 0x00cf93000000ffffL, 0x00cffb000000ffffL,
                0x00cff3000000ffffL, 0x00affb000000ffffL, 0x00af7b000000ffffL /* 0x3B: CS64, not present */};
        for (int k = 0; k < e.length; k++) {
            for (int b = 0; b < 8; b++) {
                m.b[(int) GDT + k * 8 + b] = (byte) (e[k] >>> (8 * b));
            }
        }
        CpuState s = InterpreterTest.state(m, code);
        s.cpl = 3;
        s.hiddenGdt = null;
        s.gdtBase = GDT;
        s.gdtLimit = 0x7F;
        return s;
    }

    static void put(FlatMemory m, long a, int size, long v) {
        for (int k = 0; k < size / 8; k++) {
            m.b[(int) a + k] = (byte) (v >>> (8 * k));
        }
    }

    @Test
    void retfSwitchesBetween64BitAndCompatibilityMode() {
        FlatMemory m = new FlatMemory();
        // 1000: retfq (48 CB) -> 0x23:0x1100 ; 1100: retf (CB) -> 0x33:0x1200 ; 1200: hlt
        CpuState s = linux(m, 0x48, 0xCB);
        m.b[0x1100] = (byte) 0xCB;
        m.b[0x1200] = (byte) 0xF4;
        put(m, 0x8000, 64, 0x1100);
        put(m, 0x8008, 64, 0x23);
        put(m, 0x8010, 32, 0x1200);
        put(m, 0x8014, 32, 0x33);
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 1));
        assertEquals(CpuMode.COMPAT_32, s.mode);
        assertEquals(0x23, s.seg[CpuState.CS].selector);
        assertEquals(0x8010, s.gpr[CpuState.RSP]);
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 1));
        assertEquals(CpuMode.LONG_64, s.mode);
        assertEquals(0x33, s.seg[CpuState.CS].selector);
        assertEquals(0x1200, s.rip);
        assertEquals(0x8018, s.gpr[CpuState.RSP]);
    }

    @Test
    void userModeStateHasLinuxGdtForFarReturns() {
        FlatMemory m = new FlatMemory();
        CpuState s = InterpreterTest.state(m, 0x48, 0xCB); // retfq -> 0x23:0x1100 (no GDT in guest memory)
        s.cpl = 3;
        put(m, 0x8000, 64, 0x1100);
        put(m, 0x8008, 64, 0x23);
        assertEquals(ExitReason.INSN_LIMIT, new Interpreter().run(s, 1));
        assertEquals(CpuMode.COMPAT_32, s.mode);
        assertEquals(0xFFFFFFFFL, s.seg[CpuState.CS].limit);
    }

    @Test
    void farJumpChecksDescriptors() {
        FlatMemory m = new FlatMemory();
        // jmp far [rax] (FF 28): m16:32
        int[] code = {0xFF, 0x28};
        Object[][] cases = {{0x2B, 13, 0x28}, {0x10, 13, 0x10}, {0x3B, 11, 0x38}, {0x00, 13, 0}, {0x1003, 13, 0x1000},
                {0x31, -1, 0}};
        for (Object[] c : cases) {
            CpuState s = linux(m, code);
            s.gpr[CpuState.RAX] = 0x3000;
            put(m, 0x3000, 32, 0x1234);
            put(m, 0x3004, 16, (int) c[0]);
            ExitReason why = new Interpreter().run(s, 1);
            if ((int) c[1] < 0) {
                assertEquals(ExitReason.INSN_LIMIT, why);
                assertEquals(0x33, s.seg[CpuState.CS].selector, "RPL forced to CPL");
                assertEquals(0x1234, s.rip);
            } else {
                assertEquals(ExitReason.EXCEPTION, why, "selector " + c[0]);
                assertEquals((int) c[1], s.eventVector, "selector " + c[0]);
                assertEquals((int) c[2], s.eventErrorCode, "selector " + c[0]);
                assertEquals(0x1000, s.rip);
                assertEquals(0x33, s.seg[CpuState.CS].selector);
            }
        }
    }

    @Test
    void retfToOuterPrivilegePopsStackAndNullsInaccessibleSegments() {
        FlatMemory m = new FlatMemory();
        CpuState s = linux(m, 0xCA, 0x10, 0x00); // retf 16 (32-bit operand size)
        s.cpl = 0;
        s.seg[CpuState.CS].load(0x10, 0, 0xFFFFFFFFL, 0xA09B);
        s.seg[CpuState.DS].load(0x18, 0, 0xFFFFFFFFL, 0xC093);
        put(m, 0x8000, 32, 0x1500);
        put(m, 0x8004, 32, 0x33);
        put(m, 0x8008 + 16, 32, 0x7000);
        put(m, 0x800C + 16, 32, 0x2B);
        assertEquals(ExitReason.INSN_LIMIT, new Interpreter().run(s, 1));
        assertEquals(3, s.cpl);
        assertEquals(0x1500, s.rip);
        assertEquals(0x2B, s.seg[CpuState.SS].selector);
        assertEquals(0x7010, s.gpr[CpuState.RSP]);
        assertEquals(0, s.seg[CpuState.DS].selector);
    }

    @Test
    void iretqAtCpl3KeepsIfAndIopl() {
        FlatMemory m = new FlatMemory();
        CpuState s = linux(m, 0x48, 0xCF); // iretq
        s.rflags = Flags.FIXED1 | Flags.IF;
        put(m, 0x8000, 64, 0x1300);
        put(m, 0x8008, 64, 0x33);
        put(m, 0x8010, 64, Flags.CF | Flags.ZF | Flags.IOPL | Flags.DF | Flags.VIF | Flags.ID);
        put(m, 0x8018, 64, 0x6000);
        put(m, 0x8020, 64, 0x2B);
        assertEquals(ExitReason.INSN_LIMIT, new Interpreter().run(s, 1));
        assertEquals(0x1300, s.rip);
        assertEquals(0x6000, s.gpr[CpuState.RSP]);
        assertEquals(Flags.FIXED1 | Flags.IF | Flags.CF | Flags.ZF | Flags.DF | Flags.ID, s.getRflags());
    }

    @Test
    void realModeFarCallAndReturn() {
        FlatMemory m = new FlatMemory();
        CpuState s = new CpuState();
        s.mem = m;
        s.setMode(CpuMode.REAL);
        s.seg[CpuState.CS].loadReal(0x100);
        s.seg[CpuState.SS].loadReal(0);
        s.gpr[CpuState.RSP] = 0x8000;
        s.rip = 0;
        // 0x1000: call 0x200:0x10 (9A 10 00 00 02) ; 0x2010: retf (CB)
        int[] code = {0x9A, 0x10, 0x00, 0x00, 0x02};
        for (int k = 0; k < code.length; k++) {
            m.b[0x1000 + k] = (byte) code[k];
        }
        m.b[0x2010] = (byte) 0xCB;
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 1));
        assertEquals(0x200, s.seg[CpuState.CS].selector);
        assertEquals(0x2000, s.seg[CpuState.CS].base);
        assertEquals(0x10, s.rip);
        assertEquals(0x7FFC, s.gpr[CpuState.RSP]);
        assertEquals(0x100, (m.b[0x7FFE] & 0xFF) | (m.b[0x7FFF] & 0xFF) << 8);
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 1));
        assertEquals(0x100, s.seg[CpuState.CS].selector);
        assertEquals(5, s.rip);
    }

    @Test
    void umipStoresFaultAtCpl3AndStoreOtherwise() {
        FlatMemory m = new FlatMemory();
        // smsw eax (0F 01 E0); sgdt [rbx] (0F 01 03); str ecx (0F 00 C9)
        CpuState s = linux(m, 0x0F, 0x01, 0xE0, 0x0F, 0x01, 0x03, 0x0F, 0x00, 0xC9);
        Interpreter in = new Interpreter();
        assertEquals(ExitReason.EXCEPTION, in.run(s, 1));
        assertEquals(13, s.eventVector);
        assertEquals(0, s.eventErrorCode);
        s.cr4 &= ~CpuState.CR4_UMIP;
        s.gpr[CpuState.RBX] = 0x3000;
        s.gpr[CpuState.RAX] = -1;
        s.tr.selector = 0x40;
        in.invalidateAll();
        assertEquals(ExitReason.INSN_LIMIT, in.run(s, 3));
        assertEquals(0x80050033L, s.gpr[CpuState.RAX]);
        assertEquals(0x40, s.gpr[CpuState.RCX]);
        assertEquals(0x7F, (m.b[0x3000] & 0xFF) | (m.b[0x3001] & 0xFF) << 8);
        assertEquals(0x20, m.b[0x3003]);
    }
}
