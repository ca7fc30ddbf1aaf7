package org.hot86.bench.x87;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hot86.cpu.x87.FpEnv;
import org.hot86.cpu.x87.SoftFloat80;
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
 * Throughput of the 80-bit soft-float core (FADD, FMUL, FDIV, FSQRT at 64-bit precision,
 * round to nearest) on random normal operands. Run:
 * {@code java -jar bench/target/benchmarks.jar SoftFloat80Bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SoftFloat80Bench {
    private static final int N = 1024;
    private final int[] se = new int[N];
    private final long[] m = new long[N];
    private final FpEnv env = new FpEnv(0x037f);
    private int i;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(42);
        for (int k = 0; k < N; k++) {
            se[k] = (r.nextBoolean() ? 0x8000 : 0) | (0x3fff - 64 + r.nextInt(128));
            m[k] = r.nextLong() | 0x8000000000000000L;
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public long fadd() {
        int a = next(), b = (a + 7) & (N - 1);
        SoftFloat80.add(env, se[a], m[a], se[b], m[b], false, 64);
        return env.m;
    }

    @Benchmark
    public long fmul() {
        int a = next(), b = (a + 7) & (N - 1);
        SoftFloat80.mul(env, se[a], m[a], se[b], m[b], 64);
        return env.m;
    }

    @Benchmark
    public long fdiv() {
        int a = next(), b = (a + 7) & (N - 1);
        SoftFloat80.div(env, se[a], m[a], se[b], m[b], 64);
        return env.m;
    }

    @Benchmark
    public long fsqrt() {
        int a = next();
        SoftFloat80.sqrt(env, se[a] & 0x7fff, m[a], 64);
        return env.m;
    }
}
