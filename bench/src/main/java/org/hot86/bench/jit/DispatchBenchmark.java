package org.hot86.bench.jit;

import java.util.concurrent.TimeUnit;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.cpu.jit.CompiledBlock;
import org.hot86.cpu.jit.JitContext;
import org.hot86.runtime.engine.EngineOptions;
import org.hot86.runtime.engine.ExecutionEngine;
import org.hot86.translator.BlockTranslator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatch cost of compiled blocks: one call of a compiled two-instruction block
 * (entry, register load/store-back, exit), and a block-to-block transfer through the engine
 * (two blocks jumping to each other: link check, stop flag, budget), reported per block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DispatchBenchmark {
    /** l: add eax,1 ; jmp m ; m: add eax,1 ; jmp l. */
    static final String PING_PONG = "83c001 eb00 83c001 ebf6".replace(" ", "");
    static final int BLOCKS_PER_RUN = 1000;

    CpuState s;
    CompiledBlock block;
    JitContext ctx = new JitContext();
    CpuState es;
    ExecutionEngine engine;
    CpuState ringState, indirectState;
    ExecutionEngine ringEngine, indirectEngine;

    /** Eight blocks in a ring, each {@code add eax,1 ; jmp next}: a megamorphic call site in the engine. */
    static String ring8() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            b.append("83c001eb00");
        }
        return b.append("83c001ebd8").toString(); // last: jmp back 40 bytes to the first
    }

    /**
     * A dispatcher block {@code add eax,1 ; inc esi ; and esi,3 ; jmp [rsi*8+0x1100]} and four
     * targets {@code add eax,1 ; jmp dispatcher} at 0x1040/50/60/70 (table at 0x1100): an
     * indirect jump with four targets, like a bytecode interpreter's dispatch.
     */
    static final String INDIRECT = "83c001ffc683e603ff24f5001100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000083c001ebbb000000000000000000000083c001ebab000000000000000000000083c001eb9b000000000000000000000083c001eb8b000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004010000000000000501000000000000060100000000000007010000000000000";

    @Setup
    public void setup() {
        s = GuestSnippets.guest(PING_PONG);
        block = new BlockTranslator().compile(DecodedBlock.decode(new Interpreter(), s, GuestSnippets.CODE));
        es = GuestSnippets.guest(PING_PONG);
        engine = new ExecutionEngine(es, EngineOptions.defaults().withThreshold(0).withDump(null).withJitLimit(-1));
        ringState = GuestSnippets.guest(ring8());
        ringEngine = new ExecutionEngine(ringState,
                EngineOptions.defaults().withThreshold(0).withDump(null).withJitLimit(-1));
        indirectState = GuestSnippets.guest(INDIRECT);
        indirectEngine = new ExecutionEngine(indirectState,
                EngineOptions.defaults().withThreshold(0).withDump(null).withJitLimit(-1));
    }

    /** One compiled block run: entry, 2 instructions, exit. */
    @Benchmark
    public int compiledBlockCall() {
        s.rip = GuestSnippets.CODE;
        return block.run(s, ctx);
    }

    /** Engine dispatch per block (result divided by BLOCKS_PER_RUN = ns per block). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(BLOCKS_PER_RUN)
    public Object engineChainedBlocks() {
        return engine.run(2L * BLOCKS_PER_RUN);
    }

    /** Engine dispatch per block around a ring of eight compiled blocks (ns per block). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(BLOCKS_PER_RUN)
    public Object engineRing8() {
        return ringEngine.run(2L * BLOCKS_PER_RUN);
    }

    /** Engine dispatch per block through an indirect jump with four targets (ns per block). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(BLOCKS_PER_RUN)
    public Object engineIndirect4() {
        return indirectEngine.run(3L * BLOCKS_PER_RUN);
    }
}
