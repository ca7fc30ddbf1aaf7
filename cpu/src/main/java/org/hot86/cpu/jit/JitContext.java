package org.hot86.cpu.jit;

/**
 * Per-CPU mutable flags shared between the execution engine and the code it runs
 * (interpreted or compiled). One instance per engine; single-threaded.
 *
 * <p>{@link #codeDirty} is set by the engine's code-write listener when guest code on a
 * page holding decoded or compiled blocks is written (self-modifying code). Block code
 * checks it after each instruction that may store and, if set, leaves the block right
 * after that instruction so that the new code is decoded before it runs. The engine clears
 * it before it enters each block.
 */
public final class JitContext {
    private static final java.lang.invoke.VarHandle STOP;

    static {
        try {
            STOP = java.lang.invoke.MethodHandles.lookup().findVarHandle(JitContext.class, "stopRequested",
                    boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** True once a store has hit a page holding translated code since the block was entered. */
    public boolean codeDirty;

    /**
     * Compiled code that loops inside one block (a branch back to its own start) takes the
     * back edge only while {@code s.instructionsRetired} plus the block length stays within
     * this limit; the engine sets it before running a block.
     */
    public long insnLimit = Long.MAX_VALUE;

    /**
     * Direct chaining ({@link CompiledBlock#chainTarget}) continues while
     * {@code s.instructionsRetired <= chainEnd} at an exit. The engine sets it before it calls
     * a block, to at most its instruction limit minus the longest block (so every successor
     * run this way fits in the budget) and to a bound on the instructions one call may chain
     * (which bounds the nesting depth: every block retires at least one instruction).
     */
    public long chainEnd = Long.MIN_VALUE;

    /** Direct transfers made since the engine last set it to 0 (the engine adds them to its statistics). */
    public int chainCount;

    /**
     * The compiled code that last returned {@code CONTINUE} to the engine through its chaining
     * exit without a transfer (its slots miss the new RIP, or {@link #chainEnd} ended the
     * chain); null when the last exit did not go through it. The engine
     * clears it before it calls a block and installs the successor into its slots.
     */
    public CompiledBlock chainLast;

    /** Set from any thread to make the engine and looping compiled code return at the next block boundary. */
    public volatile boolean stopRequested;

    /**
     * Reads {@link #stopRequested} with opaque semantics: always a fresh load (a loop cannot
     * hoist it) but without the ordering constraints of a volatile read, so compiled loops
     * keep their other loads scheduled freely. Used on in-method loop back edges.
     */
    public boolean stopPolled() {
        return (boolean) STOP.getOpaque(this);
    }
}
