package org.hot86.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.decoder.Feature;
import org.hot86.decoder.Form;
import org.junit.jupiter.api.Test;

/**
 * The interpreter wiring of the x87 FPU and MMX: coverage of the table, memory formats, EFLAGS of FCOMI,
 * FXSAVE/FXRSTOR, and the fault rules (#NM, #MF before a waiting instruction, #GP for a misaligned FXSAVE area,
 * #PF leaving the FPU unchanged). Expected values come from the SDM and from Java's IEEE doubles; the
 * semantics themselves are host-tested in {@code org.hot86.cpu.x87} and by the conformance campaign.
 */
class X87WiringTest {
    private static final int CODE = 0x1000, DATA = 0x4000;

    static CpuState run(int... code) {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        for (int k = 0; k < code.length; k++) {
            m.b[CODE + k] = (byte) code[k];
        }
        m.b[CODE + code.length] = (byte) 0xF4; // HLT
        CpuState s = InterpreterTest.state(m);
        s.gpr[CpuState.RAX] = DATA;
        s.gpr[CpuState.RBX] = 0xFFF8; // a 10-byte operand here runs off the flat memory: #PF
        putDouble(s, DATA + 8, 1.5);
        putDouble(s, DATA + 16, 2.25);
        new Interpreter().run(s, 100);
        return s;
    }

    static void putDouble(CpuState s, long a, double d) {
        s.mem.write64(a, Double.doubleToRawLongBits(d));
    }

    @Test
    void everyX87FxsrAndMmxFormIsImplemented() {
        List<Form> missing = new ArrayList<>();
        int n = 0;
        for (Form f : Form.values()) {
            boolean x87 = f.feature() == Feature.X87 || f.feature() == Feature.FXSR || f == Form.FWAIT
                    || f.feature() == Feature.MMX || SseWiringTest.needsMmxOrX87(f) && f.feature() != Feature.BASE;
            if (!x87 || f.name().startsWith("V")) {
                continue;
            }
            n++;
            if (!Interpreter.implementedForms().contains(f)) {
                missing.add(f);
            }
        }
        System.out.println("x87/FXSR/MMX forms in the table: " + n + ", missing: " + missing.size());
        assertEquals(List.of(), missing);
    }

    @Test
    void fnstcwAfterFninit() {
        CpuState s = run(0xDB, 0xE3, 0xD9, 0x38);
        assertEquals(-1, s.eventVector);
        assertEquals(0x037F, s.mem.read16(DATA));
    }

    @Test
    void fldpiStoredAsDoubleIsMathPi() {
        CpuState s = run(0xD9, 0xEB, 0xDD, 0x18);
        assertEquals(Double.doubleToRawLongBits(Math.PI), s.mem.read64(DATA));
        assertEquals(0, s.x87.tagValid, "FSTP popped");
    }

    @Test
    void faddM64() {
        CpuState s = run(0xDD, 0x40, 0x08, 0xDC, 0x40, 0x10, 0xDD, 0x18);
        assertEquals(3.75, Double.longBitsToDouble(s.mem.read64(DATA)));
    }

    @Test
    void fcomiSetsCarryWhenLess() {
        // fld1; fldz; fcomi st0, st1  (0 < 1: ZF=0 PF=0 CF=1)
        CpuState s = run(0xD9, 0xE8, 0xD9, 0xEE, 0xDB, 0xF1);
        assertTrue(s.cf());
        assertTrue(!s.zf() && !s.pf());
    }

    @Test
    void fxsaveFxrstorRoundTrip() {
        // fld1; fxsave [rax]; fninit; fxrstor [rax]; fstp qword [rax+8]
        CpuState s = run(0xD9, 0xE8, 0x0F, 0xAE, 0x00, 0xDB, 0xE3, 0x0F, 0xAE, 0x08, 0xDD, 0x58, 0x08);
        assertEquals(-1, s.eventVector);
        assertEquals(0x037F, s.mem.read16(DATA), "FCW at byte 0");
        assertEquals(0x3800, s.mem.read16(DATA + 2), "FSW with TOP=7 at byte 2");
        assertEquals(0x80, s.mem.read8(DATA + 4), "abridged tag");
        assertEquals(0x1F80, s.mem.read32(DATA + 24), "MXCSR");
        assertEquals(1.0, Double.longBitsToDouble(s.mem.read64(DATA + 8)));
    }

    @Test
    void misalignedFxsaveIsGp() {
        CpuState s = run(0x0F, 0xAE, 0x40, 0x08);
        assertEquals(CpuFault.GP, s.eventVector);
    }

    @Test
    void deviceNotAvailableWhenTs() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        m.b[CODE] = (byte) 0xD9;
        m.b[CODE + 1] = (byte) 0xE8;
        CpuState s = InterpreterTest.state(m);
        s.cr0 |= 8;
        new Interpreter().run(s, 1);
        assertEquals(CpuFault.NM, s.eventVector);
    }

    @Test
    void pendingUnmaskedExceptionRaisesMfAtTheNextWaitingInstruction() {
        // mov word [rax], 0x037B (ZE unmasked); fldcw [rax]; fldz; fld1; fdiv st0, st1; fld1
        CpuState s = run(0x66, 0xC7, 0x00, 0x7B, 0x03, 0xD9, 0x28, 0xD9, 0xEE, 0xD9, 0xE8, 0xD8, 0xF1, 0xD9, 0xE8);
        assertEquals(CpuFault.MF, s.eventVector);
        assertEquals(CODE + 13, s.eventRip);
        assertEquals(6, s.x87.top, "the faulting FLD1 did not push");
        assertTrue((s.x87.statusWord() & 0x04) != 0, "ZE");
    }

    @Test
    void pageFaultOnStoreLeavesTheStackUnchanged() {
        // fld1; fstp tword [rbx]
        CpuState s = run(0xD9, 0xE8, 0xDB, 0x3B);
        assertEquals(CpuFault.PF, s.eventVector);
        assertEquals(7, s.x87.top);
        assertEquals(0x80, s.x87.tagValid);
    }

    @Test
    void mmxAliasesTheX87RegistersAndSetsTheTagRules() {
        // fld1 (TOP=7); movq mm0, [rax+8]; paddw mm0, mm0; movq [rax], mm0
        CpuState s = run(0xD9, 0xE8, 0x0F, 0x6F, 0x40, 0x08, 0x0F, 0xFD, 0xC0, 0x0F, 0x7F, 0x00);
        long v = Double.doubleToRawLongBits(1.5);
        long w = 0;
        for (int k = 0; k < 4; k++) {
            w |= (((v >>> (16 * k)) * 2) & 0xFFFF) << (16 * k);
        }
        assertEquals(w, s.mem.read64(DATA));
        assertEquals(0, s.x87.top, "MMX sets TOP = 0");
        assertEquals(0xFF, s.x87.tagValid, "MMX tags every register valid");
        assertEquals(w, s.x87.m[0]);
        assertEquals(0xFFFF, s.x87.se[0], "exponent field all ones");
    }

    @Test
    void emmsEmptiesTheTags() {
        CpuState s = run(0x0F, 0xEF, 0xC9, 0x0F, 0x77); // pxor mm1, mm1; emms
        assertEquals(0, s.x87.tagValid);
    }

    @Test
    void mmxIsUdWhenEmulated() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        m.b[CODE] = 0x0F;
        m.b[CODE + 1] = 0x77;
        CpuState s = InterpreterTest.state(m);
        s.cr0 |= 4;
        new Interpreter().run(s, 1);
        assertEquals(CpuFault.UD, s.eventVector);
    }
}
