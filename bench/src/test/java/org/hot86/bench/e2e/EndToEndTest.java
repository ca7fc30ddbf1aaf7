package org.hot86.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndTest {
    @Test
    void workloadsAreBuiltAndTheirDataIsReproducible(@TempDir Path a, @TempDir Path b) throws Exception {
        Path root = Path.of(System.getProperty("hot86.root", "..")).toAbsolutePath();
        List<EndToEnd.Workload> wa = EndToEnd.workloads(root, a, 0.0001);
        List<EndToEnd.Workload> wb = EndToEnd.workloads(root, b, 0.0001);
        assertEquals(wa.stream().map(EndToEnd.Workload::name).toList(),
                wb.stream().map(EndToEnd.Workload::name).toList());
        assertTrue(wa.stream().anyMatch(w -> w.name().equals("crc32")));
        // Each C kernel was compiled to a static executable that runs natively.
        Process p = new ProcessBuilder(a.resolve("sieve").toString(), "1000", "1").start();
        assertEquals("primes below 1000: 168\n", new String(p.getInputStream().readAllBytes()));
        assertEquals(0, p.waitFor());
        if (Files.exists(a.resolve("random.bin"))) {
            assertArrayEquals(Files.readAllBytes(a.resolve("random.bin")), Files.readAllBytes(b.resolve("random.bin")));
            assertArrayEquals(Files.readAllBytes(a.resolve("text.txt")), Files.readAllBytes(b.resolve("text.txt")));
        }
    }
}
