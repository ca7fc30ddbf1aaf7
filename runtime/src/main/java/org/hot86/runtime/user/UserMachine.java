package org.hot86.runtime.user;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.semantics.Cpuid;
import org.hot86.cpu.x87.X87Env;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.format.IntelFormatter;
import org.hot86.runtime.engine.EngineOptions;
import org.hot86.runtime.engine.ExecutionEngine;
import org.hot86.runtime.engine.StopReason;
import org.hot86.runtime.linux.GuestExit;
import org.hot86.runtime.linux.LinuxKernel;
import org.hot86.runtime.linux.UserProcess;
import org.hot86.runtime.linux.UserRegs;
import org.hot86.softmmu.Access;
import org.hot86.softmmu.MemoryFault;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux user mode: one static x86-64 program on the CPU at CPL 3 in 64-bit mode, its
 * memory on the softmmu with real page tables, its system calls served by
 * {@link LinuxKernel}.
 *
 * <p>The loop: run guest code until it needs the outside world; SYSCALL goes to the
 * kernel; a page fault on a first touch of mapped memory gets a zero frame and the
 * instruction is retried; any other exception becomes the signal Linux would send. The
 * program's exit (or death by signal) ends {@link #run()} with its status.
 */
public final class UserMachine {
    private static final Logger LOG = LoggerFactory.getLogger(UserMachine.class);

    /** How a run is configured; the CLI fills this in. */
    public static final class Config {
        public long maxInsns = Long.MAX_VALUE;
        public double timeoutSeconds;
        public boolean realtime;
        public boolean stats;
        public long ramLimit = 16L << 30;
        /** Interpreter/JIT tiering; {@code jit} is a shorthand for {@code engine.jit()}. */
        public EngineOptions engine = EngineOptions.defaults();
        public boolean jit = true;
        public LinuxKernel.Options kernel = new LinuxKernel.Options();
    }

    /** The outcome of a run. */
    public record Result(int status, boolean stoppedByLimit, String report) {}

    private final Config config;
    private final CpuState cpu = new CpuState();
    private final PhysicalMemory phys = FramePool.newPhysicalMemory();
    private final Mmu mmu = new Mmu(phys);
    private final FramePool pool;
    private final MmuAddressSpace space;
    private ExecutionEngine engine;
    private final UserProcess process;
    private final UserRegs regs;
    private long syscalls, signals;

    public UserMachine(Path program, List<String> argv, List<String> env, Config config) throws IOException {
        this.config = config;
        this.pool = new FramePool(phys, config.ramLimit);
        this.space = new MmuAddressSpace(phys, mmu, pool);
        if (config.realtime) {
            config.kernel.time(org.hot86.runtime.linux.TimeSource.host());
        } else {
            config.kernel.time(org.hot86.runtime.linux.TimeSource.virtual(() -> cpu.instructionsRetired, 1));
        }
        this.process = UserProcess.create(program, argv, env, space, hwcap(), config.kernel);
        this.regs = process.initialRegs();
        cpu.resetUserMode(true);
        cpu.mem = space.cpuMemory();
        load(regs);
        this.engine = new ExecutionEngine(cpu, config.engine.withJit(config.jit && config.engine.jit()));
    }

    /** AT_HWCAP: CPUID.01H:EDX of the emulated CPU, as Linux reports it. */
    private static long hwcap() {
        CpuState s = new CpuState();
        s.gpr[CpuState.RAX] = 1;
        Cpuid.cpuid(s);
        return s.gpr[CpuState.RDX] & 0xFFFFFFFFL;
    }

    /** Asks a running guest to stop at the next check (thread-safe; used by the timeout). */
    public void requestStop() {
        engine.requestStop();
    }

    public CpuState cpu() {
        return cpu;
    }

