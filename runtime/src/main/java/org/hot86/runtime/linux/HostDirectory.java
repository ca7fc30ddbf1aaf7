package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host directory opened for the guest. Its entries ({@code .}, {@code ..}, then the
 * host's readdir order) are read when first needed and again after a rewind; the file
 * offset is the index of the next entry, which is also the d_off cookie getdents64
 * reports.
 */
final class HostDirectory implements OpenFile {
    private final Path path;
    private int flags;
    private List<String> names;
    private long pos;

    HostDirectory(Path path, int flags) {
        this.path = path;
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

    /** The entries (a snapshot). */
    List<String> entries() throws IOException {
        if (names == null) {
            List<String> l = new ArrayList<>();
            l.add(".");
            l.add("..");
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    l.add(p.getFileName().toString());
                }
            }
            names = l;
        }
        return names;
    }

    long position() {
        return pos;
    }

    void position(long p) {
        pos = p;
    }

    @Override
    public long read(byte[] b, int off, int len) {
        return -Errno.EISDIR;
    }

    @Override
    public long write(byte[] b, int off, int len) {
        return -Errno.EBADF;
    }

    @Override
    public long pread(byte[] b, int off, int len, long p) {
        return -Errno.EISDIR;
    }

    @Override
    public long seek(long off, int whence) {
        long n;
        switch (whence) {
            case SEEK_SET -> n = off;
            case SEEK_CUR -> n = pos + off;
            default -> {
                return -Errno.EINVAL;
            }
        }
        if (n < 0) {
            return -Errno.EINVAL;
        }
        if (n == 0) {
            names = null;
        }
        pos = n;
        return n;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        names = null;
    }
}
