package org.hot86.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux kernel as a single-threaded x86-64 user-mode program sees it: system calls
 * dispatched by number, signals, and the process's memory, files and clocks.
 *
 * <p>How the CPU glue uses it:
 * <ol>
 *   <li>Build a {@link VirtualMemory} over the MMU's {@link AddressSpace}, load the
 *       program with {@link ElfLoader#load}, make the kernel with {@link Options}, and
 *       start the CPU at CPL 3 with RIP = entry, RSP = rsp, all other registers 0.
 *   <li>On SYSCALL: copy the registers into a {@link UserRegs} and call
 *       {@link #syscall(UserRegs)}; it sets RAX to the result (or, for rt_sigreturn,
 *       restores all registers), writes FS/GS base back to the regs, and may redirect
 *       RIP/RSP to a signal handler. Copy the registers back (RCX and R11 are the
 *       SYSCALL instruction's business). It throws {@link GuestExit} when the process
 *       ends.
 *   <li>On a guest exception (#PF, #GP, #UD, #DE, #BP ...) call
 *       {@link #deliverException(UserRegs, int, int, long, int)}: it picks the signal
 *       Linux sends, and redirects to the handler or throws {@link GuestExit}.
 *   <li>Now and then, at points that depend only on the guest (block exits, every N
 *       instructions), if {@link #signalsPending(long)}: {@link #pollSignals(UserRegs)}
 *       (alarm/itimer expiries, signals raised while blocked).
 * </ol>
 * {@link UserProcess#create} does the first step in one call.
 * Everything here runs on the guest's thread; nothing is thread-safe.
 */
public final class LinuxKernel {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxKernel.class);

    /** How the process is set up. Fluent; every setting has a default. */
    public static final class Options {
        Path exePath = Path.of("/proc/self/exe");
        Path cwd = Path.of("").toAbsolutePath();
        TimeSource time = TimeSource.virtual(() -> 0, 1);
        long randomSeed = 0x5eed_86L;
        boolean hostRandom;
        int pid = (int) ProcessHandle.current().pid();
        int ppid = ProcessHandle.current().parent().map(p -> (int) p.pid()).orElse(1);
        int uid = hostId("unix:uid");
        int gid = hostId("unix:gid");
        int umask = hostUmask();
        InputStream stdin;
        OutputStream stdout;
        OutputStream stderr;

        /** The guest program's host path: /proc/self/exe names it with symbolic links resolved, as Linux does. */
        public Options exe(Path p) {
            try {
                exePath = p.toRealPath();
            } catch (IOException e) {
                exePath = p.toAbsolutePath();
            }
            return this;
        }

        public Options cwd(Path p) {
            cwd = p.toAbsolutePath().normalize();
            return this;
        }

        /** The clocks: {@link TimeSource#virtual} by default, {@link TimeSource#host()} for --realtime. */
        public Options time(TimeSource t) {
            time = t;
            return this;
        }

        /** getrandom's bytes come from a generator seeded with this (deterministic by default). */
        public Options randomSeed(long seed) {
            randomSeed = seed;
            hostRandom = false;
            return this;
        }

        /** getrandom reads the host's entropy instead. */
        public Options hostRandom() {
            hostRandom = true;
            return this;
        }

        public Options ids(int pid, int ppid, int uid, int gid) {
            this.pid = pid;
            this.ppid = ppid;
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /** Replaces the host's stdin/stdout/stderr (tests); null keeps the host's. */
        public Options stdio(InputStream in, OutputStream out, OutputStream err) {
            stdin = in;
            stdout = out;
            stderr = err;
            return this;
        }

        public Options umask(int m) {
            umask = m & 0777;
            return this;
        }

        int[] groups;

        /** Supplementary groups: the host process's unless set. */
        public Options groups(int... g) {
            groups = g.clone();
            return this;
        }

        int[] groups() {
            if (groups == null) {
                groups = new int[0];
                try {
                    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                        if (l.startsWith("Groups:")) {
                            String t = l.substring(7).trim();
                            groups = t.isEmpty() ? new int[0]
                                    : java.util.Arrays.stream(t.split("\\s+")).mapToInt(Integer::parseInt).toArray();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // No /proc: no supplementary groups.
                }
            }
            return groups;
        }

        /** The host process's umask (the "Umask:" line of /proc/self/status), else 022. */
        static int hostUmask() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("Umask:")) {
                        return Integer.parseInt(l.substring(6).trim(), 8) & 0777;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or an old kernel: fall through.
            }
            return 022;
        }

        private static int hostId(String attr) {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), attr);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004,
            ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012;
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10,
            FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
            CLOCK_TAI = 11, TIMER_ABSTIME = 1;
    static final int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
    static final long RLIM_INFINITY = -1L;
    static final String UNAME_RELEASE = "6.1.0-hot86";

    private final VirtualMemory vm;
    private final Options opt;
    private final FdTable fds;
    private final FileCalls files;
    private final Signals signals;
    private final SplittableRandom random;
    private final Set<Integer> loggedUnknown = new HashSet<>();
    private final long[][] rlimits = new long[RLIM_NLIMITS][];
    private Path cwd;
    private int umask;
    private long fsBase;
    private long gsBase;
    private long clearChildTid;
    private UserRegs current;

    public LinuxKernel(VirtualMemory vm, Options options) {
        this.vm = vm;
        this.opt = options;
        this.cwd = options.cwd;
        this.umask = options.umask;
        this.random = new SplittableRandom(options.randomSeed);
        for (int i = 0; i < RLIM_NLIMITS; i++) {
            rlimits[i] = new long[] {RLIM_INFINITY, RLIM_INFINITY};
        }
        rlimits[RLIMIT_STACK] = new long[] {ElfLoader.STACK_SIZE, RLIM_INFINITY};
        rlimits[4] = new long[] {0, RLIM_INFINITY};             // RLIMIT_CORE
        rlimits[RLIMIT_NOFILE] = new long[] {1024, 1 << 20};
        rlimits[8] = new long[] {8 << 20, 8 << 20};              // RLIMIT_MEMLOCK
        rlimits[13] = new long[] {0, 0};                         // RLIMIT_NICE
        rlimits[14] = new long[] {0, 0};                         // RLIMIT_RTPRIO
        this.fds = new FdTable(1024);
        this.files = new FileCalls(this, fds);
        this.signals = new Signals(options.pid, options.uid);
        fds.set(0, options.stdin != null ? StdStream.input(options.stdin) : StdStream.host(0), false);
        fds.set(1, options.stdout != null ? StdStream.output(options.stdout) : StdStream.host(1), false);
        fds.set(2, options.stderr != null ? StdStream.output(options.stderr) : StdStream.host(2), false);
    }

    // ------------------------------------------------------------------ state the glue reads

    public GuestMemory memory() {
        return vm.space().memory();
    }

    public VirtualMemory virtualMemory() {
        return vm;
    }

    public Signals signals() {
        return signals;
    }

    /** FS base set by arch_prctl(ARCH_SET_FS) (glibc's thread pointer). */
    public long fsBase() {
        return fsBase;
    }

    public long gsBase() {
        return gsBase;
    }

    public void fsBase(long v) {
        fsBase = v;
    }

    public void gsBase(long v) {
        gsBase = v;
    }

    Path exePath() {
        return opt.exePath;
    }

    Path cwd() {
        return cwd;
    }

    void cwd(Path p) {
        cwd = p;
    }

    int umask() {
        return umask;
    }

    long pid() {
        return opt.pid;
    }

    int uid() {
        return opt.uid;
    }

    int gid() {
        return opt.gid;
    }

    TimeSource time() {
        return opt.time;
    }

    /**
     * /proc/self/maps of the guest, in Linux's format (fs/proc/task_mmu.c
     * {@code show_map_vma}): the image lines name the program, the heap and stack are
     * {@code [heap]} and {@code [stack]}, file mappings name their file.
     */
    byte[] procMaps() {
        StringBuilder sb = new StringBuilder();
        for (VirtualMemory.Vma v : vm.vmas()) {
            String name = switch (v.kind()) {
                case IMAGE -> opt.exePath.toString();
                case HEAP -> "[heap]";
                case STACK -> "[stack]";
                case FILE, SHARED_FILE -> v.file().toAbsolutePath().toString();
                case ANON -> "";
            };
            String line = String.format("%08x-%08x %c%c%c%c %08x 00:00 0 ", v.start(), v.end(),
                    (v.prot() & 1) != 0 ? 'r' : '-', (v.prot() & 2) != 0 ? 'w' : '-', (v.prot() & 4) != 0 ? 'x' : '-',
                    v.kind() == VirtualMemory.Kind.SHARED_FILE ? 's' : 'p',
                    v.file() == null ? 0 : v.fileOffset());
            sb.append(line);
            if (!name.isEmpty()) {
                sb.append(" ".repeat(Math.max(1, 73 - line.length()))).append(name);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    long currentRip() {
        return current == null ? 0 : current.rip;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * The SYSCALL instruction: number in RAX, arguments in RDI, RSI, RDX, R10, R8, R9;
     * the result goes to RAX. Afterwards a deliverable pending signal (kill to self,
     * SIGPIPE) is delivered: the regs then point at its handler, or the process ends.
     *
     * @throws GuestExit when the process ends
     */
    public void syscall(UserRegs r) {
        current = r;
        fsBase = r.fsBase;
        gsBase = r.gsBase;
        int nr = (int) r.gpr[UserRegs.RAX];
        try {
            if (nr == Sys.RT_SIGRETURN) {
                r.gpr[UserRegs.RAX] = signals.sigreturn(r, memory());
            } else {
                r.gpr[UserRegs.RAX] = syscall(nr, r.gpr[UserRegs.RDI], r.gpr[UserRegs.RSI], r.gpr[UserRegs.RDX],
                        r.gpr[UserRegs.R10], r.gpr[UserRegs.R8], r.gpr[UserRegs.R9]);
            }
            r.fsBase = fsBase;
            r.gsBase = gsBase;
            checkTimers();
            if (signals.hasDeliverable()) {
                signals.deliverPending(r, memory());
            }
        } catch (GuestExit e) {
            throw dying(e);
        } finally {
            current = null;
        }
    }

    /**
     * A synchronous signal from the guest's own fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
     * SIGTRAP), described by {@code r}'s fault fields with RIP at the faulting
     * instruction: sets up the handler's frame in {@code r}, or throws {@link GuestExit}
     * (default action, or a blocked/ignored fault signal, as Linux's force_sig_fault).
     */
    public void deliverSignal(UserRegs r, int sig) {
        try {
            signals.deliverFault(r, memory(), sig);
        } catch (GuestExit e) {
            throw dying(e);
        }
    }

    /** The process ends: shared file mappings reach their files first, as on Linux. */
    private GuestExit dying(GuestExit e) {
        vm.msync(0, VirtualMemory.TASK_SIZE);
        return e;
    }

    // x86 exception vectors (SDM Vol. 3A, 6.3.1, Table 6-1).
    public static final int VEC_DE = 0, VEC_DB = 1, VEC_BP = 3, VEC_OF = 4, VEC_BR = 5, VEC_UD = 6, VEC_NM = 7,
            VEC_TS = 10, VEC_NP = 11, VEC_SS = 12, VEC_GP = 13, VEC_PF = 14, VEC_MF = 16, VEC_AC = 17, VEC_XM = 19;
    private static final int PF_P = 1, PF_U = 4;

    private long lastCr2;

    /**
     * A CPU exception raised by the guest at CPL 3, turned into a signal as Linux's trap
     * handlers do (arch/x86/kernel/traps.c, arch/x86/mm/fault.c), then delivered as by
     * {@link #deliverSignal}. {@code r.rip} is what the CPU pushed: the faulting
     * instruction for faults, the next one for traps (#BP, #OF, single-step #DB).
     *
     * <table>
     *   <caption>vector to signal</caption>
     *   <tr><td>#DE</td><td>SIGFPE FPE_INTDIV, si_addr = RIP</td></tr>
     *   <tr><td>#DB</td><td>SIGTRAP TRAP_TRACE, si_addr = RIP</td></tr>
     *   <tr><td>#BP</td><td>SIGTRAP SI_KERNEL</td></tr>
     *   <tr><td>#OF, #BR, #TS, #GP</td><td>SIGSEGV SI_KERNEL</td></tr>
     *   <tr><td>#UD</td><td>SIGILL ILL_ILLOPN, si_addr = RIP</td></tr>
     *   <tr><td>#NP, #SS</td><td>SIGBUS SI_KERNEL</td></tr>
     *   <tr><td>#PF</td><td>SIGSEGV, SEGV_MAPERR if no VMA covers the address, else SEGV_ACCERR;
     *       si_addr = cr2 = the address; err gets the U bit (and P for addresses above TASK_SIZE)</td></tr>
     *   <tr><td>#MF, #XM</td><td>SIGFPE with the code of the lowest unmasked exception in
     *       {@code fpExceptions} (IE: FLTINV, ZE: FLTDIV, OE: FLTOVF, UE or DE: FLTUND, PE: FLTRES)</td></tr>
     *   <tr><td>#AC</td><td>SIGBUS BUS_ADRALN, si_addr = RIP</td></tr>
     * </table>
     *
     * @param errorCode the exception's error code (0 if it has none)
     * @param address the faulting linear address for #PF (ignored otherwise)
     * @param fpExceptions for #MF/#XM: the unmasked exception flags (x87: FSW &amp; ~FCW &amp; 0x3F;
     *        SSE: MXCSR &amp; ~(MXCSR &gt;&gt; 7) &amp; 0x3F)
     * @throws GuestExit if the signal's action is the default one
     */
    public void deliverException(UserRegs r, int vector, int errorCode, long address, int fpExceptions) {
        int sig;
        int code;
        long addr = r.rip;
        long err = vector == VEC_PF ? errorCode : errorCode & 0xFFFFFFFFL;
        switch (vector) {
            case VEC_DE -> {
                sig = Signals.SIGFPE;
                code = Signals.FPE_INTDIV;
            }
            case VEC_DB -> {
                sig = Signals.SIGTRAP;
                code = Signals.TRAP_TRACE;
            }
            case VEC_BP -> {
                sig = Signals.SIGTRAP;
                code = Signals.SI_KERNEL;
            }
            case VEC_UD -> {
                sig = Signals.SIGILL;
                code = Signals.ILL_ILLOPN;
            }
            case VEC_NP, VEC_SS -> {
                sig = Signals.SIGBUS;
                code = Signals.SI_KERNEL;
            }
            case VEC_AC -> {
                sig = Signals.SIGBUS;
                code = Signals.BUS_ADRALN;
            }
            case VEC_PF -> {
                sig = Signals.SIGSEGV;
                code = address >= 0 && address < VirtualMemory.TASK_SIZE && vm.find(address) != null
                        ? Signals.SEGV_ACCERR : Signals.SEGV_MAPERR;
                addr = address;
                err = errorCode | PF_U | (address < 0 || address >= VirtualMemory.TASK_SIZE ? PF_P : 0);
                lastCr2 = address;
            }
            case VEC_MF, VEC_XM -> {
                sig = Signals.SIGFPE;
                int e = fpExceptions;
                code = (e & 0x01) != 0 ? Signals.FPE_FLTINV : (e & 0x04) != 0 ? Signals.FPE_FLTDIV
                        : (e & 0x08) != 0 ? Signals.FPE_FLTOVF : (e & 0x12) != 0 ? Signals.FPE_FLTUND
                        : (e & 0x20) != 0 ? Signals.FPE_FLTRES : 0;
            }
            default -> {
                sig = Signals.SIGSEGV;
                code = Signals.SI_KERNEL;
            }
        }
        r.trapno = vector;
        r.err = err;
        r.cr2 = lastCr2;
        r.siCode = code;
        r.siAddr = code == Signals.SI_KERNEL ? 0 : addr;
        deliverSignal(r, sig);
    }

    private interface Call {
        long run() throws IOException;
    }

    private static long guard(Call c) {
        try {
            return c.run();
        } catch (MemoryFault e) {
            return -Errno.EFAULT;
        } catch (SyscallError e) {
            return -e.errno;
        } catch (GuestBytes.PathTooLong e) {
            return -Errno.ENAMETOOLONG;
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    /**
     * One system call by number with its six raw arguments; returns the raw Linux
     * result (negative errno on failure). rt_sigreturn and sigaltstack need the
     * registers: use {@link #syscall(UserRegs)} for them.
     *
     * @throws GuestExit for exit, exit_group
     */
    public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (!LOG.isDebugEnabled()) {
            return guard(() -> dispatch(nr, a0, a1, a2, a3, a4, a5));
        }
        long r = 0;
        try {
            r = guard(() -> dispatch(nr, a0, a1, a2, a3, a4, a5));
            return r;
        } finally {
            LOG.debug("{}(0x{}, 0x{}, 0x{}, 0x{}, 0x{}, 0x{}) = {}", Sys.name(nr), Long.toHexString(a0),
                    Long.toHexString(a1), Long.toHexString(a2), Long.toHexString(a3), Long.toHexString(a4),
                    Long.toHexString(a5), r);
        }
    }

    private long dispatch(int nr, long a0, long a1, long a2, long a3, long a4, long a5) throws IOException {
        int d0 = (int) a0;
        return switch (nr) {
            case Sys.READ -> files.read(d0, a1, a2);
            case Sys.WRITE -> files.write(d0, a1, a2);
            case Sys.PREAD64 -> files.pread(d0, a1, a2, a3);
            case Sys.PWRITE64 -> files.pwrite(d0, a1, a2, a3);
            case Sys.READV -> files.readv(d0, a1, (int) a2, -1);
            case Sys.WRITEV -> files.writev(d0, a1, (int) a2, -1);
            case Sys.PREADV -> a3 < 0 ? -Errno.EINVAL : files.readv(d0, a1, (int) a2, a3);
            case Sys.PWRITEV -> a3 < 0 ? -Errno.EINVAL : files.writev(d0, a1, (int) a2, a3);
            case Sys.OPEN -> files.open(FileCalls.AT_FDCWD, a0, (int) a1, (int) a2);
            case Sys.CREAT -> files.open(FileCalls.AT_FDCWD, a0,
                    FileCalls.O_CREAT | FileCalls.O_WRONLY | FileCalls.O_TRUNC, (int) a1);
            case Sys.OPENAT -> files.open(d0, a1, (int) a2, (int) a3);
            case Sys.CLOSE -> files.close(d0);
            case Sys.LSEEK -> files.lseek(d0, a1, (int) a2);
            case Sys.STAT -> files.newfstatat(FileCalls.AT_FDCWD, a0, a1, 0);
            case Sys.LSTAT -> files.newfstatat(FileCalls.AT_FDCWD, a0, a1, FileCalls.AT_SYMLINK_NOFOLLOW);
            case Sys.FSTAT -> files.fstat(d0, a1);
            case Sys.NEWFSTATAT -> files.newfstatat(d0, a1, a2, (int) a3);
            case Sys.STATX -> files.statx(d0, a1, (int) a2, (int) a3, a4);
            case Sys.GETDENTS64 -> files.getdents64(d0, a1, a2);
            case Sys.ACCESS -> files.access(FileCalls.AT_FDCWD, a0, (int) a1, 0);
            case Sys.FACCESSAT -> files.access(d0, a1, (int) a2, 0);
            case Sys.FACCESSAT2 -> files.access(d0, a1, (int) a2, (int) a3);
            case Sys.READLINK -> files.readlink(FileCalls.AT_FDCWD, a0, a1, a2);
            case Sys.READLINKAT -> files.readlink(d0, a1, a2, a3);
            case Sys.GETCWD -> files.getcwd(a0, a1);
            case Sys.CHDIR -> files.chdir(files.resolveArg(FileCalls.AT_FDCWD, a0));
            case Sys.FCHDIR -> files.fchdir(d0);
            case Sys.MKDIR -> files.mkdir(FileCalls.AT_FDCWD, a0, (int) a1);
            case Sys.MKDIRAT -> files.mkdir(d0, a1, (int) a2);
            case Sys.UNLINK -> files.unlink(FileCalls.AT_FDCWD, a0, 0);
            case Sys.RMDIR -> files.unlink(FileCalls.AT_FDCWD, a0, FileCalls.AT_REMOVEDIR);
            case Sys.UNLINKAT -> files.unlink(d0, a1, (int) a2);
            case Sys.RENAME -> files.rename(FileCalls.AT_FDCWD, a0, FileCalls.AT_FDCWD, a1, 0);
            case Sys.RENAMEAT -> files.rename(d0, a1, (int) a2, a3, 0);
            case Sys.RENAMEAT2 -> files.rename(d0, a1, (int) a2, a3, (int) a4);
            case Sys.LINK -> link(FileCalls.AT_FDCWD, a0, FileCalls.AT_FDCWD, a1, 0);
            case Sys.LINKAT -> link(d0, a1, (int) a2, a3, (int) a4);
            case Sys.SYMLINK -> symlink(a0, FileCalls.AT_FDCWD, a1);
            case Sys.SYMLINKAT -> symlink(a0, (int) a1, a2);
            case Sys.CHMOD -> chmod(files.resolveArg(FileCalls.AT_FDCWD, a0), (int) a1);
            case Sys.FCHMODAT -> chmod(files.resolveArg(d0, a1), (int) a2);
            case Sys.FCHMOD -> fchmod(d0, (int) a1);
            case Sys.UTIMENSAT -> utimensat(d0, a1, a2, (int) a3);
            case Sys.DUP -> files.dup(d0);
            case Sys.DUP2 -> files.dup3(d0, (int) a1, 0, true);
            case Sys.DUP3 -> files.dup3(d0, (int) a1, (int) a2, false);
            case Sys.FCNTL -> files.fcntl(d0, (int) a1, a2);
            // One process holds every lock it asks for (LOCK_SH 1, LOCK_EX 2, LOCK_UN 8, LOCK_NB 4).
            case Sys.FLOCK -> files.file(d0) != null && (((int) a1 & ~4) == 1 || ((int) a1 & ~4) == 2
                    || ((int) a1 & ~4) == 8) ? 0 : -Errno.EINVAL;
            case Sys.IOCTL -> files.ioctl(d0, (int) a1, a2);
            case Sys.PIPE -> files.pipe(a0, 0);
            case Sys.PIPE2 -> files.pipe(a0, (int) a1);
            case Sys.FTRUNCATE -> files.ftruncate(d0, a1);
            case Sys.POLL -> files.poll(a0, a1, (int) a2 < 0 ? -1 : (int) a2 * 1_000_000L);
            case Sys.PPOLL -> files.poll(a0, a1, a2 == 0 ? -1 : timespec(a2));
            case Sys.FSYNC, Sys.FDATASYNC -> files.fsync(d0);
            case Sys.TRUNCATE -> files.truncate(a0, a1);
            case Sys.STATFS -> HostStat.writeStatfs(memory(), a1, files.resolveArg(FileCalls.AT_FDCWD, a0));
            case Sys.FSTATFS -> fdPath(d0) == null ? -Errno.ENOSYS : HostStat.writeStatfs(memory(), a1, fdPath(d0));
            case Sys.SENDFILE -> files.sendfile(d0, (int) a1, a2, a3);
            case Sys.CHOWN -> files.chown(files.resolveArg(FileCalls.AT_FDCWD, a0), (int) a1, (int) a2, true);
            case Sys.LCHOWN -> files.chown(files.resolveArg(FileCalls.AT_FDCWD, a0), (int) a1, (int) a2, false);
            case Sys.FCHOWNAT -> (a4 & ~(FileCalls.AT_SYMLINK_NOFOLLOW | FileCalls.AT_EMPTY_PATH)) != 0 ? -Errno.EINVAL
                    : files.chown(files.resolveArg(d0, a1), (int) a2, (int) a3,
                            (a4 & FileCalls.AT_SYMLINK_NOFOLLOW) == 0);
            case Sys.FCHOWN -> fdPath(d0) == null ? -Errno.EINVAL : files.chown(fdPath(d0), (int) a1, (int) a2, true);
            case Sys.FADVISE64 -> files.file(d0) instanceof PipeEnd ? -Errno.ESPIPE
                    : a3 < 0 || a3 > 5 ? -Errno.EINVAL : 0;
            case Sys.PRCTL -> prctl(d0, a1);
            case Sys.BRK -> vm.brk(a0);
            case Sys.MMAP -> mmap(a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case Sys.MUNMAP -> vm.munmap(a0, a1);
            case Sys.MPROTECT -> vm.mprotect(a0, a1, (int) a2);
            case Sys.MREMAP -> vm.mremap(a0, a1, a2, (int) a3, a4);
            case Sys.MADVISE -> vm.madvise(a0, a1, (int) a2);
            case Sys.MSYNC -> (a0 & 4095) != 0 || (a2 & ~7) != 0 || (a2 & 5) == 5 ? -Errno.EINVAL
                    : vm.msync(a0, a0 + VirtualMemory.pageUp(a1));
            case Sys.ARCH_PRCTL -> archPrctl(d0, a1);
            case Sys.SET_TID_ADDRESS -> {
                clearChildTid = a0;
                yield opt.pid;
            }
            case Sys.SET_ROBUST_LIST -> a1 != 24 ? -Errno.EINVAL : 0;
            case Sys.RSEQ -> -Errno.ENOSYS;
            case Sys.FUTEX -> futex(a0, (int) a1, (int) a2, a3);
            case Sys.GETRANDOM -> getrandom(a0, a1, (int) a2);
            case Sys.UNAME -> uname(a0);
            case Sys.SYSINFO -> sysinfo(a0);
            case Sys.PRLIMIT64 -> prlimit(d0, (int) a1, a2, a3);
            case Sys.GETRLIMIT -> prlimit(0, d0, 0, a1);
            case Sys.SETRLIMIT -> prlimit(0, d0, a1, 0);
            case Sys.GETRUSAGE -> getrusage(d0, a1);
            case Sys.TIMES -> times(a0);
            case Sys.CLOCK_GETTIME -> clockGettime(d0, a1);
            case Sys.CLOCK_GETRES -> clockGetres(d0, a1);
            case Sys.GETTIMEOFDAY -> gettimeofday(a0, a1);
            case Sys.TIME -> time(a0);
            case Sys.NANOSLEEP -> nanosleep(CLOCK_MONOTONIC, 0, a0, a1);
            case Sys.CLOCK_NANOSLEEP -> nanosleep(d0, (int) a1, a2, a3);
            case Sys.SCHED_YIELD -> 0;
            case Sys.ALARM -> alarm(a0);
            case Sys.SETITIMER -> setitimer(d0, a1, a2);
            case Sys.GETITIMER -> d0 != ITIMER_REAL ? -Errno.EINVAL : getitimer(a1);
            case Sys.PAUSE -> pause();
            case Sys.SCHED_SETAFFINITY -> d0 != 0 && d0 != opt.pid ? -Errno.ESRCH : a1 < 8 ? -Errno.EINVAL
                    : (memory().read64(a2) & ((1L << Math.min(63, Runtime.getRuntime().availableProcessors())) - 1)) == 0
                            ? -Errno.EINVAL : 0;
            case Sys.GETCPU -> {
                if (a0 != 0) {
                    memory().write32(a0, 0);
                }
                if (a1 != 0) {
                    memory().write32(a1, 0);
                }
                yield 0;
            }
            case Sys.MLOCK, Sys.MUNLOCK -> 0;
            case Sys.WAIT4 -> -Errno.ECHILD; // hot86 never creates children
            case Sys.SCHED_GETAFFINITY -> schedGetaffinity(d0, a1, a2);
            case Sys.GETPID, Sys.GETTID, Sys.GETPGRP -> opt.pid;
            case Sys.GETPGID, Sys.GETSID -> a0 == 0 || a0 == opt.pid ? opt.pid : -Errno.ESRCH;
            case Sys.SETPGID -> a0 == 0 || a0 == opt.pid ? 0 : -Errno.ESRCH;
            case Sys.GETPPID -> opt.ppid;
            case Sys.GETUID, Sys.GETEUID -> opt.uid;
            case Sys.GETRESUID -> writeIds(a0, a1, a2, opt.uid);
            case Sys.GETRESGID -> writeIds(a0, a1, a2, opt.gid);
            case Sys.GETGROUPS -> getgroups(d0, a1);
            case Sys.SETGROUPS -> -Errno.EPERM;
            case Sys.SELECT -> files.select(d0, a1, a2, a3, a4 == 0 ? -1 : timeval(a4));
            case Sys.PSELECT6 -> files.select(d0, a1, a2, a3, a4 == 0 ? -1 : timespec(a4));
            case Sys.GETGID, Sys.GETEGID -> opt.gid;
            case Sys.UMASK -> {
                int old = umask;
                umask = d0 & 0777;
                yield old;
            }
            case Sys.RT_SIGACTION -> signals.rtSigaction(memory(), d0, a1, a2, a3);
            case Sys.RT_SIGPROCMASK -> signals.rtSigprocmask(memory(), d0, a1, a2, a3);
            case Sys.RT_SIGPENDING -> signals.rtSigpending(memory(), a0, a1);
            case Sys.SIGALTSTACK -> signals.sigaltstack(memory(), a0, a1, current == null ? 0
                    : current.gpr[UserRegs.RSP]);
            case Sys.RT_SIGRETURN -> -Errno.ENOSYS;
            case Sys.KILL -> kill(d0, (int) a1, Signals.SI_USER);
            case Sys.TKILL -> d0 == opt.pid ? kill(opt.pid, (int) a1, Signals.SI_TKILL) : -Errno.ESRCH;
            case Sys.TGKILL -> d0 == opt.pid && (int) a1 == opt.pid ? kill(opt.pid, (int) a2, Signals.SI_TKILL)
                    : d0 <= 0 || (int) a1 <= 0 ? -Errno.EINVAL : -Errno.ESRCH;
            case Sys.EXIT, Sys.EXIT_GROUP -> throw dying(GuestExit.exited(d0));
            default -> unknown(nr);
        };
    }

    private long writeIds(long r, long e, long s, int id) {
        memory().write32(r, id);
        memory().write32(e, id);
        memory().write32(s, id);
        return 0;
    }

    /** getgroups: the host process's supplementary groups (the "Groups:" line of /proc/self/status). */
    private long getgroups(int size, long list) {
        int[] g = opt.groups();
        if (size < 0) {
            return -Errno.EINVAL;
        }
        if (size == 0) {
            return g.length;
        }
        if (size < g.length) {
            return -Errno.EINVAL;
        }
        for (int i = 0; i < g.length; i++) {
            memory().write32(list + 4L * i, g[i]);
        }
        return g.length;
    }

    /** A relative timeval in nanoseconds; EINVAL if malformed. */
    private long timeval(long addr) {
        long s = memory().read64(addr);
        long us = memory().read64(addr + 8);
        if (s < 0 || us < 0 || us >= 1_000_000L) {
            throw new SyscallError(Errno.EINVAL);
        }
        return s > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : s * 1_000_000_000L + us * 1000;
    }

    /** A relative timespec in nanoseconds; EINVAL if malformed. */
    private long timespec(long addr) {
        long s = memory().read64(addr);
        long ns = memory().read64(addr + 8);
        if (s < 0 || ns < 0 || ns >= 1_000_000_000L) {
            throw new SyscallError(Errno.EINVAL);
        }
        return s > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : s * 1_000_000_000L + ns;
    }

    private long unknown(int nr) {
        if (loggedUnknown.add(nr)) {
            LOG.warn("unimplemented system call {} returns -ENOSYS", nr);
        }
        return -Errno.ENOSYS;
    }

    // ------------------------------------------------------------------ memory

    private long mmap(long addr, long len, int prot, int flags, int fd, long off) throws IOException {
        if ((flags & VirtualMemory.MAP_ANONYMOUS) != 0) {
            return vm.mmap(addr, len, prot, flags, null, off);
        }
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (!(f instanceof HostFile hf)) {
            return f instanceof HostDirectory ? -Errno.ENODEV : -Errno.EACCES;
        }
        int acc = f.flags() & FileCalls.O_ACCMODE;
        if (acc == FileCalls.O_WRONLY) {
            return -Errno.EACCES;
        }
        int type = flags & VirtualMemory.MAP_TYPE;
        if (type != VirtualMemory.MAP_PRIVATE && (prot & AddressSpace.PROT_WRITE) != 0 && acc != FileCalls.O_RDWR) {
            return -Errno.EACCES;
        }
        return vm.mmap(addr, len, prot, flags, new VirtualMemory.FileSource(hf.path(), hf.channel()), off);
    }

    private Path fdPath(int fd) {
        return files.file(fd).path();
    }

    static final int PR_SET_NAME = 15, PR_GET_NAME = 16, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4;
    private byte[] comm;

    /** prctl: the thread name (PR_SET_NAME/PR_GET_NAME) and the dumpable flag; others EINVAL. */
    private long prctl(int option, long arg) {
        switch (option) {
            case PR_SET_NAME -> {
                byte[] b = GuestBytes.read(memory(), arg, 16);
                comm = java.util.Arrays.copyOf(b, 16);
                comm[15] = 0;
                return 0;
            }
            case PR_GET_NAME -> {
                if (comm == null) {
                    String n = opt.exePath.getFileName() == null ? "" : opt.exePath.getFileName().toString();
                    comm = java.util.Arrays.copyOf(n.getBytes(java.nio.charset.StandardCharsets.UTF_8), 16);
                    comm[15] = 0;
                }
                GuestBytes.write(memory(), arg, comm);
                return 0;
            }
            case PR_GET_DUMPABLE -> {
                return 1;
            }
            case PR_SET_DUMPABLE -> {
                return arg == 0 || arg == 1 ? 0 : -Errno.EINVAL;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    private long archPrctl(int code, long addr) {
        switch (code) {
            case ARCH_SET_FS, ARCH_SET_GS -> {
                if (addr < 0 || addr >= VirtualMemory.TASK_SIZE) {
                    return -Errno.EPERM;
                }
                if (code == ARCH_SET_FS) {
                    fsBase = addr;
                } else {
                    gsBase = addr;
                }
                return 0;
            }
            case ARCH_GET_FS, ARCH_GET_GS -> {
                memory().write64(addr, code == ARCH_GET_FS ? fsBase : gsBase);
                return 0;
            }
            case ARCH_GET_CPUID -> {
                return 1;
            }
            case ARCH_SET_CPUID -> {
                return addr != 0 ? 0 : -Errno.ENODEV;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    // ------------------------------------------------------------------ process

    /**
     * futex for a single thread. FUTEX_WAKE wakes nobody (returns 0). FUTEX_WAIT
     * returns -EAGAIN if the word differs from {@code val}; if it matches, no other
     * thread could ever change it: with a timeout the virtual clock advances by it and
     * the call returns -ETIMEDOUT; without one the process would hang forever, so it
     * ends with a deadlock report instead.
     */
    private long futex(long uaddr, int op, int val, long timeout) {
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        switch (cmd) {
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                if ((uaddr & 3) != 0) {
                    return -Errno.EINVAL;
                }
                return 0;
            }
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                if ((uaddr & 3) != 0) {
                    return -Errno.EINVAL;
                }
                int cur = memory().read32(uaddr);
                if (cur != val) {
                    return -Errno.EAGAIN;
                }
                if (timeout != 0) {
                    long s = memory().read64(timeout);
                    long ns = memory().read64(timeout + 8);
                    if (s < 0 || ns < 0 || ns >= 1_000_000_000L) {
                        return -Errno.EINVAL;
                    }
                    long t = s * 1_000_000_000L + ns;
                    if (cmd == FUTEX_WAIT_BITSET) {
                        // Absolute time on the chosen clock.
                        long now = (op & FUTEX_CLOCK_REALTIME) != 0 ? opt.time.realtimeNanos()
                                : opt.time.monotonicNanos();
                        t -= now;
                    }
                    opt.time.sleep(t);
                    return -Errno.ETIMEDOUT;
                }
                throw GuestExit.deadlock("FUTEX_WAIT with no other thread to wake it", currentRip());
            }
            default -> {
                return -Errno.ENOSYS;
            }
        }
    }

    private long kill(int pid, int sig, int code) {
        if (sig < 0 || sig > Signals.NSIG) {
            return -Errno.EINVAL;
        }
        if (pid == -1) {
            // "Every process but the caller": those are the host's, and hot86 signals none of them.
            return -Errno.ESRCH;
        }
        if (pid != opt.pid && pid != 0 && pid != -opt.pid) {
            // Other processes are the host's: hot86 does not signal them.
            return -Errno.EPERM;
        }
        if (sig == 0) {
            return 0;
        }
        if (sig == Signals.SIGKILL) {
            throw GuestExit.killed(sig, currentRip(), 0);
        }
        signals.raise(sig, code);
        return 0;
    }

    private long getrandom(long buf, long len, int flags) {
        if ((flags & ~7) != 0 || (flags & 6) == 6) {
            return -Errno.EINVAL;
        }
        int n = (int) Math.min(Math.max(len, 0), 1 << 25);
        byte[] b = new byte[n];
        if (opt.hostRandom) {
            new java.security.SecureRandom().nextBytes(b);
        } else {
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && i + k < n; k++) {
                    b[i + k] = (byte) (v >>> (8 * k));
                }
            }
        }
        GuestBytes.write(memory(), buf, b);
        return n;
    }

    private long uname(long buf) {
        String[] f = {"Linux", "hot86", UNAME_RELEASE, "#1 SMP PREEMPT_DYNAMIC hot86", "x86_64", "(none)"};
        byte[] b = new byte[65 * 6];
        for (int i = 0; i < f.length; i++) {
            byte[] s = f[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, b, 65 * i, s.length);
        }
        GuestBytes.write(memory(), buf, b);
        return 0;
    }

    /** sysinfo: fixed, plausible memory figures (deterministic); uptime from the clock. */
    private long sysinfo(long buf) {
        byte[] b = new byte[112];
        Signals.putLong(b, 0, opt.time.monotonicNanos() / 1_000_000_000L);
        Signals.putLong(b, 32, 8L << 30);
        Signals.putLong(b, 40, 4L << 30);
        Signals.putLong(b, 56, 256L << 20);
        b[80] = 1;
        Signals.putInt(b, 104, 1);
        GuestBytes.write(memory(), buf, b);
        return 0;
    }

    private long prlimit(int pid, int res, long newAddr, long oldAddr) {
        if (pid != 0 && pid != opt.pid) {
            return -Errno.ESRCH;
        }
        if (res < 0 || res >= RLIM_NLIMITS) {
            return -Errno.EINVAL;
        }
        long[] n = null;
        if (newAddr != 0) {
            n = new long[] {memory().read64(newAddr), memory().read64(newAddr + 8)};
            if (Long.compareUnsigned(n[0], n[1]) > 0) {
                return -Errno.EINVAL;
            }
            if (Long.compareUnsigned(n[1], rlimits[res][1]) > 0) {
                return -Errno.EPERM;
            }
        }
        if (oldAddr != 0) {
            memory().write64(oldAddr, rlimits[res][0]);
            memory().write64(oldAddr + 8, rlimits[res][1]);
        }
        if (n != null) {
            rlimits[res] = n;
            if (res == RLIMIT_NOFILE) {
                fds.limit((int) Math.min(Integer.MAX_VALUE, Long.compareUnsigned(n[0], 1 << 20) > 0 ? 1 << 20 : n[0]));
            }
        }
        return 0;
    }

    private long getrusage(int who, long buf) {
        if (who != 0 && who != -1 && who != 1) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[144];
        if (who != -1) {
            long cpu = opt.time.cpuNanos();
            Signals.putLong(b, 0, cpu / 1_000_000_000L);
            Signals.putLong(b, 8, cpu % 1_000_000_000L / 1000);
        }
        GuestBytes.write(memory(), buf, b);
        return 0;
    }

    private long times(long buf) {
        long ticks = opt.time.cpuNanos() / 10_000_000L;
        if (buf != 0) {
            byte[] b = new byte[32];
            Signals.putLong(b, 0, ticks);
            GuestBytes.write(memory(), buf, b);
        }
        return opt.time.monotonicNanos() / 10_000_000L;
    }

    private long schedGetaffinity(int pid, long len, long mask) {
        if (pid != 0 && pid != opt.pid) {
            return -Errno.ESRCH;
        }
        int cpus = Math.min(64, Runtime.getRuntime().availableProcessors());
        if (len < 8 || (len & 7) != 0) {
            return -Errno.EINVAL;
        }
        memory().write64(mask, cpus == 64 ? -1L : (1L << cpus) - 1);
        return 8;
    }

    // ------------------------------------------------------------------ time

    private long clockNanos(int clk) {
        return switch (clk) {
            case CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_REALTIME_ALARM, CLOCK_TAI -> opt.time.realtimeNanos();
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
                    CLOCK_BOOTTIME_ALARM -> opt.time.monotonicNanos();
            case CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID -> opt.time.cpuNanos();
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    private long clockGettime(int clk, long ts) {
        long t = clockNanos(clk);
        memory().write64(ts, Math.floorDiv(t, 1_000_000_000L));
        memory().write64(ts + 8, Math.floorMod(t, 1_000_000_000L));
        return 0;
    }

    private long clockGetres(int clk, long ts) {
        clockNanos(clk);
        if (ts != 0) {
            boolean coarse = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE;
            memory().write64(ts, 0);
            memory().write64(ts + 8, coarse ? 4_000_000 : 1);
        }
        return 0;
    }

    private long gettimeofday(long tv, long tz) {
        long t = opt.time.realtimeNanos();
        if (tv != 0) {
            memory().write64(tv, Math.floorDiv(t, 1_000_000_000L));
            memory().write64(tv + 8, Math.floorMod(t, 1_000_000_000L) / 1000);
        }
        if (tz != 0) {
            memory().write64(tz, 0);
        }
        return 0;
    }

    private long time(long tloc) {
        long s = Math.floorDiv(opt.time.realtimeNanos(), 1_000_000_000L);
        if (tloc != 0) {
            memory().write64(tloc, s);
        }
        return s;
    }

    private long nanosleep(int clk, int flags, long req, long rem) {
        long s = memory().read64(req);
        long ns = memory().read64(req + 8);
        if (s < 0 || ns < 0 || ns >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        if (clk == CLOCK_THREAD_CPUTIME_ID) {
            return -Errno.EINVAL;
        }
        long now = clockNanos(clk);
        long t = s * 1_000_000_000L + ns;
        if ((flags & TIMER_ABSTIME) != 0) {
            t -= now;
        }
        if (t > 0) {
            long wake = opt.time.monotonicNanos() + t;
            if (alarmDeadline != 0 && alarmDeadline < wake) {
                // The timer fires first: sleep until then and return EINTR with what is left.
                opt.time.sleep(Math.max(0, alarmDeadline - opt.time.monotonicNanos()));
                checkTimers();
                if (rem != 0 && (flags & TIMER_ABSTIME) == 0) {
                    long left = Math.max(0, wake - opt.time.monotonicNanos());
                    memory().write64(rem, left / 1_000_000_000L);
                    memory().write64(rem + 8, left % 1_000_000_000L);
                }
                return -Errno.EINTR;
            }
            opt.time.sleep(t);
        }
        return 0;
    }

    // ------------------------------------------------------------------ ITIMER_REAL and alarm

    static final int ITIMER_REAL = 0;
    /** Monotonic time at which SIGALRM is due (0: disarmed), and the reload interval. */
    private long alarmDeadline;
    private long alarmInterval;

    /** Raises SIGALRM if the real-time interval timer has expired; re-arms a periodic one. */
    void checkTimers() {
        if (alarmDeadline == 0) {
            return;
        }
        long now = opt.time.monotonicNanos();
        if (now < alarmDeadline) {
            return;
        }
        signals.raise(Signals.SIGALRM, 0x80);
        if (alarmInterval > 0) {
            long missed = (now - alarmDeadline) / alarmInterval;
            alarmDeadline += (missed + 1) * alarmInterval;
        } else {
            alarmDeadline = 0;
        }
    }

    /**
     * For the run loop, now and then (for example at block exits or every N instructions,
     * at points that depend only on the guest so that runs stay deterministic): raises
     * expired timers' signals and delivers a deliverable pending signal into {@code r}.
     * Returns true if {@code r} was changed (RIP now at a handler).
     *
     * @throws GuestExit if a signal's default action ends the process
     */
    public boolean pollSignals(UserRegs r) {
        checkTimers();
        if (!signals.hasDeliverable()) {
            return false;
        }
        try {
            signals.deliverPending(r, memory());
        } catch (GuestExit e) {
            throw dying(e);
        }
        return true;
    }

    /** True if {@link #pollSignals} would do something: a cheap check for the run loop. */
    public boolean signalsPending(long nowNanos) {
        return signals.hasDeliverable() || alarmDeadline != 0 && nowNanos >= alarmDeadline;
    }

    private long getitimer(long addr) {
        writeItimer(addr);
        return 0;
    }

    private void writeItimer(long addr) {
        long left = alarmDeadline == 0 ? 0 : Math.max(1000, alarmDeadline - opt.time.monotonicNanos());
        memory().write64(addr, alarmInterval / 1_000_000_000L);
        memory().write64(addr + 8, alarmInterval % 1_000_000_000L / 1000);
        memory().write64(addr + 16, left / 1_000_000_000L);
        memory().write64(addr + 24, left % 1_000_000_000L / 1000);
    }

    /** setitimer/getitimer for ITIMER_REAL (the others are not implemented: EINVAL). */
    private long setitimer(int which, long newAddr, long oldAddr) {
        if (which != ITIMER_REAL) {
            return -Errno.EINVAL;
        }
        long interval = 0, value = 0;
        if (newAddr != 0) {
            interval = timeval(newAddr);
            value = timeval(newAddr + 16);
        }
        if (oldAddr != 0) {
            writeItimer(oldAddr);
        }
        if (newAddr != 0) {
            alarmInterval = interval;
            alarmDeadline = value == 0 ? 0 : opt.time.monotonicNanos() + value;
        }
        return 0;
    }

    private long alarm(long seconds) {
        long old = alarmDeadline == 0 ? 0 : Math.max(0, alarmDeadline - opt.time.monotonicNanos());
        long oldSecs = old / 1_000_000_000L + (old % 1_000_000_000L >= 500_000_000L ? 1 : 0);
        if (oldSecs == 0 && old > 0) {
            oldSecs = 1;
        }
        alarmInterval = 0;
        alarmDeadline = (seconds & 0xFFFFFFFFL) == 0 ? 0
                : opt.time.monotonicNanos() + (seconds & 0xFFFFFFFFL) * 1_000_000_000L;
        return oldSecs;
    }

    /** pause: waits for the interval timer's signal, or would wait forever. */
    private long pause() {
        if (alarmDeadline == 0) {
            throw GuestExit.deadlock("pause with no timer armed and no other process", currentRip());
        }
        opt.time.sleep(Math.max(0, alarmDeadline - opt.time.monotonicNanos()));
        checkTimers();
        return -Errno.EINTR;
    }

    // ------------------------------------------------------------------ more file-system calls

    private long link(int olddir, long oldAddr, int newdir, long newAddr, int flags) throws IOException {
        if ((flags & ~(FileCalls.AT_SYMLINK_FOLLOW | FileCalls.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        Path from = files.resolveArg(olddir, oldAddr);
        Path to = files.resolveArg(newdir, newAddr);
        Files.createLink(to, from);
        return 0;
    }

    private long symlink(long targetAddr, int dirfd, long linkAddr) throws IOException {
        String target = files.pathArg(targetAddr);
        Path link = files.resolveArg(dirfd, linkAddr);
        Files.createSymbolicLink(link, Path.of(target));
        return 0;
    }

    private long chmod(Path p, int mode) throws IOException {
        FileCalls.setMode(p, mode);
        return 0;
    }

    private long fchmod(int fd, int mode) throws IOException {
        Path p = files.file(fd).path();
        if (p == null) {
            return -Errno.EBADF;
        }
        FileCalls.setMode(p, mode);
        return 0;
    }

    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    private long utimensat(int dirfd, long pathAddr, long times, int flags) throws IOException {
        if ((flags & ~(FileCalls.AT_SYMLINK_NOFOLLOW | FileCalls.AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        Path p = pathAddr == 0 ? files.file(dirfd).path() : files.resolveArg(dirfd, pathAddr);
        if (p == null) {
            return -Errno.EBADF;
        }
        long now = opt.time.realtimeNanos();
        FileTime[] t = new FileTime[2];
        for (int i = 0; i < 2; i++) {
            long s = times == 0 ? 0 : memory().read64(times + 16L * i);
            long ns = times == 0 ? UTIME_NOW : memory().read64(times + 16L * i + 8);
            if (ns == UTIME_OMIT) {
                continue;
            }
            if (ns != UTIME_NOW && (ns < 0 || ns >= 1_000_000_000L)) {
                return -Errno.EINVAL;
            }
            t[i] = FileTime.from(ns == UTIME_NOW ? now : s * 1_000_000_000L + ns, TimeUnit.NANOSECONDS);
        }
        LinkOption[] lo = (flags & FileCalls.AT_SYMLINK_NOFOLLOW) != 0
                ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        if (!Files.exists(p, lo) && !Files.isSymbolicLink(p)) {
            HostStat.of(p, lo.length == 0);
        }
        Files.getFileAttributeView(p, BasicFileAttributeView.class, lo).setTimes(t[1], t[0], null);
        return 0;
    }
}
