package org.hot86.conformance.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.ExitReason;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.decoder.Flags;
import org.hot86.decoder.Form;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSE-family differential campaign: random SSE/SSE2/SSE3/SSSE3/SSE4.1/SSE4.2 (and POPCNT, CRC32)
 * instruction sequences from {@link SseSequenceGen}, with edge-valued XMM registers, memory operands and
 * random MXCSR, run on the host CPU ({@link SseHost}) and in the reference {@link Interpreter}. Both must
 * agree bit for bit on the general registers, RFLAGS (no SSE-family form leaves a flag undefined), XMM
 * registers, MXCSR and the data page, or raise the same exception at the same instruction (with the state
 * before it).
 *
 * <p>Campaign size: {@code -Dhot86.conformance.sse.cases=N} per mode (default 125000, so a default
 * {@code mvn verify} runs 250000 SSE cases, 64-bit and 32-bit); seed: {@code -Dhot86.conformance.seed=S}.
 * The coverage report (SSE-family forms in the table / implemented / drawn / retired, with counts) is printed
 * and written to {@code target/sse-coverage.txt}.
 */
class SseVsHostTest {
    static SseHost host64, host32;
    static final Map<Form, long[]> COUNTS = new EnumMap<>(Form.class); // {drawn, retired}
    static final long[] CASES = new long[4];
    static final Map<Integer, Long> VECTORS = new TreeMap<>();

    @BeforeAll
    static void start() throws IOException {
        host64 = SseHost.start(true);
        host32 = SseHost.start(false);
    }

    @AfterAll
    static void stop() throws IOException {
        host64.close();
        host32.close();
        writeCoverage();
        if (CASES[0] >= 50_000 && CASES[2] >= 50_000) {
            // a full campaign must have retired every drawable form at least once in each mode's union
            List<Form> never = new ArrayList<>();
            for (Form f : new SseSequenceGen(true).forms) {
                if (COUNTS.getOrDefault(f, new long[2])[1] == 0) {
                    never.add(f);
                }
            }
            assertEquals(List.of(), never, "SSE forms never retired by the campaign");
        }
    }

    static int cases() {
        return Integer.getInteger("hot86.conformance.sse.cases",
                Integer.getInteger("hot86.conformance.cases", 125_000));
    }

    static long seed() {
        return Long.getLong("hot86.conformance.seed", System.nanoTime());
    }

    @Test
    void sse64AgreesWithHost() {
        campaign(true);
    }

    @Test
    void sse32AgreesWithHost() {
        campaign(false);
    }

    private void campaign(boolean bits64) {
        long seed = seed();
        int n = cases();
        System.out.printf("SseVsHostTest %d-bit: %d cases, seed %d (rerun: -Dhot86.conformance.seed=%d)%n",
                bits64 ? 64 : 32, n, seed, seed);
        SseSequenceGen gen = new SseSequenceGen(bits64);
        Checker checker = new Checker(bits64);
        long t0 = System.nanoTime();
        qt().withFixedSeed(seed).withExamples(n).withShrinkCycles(1000).forAll(gen.cases())
                .checkAssert(checker::check);
        System.out.printf("SseVsHostTest %d-bit: %d cases in %.1f s; memory operands so far: RIP-relative %d, "
                + "addr32 %d, SIB %d%n", bits64 ? 64 : 32, n, (System.nanoTime() - t0) / 1e9,
                SseSequenceGen.ripRelative, SseSequenceGen.addr32, SseSequenceGen.withSib);
    }

    static final class Checker {
        final boolean bits64;
        final Interpreter interp = new Interpreter();

        Checker(boolean bits64) {
            this.bits64 = bits64;
            interp.setStopAddress(HostCpu.EXIT_AT);
        }

