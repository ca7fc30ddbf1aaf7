package org.hot86.cpu.x87;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs x87/MMX instructions on the host CPU through a small C helper (x87oracle.c),
 * compiled with the system {@code cc} into target/ on first use. Batches of 64-byte
 * records go through one process each.
 */
final class HostOracle {
    private static Path exe;

    private HostOracle() { }

    static synchronized Path executable() {
        if (exe != null) {
            return exe;
        }
        try {
            Path dir = Paths.get(HostOracle.class.getResource("x87oracle.c").toURI()).getParent();
            Path target = Paths.get("target").toAbsolutePath();
            Files.createDirectories(target);
            Path out = target.resolve("x87oracle");
            List<String> cmd = new ArrayList<>(List.of("cc", "-O1", "-msse2", "-o", out.toString(),
                    dir.resolve("x87oracle.c").toString(), dir.resolve("mmx_oracle.c").toString()));
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException ex) {
                throw new IllegalStateException("host oracle needs the system C compiler 'cc', which could not be run: " + ex.getMessage(), ex);
            }
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cc failed building the x87 oracle:\n" + log);
            }
            exe = out;
            return exe;
        } catch (IOException | URISyntaxException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Runs the cases on the host; returns one 64-byte little-endian result per case. */
    static List<ByteBuffer> run(List<X87Case> cases) {
        Path bin = executable();
        try {
            Path in = Files.createTempFile(Paths.get("target"), "x87in", ".bin");
            try {
                ByteBuffer b = ByteBuffer.allocate(64 * cases.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (X87Case c : cases) {
                    c.encode(b);
                }
                Files.write(in, b.array());
                Process p = new ProcessBuilder(bin.toString()).redirectInput(in.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                byte[] out;
                try (InputStream is = p.getInputStream()) {
                    ByteArrayOutputStream bo = new ByteArrayOutputStream();
                    is.transferTo(bo);
                    out = bo.toByteArray();
                }
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("x87 oracle failed, exit " + p.exitValue());
                }
                if (out.length != 64 * cases.size()) {
                    throw new IllegalStateException("x87 oracle returned " + out.length + " bytes for " + cases.size() + " cases");
                }
                List<ByteBuffer> res = new ArrayList<>(cases.size());
                for (int i = 0; i < cases.size(); i++) {
                    res.add(ByteBuffer.wrap(out, 64 * i, 64).slice().order(ByteOrder.LITTLE_ENDIAN));
                }
                return res;
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
