package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file description (Linux's {@code struct file}): what a guest fd refers to.
 * Several fds may share one (dup, dup2, fcntl F_DUPFD); they then share the offset and
 * the status flags, as on Linux. {@link FdTable} counts the references and calls
 * {@link #close()} when the last one goes.
 *
 * <p>Operations return the Linux result: a count, or a negative errno.
 */
sealed interface OpenFile permits HostFile, HostDirectory, StdStream, PipeEnd, MemoryFile {
    int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

    /** The open flags F_GETFL reports: access mode and status flags. */
    int flags();

    /** Sets the status flags F_SETFL may change (O_APPEND, O_NONBLOCK ...). */
    void setStatusFlags(int flags);

    long read(byte[] b, int off, int len) throws IOException;

    long write(byte[] b, int off, int len) throws IOException;

    default long pread(byte[] b, int off, int len, long pos) throws IOException {
        return -Errno.ESPIPE;
    }

    default long pwrite(byte[] b, int off, int len, long pos) throws IOException {
        return -Errno.ESPIPE;
    }

    default long seek(long off, int whence) throws IOException {
        return -Errno.ESPIPE;
    }

    /** The host path, for fstat, fchdir and directory-relative paths; null if none. */
    default Path path() {
        return null;
    }

    /** True if this is a terminal (ioctl TCGETS succeeds). */
    default boolean isTty() {
        return false;
    }

    /**
     * poll(2) readiness (POLLIN, POLLOUT, POLLHUP, POLLERR). The default, for files and
     * devices, is always ready.
     */
    default int pollEvents() {
        int acc = flags() & FileCalls.O_ACCMODE;
        return (acc != FileCalls.O_WRONLY ? FileCalls.POLLIN : 0) | (acc != FileCalls.O_RDONLY ? FileCalls.POLLOUT : 0);
    }

    /** What readlink("/proc/self/fd/N") answers for this file. */
    default String linkName() {
        Path p = path();
        return p == null ? "anon_inode:[hot86]" : p.toAbsolutePath().toString();
    }

    void close();
}
