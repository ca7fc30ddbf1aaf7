package org.hot86.conformance.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.format.IntelFormatter;
import org.junit.jupiter.api.Test;

/**
 * Real-binary check: a linear sweep of the {@code .text} section of Debian's static
 * {@code /bin/busybox} (package busybox-static) against {@code objdump -d}. Instruction
 * boundaries must agree on 100% of instructions, mnemonics on at least 99.9%.
 */
class BusyboxSweepTest {
    static final Path BUSYBOX = Path.of(System.getProperty("hot86.busybox", "/bin/busybox"));

    /** {@code .text} of a little-endian ELF64 file: file offset, size, virtual address. */
    record Section(long offset, long size, long address) {}

    static Section textSection(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x464c457f || elf[4] != 2) {
            throw new AssertionError(BUSYBOX + " is not an ELF64 file");
        }
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3A) & 0xffff;
        int shnum = b.getShort(0x3C) & 0xffff;
        int shstrndx = b.getShort(0x3E) & 0xffff;
        long strOff = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            int name = b.getInt(h);
            StringBuilder sb = new StringBuilder();
            for (int k = (int) strOff + name; elf[k] != 0; k++) {
                sb.append((char) elf[k]);
            }
            if (sb.toString().equals(".text")) {
                return new Section(b.getLong(h + 0x18), b.getLong(h + 0x20), b.getLong(h + 0x10));
            }
        }
        throw new AssertionError("no .text section in " + BUSYBOX);
    }

    @Test
    void linearSweepOfBusyboxTextMatchesObjdump() throws IOException {
        Objdump.requireObjdump();
        assertTrue(Files.isReadable(BUSYBOX), BUSYBOX + " is missing: apt-get install busybox-static");
        byte[] elf = Files.readAllBytes(BUSYBOX);
        Section text = textSection(elf);
        Map<Long, Objdump.Line> theirs = Objdump.run(List.of("objdump", "-d", "-z", "--insn-width=16", "-M", "intel",
                "-j", ".text", BUSYBOX.toString()));
        Decoder d = new Decoder(Mode.BITS64);
        Instruction insn = new Instruction();
        int start = (int) text.offset();
        int end = (int) (text.offset() + text.size());
        long ours = 0;
        long boundaryAgree = 0;
        long mnemonicAgree = 0;
        List<String> boundaryFailures = new ArrayList<>();
        Map<String, Long> mismatches = new TreeMap<>();
        for (int pos = start; pos < end; ) {
            int n = d.decode(elf, pos, end, insn);
            long addr = text.address() + (pos - start);
            Objdump.Line t = theirs.get(addr);
            int len = n > 0 ? n : 1;
            ours++;
            if (t != null && n > 0 && t.length() == n && !t.bad()) {
                boundaryAgree++;
                String om = IntelFormatter.mnemonic(insn);
                if (om.equals(t.mnemonic())) {
                    mnemonicAgree++;
                } else {
                    mismatches.merge(om + " vs " + t.mnemonic(), 1L, Long::sum);
                }
            } else if (t != null && n <= 0 && t.bad() && t.length() == 1) {
                boundaryAgree++;
                mnemonicAgree++;
            } else if (boundaryFailures.size() < 20) {
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < 15 && pos + i < end; i++) {
                    hex.append(String.format("%02x ", elf[pos + i] & 0xff));
                }
                boundaryFailures.add(String.format("%x: bytes %s%n    hot86:   %s [len %d]%n    objdump: %s", addr, hex,
                        n > 0 ? IntelFormatter.format(insn, addr) : "(bad)", n,
                        t == null ? "<no instruction at this address>" : t.text() + " [len " + t.length() + "]"));
            }
            pos += len;
        }
        double mnRate = 100.0 * mnemonicAgree / ours;
        StringBuilder report = new StringBuilder(String.format(
                "busybox sweep: %d instructions (objdump %d), boundaries agree %d (%.4f%%), mnemonics agree %d (%.4f%%)%n",
                ours, theirs.size(), boundaryAgree, 100.0 * boundaryAgree / ours, mnemonicAgree, mnRate));
        mismatches.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(20)
                .forEach(e -> report.append("    mnemonic ").append(e.getValue()).append(" x ").append(e.getKey()).append('\n'));
        System.out.println(report);
        Files.createDirectories(DecoderVsObjdumpTest.WORK);
        Files.writeString(DecoderVsObjdumpTest.WORK.resolve("busybox-sweep.txt"), report);
        assertEquals(ours, boundaryAgree, () -> "boundary disagreements:\n" + String.join("\n", boundaryFailures));
        assertEquals(theirs.size(), ours, "objdump and hot86 found different instruction counts");
        assertTrue(mnRate >= 99.9, "mnemonic agreement " + mnRate + "% < 99.9%\n" + report);
    }
}
