package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A host file opened for the guest (regular file or device), through a {@link FileChannel}. */
final class HostFile implements OpenFile {
    private final FileChannel ch;
    private final Path path;
    private final boolean regular;
    private int flags;

    /** {@code regular}: a regular file, where a read is filled up to the request or EOF. */
    HostFile(FileChannel ch, Path path, int flags, boolean regular) {
        this.ch = ch;
        this.path = path;
        this.flags = flags;
        this.regular = regular;
    }

    private HostStat.Data identity;

    /** The file's status when it was opened: its dev/ino identify it for fstat. */
    void identity(HostStat.Data st) {
        identity = st;
    }

    HostStat.Data identity() {
        return identity;
    }

    FileChannel channel() {
        return ch;
    }

    private boolean readable() {
        return (flags & FileCalls.O_ACCMODE) != FileCalls.O_WRONLY;
    }

    private boolean writable() {
        return (flags & FileCalls.O_ACCMODE) != FileCalls.O_RDONLY;
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
        if (!readable()) {
            return -Errno.EBADF;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        // A device or FIFO returns what it has; only a regular file is read to the request.
        do {
            if (ch.read(buf) < 0) {
                break;
            }
        } while (regular && buf.hasRemaining());
        return buf.position() - off;
    }

    @Override
    public long write(byte[] b, int off, int len) throws IOException {
        if (!writable()) {
            return -Errno.EBADF;
        }
        if ((flags & FileCalls.O_APPEND) != 0) {
            ch.position(ch.size());
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        return len;
    }

    @Override
    public long pread(byte[] b, int off, int len, long pos) throws IOException {
        if (!readable()) {
            return -Errno.EBADF;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position() - off) < 0) {
                break;
            }
        }
        return buf.position() - off;
    }

    @Override
    public long pwrite(byte[] b, int off, int len, long pos) throws IOException {
        if (!writable()) {
            return -Errno.EBADF;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf, pos + buf.position() - off);
        }
        return len;
    }

    @Override
    public long seek(long off, int whence) throws IOException {
        long base;
        switch (whence) {
            case SEEK_SET -> base = 0;
            case SEEK_CUR -> base = ch.position();
            case SEEK_END -> base = ch.size();
            case SEEK_DATA, SEEK_HOLE -> {
                long size = ch.size();
                if (off < 0) {
                    return -Errno.EINVAL;
                }
                if (off >= size) {
                    return -Errno.ENXIO;
                }
                // Without hole information every byte is data and the only hole is at EOF.
                long r = whence == SEEK_DATA ? off : size;
                ch.position(r);
                return r;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        long pos = base + off;
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        ch.position(pos);
        return pos;
    }

    @Override
    public Path path() {
        return path;
    }

    /** A terminal device the guest opened by name (/dev/tty, /dev/pts/N, /dev/console). */
    @Override
    public boolean isTty() {
        if (regular) {
            return false;
        }
        String t;
        try {
            t = path.toRealPath().toString();
        } catch (IOException e) {
            t = path.toString();
        }
        return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            // Nothing the guest could do about it: close(2) has already succeeded.
        }
    }
}
