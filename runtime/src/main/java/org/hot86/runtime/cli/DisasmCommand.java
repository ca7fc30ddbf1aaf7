package org.hot86.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.format.IntelFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hot86 disasm}: linear-sweep disassembly of a hex string or a file region.
 * Output, one instruction per line: {@code ADDRESS<TAB>BYTES<TAB>TEXT} with the address
 * in lowercase hex without 0x, the bytes as lowercase hex pairs without spaces, and the
 * text in lowercase Intel syntax; bytes that do not decode print {@code (bad)} and
 * consume one byte.
 */
@Command(name = "disasm", description = "Disassemble x86 code (Intel syntax, like objdump -M intel).",
        mixinStandardHelpOptions = true, sortOptions = false)
public final class DisasmCommand implements Callable<Integer> {
    @Option(names = "--bits", paramLabel = "16|32|64", defaultValue = "64",
            description = "Code size: 16, 32 or 64 (default ${DEFAULT-VALUE}).")
    String bits;

    @Option(names = "--org", paramLabel = "ADDR", defaultValue = "0",
            description = "Address of the first byte (hex with 0x, or decimal; default 0).")
    String org;

    @Option(names = "--hex", paramLabel = "HEXSTRING", description = "The code as hex digits (blanks allowed).")
    String hex;

    @Option(names = "--file", paramLabel = "F", description = "Read the code from file F.")
    Path file;

    @Option(names = "--offset", paramLabel = "N", description = "Start N bytes into the file (default 0).")
    String offset;

    @Option(names = "--length", paramLabel = "N", description = "Disassemble at most N bytes.")
    String length;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Mode mode;
        try {
            mode = Mode.ofBits(Integer.parseInt(bits.trim()));
        } catch (IllegalArgumentException e) {
            throw new CliError(ExitCodes.USAGE, "invalid --bits " + bits + " (expected 16, 32 or 64)");
        }
        long origin = number("--org", org);
        if ((hex == null) == (file == null)) {
            throw new CliError(ExitCodes.USAGE, "disasm needs exactly one of --hex or --file");
        }
        byte[] code;
        if (hex != null) {
            if (offset != null || length != null) {
                throw new CliError(ExitCodes.USAGE, "--offset and --length apply to --file only");
            }
            code = parseHex(hex);
        } else {
            code = readFile(file, offset == null ? 0 : number("--offset", offset),
                    length == null ? -1 : number("--length", length));
        }
        PrintWriter out = spec.commandLine().getOut();
        disassemble(code, mode, origin, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the listing of {@code code} (exposed for tests). */
    static void disassemble(byte[] code, Mode mode, long origin, PrintWriter out) {
        Decoder d = new Decoder(mode);
        Instruction insn = new Instruction();
        StringBuilder line = new StringBuilder(96);
        int pos = 0;
        long mask = mode == Mode.BITS64 ? -1L : 0xffffffffL;
        while (pos < code.length) {
            int n = d.decode(code, pos, code.length, insn);
            long addr = (origin + pos) & mask;
            line.setLength(0);
            line.append(Long.toHexString(addr)).append('\t');
            int len = n > 0 ? n : 1;
            for (int i = 0; i < len; i++) {
                int b = code[pos + i] & 0xff;
                line.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            }
            line.append('\t').append(n > 0 ? IntelFormatter.format(insn, addr) : "(bad)");
            out.println(line);
            pos += len;
        }
    }

    private static long number(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            if (v < 0 && !t.startsWith("0x")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliError(ExitCodes.USAGE, "invalid " + option + " '" + text
                    + "' (expected a non-negative number, hex with 0x or decimal)");
        }
    }

    static byte[] parseHex(String text) {
        String t = text.replaceAll("\\s+", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() % 2 != 0 || !t.matches("[0-9a-fA-F]+")) {
            throw new CliError(ExitCodes.USAGE, "invalid --hex: expected an even number of hex digits");
        }
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] readFile(Path f, long off, long len) {
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + f + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + f + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new CliError(ExitCodes.BAD_INPUT, "cannot read " + f + ": too large");
        }
        if (off > all.length) {
            throw new CliError(ExitCodes.USAGE, "--offset " + off + " is beyond the end of " + f
                    + " (" + all.length + " bytes)");
        }
        long n = len < 0 ? all.length - off : Math.min(len, all.length - off);
        byte[] code = new byte[(int) n];
        System.arraycopy(all, (int) off, code, 0, (int) n);
        return code;
    }
}
