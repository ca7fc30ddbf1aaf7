package org.hot86.runtime.engine;

import java.io.PrintStream;

/**
 * Tuning and debugging switches of the {@link ExecutionEngine}. Immutable; build with the
 * {@code with...} methods starting from {@link #defaults()}, which reads the system
 * properties {@code hot86.jit.limit} (compile only the first N blocks, to bisect a JIT
 * divergence) and {@code hot86.dump} ({@code out_asm}: print each compiled block's bytecode
 * to stderr).
 *
 * @param jit compile hot blocks ({@code false} is {@code --no-jit})
 * @param threshold executions of a block in the interpreter before it is compiled ({@code --jit-threshold})
 * @param jitLimit compile at most this many blocks (-1: no limit)
 * @param dump where to print compiled blocks' bytecode, or null
 * @param verify run ASM's verifier on every generated class (tests)
 * @param codeCacheCapacity maximum compiled blocks kept
 */
public record EngineOptions(boolean jit, int threshold, long jitLimit, PrintStream dump, boolean verify,
        int codeCacheCapacity) {
    public static final int DEFAULT_THRESHOLD = 50;
    public static final int DEFAULT_CODE_CACHE = 1 << 16;

    public static EngineOptions defaults() {
        long limit = Long.getLong("hot86.jit.limit", -1L);
        PrintStream dump = "out_asm".equals(System.getProperty("hot86.dump")) ? System.err : null;
        return new EngineOptions(true, DEFAULT_THRESHOLD, limit, dump, false, DEFAULT_CODE_CACHE);
    }

    public EngineOptions withJit(boolean v) {
        return new EngineOptions(v, threshold, jitLimit, dump, verify, codeCacheCapacity);
    }

    public EngineOptions withThreshold(int v) {
        return new EngineOptions(jit, v, jitLimit, dump, verify, codeCacheCapacity);
    }

    public EngineOptions withJitLimit(long v) {
        return new EngineOptions(jit, threshold, v, dump, verify, codeCacheCapacity);
    }

    public EngineOptions withDump(PrintStream v) {
        return new EngineOptions(jit, threshold, jitLimit, v, verify, codeCacheCapacity);
    }

    public EngineOptions withVerify(boolean v) {
        return new EngineOptions(jit, threshold, jitLimit, dump, v, codeCacheCapacity);
    }

    public EngineOptions withCodeCacheCapacity(int v) {
        return new EngineOptions(jit, threshold, jitLimit, dump, verify, v);
    }
}
