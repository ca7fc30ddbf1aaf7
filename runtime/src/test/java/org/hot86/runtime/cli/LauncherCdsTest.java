package org.hot86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hot86} launcher's class-data-sharing archive: created by the first
 * {@code user} run, then mapped by later runs; never a byte on the guest's stdout, never a
 * changed exit code; a broken archive, a read-only directory or {@code HOT86_CDS=0} fall
 * back to a plain run. The launcher runs from a copy in a temporary root whose jar is a
 * stub program ({@link Stub}) that prints to stdout and exits 3, so the test does not need
 * the real jar (built after the tests).
 */
class LauncherCdsTest {
    /** The stub's main: the launcher is what is tested. */
    public static final class Stub {
        public static void main(String[] args) {
            System.out.println("guest says " + String.join(" ", args));
            System.exit(3);
        }
    }

    @TempDir
    Path root;
    Path jar;
    Path jsa;

    @BeforeEach
    void layout() throws IOException {
        Path launcher = Path.of(System.getProperty("hot86.root", ".."), "hot86").toAbsolutePath();
        assertTrue(Files.isRegularFile(launcher), "launcher not found: " + launcher);
        Files.copy(launcher, root.resolve("hot86"));
        Path target = Files.createDirectories(root.resolve("runtime/target"));
        jar = target.resolve("hot86.jar");
        jsa = target.resolve("hot86.jsa");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Stub.class.getName());
        String entry = Stub.class.getName().replace('.', '/') + ".class";
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m);
                InputStream in = Stub.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    record Run(int code, String out, String err) {}

    Run hot86(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("hot86").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("HOT86_CDS");
        pb.environment().remove("HOT86_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    void assertPlainRun(Run r) {
        assertEquals("guest says user a b\n", r.out(), "stdout belongs to the guest; stderr: " + r.err());
        assertEquals(3, r.code(), r.err());
    }

    List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(jar.getParent())) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void theFirstUserRunWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        assertPlainRun(hot86(Map.of(), "user", "a", "b"));
        assertTrue(Files.size(jsa) > 0, "archive written next to the jar");
        assertEquals(List.of(), leftovers());

        Path log = root.resolve("classes.log");
        assertPlainRun(hot86(Map.of("HOT86_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "user", "a", "b"));
        String loads = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(loads.lines().anyMatch(l -> l.contains(Stub.class.getName()) && l.contains("shared objects file")),
                "the stub class came from the archive:\n" + loads.lines().filter(l -> l.contains("Stub")).toList());
    }

    @Test
    void onlyUserRunsWriteTheArchive() throws Exception {
        Run r = hot86(Map.of(), "--version");
        assertEquals(3, r.code());
        assertFalse(Files.exists(jsa));
    }

    @Test
    void userJvmOptionsNeverBreakTheRun() throws Exception {
        // user options might conflict with the archive options (-Xshare:off); they are never mixed
        assertPlainRun(hot86(Map.of("HOT86_JAVA_OPTS", "-Xshare:off"), "user", "a", "b"));
        assertFalse(Files.exists(jsa), "no archive written under user JVM options");
        assertPlainRun(hot86(Map.of(), "user", "a", "b"));
        assertTrue(Files.exists(jsa));
        assertPlainRun(hot86(Map.of("HOT86_JAVA_OPTS", "-Xshare:off"), "user", "a", "b"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aBrokenArchiveIsIgnored() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(86).nextBytes(junk);
        Files.write(jsa, junk);
        assertPlainRun(hot86(Map.of(), "user", "a", "b"));
        assertPlainRun(hot86(Map.of(), "user", "a", "b"));
    }

    @Test
    void anArchiveOlderThanTheJarIsReplaced() throws Exception {
        Files.write(jsa, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        assertPlainRun(hot86(Map.of(), "user", "a", "b"));
        assertTrue(Files.size(jsa) > 3, "stale archive replaced");
    }

    @Test
    void aReadOnlyDirectoryOrHot86Cds0MeansNoArchive() throws Exception {
        assertPlainRun(hot86(Map.of("HOT86_CDS", "0"), "user", "a", "b"));
        assertFalse(Files.exists(jsa));
        assertTrue(jar.getParent().toFile().setWritable(false));
        try {
            if (Files.isWritable(jar.getParent())) {
                return; // running as root: permissions do not bind; the writable case is covered above
            }
            assertPlainRun(hot86(Map.of(), "user", "a", "b"));
            assertFalse(Files.exists(jsa));
        } finally {
            jar.getParent().toFile().setWritable(true);
        }
        assertEquals(List.of(), leftovers());
    }
}
