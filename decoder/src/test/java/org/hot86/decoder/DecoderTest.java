package org.hot86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.hot86.decoder.format.IntelFormatter;
import org.junit.jupiter.api.Test;

/** Hand-assembled cases from the SDM's encoding rules (Vol. 2 chapter 2 and the opcode maps). */
class DecoderTest {
    private static Instruction dec(Mode m, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        return new Decoder(m).decode(b, 0, b.length);
    }

    private static void text(Mode m, String hex, String expected) {
        Instruction i = dec(m, hex);
        assertEquals(hex.replace(" ", "").length() / 2, i.length(), hex);
        assertEquals(expected, IntelFormatter.format(i, 0).replaceAll(" +", " "), hex);
    }

    @Test
    void generalPurpose64() {
        text(Mode.BITS64, "48 8b 44 24 08", "mov rax,QWORD PTR [rsp+0x8]");
        text(Mode.BITS64, "01 d8", "add eax,ebx");
        text(Mode.BITS64, "41 01 d8", "add r8d,ebx");
        text(Mode.BITS64, "88 e0", "mov al,ah");
        text(Mode.BITS64, "40 88 e0", "mov al,spl");
        text(Mode.BITS64, "66 b8 34 12", "mov ax,0x1234");
        text(Mode.BITS64, "48 b8 88 77 66 55 44 33 22 11", "movabs rax,0x1122334455667788");
        text(Mode.BITS64, "8b 04 9d 10 00 00 00", "mov eax,DWORD PTR [rbx*4+0x10]");
        text(Mode.BITS64, "83 c0 ff", "add eax,0xffffffff");
        text(Mode.BITS64, "c8 10 00 01", "enter 0x10,0x1");
        text(Mode.BITS64, "64 48 8b 04 25 28 00 00 00", "mov rax,QWORD PTR fs:0x28");
        text(Mode.BITS64, "0f 44 c1", "cmove eax,ecx");
        text(Mode.BITS64, "f3 48 ab", "rep stos QWORD PTR es:[rdi],rax");
    }

    @Test
    void ripRelativeAndBranches() {
        Instruction i = dec(Mode.BITS64, "c7 05 10 00 00 00 01 00 00 00");
        assertEquals(10, i.length());
        assertTrue(i.ripRelative());
        assertEquals(0x10, i.displacement());
        assertEquals(1, i.immediate());
        Instruction j = dec(Mode.BITS64, "75 fe");
        assertEquals(Form.JCC_Jb, j.form());
        assertEquals(5, j.condition());
        assertEquals(0x1000, j.branchTarget(0x1000));
        assertEquals(Flags.ZF, j.flagsRead());
        // 66 is ignored by near branches in 64-bit mode (f64, Intel): still rel32.
        assertEquals(6, dec(Mode.BITS64, "66 e9 00 00 00 00").length());
        assertEquals(4, dec(Mode.BITS32, "66 e9 00 00").length());
    }

    @Test
    void modeRules() {
        assertFalse(dec(Mode.BITS64, "06").isValid());          // PUSH ES i64
        assertEquals(Form.INC_Zv, dec(Mode.BITS32, "40").form());
        assertEquals(Form.MOVSXD_Gv_Ed, dec(Mode.BITS64, "63 c1").form());
        assertEquals(Form.ARPL_Ew_Gw, dec(Mode.BITS32, "63 c1").form());
        assertEquals(64, dec(Mode.BITS64, "50").operandSize()); // PUSH d64
        assertEquals(16, dec(Mode.BITS64, "66 50").operandSize());
        // REX not immediately before the opcode is ignored.
        Instruction i = dec(Mode.BITS64, "48 66 01 c0");
        assertEquals(16, i.operandSize());
        // Last segment override wins.
        assertEquals(Instruction.FS, dec(Mode.BITS32, "2e 64 8b 00").segment());
        // 16-bit addressing: [bp+si] defaults to SS.
        Instruction m = dec(Mode.BITS16, "8b 02");
        assertEquals(Instruction.SS, m.segment());
        assertEquals(2, m.length());
    }

