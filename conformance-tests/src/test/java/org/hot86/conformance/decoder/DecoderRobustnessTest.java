package org.hot86.conformance.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import org.hot86.decoder.Decoder;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.format.IntelFormatter;
import org.junit.jupiter.api.Test;

/**
 * The decoder's contract on arbitrary input: it never throws, never reads at or past the
 * limit, reports TRUNCATED only when fewer than 15 bytes were available, and a decode from
 * a shorter window either agrees with the full decode or says TRUNCATED. The formatter
 * never throws on a decoded instruction.
 */
class DecoderRobustnessTest {
    static final long SEED = DecoderVsObjdumpTest.SEED;

    @Test
    void everyTruncationOfRandomBytesIsHandled() {
        qt().withFixedSeed(SEED).withExamples(Integer.getInteger("hot86.conformance.cases", 20000) / 4)
                .forAll(lists().of(integers().between(0, 255 + 3 * DecoderVsObjdumpTest.BIAS.length)).ofSize(16),
                        integers().between(0, 2))
                .checkAssert((list, m) -> {
                    byte[] b = new byte[list.size()];
                    for (int i = 0; i < b.length; i++) {
                        int v = list.get(i);
                        b[i] = (byte) (v > 255 ? DecoderVsObjdumpTest.BIAS[(v - 256) % DecoderVsObjdumpTest.BIAS.length] : v);
                    }
                    Mode mode = Mode.values()[m];
                    Decoder d = new Decoder(mode);
                    Instruction full = new Instruction();
                    int n = d.decode(b, 0, b.length, full);
                    assertTrue(n == Decoder.INVALID || n == Decoder.TOO_LONG || (n >= 1 && n <= 15), "status " + n);
                    if (n > 0) {
                        IntelFormatter.format(full, 0x1000);
                    }
                    for (int limit = 0; limit < b.length; limit++) {
                        byte[] window = java.util.Arrays.copyOf(b, limit); // reading past the limit would throw
                        Instruction part = new Instruction();
                        int p = d.decode(window, 0, limit, part);
                        if (n > 0 && limit >= n) {
                            assertEquals(n, p, "window " + limit + " of " + java.util.HexFormat.of().formatHex(b));
                            assertEquals(full.form(), part.form());
                        } else if (n > 0) {
                            assertEquals(Decoder.TRUNCATED, p, "window " + limit + " of " + java.util.HexFormat.of().formatHex(b));
                        } else {
                            assertTrue(p < 0, "a prefix of undecodable bytes decoded: " + p);
                        }
                        if (p == Decoder.TRUNCATED) {
                            assertTrue(limit < 15);
                            assertEquals(Form.INVALID, part.form());
                        }
                    }
                });
    }
}
