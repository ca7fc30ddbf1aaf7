package org.hot86.conformance.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The host-CPU oracle with SSE state: the same native helper as {@link HostCpu} (built by
 * {@link HostCpu#build}), spoken to with its 'H86S' request, which also carries XMM0-15, MXCSR and
 * patches of the data page, and returns the final XMM registers and MXCSR (see {@code hostcpu.c}).
 *
 * <p>Not thread-safe; one instance per test thread.
 */
final class SseHost implements AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private final ByteBuffer req = ByteBuffer.allocate(8 + 8 + 128 + 8 + 8 + 256 + 12 * 512 + 0x1000)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] hdr = new byte[32 + 128 + 8 + 4];
    private final byte[] entry = new byte[12];
    private final byte[] tail = new byte[8 + 256];
    final boolean bits64;

    private SseHost(boolean bits64) throws IOException {
        this.bits64 = bits64;
        process = new ProcessBuilder(HostCpu.build(bits64).toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    static SseHost start(boolean bits64) throws IOException {
        return new SseHost(bits64);
    }

    /** The host's outcome of one case, with its SSE state. */
    static final class Result {
        final HostCpu.HostResult base;
        final long[] xmmLo = new long[16], xmmHi = new long[16];
        int mxcsr;

        Result(HostCpu.HostResult base) {
            this.base = base;
        }
    }

    /** Runs a case: code ending at EXIT_AT, the initial data page = dataPage(seed) patched by {@code page}. */
    Result run(SseSequenceGen.Case c) throws IOException {
        req.clear();
        req.putInt(0x53383648).putInt(c.code.length).putLong(c.dataSeed);
        HostCpu.putRegs(req, c.regs, c.flags);
        int patchCountAt = req.position() + 4;
        HostCpu.putXmm(req, c.mxcsr, c.xmmLo, c.xmmHi);
        req.putInt(patchCountAt, HostCpu.putPatches(req, c.dataSeed, c.page));
        req.put(c.code);
        out.write(req.array(), 0, req.position());
        out.flush();
        Result res = new Result(HostCpu.readResult(in, hdr, entry, c.page));
        in.readFully(tail);
        ByteBuffer t = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        res.mxcsr = HostCpu.getXmm(t, res.xmmLo, res.xmmHi);
        return res;
    }

    @Override
    public void close() throws IOException {
        try {
            ByteBuffer q = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x51383648).putInt(0);
            out.write(q.array());
            out.flush();
            out.close();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroy();
        }
    }
}
