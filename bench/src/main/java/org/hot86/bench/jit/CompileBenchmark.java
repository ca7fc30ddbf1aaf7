package org.hot86.bench.jit;

import java.util.concurrent.TimeUnit;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.interp.Interpreter;
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
 * Compile time per block: the 9-instruction loop body of {@link GuestSnippets#loopKernel},
 * bytecode generation alone and generation plus hidden-class definition and instantiation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompileBenchmark {
    DecodedBlock block;
    BlockTranslator translator = new BlockTranslator();

    @Setup
    public void setup() {
        CpuState s = GuestSnippets.guest(GuestSnippets.loopKernel(10));
        block = DecodedBlock.decode(new Interpreter(), s, GuestSnippets.CODE + 5);
    }

    @Benchmark
    public byte[] generateBytecode() {
        return BlockTranslator.generate(block, "org/hot86/translator/Bench");
    }

    @Benchmark
    public Object generateAndDefine() {
        return translator.compile(block);
    }
}
