package org.hot86.conformance.decoder;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hot86.decoder.Form;
import org.hot86.decoder.Mode;
import org.hot86.decoder.table.OpcodeTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;

/**
 * Property tests: hot86's decoder against GNU objdump in all three modes, on (a) random byte
 * strings biased toward prefixes and escape bytes and (b) random valid encodings generated
 * from the instruction table. Length and validity must agree except for the documented
 * {@link Departures}; mnemonic agreement is reported.
 *
 * <p>Sizes: {@code -Dhot86.conformance.cases=N} cases per mode and kind (default 20000),
 * batched {@value #BATCH} per objdump run; {@code -Dhot86.conformance.seed=S} replays a run.
 */
class DecoderVsObjdumpTest {
    static final int BATCH = 2000;
    static final int CASES = Integer.getInteger("hot86.conformance.cases", 20000);
    static final long SEED = Long.getLong("hot86.conformance.seed", System.nanoTime());
    static final Path WORK = Path.of("target", "objdump-work");
    static final List<String> REPORT = new ArrayList<>();

    /** Prefixes, REX, escapes and VEX/EVEX bytes that random strings are biased toward. */
    static final int[] BIAS = {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x36, 0x3E, 0x26, 0x64, 0x65, 0x0F, 0x0F, 0x0F,
        0x0F, 0x38, 0x3A, 0x40, 0x41, 0x44, 0x48, 0x4C, 0x4F, 0xC4, 0xC5, 0x62, 0x9B, 0xD8, 0xD9, 0xDB, 0xDD, 0xDF};

    @BeforeAll
    static void requireObjdump() {
        Objdump.requireObjdump();
        System.out.println("decoder conformance: seed " + SEED + " (replay with -Dhot86.conformance.seed=" + SEED
                + "), " + CASES + " cases per mode and kind; table has " + (Form.values().length - 1) + " forms, "
                + OpcodeTable.ENTRY_COUNT + " opcode entries");
    }

    @AfterAll
    static void writeReport() throws IOException {
        String text = String.join("", REPORT);
        System.out.println(text);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("decoder-conformance.txt"), text);
    }

    static Gen<byte[]> randomBytes() {
        return lists().of(integers().between(0, 255 + 3 * BIAS.length)).ofSize(Comparison.WINDOW).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                int v = l.get(i);
                b[i] = (byte) (v > 255 ? BIAS[(v - 256) % BIAS.length] : v);
            }
            return b;
        });
    }

    static Gen<byte[]> tableEncodings(Mode mode) {
        return integers().between(0, TableEncodings.ALL.size() - 1)
                .zip(lists().of(integers().between(0, 255)).ofSize(20), (which, l) -> {
                    int[] r = l.stream().mapToInt(Integer::intValue).toArray();
                    byte[] b = TableEncodings.build(mode, which, r);
                    return b == null ? new byte[] {(byte) 0x90} : b;
                });
    }

    private void campaign(Mode mode, String kind, Gen<byte[]> cases) {
        Comparison cmp = new Comparison(mode);
        int batches = Math.max(1, (CASES + BATCH - 1) / BATCH);
        int size = Math.min(BATCH, CASES);
        qt().withFixedSeed(SEED).withExamples(batches).withShrinkCycles(30)
                .forAll(lists().of(cases).ofSize(size))
                .checkAssert(batch -> {
                    List<String> f = cmp.run(batch, SEED, WORK);
                    assertTrue(f.isEmpty(), () -> f.size() + " disagreement(s) with objdump in " + batch.size()
                            + " cases (seed " + SEED + "):\n" + f.stream().limit(10).collect(Collectors.joining("\n")));
                });
        REPORT.add(kind + " " + cmp.summary());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void randomBytesAgreeWithObjdump(Mode mode) {
        campaign(mode, "random-bytes", randomBytes());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tableEncodingsAgreeWithObjdump(Mode mode) {
        campaign(mode, "table-encodings", tableEncodings(mode));
    }
}
