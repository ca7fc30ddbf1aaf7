package org.hot86.cpu.sse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The host CPU as oracle: a small C program (test resource {@code ssehost.c} + {@code ssehost_stub.S}) compiled with
 * the system {@code cc} into {@code target/sse-oracle/}, kept running for the whole test JVM, executing one
 * register-form instruction per request (protocol in {@code ssehost.c}). A missing {@code cc} fails the tests.
 */
final class HostCpu {
    private static HostCpu instance;

    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private final byte[] request = new byte[160];
    private final byte[] reply = new byte[128];
    private final ByteBuffer req = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer rep = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
    long executed;

    static synchronized HostCpu get() {
        if (instance == null) {
            instance = new HostCpu(build());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.process.destroy()));
        }
        return instance;
    }

    private HostCpu(Path exe) {
        try {
            process = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start host oracle " + exe, e);
        }
        out = process.getOutputStream();
        in = new DataInputStream(process.getInputStream());
    }

    private static Path build() {
        try {
            Path dir = Path.of("target", "sse-oracle").toAbsolutePath();
            Files.createDirectories(dir);
            Path c = dir.resolve("ssehost.c");
            Path s = dir.resolve("ssehost_stub.S");
            copy("ssehost.c", c);
            copy("ssehost_stub.S", s);
            Path exe = dir.resolve("ssehost");
            Process cc;
            try {
                cc = new ProcessBuilder("cc", "-O1", "-o", exe.toString(), c.toString(), s.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("The SSE conformance tests need the system C compiler `cc` "
                        + "to build the host-CPU oracle, and it could not be run: " + e.getMessage(), e);
            }
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                throw new IllegalStateException("cc failed to build the SSE host oracle:\n" + log);
            }
            return exe;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream r = HostCpu.class.getResourceAsStream(resource)) {
            if (r == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.write(to, r.readAllBytes());
        }
    }

    /** Runs {@code code} on the host from state {@code s}; returns the state after it (status set on a signal). */
    synchronized MachineState run(byte[] code, MachineState s) {
        java.util.Arrays.fill(request, (byte) 0);
        request[0] = (byte) code.length;
        System.arraycopy(code, 0, request, 1, code.length);
        if (code.length > 31) {
            throw new IllegalArgumentException("instruction sequence longer than 31 bytes");
        }
        req.putInt(32, s.mxcsr);
        req.putLong(40, s.rflags);
        for (int i = 0; i < 8; i++) {
            req.putLong(48 + 8 * i, s.xmm[i]);
        }
        for (int i = 0; i < 4; i++) {
            req.putLong(112 + 8 * i, s.gpr[i]);
        }
        try {
            out.write(request);
            out.flush();
            in.readFully(reply);
        } catch (IOException e) {
            throw new IllegalStateException("host oracle died", e);
        }
        executed++;
        MachineState r = new MachineState();
        r.status = rep.getInt(0);
        r.mxcsr = rep.getInt(4);
        // The signal frame's RFLAGS has RF (bit 16) set for a fault; it is not part of the compared state.
        r.rflags = rep.getLong(8) & ~0x10000L;
        for (int i = 0; i < 8; i++) {
            r.xmm[i] = rep.getLong(16 + 8 * i);
        }
        for (int i = 0; i < 4; i++) {
            r.gpr[i] = rep.getLong(80 + 8 * i);
        }
        return r;
    }
}
