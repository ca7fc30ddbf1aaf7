package org.hot86.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.decoder.Feature;
import org.hot86.decoder.Form;
import org.junit.jupiter.api.Test;

/**
 * The interpreter wiring of the SSE family: coverage of the table, alignment rules, memory forms, fault
 * conditions (#UD, #NM, #XM, #GP, #PF with state unchanged) and the RFLAGS/GPR-writing forms. Expected values
 * are worked by hand from the SDM; the semantics themselves are host-tested in {@code org.hot86.cpu.sse} and by
 * the conformance campaign.
 */
class SseWiringTest {
    static final Set<Feature> SSE_FAMILY = EnumSet.of(Feature.SSE, Feature.SSE2, Feature.SSE3, Feature.SSSE3,
            Feature.SSE41, Feature.SSE42, Feature.POPCNT);

    /** True for forms with an MMX register operand (P, N, Q in SDM notation) or x87 ones. */
    static boolean needsMmxOrX87(Form f) {
        if (f.name().startsWith("FISTTP")) {
            return true;
        }
        String[] parts = f.name().split("_");
        for (int k = 1; k < parts.length; k++) {
            char c = parts[k].charAt(0);
            if (c == 'P' || c == 'N' || c == 'Q') {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyXmmFormOfTheSseFamilyIsImplemented() {
        List<Form> missing = new ArrayList<>();
        int wired = 0;
        int mmx = 0;
        for (Form f : Form.values()) {
            if (!SSE_FAMILY.contains(f.feature())) {
                continue;
            }
            if (needsMmxOrX87(f)) {
                mmx++;
                continue;
            }
            if (Interpreter.implementedForms().contains(f)) {
                wired++;
            } else {
                missing.add(f);
            }
        }
        System.out.println("SSE-family forms: " + wired + " wired, " + mmx + " MMX/x87-register forms left to the x87/MMX part");
        assertEquals(List.of(), missing);
    }

    private static final int CODE = 0x1000, DATA = 0x4000;

    private static CpuState run(InterpreterTest.FlatMemory m, CpuState s, int... code) {
        for (int k = 0; k < code.length; k++) {
            m.b[CODE + k] = (byte) code[k];
        }
        m.b[CODE + code.length] = (byte) 0xF4; // HLT
        new Interpreter().run(s, 100);
        return s;
    }

    private static CpuState state(InterpreterTest.FlatMemory m) {
        CpuState s = InterpreterTest.state(m);
        s.gpr[CpuState.RAX] = DATA;
        return s;
    }

    private static void assertFault(CpuState s, int vector) {
        assertEquals(vector, s.eventVector, "vector");
        assertEquals(CODE, s.eventRip, "faulting RIP");
        assertEquals(CODE, s.rip);
    }

    private static void assertHalted(CpuState s, int codeLength) {
        assertEquals(-1, s.eventVector, "no exception expected");
        assertEquals(CODE + codeLength + 1, s.rip);
    }

    @Test
    void alignedLoadsFaultOnMisalignedAddressesUnalignedOnesDoNot() {
        for (int off = 0; off < 16; off++) {
            InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
            for (int k = 0; k < 32; k++) {
                m.b[DATA + k] = (byte) (k + 1);
            }
            CpuState s = state(m);
            s.gpr[CpuState.RAX] = DATA + off;
            s.xmmLo[0] = 0x1111;
            run(m, s, 0x0F, 0x28, 0x00); // movaps xmm0, [rax]
            if (off == 0) {
                assertHalted(s, 3);
                assertEquals(0x0807060504030201L, s.xmmLo[0]);
                assertEquals(0x100F0E0D0C0B0A09L, s.xmmHi[0]);
            } else {
                assertFault(s, CpuFault.GP);
                assertEquals(0x1111, s.xmmLo[0]);
            }
            CpuState u = state(m);
            u.gpr[CpuState.RAX] = DATA + off;
            run(m, u, 0xF3, 0x0F, 0x6F, 0x00); // movdqu xmm0, [rax]
            assertHalted(u, 4);
            assertEquals(0x0807060504030201L + 0x0101010101010101L * off, u.xmmLo[0]);
            CpuState p = state(m);
            p.gpr[CpuState.RAX] = DATA + off;
            run(m, p, 0x66, 0x0F, 0x3A, 0x63, 0x00, 0x00); // pcmpistri xmm0, [rax], 0: unaligned allowed
            assertHalted(p, 6);
        }
    }

    @Test
    void packedArithmeticNeedsAlignmentScalarDoesNot() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.gpr[CpuState.RAX] = DATA + 4;
        run(m, s, 0x0F, 0x58, 0x00); // addps xmm0, [rax]
        assertFault(s, CpuFault.GP);
        m.b[DATA + 4 + 3] = 0x3F;
        m.b[DATA + 4 + 2] = (byte) 0x80; // 1.0f at DATA+4
        CpuState t = state(m);
        t.gpr[CpuState.RAX] = DATA + 4;
        t.xmmLo[0] = 0xABCD000040000000L; // 2.0f, upper dword kept
        run(m, t, 0xF3, 0x0F, 0x58, 0x00); // addss xmm0, [rax]
        assertHalted(t, 4);
        assertEquals(0xABCD000040400000L, t.xmmLo[0]); // 3.0f
    }

    @Test
    void storeCrossingIntoAMissingPageWritesNothing() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.gpr[CpuState.RAX] = m.b.length - 8;
        s.xmmLo[0] = -1;
        s.xmmHi[0] = -1;
        run(m, s, 0xF3, 0x0F, 0x7F, 0x00); // movdqu [rax], xmm0
        assertFault(s, CpuFault.PF);
        for (int k = 8; k > 0; k--) {
            assertEquals(0, m.b[m.b.length - k]);
        }
    }

    @Test
    void controlRegistersGateSse() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.cr0 |= SseAccess.CR0_TS;
        run(m, s, 0x0F, 0x57, 0xC0); // xorps xmm0, xmm0
        assertFault(s, CpuFault.NM);
        s = state(m);
        s.cr4 &= ~SseAccess.CR4_OSFXSR;
        run(m, s, 0x0F, 0x57, 0xC0);
        assertFault(s, CpuFault.UD);
        s = state(m);
        s.cr0 |= SseAccess.CR0_EM;
        run(m, s, 0x0F, 0x57, 0xC0);
        assertFault(s, CpuFault.UD);
        s = state(m);
        s.cr0 |= SseAccess.CR0_TS;
        s.gpr[CpuState.RCX] = 1;
        run(m, s, 0xF3, 0x0F, 0xB8, 0xC1); // popcnt eax, ecx: not gated by CR0.TS
        assertHalted(s, 4);
        assertEquals(1, s.gpr[CpuState.RAX]);
    }