    /** Runs the program to its end (or the limits); never throws for guest behaviour. */
    public Result run() {
        long t0 = System.nanoTime();
        Thread timer = null;
        if (config.timeoutSeconds > 0) {
            timer = new Thread(() -> {
                try {
                    Thread.sleep((long) (config.timeoutSeconds * 1000));
                    requestStop();
                } catch (InterruptedException e) {
                    // run ended first
                }
            }, "hot86-timeout");
            timer.setDaemon(true);
            timer.start();
        }
        Result result;
        try {
            result = loop();
        } finally {
            if (timer != null) {
                timer.interrupt();
            }
            engine.close();
        }
        if (config.stats) {
            printStats(System.err, System.nanoTime() - t0);
        }
        return result;
    }

    private Result loop() {
        long limit = config.maxInsns;
        try {
            while (true) {
                long left = limit - cpu.instructionsRetired;
                StopReason r = left <= 0 ? StopReason.INSN_LIMIT : engine.run(left);
                switch (r) {
                    case SYSCALL -> syscall();
                    case EXCEPTION -> exception();
                    case HALT -> exceptionAsSignal(LinuxKernel.VEC_GP, 0, 0);
                    case INSN_LIMIT, STOP_REQUESTED -> {
                        String why = r == StopReason.INSN_LIMIT ? "instruction limit" : "timeout";
                        return new Result(0, true, String.format(
                                "hot86: guest stopped: %s reached after %d instructions at rip 0x%x", why,
                                cpu.instructionsRetired, cpu.rip));
                    }
                }
            }
        } catch (GuestExit e) {
            String report = e.report(disassemble(e.rip()));
            return new Result(e.status(), false, report);
        } catch (MmuAddressSpace.OutOfGuestMemory e) {
            return new Result(137, false, "hot86: guest RAM limit of " + (config.ramLimit >> 20) + " MiB reached");
        }
    }

    private void syscall() {
        syscalls++;
        store(regs);
        // SYSCALL itself: RCX = return RIP, R11 = RFLAGS (SDM Vol. 2 SYSCALL); SYSRET restores them.
        regs.gpr[UserRegs.RCX] = cpu.rip;
        regs.gpr[UserRegs.R11] = regs.rflags & ~0x10000L;
        process.kernel().syscall(regs);
        load(regs);
        // mmap/munmap/mprotect/mremap reach the engine through the MMU: every page-table
        // edit of MmuAddressSpace is followed by an INVLPG, which drops the engine's links
        // and jump cache when the page holds decoded code.
    }

    private void exception() {
        int vector = cpu.eventVector;
        if (vector == LinuxKernel.VEC_PF) {
            Access access = (cpu.eventErrorCode & MemoryFault.PF_I) != 0 ? Access.EXEC
                    : (cpu.eventErrorCode & MemoryFault.PF_W) != 0 ? Access.WRITE : Access.READ;
            if (space.resolveFault(cpu.eventAddress, cpu.eventErrorCode, access)) {
                cpu.rip = cpu.eventRip; // retry the instruction
                return;
            }
        }
        exceptionAsSignal(vector, cpu.eventErrorCode, cpu.eventAddress);
    }

    private void exceptionAsSignal(int vector, int errorCode, long address) {
        signals++;
        store(regs);
        regs.rip = cpu.eventRip;
        process.kernel().deliverException(regs, vector, errorCode, address, fpExceptions(vector));
        load(regs);
    }

    /** The unmasked exception flags that caused #MF (x87: FSW &amp; ~FCW) or #XM (MXCSR flags &amp; ~masks). */
    private int fpExceptions(int vector) {
        if (vector == LinuxKernel.VEC_MF) {
            return cpu.x87.sw & ~cpu.x87.cw & 0x3F;
        }
        if (vector == LinuxKernel.VEC_XM) {
            return cpu.mxcsr & ~(cpu.mxcsr >>> 7) & 0x3F;
        }
        return 0;
    }

