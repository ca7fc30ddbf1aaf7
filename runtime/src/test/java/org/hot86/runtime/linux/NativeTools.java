package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small native C programs with the system {@code cc} into target/, and runs host tools. */
final class NativeTools {
    static final Path DIR = Path.of("target", "native-linux-tests");

    private NativeTools() {}

    /** Compiles {@code source} with {@code cc flags...}; fails the test clearly if cc is missing or fails. */
    static synchronized Path compile(String name, String source, String... flags) {
        try {
            Files.createDirectories(DIR);
            Path src = DIR.resolve(name + ".c");
            Path out = DIR.resolve(name);
            if (Files.exists(out) && Files.exists(src) && Files.readString(src).equals(source)
                    && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) >= 0) {
                return out.toAbsolutePath();
            }
            Files.writeString(src, source);
            List<String> cmd = new ArrayList<>(List.of("cc", "-O2", "-o", out.toString()));
            cmd.addAll(List.of(flags));
            cmd.add(src.toString());
            Result r = run(cmd);
            if (r.status() != 0) {
                fail("cc failed for " + name + ": " + r.err());
            }
            return out.toAbsolutePath();
        } catch (IOException e) {
            fail("cannot run the system C compiler 'cc' (needed by this test): " + e.getMessage());
            return null;
        }
    }

    record Result(int status, String out, String err) {}

    static Result run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String runOk(String... cmd) {
        try {
            Result r = run(List.of(cmd));
            if (r.status() != 0) {
                fail(String.join(" ", cmd) + " exited " + r.status() + ": " + r.err());
            }
            return r.out();
        } catch (IOException e) {
            fail(e.getMessage());
            return null;
        }
    }
}
