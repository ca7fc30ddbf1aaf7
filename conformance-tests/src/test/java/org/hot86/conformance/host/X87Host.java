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
 * The host-CPU oracle with x87/MMX and SSE state: the native helper of {@link HostCpu}, spoken to with its
 * 'H86X' request, which carries XMM0-15, MXCSR, patches of the data page and a 512-byte FXSAVE image loaded
 * with FXRSTOR before the case, and returns the final XMM registers, MXCSR and FXSAVE image (see
 * {@code hostcpu.c}).
 *
 * <p>Not thread-safe; one instance per test thread.
 */
final class X87Host implements AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private final ByteBuffer req = ByteBuffer.allocate(8 + 8 + 128 + 8 + 8 + 256 + 12 * 512 + 512 + 0x1000)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] hdr = new byte[32 + 128 + 8 + 4];
    private final byte[] entry = new byte[12];
    private final byte[] tail = new byte[8 + 256 + 512];
    final boolean bits64;

    private X87Host(boolean bits64) throws IOException {
        this.bits64 = bits64;
        process = new ProcessBuilder(HostCpu.build(bits64).toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    static X87Host start(boolean bits64) throws IOException {
        return new X87Host(bits64);
    }

    /** The host's outcome of one case, with its SSE state. */
    static final class Result {
        final HostCpu.HostResult base;
        final long[] xmmLo = new long[16], xmmHi = new long[16];
        int mxcsr;
        final byte[] fx = new byte[512];

        Result(HostCpu.HostResult base) {
            this.base = base;
        }
    }

    /** Runs a case: code ending at EXIT_AT, the initial data page = dataPage(seed) patched by {@code page}. */
    Result run(X87SequenceGen.Case c) throws IOException {
        req.clear();
        req.putInt(0x58383648).putInt(c.code.length).putLong(c.dataSeed);
        HostCpu.putRegs(req, c.regs, c.flags);
        int patchCountAt = req.position() + 4;
        HostCpu.putXmm(req, c.mxcsr, c.xmmLo, c.xmmHi);
        req.putInt(patchCountAt, HostCpu.putPatches(req, c.dataSeed, c.page));
        req.put(c.fx);
        req.put(c.code);
        out.write(req.array(), 0, req.position());
        out.flush();
        Result res = new Result(HostCpu.readResult(in, hdr, entry, c.page));
        in.readFully(tail);
        ByteBuffer t = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        res.mxcsr = HostCpu.getXmm(t, res.xmmLo, res.xmmHi);
        t.get(res.fx);
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
