package org.hot86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to {@code hot86 user}: one line on stderr, a distinct exit code, no stack trace. */
class UserCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Result(cl.execute(args), err.toString());
    }

    static void oneLine(Result r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void missingProgram() {
        Result r = run("user", dir.resolve("nope").toString());
        assertEquals(ExitCodes.NO_INPUT, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
        oneLine(r);
    }

    @Test
    void notAnElfFile() throws Exception {
        Path f = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Result r = run("user", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not an ELF file"), r.err());
        oneLine(r);
    }

    @Test
    void thirtyTwoBitElf() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0});
        b.putShort(16, (short) 2).putShort(18, (short) 3);
        Path f = Files.write(dir.resolve("i386"), b.array());
        Result r = run("user", f.toString());
        assertEquals(ExitCodes.UNSUPPORTED, r.code());
        assertTrue(r.err().contains("32-bit"), r.err());
        oneLine(r);
    }

    @Test
    void dynamicallyLinkedElf() {
        // Every Debian system has a dynamically linked /bin/ls.
        Result r = run("user", "/bin/ls");
        assertEquals(ExitCodes.DYNAMIC, r.code());
        assertTrue(r.err().contains("dynamically linked"), r.err());
        oneLine(r);
    }

    @Test
    void optionsAfterTheProgramBelongToTheGuest() throws Exception {
        // With stop-at-positional, "--version" after PROGRAM is not hot86's option: the file
        // is then refused as not-ELF rather than the option being rejected.
        Path f = Files.writeString(dir.resolve("x"), "not elf");
        Result r = run("user", f.toString(), "--version", "-p");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
    }

    @Test
    void badOptionValue() {
        Result r = run("user", "--max-insns", "lots", "/bin/true");
        assertEquals(ExitCodes.USAGE, r.code());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
