package org.hot86.runtime.cli;

/**
 * A user-facing error: the message is printed as one line on stderr and the process
 * exits with {@link #exitCode()}. No stack trace is ever shown for these.
 */
public final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
