package org.hot86.cpu.interp;

import org.hot86.cpu.CpuMode;
import org.hot86.decoder.Instruction;

/**
 * A pre-decoded basic block: consecutive instructions from {@link #start} up to and
 * including the first that ends a block (table attribute {@code eob}), or up to a page
 * boundary, the interpreter's stop address, a fetch fault or {@link Interpreter#MAX_BLOCK}
 * instructions. Immutable after construction.
 */
final class Block {
    final long start;
    final CpuMode mode;
    final Instruction[] insns;
    final Exec[] execs;
    /** Linear address of each instruction. */
    final long[] addrs;
    /** Executions of this block (for tiering decisions and statistics). */
    long executions;

    Block(long start, CpuMode mode, Instruction[] insns, Exec[] execs, long[] addrs) {
        this.start = start;
        this.mode = mode;
        this.insns = insns;
        this.execs = execs;
        this.addrs = addrs;
    }
}
