package org.hot86.runtime.linux;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the host's standard streams given to the guest as fd 0, 1 or 2 (or, in tests,
 * a Java stream standing in for one). Writes are not buffered, so the order of the
 * guest's output across stdout and stderr is preserved. When the stream is the host's
 * own fd, seeking and pread work if the host fd is a regular file (input redirected
 * from a file), and fstat/isatty answer about the host's fd through /proc/self/fd.
 */
final class StdStream implements OpenFile {
    private final int hostFd;
    private final InputStream in;
    private final OutputStream out;
    private final FileChannel channel;
    private int flags;

    private StdStream(int hostFd, InputStream in, OutputStream out, FileChannel channel, int flags) {
        this.hostFd = hostFd;
        this.in = in;
        this.out = out;
        this.channel = channel;
        this.flags = flags;
    }

    /** The host's fd {@code n} (0, 1 or 2). */
    static StdStream host(int n) {
        if (n == 0) {
            FileInputStream s = new FileInputStream(FileDescriptor.in);
            return new StdStream(0, s, null, s.getChannel(), FileCalls.O_RDONLY);
        }
        FileOutputStream s = new FileOutputStream(n == 1 ? FileDescriptor.out : FileDescriptor.err);
        return new StdStream(n, null, s, s.getChannel(), FileCalls.O_WRONLY);
    }

    static StdStream input(InputStream in) {
        return new StdStream(-1, in, null, null, FileCalls.O_RDONLY);
    }

    static StdStream output(OutputStream out) {
        return new StdStream(-1, null, out, null, FileCalls.O_WRONLY);
    }

    /** The host fd number, or -1 for a Java stream. */
    int hostFd() {
        return hostFd;
    }

    @Override
    public int flags() {
        return flags;
    }

    @Override
    public void setStatusFlags(int f) {
        flags = (flags & ~FileCalls.SETFL_MASK) | (f & FileCalls.SETFL_MASK);
    }

    @Override
    public long read(byte[] b, int off, int len) throws IOException {
        if (in == null) {
            return -Errno.EBADF;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        return Math.max(n, 0);
    }

    @Override
    public long write(byte[] b, int off, int len) throws IOException {
        if (out == null) {
            return -Errno.EBADF;
        }
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                return -Errno.EPIPE;
            }
            throw e;
        }
        return len;
    }

    @Override
    public long pread(byte[] b, int off, int len, long pos) throws IOException {
        if (channel == null || in == null) {
            return in == null ? -Errno.EBADF : -Errno.ESPIPE;
        }
        try {
            int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
            return Math.max(n, 0);
        } catch (IOException e) {
            return -Errno.ESPIPE;
        }
    }

    @Override
    public long seek(long off, int whence) throws IOException {
        if (channel == null) {
            return -Errno.ESPIPE;
        }
        try {
            long base = switch (whence) {
                case SEEK_SET -> 0;
                case SEEK_CUR -> channel.position();
                case SEEK_END -> channel.size();
                default -> Long.MIN_VALUE;
            };
            if (base == Long.MIN_VALUE) {
                return -Errno.EINVAL;
            }
            if (base + off < 0) {
                return -Errno.EINVAL;
            }
            channel.position(base + off);
            return base + off;
        } catch (IOException e) {
            return -Errno.ESPIPE;
        }
    }

    /** /proc/self/fd/N, through which the host fd can be stat'ed; null for a Java stream. */
    @Override
    public Path path() {
        return hostFd < 0 ? null : Path.of("/proc/self/fd/" + hostFd);
    }

    @Override
    public String linkName() {
        if (hostFd < 0) {
            return "pipe:[0]";
        }
        try {
            return Files.readSymbolicLink(path()).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "pipe:[0]";
        }
    }

    @Override
    public boolean isTty() {
        return hostFd >= 0 && isHostTty(hostFd);
    }

    /** True if the host's fd {@code n} is a terminal: /proc/self/fd/n names a tty device. */
    static boolean isHostTty(int n) {
        return isTtyLink(Path.of("/proc/self/fd/" + n));
    }

    /** True if the symbolic link {@code link} (a /proc fd entry) names a terminal device. */
    static boolean isTtyLink(Path link) {
        try {
            String t = Files.readSymbolicLink(link).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // The host's standard streams stay open for the emulator's own use.
    }
}
