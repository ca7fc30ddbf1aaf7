package org.hot86.runtime.engine;

/** Why {@link ExecutionEngine#run} returned. */
public enum StopReason {
    /** SYSCALL retired; RIP is after it. The caller performs the system call and runs again. */
    SYSCALL,
    /** HLT retired; RIP is after it. */
    HALT,
    /**
     * A guest exception: {@code CpuState.eventVector/eventErrorCode/eventAddress/eventRip}.
     * For a fault the state is exactly that before the faulting instruction.
     */
    EXCEPTION,
    /** The instruction budget given to {@code run} is used up; RIP is the next instruction. */
    INSN_LIMIT,
    /** {@link ExecutionEngine#requestStop()} was called (for example by a timeout thread). */
    STOP_REQUESTED
}
