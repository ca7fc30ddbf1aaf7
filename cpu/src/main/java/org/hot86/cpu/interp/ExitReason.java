package org.hot86.cpu.interp;

/** Why {@link Interpreter#run} returned. */
public enum ExitReason {
    /** The instruction budget ran out; RIP is the next instruction to execute. */
    INSN_LIMIT,
    /** RIP reached {@link Interpreter#setStopAddress the stop address}. */
    STOP_ADDRESS,
    /**
     * A guest exception or software interrupt: see {@code CpuState.eventVector},
     * {@code eventErrorCode}, {@code eventAddress} and {@code eventRip} (= RIP). For faults
     * the state is that before the faulting instruction; for traps (INT3, INTO, INT n, INT1)
     * that after it.
     */
    EXCEPTION,
    /** SYSCALL executed; RIP is after it. The user-mode runtime performs the system call. */
    SYSCALL,
    /** HLT executed at CPL 0; RIP is after it. */
    HALT
}
