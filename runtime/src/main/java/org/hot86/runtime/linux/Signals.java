package org.hot86.runtime.linux;

import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;

/**
 * The process's signal state (actions, blocked and pending masks, alternate stack) and
 * signal delivery to guest handlers with the x86-64 Linux {@code rt_sigframe}
 * (arch/x86/kernel/signal.c, signal_64.c; asm/sigcontext.h; asm-generic/siginfo.h).
 *
 * <pre>
 * frame (rsp at handler entry; rsp+8 is 16-byte aligned, as after a call)
 *   +0    pretcode = sa_restorer (the handler's return address)
 *   +8    struct ucontext (304 bytes)
 *           +0 uc_flags  +8 uc_link  +16 uc_stack {ss_sp, ss_flags, ss_size}
 *           +40 uc_mcontext: gregs r8 r9 r10 r11 r12 r13 r14 r15 rdi rsi rbp rbx
 *               rdx rax rcx rsp rip eflags csgsfs err trapno oldmask cr2 (8 bytes
 *               each, REG_R8=0 .. REG_CR2=22), fpstate pointer, 8 reserved words
 *           +296 uc_sigmask (8 bytes)
 *   +312  siginfo (128 bytes): si_signo, si_errno, si_code (int each), then at +16
 *         si_addr (faults) or si_pid, si_uid (kill/tgkill)
 *   ...   fpstate: 512-byte FXSAVE image at a 64-byte aligned address above the frame
 *   128 bytes of red zone below the interrupted rsp are left alone
 * </pre>
 *
 * <p>Handler entry: rdi = signal, rsi = &amp;siginfo, rdx = &amp;ucontext, rax = 0,
 * rip = handler; DF, TF and RF are cleared. rt_sigreturn reads the ucontext at
 * rsp - 8 + 8 (the handler's {@code ret} popped pretcode) and restores it.
 *
 * <p>Default actions: SIGCHLD, SIGCONT, SIGURG and SIGWINCH are ignored; the stop
 * signals are ignored too (a user-mode emulator has no job control); every other
 * signal ends the process with status 128+N ({@link GuestExit}).
 */
public final class Signals {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
            SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
            SIGIO = 29, SIGPWR = 30, SIGSYS = 31, NSIG = 64;
    public static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_RESTORER = 0x04000000,
            SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31, MINSIGSTKSZ = 2048;
    // si_code values.
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6;
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, BUS_ADRERR = 2, ILL_ILLOPC = 1,
            ILL_ILLOPN = 2, ILL_PRVOPC = 5, FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4,
            FPE_FLTUND = 5, FPE_FLTRES = 6, FPE_FLTINV = 7, TRAP_BRKPT = 1, TRAP_TRACE = 2;

