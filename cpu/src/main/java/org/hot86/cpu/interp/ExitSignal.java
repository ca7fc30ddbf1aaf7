package org.hot86.cpu.interp;

/** Thrown by an executor to leave the run loop after the instruction completes (SYSCALL, HLT). */
final class ExitSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final ExitSignal SYSCALL = new ExitSignal(ExitReason.SYSCALL);
    static final ExitSignal HALT = new ExitSignal(ExitReason.HALT);

    final ExitReason reason;

    private ExitSignal(ExitReason reason) {
        super(null, null, false, false);
        this.reason = reason;
    }
}
