package org.hot86.runtime.linux;

/**
 * A system call fails with {@link #errno}: thrown from deep inside a handler (path
 * resolution, argument checks) and turned into {@code -errno} by the dispatcher.
 * Stackless.
 */
final class SyscallError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int errno;

    SyscallError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }
}