    static final int FRAME_SIZE = 440, UC = 8, MCONTEXT = UC + 40, SIGMASK = UC + 296, SIGINFO = 312;
    private static final long UC_SIGCONTEXT_SS = 2, UC_STRICT_RESTORE_SS = 4;
    private static final long CS_USER = 0x33, SS_USER = 0x2b;
    /** The RFLAGS bits a signal handler may change through the ucontext (FIX_EFLAGS). */
    static final long FIX_EFLAGS = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x4000 | 0x10000 | 0x40000;
    private static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);
    /** gregs order in the mcontext, as UserRegs indexes: REG_R8 .. REG_RSP. */
    private static final int[] GREG_ORDER = {UserRegs.R8, UserRegs.R9, UserRegs.R10, UserRegs.R11, UserRegs.R12,
        UserRegs.R13, UserRegs.R14, UserRegs.R15, UserRegs.RDI, UserRegs.RSI, UserRegs.RBP, UserRegs.RBX,
        UserRegs.RDX, UserRegs.RAX, UserRegs.RCX, UserRegs.RSP};

    /** One sigaction: the kernel's {@code struct sigaction} (handler, flags, restorer, mask). */
    public record Action(long handler, long flags, long restorer, long mask) {
        static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[NSIG + 1];
    private long blocked;
    private long pending;
    private final int[] pendingCode = new int[NSIG + 1];
    private long altSp;
    private long altSize;
    private int altFlags = 0;
    private final int pid;
    private final int uid;

    Signals(int pid, int uid) {
        this.pid = pid;
        this.uid = uid;
        java.util.Arrays.fill(actions, Action.DEFAULT);
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    public Action action(int sig) {
        return actions[sig];
    }

    public long blocked() {
        return blocked;
    }

    public long pending() {
        return pending;
    }

    /** The signal's name, e.g. "SIGSEGV". */
    public static String name(int sig) {
        String[] n = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
            "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
        return sig > 0 && sig < n.length ? n[sig] : "SIGRT" + (sig - 32);
    }

    /** strsignal's text for the common signals. */
    public static String description(int sig) {
        return switch (sig) {
            case SIGHUP -> "Hangup";
            case SIGINT -> "Interrupt";
            case SIGQUIT -> "Quit";
            case SIGILL -> "Illegal instruction";
            case SIGTRAP -> "Trace/breakpoint trap";
            case SIGABRT -> "Aborted";
            case SIGBUS -> "Bus error";
            case SIGFPE -> "Floating point exception";
            case SIGKILL -> "Killed";
            case SIGSEGV -> "Segmentation fault";
            case SIGPIPE -> "Broken pipe";
            case SIGALRM -> "Alarm clock";
            case SIGTERM -> "Terminated";
            case SIGSYS -> "Bad system call";
            default -> "Signal " + sig;
        };
    }

    // ------------------------------------------------------------------ system calls

    long rtSigaction(GuestMemory m, int sig, long act, long oact, long sigsetsize) {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        if (sig < 1 || sig > NSIG || act != 0 && (sig == SIGKILL || sig == SIGSTOP)) {
            return -Errno.EINVAL;
        }
        Action n = null;
        if (act != 0) {
            n = new Action(m.read64(act), m.read64(act + 8), m.read64(act + 16), m.read64(act + 24) & ~UNBLOCKABLE);
        }
        if (oact != 0) {
            Action o = actions[sig];
            m.write64(oact, o.handler());
            m.write64(oact + 8, o.flags());
            m.write64(oact + 16, o.restorer());
            m.write64(oact + 24, o.mask());
        }
        if (n != null) {
            actions[sig] = n;
            if (n.handler() == SIG_IGN || n.handler() == SIG_DFL && ignoredByDefault(sig)) {
                pending &= ~bit(sig);
            }
        }
        return 0;
    }

    long rtSigprocmask(GuestMemory m, int how, long set, long oset, long sigsetsize) {
        if (sigsetsize != 8) {
            return -Errno.EINVAL;
        }
        long n = 0;
        if (set != 0) {
            if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) {
                return -Errno.EINVAL;
            }
            n = m.read64(set);
        }
        if (oset != 0) {
            m.write64(oset, blocked);
        }
        if (set != 0) {
            blocked = switch (how) {
                case SIG_BLOCK -> blocked | n;
                case SIG_UNBLOCK -> blocked & ~n;
                default -> n;
            } & ~UNBLOCKABLE;
        }
        return 0;
    }

    long rtSigpending(GuestMemory m, long set, long sigsetsize) {
        if (sigsetsize > 8) {
            return -Errno.EINVAL;
        }
        m.write64(set, pending & blocked);
        return 0;
    }

    /** Linux's on_sig_stack: with SS_AUTODISARM the kernel never considers itself on it. */
    private boolean onAltStack(long sp) {
        return altSize != 0 && (altFlags & SS_AUTODISARM) == 0 && sp > altSp && sp - altSp <= altSize;
    }

    private int altStatus(long sp) {
        if (altSize == 0) {
            return SS_DISABLE;
        }
        return (onAltStack(sp) ? SS_ONSTACK : 0) | (altFlags & SS_AUTODISARM);
    }

    long sigaltstack(GuestMemory m, long ss, long oss, long sp) {
        long nsp = 0, nsize = 0;
        int nflags = 0;
        if (ss != 0) {
            nsp = m.read64(ss);
            nflags = m.read32(ss + 8);
            nsize = m.read64(ss + 16);
        }
        if (oss != 0) {
            m.write64(oss, altSp);
            m.write32(oss + 8, altStatus(sp));
            m.write32(oss + 12, 0);
            m.write64(oss + 16, altSize);
        }
        if (ss != 0) {
            if (onAltStack(sp)) {
                return -Errno.EPERM;
            }
            int mode = nflags & ~SS_AUTODISARM;
            if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) {
                return -Errno.EINVAL;
            }
            if (mode == SS_DISABLE) {
                altSp = 0;
                altSize = 0;
                altFlags = 0;
            } else {
                if (nsize < MINSIGSTKSZ) {
                    return -Errno.ENOMEM;
                }
                altSp = nsp;
                altSize = nsize;
                altFlags = nflags;
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ raising and delivery

    private static boolean ignoredByDefault(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> true;
            default -> false;
        };
    }

    /** Makes {@code sig} pending (kill/tgkill to self, SIGPIPE); discarded if it would be ignored. */
    void raise(int sig, int code) {
        Action a = actions[sig];
        if (a.handler() == SIG_IGN || a.handler() == SIG_DFL && ignoredByDefault(sig)) {
            return;
        }
        pending |= bit(sig);
        pendingCode[sig] = code;
    }

    /** True if a pending signal is not blocked. */
    boolean hasDeliverable() {
        return (pending & ~blocked) != 0;
    }

    /**
     * Delivers the lowest-numbered deliverable pending signal: sets up the handler's
     * frame in {@code r}, or ends the process ({@link GuestExit}) by the default action.
     */
    void deliverPending(UserRegs r, GuestMemory m) {
        long ready = pending & ~blocked;
        if (ready == 0) {
            return;
        }
        int sig = Long.numberOfTrailingZeros(ready) + 1;
        pending &= ~bit(sig);
        byte[] info = siginfo(sig, pendingCode[sig]);
        if (pendingCode[sig] != SI_KERNEL) {
            putInt(info, 16, pid);
            putInt(info, 20, uid);
        }
        deliver(r, m, sig, info);
    }

    /**
     * Delivers a synchronous signal raised by the guest's own fault (SIGSEGV, SIGBUS,
     * SIGILL, SIGFPE, SIGTRAP) described by {@code r}'s fault fields. As Linux's
     * {@code force_sig_fault}: if the signal is blocked or ignored, the default action
     * is restored and the process dies.
     */
    void deliverFault(UserRegs r, GuestMemory m, int sig) {
        Action a = actions[sig];
        if ((blocked & bit(sig)) != 0 || a.handler() == SIG_IGN) {
            actions[sig] = Action.DEFAULT;
            blocked &= ~bit(sig);
        }
        byte[] info = siginfo(sig, r.siCode);
        if (r.siCode != SI_KERNEL) {
            putLong(info, 16, r.siAddr);
        }
        deliver(r, m, sig, info);
    }

    private static byte[] siginfo(int sig, int code) {
        byte[] info = new byte[128];
        putInt(info, 0, sig);
        putInt(info, 8, code);
        return info;
    }

    private void deliver(UserRegs r, GuestMemory m, int sig, byte[] info) {
        Action a = actions[sig];
        if (a.handler() == SIG_IGN || a.handler() == SIG_DFL && ignoredByDefault(sig)) {
            return;
        }
        if (a.handler() == SIG_DFL) {
            throw GuestExit.killed(sig, r.rip, sig == SIGSEGV || sig == SIGBUS ? r.siAddr : 0);
        }
        if ((a.flags() & SA_RESTORER) == 0) {
            // x86-64 Linux has no default restorer: the frame cannot be set up.
            throw GuestExit.killed(SIGSEGV, r.rip, 0);
        }
        long oldSp = r.gpr[UserRegs.RSP];
        long sp = oldSp - 128;
        int ucStackFlags = altSize == 0 ? SS_DISABLE : altFlags;
        long savedAltSp = altSp, savedAltSize = altSize;
        boolean switched = false;
        if ((a.flags() & SA_ONSTACK) != 0 && altSize != 0 && !onAltStack(sp)) {
            sp = altSp + altSize;
            switched = true;
        }
        long fpstate = (sp - 512) & ~63L;
        long frame = ((fpstate - FRAME_SIZE) & ~15L) - 8;
        byte[] f = new byte[FRAME_SIZE];
        putLong(f, 0, a.restorer());
        putLong(f, UC, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
        putLong(f, UC + 8, 0);
        putLong(f, UC + 16, savedAltSp);
        putInt(f, UC + 24, ucStackFlags);
        putLong(f, UC + 32, savedAltSize);
        for (int i = 0; i < 16; i++) {
            putLong(f, MCONTEXT + 8 * i, r.gpr[GREG_ORDER[i]]);
        }
        putLong(f, MCONTEXT + 8 * 16, r.rip);
        putLong(f, MCONTEXT + 8 * 17, r.rflags);
        putLong(f, MCONTEXT + 8 * 18, CS_USER | SS_USER << 48);
        putLong(f, MCONTEXT + 8 * 19, r.err);
        putLong(f, MCONTEXT + 8 * 20, r.trapno);
        putLong(f, MCONTEXT + 8 * 21, blocked);
        putLong(f, MCONTEXT + 8 * 22, r.cr2);
        putLong(f, MCONTEXT + 8 * 23, fpstate);
        putLong(f, SIGMASK, blocked);
        if ((a.flags() & SA_SIGINFO) != 0) {
            System.arraycopy(info, 0, f, SIGINFO, 128);
        }
        try {
            GuestBytes.write(m, fpstate, r.fxsave, 0, 512);
            GuestBytes.write(m, frame, f, 0, FRAME_SIZE);
        } catch (MemoryFault e) {
            // Linux's force_sigsegv: a frame that cannot be written kills the process.
            throw GuestExit.killed(SIGSEGV, r.rip, e.address());
        }
        if (switched && (altFlags & SS_AUTODISARM) != 0) {
            altSp = 0;
            altSize = 0;
            altFlags = 0;
        }
        r.gpr[UserRegs.RDI] = sig;
        r.gpr[UserRegs.RSI] = frame + SIGINFO;
        r.gpr[UserRegs.RDX] = frame + UC;
        r.gpr[UserRegs.RAX] = 0;
        r.gpr[UserRegs.RSP] = frame;
        r.rip = a.handler();
        r.rflags &= ~(0x400L | 0x100L | 0x10000L);
        blocked |= a.mask() | ((a.flags() & SA_NODEFER) == 0 ? bit(sig) : 0);
        blocked &= ~UNBLOCKABLE;
        if ((a.flags() & SA_RESETHAND) != 0) {
            actions[sig] = Action.DEFAULT;
        }
    }

    /**
     * rt_sigreturn: restores registers, RFLAGS (the bits a handler may change), the
     * blocked mask, the alternate stack and the FXSAVE image from the frame at
     * {@code rsp - 8}; returns the restored RAX (the value the system call "returns").
     */
    long sigreturn(UserRegs r, GuestMemory m) {
        long frame = r.gpr[UserRegs.RSP] - 8;
        try {
            byte[] f = GuestBytes.read(m, frame, FRAME_SIZE);
            for (int i = 0; i < 16; i++) {
                r.gpr[GREG_ORDER[i]] = getLong(f, MCONTEXT + 8 * i);
            }
            r.rip = getLong(f, MCONTEXT + 8 * 16);
            r.rflags = (r.rflags & ~FIX_EFLAGS) | (getLong(f, MCONTEXT + 8 * 17) & FIX_EFLAGS);
            long fp = getLong(f, MCONTEXT + 8 * 23);
            if (fp != 0) {
                GuestBytes.read(m, fp, r.fxsave, 0, 512);
            }
            blocked = getLong(f, SIGMASK) & ~UNBLOCKABLE;
            long ssp = getLong(f, UC + 16);
            int sflags = (int) getLong(f, UC + 24);
            long ssize = getLong(f, UC + 32);
            if (!onAltStack(r.gpr[UserRegs.RSP])) {
                if ((sflags & ~SS_AUTODISARM) == SS_DISABLE || ssize == 0) {
                    altSp = 0;
                    altSize = 0;
                    altFlags = 0;
                } else if (ssize >= MINSIGSTKSZ) {
                    altSp = ssp;
                    altSize = ssize;
                    altFlags = sflags;
                }
            }
            return r.gpr[UserRegs.RAX];
        } catch (MemoryFault e) {
            throw GuestExit.killed(SIGSEGV, r.rip, e.address());
        }
    }

    static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
