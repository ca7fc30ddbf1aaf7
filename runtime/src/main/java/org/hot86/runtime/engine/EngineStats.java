package org.hot86.runtime.engine;

/**
 * A snapshot of the engine's counters for {@code --stats}.
 *
 * @param blocksInterpreted block executions in the interpreter
 * @param blocksExecutedCompiled block executions of compiled code
 * @param blocksCompiled blocks compiled
 * @param compileRejected blocks the translator refused (they stay interpreted)
 * @param blocksInvalidated decoded or compiled blocks dropped for self-modifying code
 * @param blocksEvicted compiled blocks evicted from the bounded code cache
 * @param chainedTransfers block-to-block transfers that followed a link instead of a lookup (the
 *        engine's links, or compiled code's direct transfers)
 * @param directTransfers of those, transfers compiled code made itself to its successor's code
 *        (chaining slots), without returning to the engine loop
 * @param jumpCacheHits transfers without a usable link that found their block in the jump cache
 *        (the others translated RIP and looked the block up, or decoded it)
 * @param compileNanos total time spent compiling
 * @param instructionsRetired instructions retired by this engine
 * @param runNanos wall time spent inside {@code run}
 */
public record EngineStats(long blocksInterpreted, long blocksExecutedCompiled, long blocksCompiled,
        long compileRejected, long blocksInvalidated, long blocksEvicted, long chainedTransfers,
        long directTransfers, long jumpCacheHits, long compileNanos, long instructionsRetired, long runNanos) {

    /** Guest instructions per microsecond of run time. */
    public double mips() {
        return runNanos == 0 ? 0 : instructionsRetired * 1000.0 / runNanos;
    }

    /** A multi-line human-readable report. */
    public String format() {
        return String.format("instructions retired: %d%n guest MIPS: %.1f%n blocks interpreted: %d%n"
                + " blocks run compiled: %d%n blocks compiled: %d (refused %d, compile time %.1f ms)%n"
                + " blocks invalidated: %d%n blocks evicted: %d%n chained transfers: %d (direct %d)%n"
                + " jump cache hits: %d%n",
                instructionsRetired, mips(), blocksInterpreted, blocksExecutedCompiled, blocksCompiled,
                compileRejected, compileNanos / 1e6, blocksInvalidated, blocksEvicted, chainedTransfers,
                directTransfers, jumpCacheHits);
    }
}
