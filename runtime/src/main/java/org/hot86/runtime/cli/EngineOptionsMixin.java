package org.hot86.runtime.cli;

import org.hot86.runtime.engine.EngineOptions;
import picocli.CommandLine.Option;

/**
 * The execution-engine switches shared by the commands that run guest code
 * ({@code user}, {@code run}): add it with {@code @Mixin EngineOptionsMixin engine;} and
 * build the engine from {@link #options()}.
 */
public final class EngineOptionsMixin {
    @Option(names = "--no-jit", description = "Interpret only (the reference for differential tests).")
    boolean noJit;

    @Option(names = "--jit-threshold", paramLabel = "N",
            description = "Compile a block after it has run N times in the interpreter (default: ${DEFAULT-VALUE}).")
    int threshold = EngineOptions.DEFAULT_THRESHOLD;

    @Option(names = "--max-insns", paramLabel = "N",
            description = "Stop after N guest instructions (timeout exit code).")
    long maxInsns = Long.MAX_VALUE;

    @Option(names = "--stats", description = "Print engine statistics on stderr at exit.")
    boolean stats;

    @Option(names = "-d", paramLabel = "ITEM",
            description = "Debug output on stderr: out_asm prints the bytecode of each compiled block.")
    String debug;

    /** Engine options from these switches and the hot86.* system properties. */
    public EngineOptions options() {
        EngineOptions o = EngineOptions.defaults().withJit(!noJit).withThreshold(Math.max(0, threshold));
        if ("out_asm".equals(debug)) {
            o = o.withDump(System.err);
        }
        return o;
    }

    public long maxInsns() {
        return maxInsns;
    }

    public boolean stats() {
        return stats;
    }
}