    @Test
    void limitsAndPrefixes() {
        byte[] b = HexFormat.of().parseHex("666666666666666666666666666666" + "90");
        Decoder d = new Decoder(Mode.BITS64);
        assertEquals(Decoder.TOO_LONG, d.decode(b, 0, b.length, new Instruction()));
        assertEquals(Decoder.TRUNCATED, d.decode(b, 0, 3, new Instruction()));
        Instruction lockReg = dec(Mode.BITS64, "f0 01 c0");   // LOCK with register destination: #UD
        assertFalse(lockReg.isValid());
        assertTrue(lockReg.lockViolation());
        assertTrue(dec(Mode.BITS64, "f0 01 00").isValid());
        assertEquals(Form.POPCNT_Gv_Ev, dec(Mode.BITS64, "f3 0f b8 c1").form());
        assertEquals(Form.PAUSE, dec(Mode.BITS64, "f3 90").form());
        assertEquals(Form.XCHG_Zv_rAX, dec(Mode.BITS64, "41 90").form());
        assertEquals(Form.CMPXCHG16B_Mdq, dec(Mode.BITS64, "48 0f c7 08").form());
        assertEquals(Form.CRC32_Gy_Ev, dec(Mode.BITS64, "f2 0f 38 f1 c1").form());
    }

    @Test
    void immediatesAreExtendedPerForm() {
        // 48 83 c0 ff: ADD rax, imm8 sign-extended to 64 bits (SDM ADD 83 /0 ib).
        assertEquals(-1L, dec(Mode.BITS64, "48 83 c0 ff").immediate());
        // 48 05 imm32: sign-extended.
        assertEquals(-2L, dec(Mode.BITS64, "48 05 fe ff ff ff").immediate());
        // b0 ff: MOV AL, imm8 is not sign-extended.
        assertEquals(0xffL, dec(Mode.BITS64, "b0 ff").immediate());
        // 6a 80: PUSH imm8, sign-extended, 64-bit operand size (d64).
        Instruction p = dec(Mode.BITS64, "6a 80");
        assertEquals(-128L, p.immediate());
        assertEquals(64, p.operandSize());
    }

    @Test
    void moffsFarPointersAndHighBytes() {
        // A1 moffs64 in 64-bit mode: 8-byte offset; with 67: 4 bytes.
        Instruction m = dec(Mode.BITS64, "a1 88 77 66 55 44 33 22 11");
        assertEquals(9, m.length());
        assertTrue(m.hasMemory());
        assertEquals(0x1122334455667788L, m.displacement());
        assertEquals(6, dec(Mode.BITS64, "67 a1 44 33 22 11").length());
        // EA ptr16:32 in 32-bit mode: offset then selector.
        Instruction f = dec(Mode.BITS32, "ea 78 56 34 12 cd ab");
        assertEquals(Form.JMPF_Ap, f.form());
        assertEquals(0x12345678L, f.immediate());
        assertEquals(0xabcdL, f.immediate2());
        // 88 e0: MOV al, ah (no REX: 4 is AH); with REX: spl.
        assertTrue(dec(Mode.BITS64, "88 e0").regIsHigh8());
        assertFalse(dec(Mode.BITS64, "40 88 e0").regIsHigh8());
        // 0f b6 c4: MOVZX eax, ah: the r/m byte register is AH.
        assertTrue(dec(Mode.BITS64, "0f b6 c4").rmIsHigh8());
        // 41 50: PUSH r8 (REX.B extends the +r register).
        assertEquals(8, dec(Mode.BITS64, "41 50").reg());
    }

    @Test
    void addressingForms() {
        // 8b 05 disp32 in 32-bit mode: absolute, not RIP-relative.
        Instruction a = dec(Mode.BITS32, "8b 05 00 10 00 00");
        assertFalse(a.ripRelative());
        assertEquals(-1, a.base());
        // 67 8b 05: EIP-relative in 64-bit mode with 32-bit addressing.
        Instruction e = dec(Mode.BITS64, "67 8b 05 00 10 00 00");
        assertTrue(e.ripRelative());
        assertEquals(32, e.addressSize());
        // SIB with base 101, mod 00: no base, disp32; index 100: none.
        Instruction s = dec(Mode.BITS64, "8b 04 25 28 00 00 00");
        assertEquals(-1, s.base());
        assertEquals(-1, s.index());
        // 42 8b 04 20: REX.X makes index 100 into r12.
        assertEquals(12, dec(Mode.BITS64, "42 8b 04 20").index());
        // [rbp+disp8] defaults to SS; [r13+disp8] to DS.
        assertEquals(Instruction.SS, dec(Mode.BITS64, "8b 45 08").segment());
        assertEquals(Instruction.DS, dec(Mode.BITS64, "41 8b 45 08").segment());
        // 16-bit mode, 67: 32-bit ModRM with SIB.
        assertEquals(4, dec(Mode.BITS16, "67 8b 04 24").length());
        assertEquals(Form.INVALID, dec(Mode.BITS64, "8e f0").form()); // MOV to segment register 6
    }
}
