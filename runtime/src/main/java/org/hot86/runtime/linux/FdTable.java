package org.hot86.runtime.linux;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The process's file descriptor table: fd -> {@link OpenFile} plus the per-fd
 * close-on-exec flag. New fds take the lowest free number, as POSIX requires. An open
 * file is closed when its last fd is.
 */
final class FdTable {
    private OpenFile[] files = new OpenFile[64];
    private boolean[] cloexec = new boolean[64];
    private final Map<OpenFile, Integer> refs = new IdentityHashMap<>();
    private int limit;

    FdTable(int limit) {
        this.limit = limit;
    }

    void limit(int l) {
        limit = l;
    }

    int limit() {
        return limit;
    }

    OpenFile get(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    boolean cloexec(int fd) {
        return cloexec[fd];
    }

    void cloexec(int fd, boolean v) {
        cloexec[fd] = v;
    }

    /** Installs {@code f} at the lowest free fd >= {@code min}; -EMFILE if none below the limit. */
    int add(OpenFile f, int min, boolean closeOnExec) {
        for (int fd = Math.max(0, min); fd < limit; fd++) {
            if (get(fd) == null) {
                set(fd, f, closeOnExec);
                return fd;
            }
        }
        return -Errno.EMFILE;
    }

    /** Installs {@code f} at {@code fd}, closing what was there. */
    void set(int fd, OpenFile f, boolean closeOnExec) {
        if (fd >= files.length) {
            int n = Math.max(fd + 1, files.length * 2);
            files = java.util.Arrays.copyOf(files, n);
            cloexec = java.util.Arrays.copyOf(cloexec, n);
        }
        if (files[fd] != null) {
            close(fd);
        }
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        refs.merge(f, 1, Integer::sum);
    }

    /** close(2): 0 or -EBADF. */
    int close(int fd) {
        OpenFile f = get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        files[fd] = null;
        cloexec[fd] = false;
        int left = refs.merge(f, -1, Integer::sum);
        if (left == 0) {
            refs.remove(f);
            f.close();
        }
        return 0;
    }
}