    @Test
    void unmaskedExceptionRaisesXmOrUdAndKeepsTheDestination() {
        for (boolean osxmmexcpt : new boolean[] {true, false}) {
            InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
            CpuState s = state(m);
            if (!osxmmexcpt) {
                s.cr4 &= ~SseAccess.CR4_OSXMMEXCPT;
            }
            s.mxcsr = 0x1F80 & ~(1 << 9); // ZM clear
            s.xmmLo[0] = 0x3F800000L; // 1.0f
            s.xmmLo[1] = 0; // +0.0f
            run(m, s, 0xF3, 0x0F, 0x5E, 0xC1); // divss xmm0, xmm1
            assertFault(s, osxmmexcpt ? CpuFault.XM : CpuFault.UD);
            assertEquals(0x3F800000L, s.xmmLo[0]);
            assertEquals(0x1F80 & ~(1 << 9) | 4, s.mxcsr); // ZE recorded
        }
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.xmmLo[0] = 0x3F800000L;
        run(m, s, 0xF3, 0x0F, 0x5E, 0xC1); // masked: +inf, ZE
        assertHalted(s, 4);
        assertEquals(0x7F800000L, s.xmmLo[0]);
        assertEquals(0x1F84, s.mxcsr);
    }

    @Test
    void ldmxcsrChecksReservedBitsAndStmxcsrStores() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        m.b[DATA + 2] = 1; // bit 16
        CpuState s = state(m);
        run(m, s, 0x0F, 0xAE, 0x10); // ldmxcsr [rax]
        assertFault(s, CpuFault.GP);
        assertEquals(0x1F80, s.mxcsr);
        m.b[DATA + 2] = 0;
        m.b[DATA] = 0x3F;
        m.b[DATA + 1] = 0x7F; // 0x7F3F: RC = 11, all masks, all flags
        s = state(m);
        run(m, s, 0x0F, 0xAE, 0x10, 0x0F, 0xAE, 0x58, 0x08); // ldmxcsr [rax]; stmxcsr [rax+8]
        assertHalted(s, 7);
        assertEquals(0x7F3F, s.mxcsr);
        assertEquals(0x3F, m.b[DATA + 8]);
        assertEquals(0x7F, m.b[DATA + 9]);
    }

    @Test
    void comissWritesZfPfCfAndClearsOfSfAf() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        // sub eax,eax sets ZF, PF (lazily); comiss with 1.0 < 2.0 must give CF only
        s.xmmLo[0] = 0x3F800000L;
        s.xmmLo[1] = 0x40000000L;
        s.setRflags(Flags.FIXED1 | Flags.OF | Flags.SF | Flags.AF);
        run(m, s, 0x29, 0xC0, 0x0F, 0x2F, 0xC1); // sub eax,eax; comiss xmm0, xmm1
        assertHalted(s, 5);
        assertEquals(Flags.CF, s.getRflags() & Flags.STATUS);
        s = state(m);
        s.xmmLo[0] = 0x7FC00000L; // QNaN: unordered, IE for COMISS
        run(m, s, 0x0F, 0x2F, 0xC1);
        assertEquals(Flags.ZF | Flags.PF | Flags.CF, s.getRflags() & Flags.STATUS);
        assertEquals(0x1F81, s.mxcsr);
    }

    @Test
    void ptestAndPcmpistriWriteFlagsAndEcx() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.xmmLo[0] = 0x00FF;
        s.xmmLo[1] = 0xFF00;
        run(m, s, 0x66, 0x0F, 0x38, 0x17, 0xC1); // ptest xmm0, xmm1: AND = 0 -> ZF; ANDN != 0 -> CF = 0
        assertEquals(Flags.ZF, s.getRflags() & Flags.STATUS);
        // pcmpistri xmm0, xmm1, 0x0C (unsigned bytes, equal ordered): find "lo" in "hello"
        s = state(m);
        s.xmmLo[0] = 0x6F6CL; // "lo"
        s.xmmLo[1] = 0x6F6C6C6568L; // "hello"
        s.gpr[CpuState.RCX] = -1;
        run(m, s, 0x66, 0x0F, 0x3A, 0x63, 0xC1, 0x0C);
        assertHalted(s, 6);
        assertEquals(3, s.gpr[CpuState.RCX]); // match at index 3, upper RCX cleared
        // CF (match), ZF (xmm1 has a terminator), SF (xmm0 has one), OF = IntRes2[0] = 0
        assertEquals(Flags.CF | Flags.ZF | Flags.SF, s.getRflags() & Flags.STATUS);
    }

    @Test
    void generalRegisterAndMemoryForms() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.gpr[CpuState.RCX] = 0x1122334455667788L;
        s.xmmLo[1] = 0xAAAAAAAABBBBBBBBL;
        s.xmmHi[1] = 0xCCCCCCCCDDDDDDDDL;
        // pextrd [rax+16], xmm1, 1 ; pinsrq xmm1, rcx, 1 ; movq rdx, xmm1 (66 REX.W 0F 7E /r)
        run(m, s, 0x66, 0x0F, 0x3A, 0x16, 0x48, 0x10, 0x01, 0x66, 0x48, 0x0F, 0x3A, 0x22, 0xC9, 0x01,
                0x66, 0x48, 0x0F, 0x7E, 0xCA);
        assertHalted(s, 19);
        assertEquals((byte) 0xAA, m.b[DATA + 16]);
        assertEquals(0x1122334455667788L, s.xmmHi[1]);
        assertEquals(0xAAAAAAAABBBBBBBBL, s.gpr[CpuState.RDX]);
        // cvtsi2sd xmm0, rcx (-3) ; cvttsd2si eax, xmm0 ; movmskpd ebx, xmm0
        s = state(m);
        s.gpr[CpuState.RCX] = -3;
        s.gpr[CpuState.RBX] = -1;
        run(m, s, 0xF2, 0x48, 0x0F, 0x2A, 0xC1, 0xF2, 0x0F, 0x2C, 0xC0, 0x66, 0x0F, 0x50, 0xD8);
        assertHalted(s, 13);
        assertEquals(0xC008000000000000L, s.xmmLo[0]);
        assertEquals(0xFFFFFFFDL, s.gpr[CpuState.RAX]);
        assertEquals(1, s.gpr[CpuState.RBX]);
    }

    @Test
    void maskmovdquStoresSelectedBytesAtRdi() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.gpr[CpuState.RDI] = DATA + 3; // no alignment rule
        s.xmmLo[0] = 0x0807060504030201L;
        s.xmmHi[0] = 0x100F0E0D0C0B0A09L;
        s.xmmLo[1] = 0x80;   // byte 0
        s.xmmHi[1] = 0xFFL << 56; // byte 15
        run(m, s, 0x66, 0x0F, 0xF7, 0xC1);
        assertHalted(s, 4);
        assertEquals(1, m.b[DATA + 3]);
        assertEquals(0, m.b[DATA + 4]);
        assertEquals(0x10, m.b[DATA + 3 + 15]);
        // a byte in a missing page (selected or not): nothing written
        s = state(m);
        s.gpr[CpuState.RDI] = m.b.length - 15;
        s.xmmLo[0] = -1;
        s.xmmLo[1] = 0x80;
        s.xmmHi[1] = 0xFFL << 56;
        run(m, s, 0x66, 0x0F, 0xF7, 0xC1);
        assertFault(s, CpuFault.PF);
        assertEquals(0, m.b[m.b.length - 15]);
        assertTrue(s.eventAddress >= m.b.length);
    }

    @Test
    void crc32AccumulatesLikeTheCastagnoliCheckValue() {
        // CRC-32C of "123456789" is 0xE3069283 with initial ~0 and final ~0 (the instruction does neither)
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        byte[] txt = "123456789".getBytes();
        System.arraycopy(txt, 0, m.b, DATA, txt.length);
        CpuState s = state(m);
        s.gpr[CpuState.RSI] = DATA;
        s.gpr[CpuState.RCX] = 0xFFFFFFFFL;
        // crc32 ecx, qword [rsi] ; crc32 ecx, byte [rsi+8]
        run(m, s, 0xF2, 0x48, 0x0F, 0x38, 0xF1, 0x0E, 0xF2, 0x0F, 0x38, 0xF0, 0x4E, 0x08);
        assertHalted(s, 12);
        assertEquals(0xE3069283L, ~s.gpr[CpuState.RCX] & 0xFFFFFFFFL);
    }

    @Test
    void cpuidReportsTheSseFamily() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.gpr[CpuState.RAX] = 1;
        run(m, s, 0x0F, 0xA2); // cpuid
        assertHalted(s, 2);
        long edx = s.gpr[CpuState.RDX], ecx = s.gpr[CpuState.RCX];
        for (int bit : new int[] {25, 26}) {
            assertEquals(1, edx >>> bit & 1, "CPUID.1:EDX bit " + bit);
        }
        for (int bit : new int[] {0, 9, 19, 20, 23}) { // SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT
            assertEquals(1, ecx >>> bit & 1, "CPUID.1:ECX bit " + bit);
        }
    }

    @Test
    void accessesBeyondTheSegmentLimitFaultOutside64BitMode() {
        InterpreterTest.FlatMemory m = new InterpreterTest.FlatMemory();
        CpuState s = state(m);
        s.resetUserMode(false);
        s.cpl = 0;
        s.mem = m;
        s.rip = CODE;
        s.gpr[CpuState.RAX] = 0xFFFFFFFCL;
        run(m, s, 0x0F, 0x10, 0x00); // movups xmm0, [eax]: the low half already exceeds the 4 GiB limit
        assertFault(s, CpuFault.GP);
        // the 16 bytes are limit-checked as a whole, before the (here unmapped) low half is accessed
        s.gpr[CpuState.RAX] = 0xFFFFFFF8L;
        run(m, s, 0x0F, 0x10, 0x00);
        assertFault(s, CpuFault.GP);
        // MASKMOVDQU checks per 8-byte half: at EDI = 0xFFFFFFF8 the low half is within the limit (#PF here)
        s.gpr[CpuState.RDI] = 0xFFFFFFF8L;
        s.xmmLo[1] = 0x80;
        run(m, s, 0x66, 0x0F, 0xF7, 0xC1);
        assertFault(s, CpuFault.PF);
        s.gpr[CpuState.RDI] = 0xFFFFFFFFL;
        run(m, s, 0x66, 0x0F, 0xF7, 0xC1);
        assertFault(s, CpuFault.GP);
    }
}
