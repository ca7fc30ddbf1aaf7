package org.hot86.runtime.linux;

/**
 * The guest process has ended: thrown out of {@link LinuxKernel#syscall} (exit,
 * exit_group, a fatal signal raised by kill/tgkill or delivered on return) and out of
 * {@link LinuxKernel#deliverSignal} (a fault with no handler). The run loop catches it,
 * prints {@link #report} on stderr if there is one, and exits with {@link #status()}.
 *
 * <p>Stackless: it is control flow, not an error of the emulator.
 */
public final class GuestExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int signal;
    private final long rip;
    private final long faultAddress;

    private GuestExit(int status, int signal, long rip, long faultAddress, String message) {
        super(message, null, false, false);
        this.status = status;
        this.signal = signal;
        this.rip = rip;
        this.faultAddress = faultAddress;
    }

    /** exit/exit_group: the low 8 bits of the status are the process's exit status. */
    public static GuestExit exited(int code) {
        return new GuestExit(code & 0xFF, 0, 0, 0, null);
    }

    /** Killed by {@code signo}'s default action: the shell convention 128+N is the status. */
    public static GuestExit killed(int signo, long rip, long faultAddress) {
        return new GuestExit(128 + signo, signo, rip, faultAddress, Signals.name(signo));
    }

    /** The guest waits for something only another thread or process could provide. */
    public static GuestExit deadlock(String what, long rip) {
        return new GuestExit(128 + Signals.SIGKILL, Signals.SIGKILL, rip, 0, "deadlock: " + what);
    }

    /** The exit status the emulator should exit with (0..255). */
    public int status() {
        return status;
    }

    /** The terminating signal, or 0 for a normal exit. */
    public int signal() {
        return signal;
    }

    public long rip() {
        return rip;
    }

    /**
     * The one-line report for stderr, or null for a normal exit. {@code disassembly} is
     * the faulting instruction as the glue formats it (may be null).
     */
    public String report(String disassembly) {
        if (signal == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("hot86: guest ");
        if (getMessage().startsWith("deadlock")) {
            sb.append(getMessage());
        } else {
            sb.append("killed by ").append(getMessage()).append(" (").append(Signals.description(signal)).append(')');
        }
        sb.append(String.format(" at rip=0x%x", rip));
        if (signal == Signals.SIGSEGV || signal == Signals.SIGBUS) {
            sb.append(String.format(" addr=0x%x", faultAddress));
        }
        if (disassembly != null) {
            sb.append(": ").append(disassembly);
        }
        return sb.toString();
    }
}
