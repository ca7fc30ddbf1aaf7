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
}
