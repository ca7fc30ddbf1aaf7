package org.hot86.decoder.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Encoding#words} against its oracle, the JDK's {@code String.split("\\s+")}. */
class EncodingWordsTest {
    @Test
    void sameAsSplitOnBlankRuns() {
        for (String s : new String[] {"", "a", "NP 0F 58 /r", "lock  w=OSZAPC", "a\tb\nc\u000Bd\fe\rf", "x \t y"}) {
            assertArrayEquals(s.split("\\s+"), Encoding.words(s), s);
        }
        long seed = Long.getLong("hot86.words.seed", System.nanoTime());
        System.out.println("EncodingWordsTest seed " + seed + " (-Dhot86.words.seed=" + seed + ")");
        Random r = new Random(seed);
        String alphabet = "ab /=\t\n\u000B\f\r\u00A0";
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = b.toString().trim();
            assertArrayEquals(s.split("\\s+"), Encoding.words(s), "seed " + seed + ": '" + s + "'");
        }
    }
}
