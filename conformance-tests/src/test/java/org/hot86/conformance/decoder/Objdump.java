package org.hot86.conformance.decoder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hot86.decoder.Mode;

/**
 * GNU objdump as an oracle: disassembles a whole image in one call and returns each
 * instruction's address, length and text. 64-bit code uses {@code -M intel64} so that
 * objdump follows the Intel SDM (66 ignored on near branches) rather than AMD.
 */
final class Objdump {
    /** One objdump line. */
    record Line(long address, int length, String text) {
        /** objdump could not decode the instruction, or printed "(bad)" for an operand. */
        boolean bad() {
            return text.contains("(bad)") || text.isEmpty();
        }

        /** The mnemonic with prefixes stripped, as {@link #mnemonicOf}. */
        String mnemonic() {
            return mnemonicOf(text);
        }
    }

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");
    private static final Pattern BYTES_ONLY = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*$");

    /** Prefix words objdump prints before the mnemonic. */
    static final Set<String> PREFIX_WORDS = Set.of("lock", "rep", "repz", "repnz", "repe", "repne", "data16",
            "data32", "addr16", "addr32", "cs", "ds", "es", "ss", "fs", "gs", "bnd", "notrack", "xacquire",
            "xrelease", "{vex}", "{vex3}", "{evex}", "{disp32}", "{rex}");

    static String mnemonicOf(String text) {
        for (String w : text.trim().split("\\s+")) {
            if (PREFIX_WORDS.contains(w) || w.startsWith("rex")) {
                continue;
            }
            return w;
        }
        String[] all = text.trim().split("\\s+");
        return all.length == 0 ? "" : all[all.length - 1];
    }

    static String machine(Mode mode) {
        return switch (mode) {
            case BITS16 -> "i8086";
            case BITS32 -> "i386";
            case BITS64 -> "i386:x86-64";
        };
    }

    /** Fails with a clear message if objdump is not installed. */
    static void requireObjdump() {
        try {
            Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new AssertionError("objdump --version failed: install binutils");
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GNU objdump is required for the decoder conformance tests "
                    + "(apt-get install binutils): " + e);
        }
    }

    /** Disassembles a raw image; lines keyed by address. */
    static Map<Long, Line> disassemble(Mode mode, byte[] image, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path f = Files.createTempFile(workDir, "case", ".bin");
            try {
                Files.write(f, image);
                List<String> cmd = List.of("objdump", "-D", "-z", "--insn-width=16", "-b", "binary",
                        "-m", machine(mode), "-M", mode == Mode.BITS64 ? "intel,intel64" : "intel", f.toString());
                return run(cmd);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new AssertionError("running objdump: " + e, e);
        }
    }

    /** Runs an objdump command line and parses its listing. */
    static Map<Long, Line> run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, Line> out = new HashMap<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String s;
            Line last = null;
            while ((s = r.readLine()) != null) {
                Matcher m = LINE.matcher(s);
                if (m.matches()) {
                    long a = Long.parseLong(m.group(1), 16);
                    int n = m.group(2).trim().split(" ").length;
                    last = new Line(a, n, m.group(3).trim());
                    out.put(a, last);
                    continue;
                }
                Matcher b = BYTES_ONLY.matcher(s);
                if (b.matches() && last != null) {
                    // continuation of a long instruction
                    int n = b.group(2).trim().split(" ").length;
                    last = new Line(last.address(), last.length() + n, last.text());
                    out.put(last.address(), last);
                }
            }
        }
        try {
            if (p.waitFor() != 0) {
                throw new AssertionError("objdump failed: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }
}