        void check(SseSequenceGen.Case c) {
            SseHost.Result hr;
            try {
                hr = (bits64 ? host64 : host32).run(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HostCpu.HostResult h = hr.base;
            TwoPageMemory mem = new TwoPageMemory();
            java.util.Arrays.fill(mem.code, (byte) 0xF4);
            System.arraycopy(c.code, 0, mem.code, (int) (c.codeStart - HostCpu.CODE_PAGE), c.code.length);
            System.arraycopy(c.page, 0, mem.data, 0, HostCpu.PAGE);
            CpuState s = new CpuState();
            s.resetUserMode(bits64);
            if (!bits64) {
                s.seg[CpuState.GS].selector = 0x63;
            }
            s.mem = mem;
            for (int r = 0; r < 16; r++) {
                s.gpr[r] = bits64 ? c.regs[r] : (r < 8 ? c.regs[r] & 0xFFFFFFFFL : 0);
            }
            System.arraycopy(c.xmmLo, 0, s.xmmLo, 0, 16);
            System.arraycopy(c.xmmHi, 0, s.xmmHi, 0, 16);
            s.mxcsr = c.mxcsr;
            s.setRflags(c.flags);
            s.rip = c.codeStart;
            interp.invalidateAll();
            ExitReason why;
            int budget = 1000;
            while (true) {
                SseSequenceGen.Insn at = insnAt(c, s.rip);
                why = interp.run(s, 1);
                if (at != null && !at.fixup && (why == ExitReason.INSN_LIMIT || why == ExitReason.STOP_ADDRESS)) {
                    synchronized (COUNTS) {
                        COUNTS.computeIfAbsent(at.form, x -> new long[2])[1]++;
                    }
                }
                if (why != ExitReason.INSN_LIMIT || --budget == 0) {
                    break;
                }
            }
            synchronized (COUNTS) {
                for (SseSequenceGen.Insn i : c.insns) {
                    if (!i.fixup) {
                        COUNTS.computeIfAbsent(i.form, x -> new long[2])[0]++;
                    }
                }
                CASES[bits64 ? 0 : 2]++;
                if (h.faulted()) {
                    CASES[bits64 ? 1 : 3]++;
                    VECTORS.merge(h.trapno, 1L, Long::sum);
                }
            }
            compare(c, hr, s, why, mem);
        }

        private static SseSequenceGen.Insn insnAt(SseSequenceGen.Case c, long rip) {
            for (SseSequenceGen.Insn i : c.insns) {
                if (i.address == rip) {
                    return i;
                }
            }
            return null;
        }

        private void compare(SseSequenceGen.Case c, SseHost.Result hr, CpuState s, ExitReason why, TwoPageMemory mem) {
            HostCpu.HostResult h = hr.base;
            List<String> diffs = new ArrayList<>();
            if (why == ExitReason.EXCEPTION) {
                if (!h.faulted()) {
                    diffs.add(String.format("interpreter raised vector %d at 0x%x, host ran to the end", s.eventVector,
                            s.eventRip));
                } else if (h.trapno != s.eventVector || h.rip != s.eventRip) {
                    diffs.add(String.format("exception: interpreter vector %d at 0x%x, host vector %d (signal %d) at 0x%x",
                            s.eventVector, s.eventRip, h.trapno, h.signal, h.rip));
                } else if (s.eventVector == 14) {
                    if (h.address != s.eventAddress) {
                        diffs.add(String.format("CR2: interpreter 0x%x, host 0x%x", s.eventAddress, h.address));
                    }
                    if ((h.errorCode & 0x2) != (s.eventErrorCode & 0x2)) {
                        diffs.add(String.format("#PF error code W: interpreter 0x%x, host 0x%x", s.eventErrorCode,
                                h.errorCode));
                    }
                }
            } else if (why == ExitReason.STOP_ADDRESS) {
                if (h.faulted()) {
                    diffs.add(String.format("host raised vector %d (signal %d) at 0x%x, interpreter ran to the end",
                            h.trapno, h.signal, h.rip));
                }
            } else {
                diffs.add("interpreter stopped with " + why);
            }
            if (diffs.isEmpty()) {
                long regMask = bits64 ? -1L : 0xFFFFFFFFL;
                int n = bits64 ? 16 : 8;
                for (int r = 0; r < n; r++) {
                    if ((s.gpr[r] & regMask) != (h.regs[r] & regMask)) {
                        diffs.add(String.format("r%d: interpreter 0x%x, host 0x%x", r, s.gpr[r], h.regs[r]));
                    }
                }
                long checked = Flags.STATUS | Flags.DF | Flags.IF | Flags.AC | Flags.ID | Flags.TF;
                if ((s.getRflags() & checked) != (h.flags & checked)) {
                    diffs.add(String.format("rflags: interpreter 0x%x, host 0x%x", s.getRflags(), h.flags));
                }
                for (int r = 0; r < n; r++) {
                    if (s.xmmLo[r] != hr.xmmLo[r] || s.xmmHi[r] != hr.xmmHi[r]) {
                        diffs.add(String.format("xmm%d: interpreter %016x_%016x, host %016x_%016x", r, s.xmmHi[r],
                                s.xmmLo[r], hr.xmmHi[r], hr.xmmLo[r]));
                    }
                }
                if (s.mxcsr != hr.mxcsr) {
                    diffs.add(String.format("mxcsr: interpreter 0x%x, host 0x%x", s.mxcsr, hr.mxcsr));
                }
                for (int k = 0; k < HostCpu.PAGE; k++) {
                    if (mem.data[k] != h.data[k]) {
                        diffs.add(String.format("data+0x%x: interpreter 0x%02x, host 0x%02x", k, mem.data[k] & 0xFF,
                                h.data[k] & 0xFF));
                        if (diffs.size() > 16) {
                            break;
                        }
                    }
                }
            }
            if (!diffs.isEmpty()) {
                fail("\n" + c + "  differences:\n    " + String.join("\n    ", diffs));
            }
        }
    }

    static void writeCoverage() {
        StringBuilder rows = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        StringBuilder left = new StringBuilder();
        int table = 0, impl = 0, drawn = 0, retired = 0;
        for (Form f : Form.values()) {
            if (!SseSequenceGen.FAMILY.contains(f.feature())) {
                continue;
            }
            table++;
            boolean im = Interpreter.implementedForms().contains(f);
            if (im) {
                impl++;
            }
            long[] k = COUNTS.getOrDefault(f, new long[2]);
            if (k[0] > 0) {
                drawn++;
            }
            if (k[1] > 0) {
                retired++;
            }
            String note = SseSequenceGen.EXCLUDED.containsKey(f) ? "  (excluded: " + SseSequenceGen.EXCLUDED.get(f) + ")"
                    : SseSequenceGen.mmxOrX87(f) ? "  (MMX/x87 register operand: x87/MMX part)"
                    : "";
            if (!im) {
                missing.append(' ').append(f);
            }
            rows.append(String.format("  %-26s %-15s drawn %8d  retired %8d%s%n", f, im ? "implemented" : "NOT implemented",
                    k[0], k[1], note));
            if (im && k[0] == 0 && note.isEmpty()) {
                left.append(' ').append(f);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("hot86 SSE coverage: %d SSE-family forms in the table (SSE..SSE4.2, POPCNT), %d implemented"
                + " by the interpreter, %d drawn by the campaign, %d retired without a fault%n", table, impl, drawn, retired));
        b.append(String.format("cases: 64-bit %d (%d ended in an exception), 32-bit %d (%d ended in an exception)%n",
                CASES[0], CASES[1], CASES[2], CASES[3]));
        b.append("exception vectors seen on the host: ").append(VECTORS).append('\n');
        b.append(rows);
        b.append("not implemented:").append(missing).append('\n');
        b.append("implemented and drawable but not drawn:").append(left).append('\n');
        System.out.print(b);
        try {
            Path p = Paths.get("target/sse-coverage.txt");
            Files.createDirectories(p.getParent());
            Files.writeString(p, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCampaignFormIsDrawable() {
        assertEquals(true, new SseSequenceGen(true).forms.size() > 250, "64-bit SSE forms drawable");
    }
}
