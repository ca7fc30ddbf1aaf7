package org.hot86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    private static void assertOneLineError(MainTest.Result r, int code, String fragment) {
        assertEquals(code, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void hexListingHasAddressBytesAndText() {
        // 55 push rbp; 48 89 e5 mov rbp,rsp; c3 ret (SDM opcode map A-2)
        MainTest.Result r = MainTest.run("disasm", "--hex", "554889e5c3", "--org", "0x401000");
        assertEquals(0, r.code(), r.err());
        assertEquals("401000\t55\tpush   rbp\n401001\t4889e5\tmov    rbp,rsp\n401004\tc3\tret\n", r.out());
    }

    @Test
    void branchTargetsAreAbsoluteAndBitsSelectTheMode() {
        MainTest.Result r = MainTest.run("disasm", "--bits", "32", "--org", "0x100", "--hex", "eb fe 40");
        assertEquals(0, r.code(), r.err());
        assertEquals("100\tebfe\tjmp    0x100\n102\t40\tinc    eax\n", r.out());
    }

    @Test
    void undecodableBytesPrintBadAndConsumeOneByte() {
        MainTest.Result r = MainTest.run("disasm", "--hex", "06 0f");
        assertEquals(0, r.code(), r.err());
        assertEquals("0\t06\t(bad)\n1\t0f\t(bad)\n", r.out());
    }

    @Test
    void fileWithOffsetAndLength(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("code.bin");
        Files.write(f, new byte[] {(byte) 0xcc, (byte) 0x90, (byte) 0xc3, (byte) 0xcc});
        MainTest.Result r = MainTest.run("disasm", "--file", f.toString(), "--offset", "1", "--length", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("0\t90\tnop\n1\tc3\tret\n", r.out());
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        assertOneLineError(MainTest.run("disasm", "--bits", "8", "--hex", "90"), ExitCodes.USAGE, "--bits");
        assertOneLineError(MainTest.run("disasm", "--hex", "9"), ExitCodes.USAGE, "--hex");
        assertOneLineError(MainTest.run("disasm", "--hex", "zz"), ExitCodes.USAGE, "--hex");
        assertOneLineError(MainTest.run("disasm"), ExitCodes.USAGE, "exactly one");
        assertOneLineError(MainTest.run("disasm", "--org", "-3", "--hex", "90"), ExitCodes.USAGE, "--org");
        assertOneLineError(MainTest.run("disasm", "--file", dir.resolve("missing").toString()),
                ExitCodes.NO_INPUT, "cannot read");
        assertOneLineError(MainTest.run("disasm", "--hex", "90", "--offset", "1"), ExitCodes.USAGE, "--file only");
    }
}