    /**
     * Copies the x87/SSE state into the FXSAVE64 image of the signal frame ({@link UserRegs#fxsave}): bytes
     * 0-159 by {@link X87Env#fxsave}, MXCSR and MXCSR_MASK at 24, XMM0-15 at 160.
     */
    private void storeFpu(UserRegs r) {
        byte[] b = r.fxsave;
        X87Env.fxsave(cpu.x87, b, 0, true);
        putLe(b, 24, cpu.mxcsr, 4);
        putLe(b, 28, 0xFFFF, 4);
        for (int k = 0; k < 16; k++) {
            putLe(b, 160 + 16 * k, cpu.xmmLo[k], 8);
            putLe(b, 168 + 16 * k, cpu.xmmHi[k], 8);
        }
    }

    /** Loads the x87/SSE state back from the image (after rt_sigreturn; MXCSR reserved bits are dropped). */
    private void loadFpu(UserRegs r) {
        byte[] b = r.fxsave;
        X87Env.fxrstor(cpu.x87, b, 0, true);
        cpu.mxcsr = (int) getLe(b, 24, 4) & 0xFFFF;
        for (int k = 0; k < 16; k++) {
            cpu.xmmLo[k] = getLe(b, 160 + 16 * k, 8);
            cpu.xmmHi[k] = getLe(b, 168 + 16 * k, 8);
        }
    }

    private static void putLe(byte[] b, int off, long v, int n) {
        for (int k = 0; k < n; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    private static long getLe(byte[] b, int off, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v |= (b[off + k] & 0xFFL) << (8 * k);
        }
        return v;
    }

    private void store(UserRegs r) {
        storeFpu(r);
        System.arraycopy(cpu.gpr, 0, r.gpr, 0, 16);
        r.rip = cpu.rip;
        r.rflags = cpu.getRflags();
        r.fsBase = cpu.seg[CpuState.FS].base;
        r.gsBase = cpu.seg[CpuState.GS].base;
    }

    private void load(UserRegs r) {
        loadFpu(r);
        System.arraycopy(r.gpr, 0, cpu.gpr, 0, 16);
        cpu.rip = r.rip;
        // User-changeable flags only (as POPF at CPL 3 / sigreturn allow).
        long keep = cpu.getRflags() & ~0x0DD5L;
        cpu.setRflags(keep | (r.rflags & 0x0DD5L) | 0x200);
        cpu.seg[CpuState.FS].base = r.fsBase;
        cpu.seg[CpuState.GS].base = r.gsBase;
        cpu.mode = CpuMode.LONG_64;
    }

    /** The instruction at {@code rip} in Intel syntax, or "?" if it cannot be read. */
    String disassemble(long rip) {
        byte[] b = new byte[15];
        int n = 0;
        for (; n < 15; n++) {
            long pa = mmu.probe(rip + n);
            if (pa < 0 || phys.hostArray(pa) == null) {
                break;
            }
            b[n] = (byte) phys.read(pa, 1);
        }
        Instruction insn = new Instruction();
        int len = new Decoder(Mode.BITS64).decode(b, 0, n, insn);
        if (len <= 0) {
            return n == 0 ? "(unreadable)" : "(bad)";
        }
        return IntelFormatter.format(insn, rip);
    }

    private void printStats(PrintStream err, long nanos) {
        double secs = nanos / 1e9;
        var m = mmu.stats();
        err.printf(Locale.ROOT, "hot86 stats: %d instructions in %.3f s (%.1f guest MIPS)%n", cpu.instructionsRetired,
                secs, cpu.instructionsRetired / secs / 1e6);
        err.printf(Locale.ROOT, "hot86 stats: system calls %d, signals %d, demand faults %d, frames %d%n",
                syscalls, signals, space.demandFaults(), pool.inUse());
        engine.stats().format().lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> err.println("hot86 stats: " + l));
        err.printf(Locale.ROOT, "hot86 stats: tlb %s%n", m);
    }
}
