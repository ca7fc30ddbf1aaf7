package org.hot86.conformance.programs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own C programs (src/test/c/programs), built here with
 * {@code gcc -static -O2}: integer, SSE and x87 arithmetic, string functions,
 * setjmp/longjmp, signals and heap use. Output and status must equal the native run.
 */
class CProgramsTest {
    static final List<String> PROGRAMS = List.of("intmath", "fpmath", "x87math", "strings", "jumps", "heap");

    @TempDir
    static Path dir;

    static Path build(String name) throws Exception {
        Path src = Path.of(System.getProperty("hot86.root", ".."), "conformance-tests/src/test/c/programs", name + ".c");
        if (!Files.exists(src)) {
            src = Path.of("src/test/c/programs", name + ".c");
        }
        Path exe = dir.resolve(name);
        Process p = new ProcessBuilder("gcc", "-static", "-O2", "-o", exe.toString(), src.toString(), "-lm")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("gcc -static failed (apt-get install gcc libc6-dev):\n" + log);
        }
        return exe;
    }

    @TestFactory
    Stream<DynamicTest> programsMatchNative() {
        boolean jit = !Boolean.getBoolean("hot86.conformance.nojit");
        return PROGRAMS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path exe = build(name);
            List<String> argv = List.of(name);
            GuestRun nat = GuestRun.nativeRun(exe, argv, new byte[0], dir);
            GuestRun emu = GuestRun.hot86Run(exe, argv, new byte[0], dir, jit);
            assertTrue(nat.sameAs(emu), () -> name + "\n=== native: " + nat.describe() + "\n=== hot86: " + emu.describe());
        }));
    }
}
