package org.hot86.cpu.jit;

import org.hot86.cpu.interp.DecodedBlock;

/**
 * The service the execution engine uses to turn a hot decoded block into JVM code. The
 * translator module implements it; without one (or with {@code --no-jit}) the engine only
 * interprets, so the interpreter is always available as the reference.
 */
public interface BlockCompiler {
    /**
     * Compiles {@code block}.
     *
     * @return the compiled block, or null if this block cannot be compiled (the engine then
     *     keeps interpreting it; this is never an error the guest can see)
     */
    CompiledBlock compile(DecodedBlock block);

    /**
     * Compiles a region: {@code blocks.get(0)} (the entry) and blocks reachable from it by
     * direct branches and fall-through, in an order where each block after the first is a
     * direct successor of an earlier one. The code may cover only a prefix of the list
     * ({@link CompiledBlock#memberCount()} says how many; the compiler drops blocks when the
     * method would be too large); every covered block is compiled whole. The default (a
     * compiler without regions) returns null.
     *
     * @return the region code entered at the first block's start, or null (the caller then
     *     compiles the first block alone)
     */
    default CompiledBlock compileRegion(java.util.List<DecodedBlock> blocks) {
        return null;
    }
}
