package org.hot86.conformance.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host CPU as an oracle: a long-running native helper ({@code src/test/c/hostcpu.c},
 * compiled here with the system {@code cc} into {@code target/}) that runs one instruction
 * sequence per request natively in user mode. See the C file for the fixed memory layout
 * and the binary protocol. {@link #BITS64} runs 64-bit code in a 64-bit process;
 * {@link #BITS32} runs 32-bit code in a {@code cc -m32} process (a 32-bit code segment,
 * i.e. compatibility mode under the 64-bit kernel).
 *
 * <p>Not thread-safe; one instance per test thread.
 */
public final class HostCpu implements AutoCloseable {
    /** Fixed addresses shared with the helper. */
    public static final long CODE_PAGE = 0x10000000L, EXIT_AT = CODE_PAGE + 0xF00, DATA_PAGE = 0x20000000L;
    public static final int PAGE = 4096;

    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private final ByteBuffer req = ByteBuffer.allocate(8 + 8 + 128 + 8 + 0x1000).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] hdr = new byte[32 + 128 + 8 + 4];
    private final byte[] entry = new byte[12];
    public final boolean bits64;

    private HostCpu(Path exe, boolean bits64) throws IOException {
        this.bits64 = bits64;
        process = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** Starts the 64-bit ({@code bits64}) or the 32-bit helper, compiling it first if needed. */
    public static HostCpu start(boolean bits64) throws IOException {
        return new HostCpu(build(bits64), bits64);
    }

    /** Compiles the helper into target/hostcpu/ (once per JVM); fails clearly without {@code cc}. */
    static synchronized Path build(boolean bits64) throws IOException {
        Path src = Paths.get("src/test/c/hostcpu.c").toAbsolutePath();
        if (!Files.exists(src)) {
            String root = System.getProperty("hot86.root", ".");
            src = Paths.get(root, "conformance-tests/src/test/c/hostcpu.c");
        }
        Path outDir = Paths.get("target/hostcpu").toAbsolutePath();
        Files.createDirectories(outDir);
        Path exe = outDir.resolve(bits64 ? "hostcpu64" : "hostcpu32");
        if (Files.exists(exe) && Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(src)) > 0) {
            return exe;
        }
        List<String> cmd = new ArrayList<>(List.of("cc", "-O2", "-Wall", "-fno-stack-protector", "-o", exe.toString(), src.toString()));
        if (!bits64) {
            cmd.add(1, "-m32");
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the host-CPU oracle needs the system C compiler 'cc' on PATH: " + e.getMessage(), e);
        }
        String log = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("building the host-CPU oracle failed (" + String.join(" ", cmd)
                        + ")" + (bits64 ? "" : "; the 32-bit helper needs gcc-multilib") + ":\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return exe;
    }

    /**
     * Runs {@code code} (placed so that it ends at {@link #EXIT_AT}) with the data page
     * filled from {@code dataSeed} (see {@link #dataPage}), the given registers (index as in
     * CpuState.gpr; the 32-bit helper uses the low halves of 0..7) and flags.
     */
    public HostResult run(byte[] code, long dataSeed, long[] regs, long flags) throws IOException {
        req.clear();
        req.putInt(0x51383648).putInt(code.length).putLong(dataSeed);
        putRegs(req, regs, flags);
        req.put(code);
        out.write(req.array(), 0, req.position());
        out.flush();
        return readResult(in, hdr, entry, dataPage(dataSeed));
    }

    /** Request part shared by every protocol: the 16 GPRs, then RFLAGS. */
    static void putRegs(ByteBuffer req, long[] regs, long flags) {
        for (int i = 0; i < 16; i++) {
            req.putLong(regs[i]);
        }
        req.putLong(flags);
    }

    /** Request part of the SSE and x87 protocols: MXCSR, a pad word, then XMM0-15 (low, high). */
    static void putXmm(ByteBuffer req, int mxcsr, long[] lo, long[] hi) {
        req.putInt(mxcsr).putInt(0);
        for (int i = 0; i < 16; i++) {
            req.putLong(lo[i]).putLong(hi[i]);
        }
    }

    /** Reads what {@link #putXmm} writes into {@code lo}/{@code hi}; returns MXCSR. */
    static int getXmm(ByteBuffer t, long[] lo, long[] hi) {
        int mxcsr = t.getInt();
        t.getInt();
        for (int i = 0; i < 16; i++) {
            lo[i] = t.getLong();
            hi[i] = t.getLong();
        }
        return mxcsr;
    }

    /**
     * Appends (offset, value) patches for every quadword where {@code page} differs from
     * {@code dataPage(seed)}; returns how many were written.
     */
    static int putPatches(ByteBuffer req, long seed, byte[] page) {
        ByteBuffer init = ByteBuffer.wrap(dataPage(seed)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer want = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int k = 0; k < PAGE; k += 8) {
            if (init.getLong(k) != want.getLong(k)) {
                req.putInt(k).putLong(want.getLong(k));
                n++;
            }
        }
        return n;
    }

    /**
     * Reads the response part shared by every protocol: outcome, registers, flags, and the
     * changed data quadwords, applied to a copy of {@code initialPage}.
     */
    static HostResult readResult(DataInputStream in, byte[] hdr, byte[] entry, byte[] initialPage) throws IOException {
        in.readFully(hdr);
        ByteBuffer b = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0x52383648) {
            throw new IOException("host helper: bad response");
        }
        HostResult r = new HostResult();
        r.signal = b.getInt();
        r.trapno = b.getInt();
        r.errorCode = b.getInt();
        r.rip = b.getLong();
        r.address = b.getLong();
        for (int i = 0; i < 16; i++) {
            r.regs[i] = b.getLong();
        }
        r.flags = b.getLong();
        int n = b.getInt();
        r.data = initialPage.clone();
        ByteBuffer data = ByteBuffer.wrap(r.data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            in.readFully(entry);
            ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
            int off = e.getInt();
            data.putLong(off, e.getLong());
        }
        return r;
    }

    /** The initial data page for a seed: splitmix64, exactly as the helper fills it. */
    public static byte[] dataPage(long seed) {
        byte[] page = new byte[PAGE];
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < PAGE / 8; i++) {
            long z = (seed += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            b.putLong(z ^ (z >>> 31));
        }
        return page;
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

    /** The outcome of one case on the host. */
    public static final class HostResult {
        /** 0 when the sequence ran to its end, else the POSIX signal number. */
        public int signal;
        /** The x86 vector of the exception (valid when {@code signal != 0}). */
        public int trapno;
        public int errorCode;
        /** RIP at the signal (faulting instruction, or the next one for traps), or EXIT_AT. */
        public long rip;
        public long address;
        public final long[] regs = new long[16];
        public long flags;
        /** Final data page contents. */
        public byte[] data;

        public boolean faulted() {
            return signal != 0;
        }
    }

}
