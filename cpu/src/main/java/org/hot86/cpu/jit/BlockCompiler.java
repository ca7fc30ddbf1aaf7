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
}
