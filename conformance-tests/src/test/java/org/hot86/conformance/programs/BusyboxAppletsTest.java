package org.hot86.conformance.programs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's busybox-static applets under {@code hot86 user} and natively, on the same
 * inputs generated here: byte-identical stdout and the same exit status.
 */
class BusyboxAppletsTest {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    static Path dir;

    static byte[] text;
    static byte[] binary;
    static byte[] sortedText;

    @BeforeAll
    static void inputs() throws Exception {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new AssertionError("/bin/busybox is missing: apt-get install busybox-static");
        }
        long seed = Long.getLong("hot86.conformance.seed", 86L);
        SplittableRandom r = new SplittableRandom(seed);
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "42", "-7", "3.5",
            "x", "hot86", "Quux"};
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 400; line++) {
            int n = 1 + r.nextInt(8);
            for (int w = 0; w < n; w++) {
                sb.append(w == 0 ? "" : r.nextInt(5) == 0 ? "," : " ").append(words[r.nextInt(words.length)]);
            }
            sb.append(r.nextInt(3) == 0 ? " " + r.nextInt(100000) : "").append('\n');
        }
        text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        binary = new byte[48 * 1024];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 251 < 40 ? r.nextInt(256) : i * 7 / 13);
        }
        Files.write(dir.resolve("text.txt"), text);
        Files.write(dir.resolve("data.bin"), binary);
        Files.write(dir.resolve("text2.txt"), sb.toString().replace("gamma", "GAMMA").getBytes(StandardCharsets.US_ASCII));
        sortedText = (String.join("\n", sb.toString().lines().sorted().toList()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        // Encoded and compressed inputs for the decoders, made natively.
        for (String[] c : new String[][] {{"gzip", "text.txt.gz", "-c", "text.txt"}, {"bzip2", "text.txt.bz2", "-c", "text.txt"},
                {"base64", "data.b64", "data.bin"}}) {
            List<String> cmd = new ArrayList<>(List.of(BUSYBOX.toString()));
            cmd.add(c[0]);
            cmd.addAll(List.of(c).subList(2, c.length));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(dir.resolve(c[1]).toFile()).start();
            if (p.waitFor() != 0) {
                throw new AssertionError("native " + c[0] + " failed");
            }
        }
    }

    record Case(String name, byte[] stdin, String... argv) {}

    static List<Case> cases() {
        byte[] none = new byte[0];
        List<Case> l = new ArrayList<>();
        l.add(new Case("sha256sum", none, "sha256sum", "text.txt", "data.bin"));
        l.add(new Case("md5sum", none, "md5sum", "text.txt", "data.bin"));
        l.add(new Case("sha1sum", text, "sha1sum"));
        l.add(new Case("gzip", none, "gzip", "-9", "-c", "text.txt"));
        l.add(new Case("gunzip", none, "gunzip", "-c", "text.txt.gz"));
        l.add(new Case("bzip2", none, "bzip2", "-c", "text.txt"));
        l.add(new Case("bunzip2", none, "bunzip2", "-c", "text.txt.bz2"));
        l.add(new Case("sort", text, "sort"));
        l.add(new Case("sort -n -r", text, "sort", "-n", "-r", "-k", "2"));
        l.add(new Case("uniq -c", sortedText, "uniq", "-c"));
        l.add(new Case("wc", none, "wc", "text.txt", "data.bin"));
        l.add(new Case("od", none, "od", "-A", "x", "-t", "x1z", "-N", "2048", "data.bin"));
        l.add(new Case("sed", text, "sed", "-e", "s/a\\([a-z]\\)/<\\1>/g", "-e", "/zeta/d", "-e", "3,7p"));
        l.add(new Case("awk", text, "awk", "{ s += $NF; n += NF; x = x * 1.0001 + length($0) / 3.0 } "
                + "END { printf \"%d %d %.6f %.10g %g\\n\", s, n, x, s / (NR + 0.5), 1e300 * 1e10 }"));
        l.add(new Case("awk fp", none, "awk", "BEGIN { for (i = 1; i <= 2000; i++) { s += 1 / i; p = p * 1.5 + i % 7 } "
                + "printf \"%.15g %.6e %d %.3f\\n\", s, p, int(-7 / 2), 2 ^ 0.5 }"));
        l.add(new Case("tr", text, "tr", "a-z", "A-Z"));
        l.add(new Case("cut", text, "cut", "-d", ",", "-f", "2,3"));
        l.add(new Case("seq", none, "seq", "-s", ",", "-w", "3", "7", "200"));
        l.add(new Case("factor", none, "factor", "1234567890123", "600851475143", "97", "4294967297"));
        l.add(new Case("expr", none, "expr", "123456", "*", "789", "+", "17", "%", "5"));
        l.add(new Case("printf", none, "printf", "%5.2f|%x|%o|%-6s|%e|%c\\n", "3.14159", "255", "8", "ab", "12345.678", "Z"));
        l.add(new Case("base64", none, "base64", "data.bin"));
        l.add(new Case("base64 -d", none, "base64", "-d", "data.b64"));
        l.add(new Case("cmp", none, "cmp", "-l", "text.txt", "text2.txt"));
        l.add(new Case("diff", none, "diff", "-u", "text.txt", "text2.txt"));
        return l;
    }

    @TestFactory
    Stream<DynamicTest> appletsMatchNative() {
        boolean jit = !Boolean.getBoolean("hot86.conformance.nojit");
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<String> argv = new ArrayList<>();
            argv.add("busybox");
            argv.addAll(List.of(c.argv()));
            GuestRun nat = GuestRun.nativeRun(BUSYBOX, argv, c.stdin(), dir);
            GuestRun emu = GuestRun.hot86Run(BUSYBOX, argv, c.stdin(), dir, jit);
            assertTrue(nat.sameAs(emu), () -> "busybox " + String.join(" ", c.argv())
                    + "\n=== native: " + nat.describe() + "\n=== hot86: " + emu.describe());
        }));
    }
}
