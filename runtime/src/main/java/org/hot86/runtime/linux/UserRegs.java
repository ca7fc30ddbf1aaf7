package org.hot86.runtime.linux;

/**
 * The user-visible register state of the guest thread, as the kernel side sees it at a
 * system call or a fault. The CPU glue copies its state in before calling
 * {@link LinuxKernel#syscall(UserRegs)} or {@link LinuxKernel#deliverSignal(UserRegs, int)} and
 * copies it back afterwards (system calls and faults are rare enough for the copy).
 *
 * <p>{@link #gpr} is indexed by the x86 register number (RAX=0, RCX=1, RDX=2, RBX=3,
 * RSP=4, RBP=5, RSI=6, RDI=7, R8..R15=8..15). The fault fields describe the exception
 * that raised a synchronous signal, as Linux reports it: {@link #trapno} is the x86
 * vector, {@link #err} the error code, {@link #cr2} the last page-fault address (the
 * sigcontext's cr2), {@link #siAddr} the siginfo's si_addr and {@link #siCode} its si_code.
 * {@link LinuxKernel#deliverException} fills them from a CPU exception the way Linux's
 * trap handlers do; {@link LinuxKernel#deliverSignal} takes them as they are.
 * {@link #fxsave} is the 512-byte FXSAVE image of the x87/SSE state
 * (SDM Vol. 1, 10.5.1, Table 10-2); it is saved in the signal frame and restored by
 * rt_sigreturn, so the glue should fill it before delivering a signal and load it back
 * after rt_sigreturn if it wants handlers to see and change the FPU state.
 */
public final class UserRegs {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
            R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    public final long[] gpr = new long[16];
    public long rip;
    public long rflags = 0x202;
    public long fsBase;
    public long gsBase;

    public int trapno;
    public long err;
    public long cr2;
    public long siAddr;
    public int siCode;

    public final byte[] fxsave = new byte[512];

    public UserRegs() {
        // FCW = 0x037F and MXCSR = 0x1F80: the state a new process starts with.
        fxsave[0] = 0x7F;
        fxsave[1] = 0x03;
        fxsave[24] = (byte) 0x80;
        fxsave[25] = 0x1F;
    }

    public long get(int reg) {
        return gpr[reg];
    }

    public void set(int reg, long v) {
        gpr[reg] = v;
    }

    public void copyFrom(UserRegs o) {
        System.arraycopy(o.gpr, 0, gpr, 0, 16);
        rip = o.rip;
        rflags = o.rflags;
        fsBase = o.fsBase;
        gsBase = o.gsBase;
        trapno = o.trapno;
        err = o.err;
        cr2 = o.cr2;
        siAddr = o.siAddr;
        siCode = o.siCode;
        System.arraycopy(o.fxsave, 0, fxsave, 0, 512);
    }
}
