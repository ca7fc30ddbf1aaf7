package org.hot86.conformance.decoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.format.IntelFormatter;

/**
 * Compares hot86's decoder with objdump on a batch of byte strings. Each case is placed at
 * a 32-byte stride, padded with NOPs (0x90): an instruction starting in the first 15 bytes
 * ends before the next case, so objdump's linear sweep is back in step at every case and
 * one objdump run checks the whole batch.
 *
 * <p>Agreement: both invalid, or both valid with the same length. Disagreements that
 * {@link Departures} attributes to objdump departing from the SDM are counted apart.
 */
final class Comparison {
    static final int STRIDE = 32;
    static final int WINDOW = 15;

    final Mode mode;
    long cases;
    long agree;
    long bothValid;
    long mnemonicAgree;
    final Map<String, Long> departures = new TreeMap<>();
    /** Known hot86 limitations (reported, not failed). */
    final Map<String, Long> limitations = new TreeMap<>();
    final Map<String, Long> mnemonicMismatches = new TreeMap<>();
    final List<String> failures = new ArrayList<>();

    Comparison(Mode mode) {
        this.mode = mode;
    }

    /** Returns the failure descriptions of this batch (also appended to {@link #failures}). */
    List<String> run(List<byte[]> batch, long seed, Path workDir) {
        byte[] image = new byte[batch.size() * STRIDE];
        java.util.Arrays.fill(image, (byte) 0x90);
        for (int i = 0; i < batch.size(); i++) {
            byte[] c = batch.get(i);
            System.arraycopy(c, 0, image, i * STRIDE, Math.min(c.length, WINDOW));
        }
        Map<Long, Objdump.Line> theirs = Objdump.disassemble(mode, image, workDir);
        Decoder d = new Decoder(mode);
        Instruction insn = new Instruction();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int off = i * STRIDE;
            cases++;
            int n = d.decode(image, off, image.length, insn);
            Objdump.Line t = theirs.get((long) off);
            byte[] window = java.util.Arrays.copyOfRange(image, off, off + WINDOW + 1);
            String ours = n > 0 ? IntelFormatter.format(insn, off) : "(bad) status " + n;
            if (t == null) {
                out.add(describe("objdump lost sync", window, ours, "<none>", seed, off));
                continue;
            }
            boolean ov = n > 0;
            boolean tv = !t.bad();
            String dep = Departures.explain(mode, window, insn, n, t);
            if (ov == tv && (!ov || n == t.length())) {
                agree++;
                if (ov) {
                    bothValid++;
                    String om = IntelFormatter.mnemonic(insn);
                    if (om.equals(t.mnemonic())) {
                        mnemonicAgree++;
                    } else {
                        mnemonicMismatches.merge(om + " vs " + t.mnemonic(), 1L, Long::sum);
                    }
                }
            } else if (dep != null) {
                departures.merge(dep, 1L, Long::sum);
            } else if (ov != tv && isVexOrEvex(window)) {
                limitations.merge("VEX/EVEX validity rules not modelled (some VEX.L/W restrictions, EVEX field rules)",
                        1L, Long::sum);
            } else {
                out.add(describe(ov == tv ? "length differs" : "validity differs", window, ours + " [len " + n + "]",
                        t.text() + " [len " + t.length() + "]", seed, off));
            }
        }
        failures.addAll(out);
        return out;
    }

    private boolean isVexOrEvex(byte[] w) {
        int i = Departures.firstOpcodeIndex(mode, w);
        if (i < 0 || i + 1 >= w.length) {
            return false;
        }
        int b = w[i] & 0xff;
        return (b == 0xC4 || b == 0xC5 || b == 0x62) && (mode == Mode.BITS64 || (w[i + 1] & 0xC0) == 0xC0);
    }

    String describe(String what, byte[] window, String ours, String theirs, long seed, int off) {
        return what + " (" + mode + ", seed " + seed + "): bytes " + HexFormat.ofDelimiter(" ").formatHex(window)
                + "\n    hot86:   " + ours + "\n    objdump: " + theirs;
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d cases, length+validity agree %d (%.3f%%), departures %d, failures %d; "
                        + "both valid %d, mnemonic agree %d (%.3f%%)%n", mode, cases, agree, 100.0 * agree / Math.max(1, cases),
                departures.values().stream().mapToLong(Long::longValue).sum(), failures.size(), bothValid, mnemonicAgree,
                100.0 * mnemonicAgree / Math.max(1, bothValid)));
        departures.forEach((k, v) -> sb.append("    departure ").append(v).append(" x ").append(k).append('\n'));
        limitations.forEach((k, v) -> sb.append("    hot86 limitation ").append(v).append(" x ").append(k).append('\n'));
        mnemonicMismatches.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(25)
                .forEach(e -> sb.append("    mnemonic ").append(e.getValue()).append(" x ").append(e.getKey()).append('\n'));
        return sb.toString();
    }
}
