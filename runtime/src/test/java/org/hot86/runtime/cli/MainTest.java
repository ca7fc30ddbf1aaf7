package org.hot86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: hot86"), r.out());
        assertTrue(r.out().contains("--log-level"), r.out());
    }

    @Test
    void versionNamesTheProjectVersion() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)hot86 \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void unknownOptionIsAOneLineUsageErrorWithoutStackTrace() {
        Result r = run("--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("hot86: Unknown option: '--no-such-option'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badLogLevelIsRejected() {
        Result r = run("--log-level", "loud");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("invalid --log-level 'loud'"), r.err());
    }
}
