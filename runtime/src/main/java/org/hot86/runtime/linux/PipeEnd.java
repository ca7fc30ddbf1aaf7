package org.hot86.runtime.linux;

import java.util.ArrayDeque;

/**
 * One end of an in-process pipe. The buffer is unbounded: with a single guest thread a
 * writer that filled a real pipe would block forever, so hot86 lets it continue
 * instead. Reading an empty pipe whose write end is open would block forever too: it
 * returns -EAGAIN with O_NONBLOCK and otherwise ends the process as a deadlock (the
 * caller checks {@link #wouldBlock()}).
 */
final class PipeEnd implements OpenFile {
    static final class Pipe {
        final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        int headOffset;
        long available;
        int readers;
        int writers;
    }

    private final Pipe pipe;
    private final boolean reader;
    private int flags;

    private PipeEnd(Pipe pipe, boolean reader, int flags) {
        this.pipe = pipe;
        this.reader = reader;
        this.flags = flags;
    }

    /** A new pipe: element 0 is the read end, 1 the write end. */
    static PipeEnd[] create(int statusFlags) {
        Pipe p = new Pipe();
        p.readers = 1;
        p.writers = 1;
        return new PipeEnd[] {new PipeEnd(p, true, FileCalls.O_RDONLY | statusFlags),
            new PipeEnd(p, false, FileCalls.O_WRONLY | statusFlags)};
    }

    @Override
    public String linkName() {
        return "pipe:[" + (System.identityHashCode(pipe) & 0x7fffffff) + "]";
    }

    boolean isReader() {
        return reader;
    }

    /** True if a read now would have to wait for a writer. */
    boolean wouldBlock() {
        return reader && pipe.available == 0 && pipe.writers > 0;
    }

    long available() {
        return pipe.available;
    }

    /** poll(2) readiness: POLLIN/POLLHUP for the read end, POLLOUT/POLLERR for the write end. */
    @Override
    public int pollEvents() {
        if (reader) {
            return (pipe.available > 0 ? FileCalls.POLLIN : 0) | (pipe.writers == 0 ? FileCalls.POLLHUP : 0);
        }
        return pipe.readers == 0 ? FileCalls.POLLERR : FileCalls.POLLOUT;
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
        if (!reader) {
            return -Errno.EBADF;
        }
        if (len == 0) {
            return 0;
        }
        if (pipe.available == 0) {
            return pipe.writers > 0 ? -Errno.EAGAIN : 0;
        }
        int done = 0;
        while (done < len && !pipe.chunks.isEmpty()) {
            byte[] c = pipe.chunks.peekFirst();
            int n = Math.min(len - done, c.length - pipe.headOffset);
            System.arraycopy(c, pipe.headOffset, b, off + done, n);
            done += n;
            pipe.headOffset += n;
            if (pipe.headOffset == c.length) {
                pipe.chunks.removeFirst();
                pipe.headOffset = 0;
            }
        }
        pipe.available -= done;
        return done;
    }

    @Override
    public long write(byte[] b, int off, int len) {
        if (reader) {
            return -Errno.EBADF;
        }
        if (pipe.readers == 0) {
            return -Errno.EPIPE;
        }
        if (len > 0) {
            pipe.chunks.addLast(java.util.Arrays.copyOfRange(b, off, off + len));
            pipe.available += len;
        }
        return len;
    }

    @Override
    public void close() {
        if (reader) {
            pipe.readers--;
        } else {
            pipe.writers--;
        }
    }
}
