package org.hot86.runtime.linux;

/** A read-only file whose bytes hot86 makes up when it is opened (/proc/self/maps). */
final class MemoryFile implements OpenFile {
    private final byte[] content;
    private int flags;
    private long pos;

    MemoryFile(byte[] content, int flags) {
        this.content = content;
        this.flags = flags;
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
    public long read(byte[] b, int off, int len) {
        long n = pread(b, off, len, pos);
        pos += n;
        return n;
    }

    @Override
    public long pread(byte[] b, int off, int len, long p) {
        if (p >= content.length) {
            return 0;
        }
        int n = (int) Math.min(len, content.length - p);
        System.arraycopy(content, (int) p, b, off, n);
        return n;
    }

    @Override
    public long write(byte[] b, int off, int len) {
        return -Errno.EBADF;
    }

    @Override
    public long seek(long off, int whence) {
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> pos;
            case SEEK_END -> content.length;
            default -> -1;
        };
        if (base < 0 || base + off < 0) {
            return -Errno.EINVAL;
        }
        pos = base + off;
        return pos;
    }

    @Override
    public String linkName() {
        return "/proc/self/maps";
    }

    @Override
    public void close() {
    }
}
