package org.hot86.bench.jit;

import org.hot86.cpu.CpuState;
import org.hot86.runtime.engine.EngineOptions;
import org.hot86.runtime.engine.ExecutionEngine;
import org.hot86.runtime.engine.StopReason;

/**
 * End to end through the engine: the loop kernel with the JIT and with --no-jit, several
 * repetitions each, printing the median times, guest MIPS and the ratio.
 * {@code java -cp bench/target/benchmarks.jar org.hot86.bench.jit.JitVsInterpreter [iterations] [reps]}
 */
public final class JitVsInterpreter {
    private JitVsInterpreter() {
    }

    static long once(boolean jit, int n, long[] insns) {
        CpuState s = GuestSnippets.guest(GuestSnippets.loopKernel(n));
        ExecutionEngine e = new ExecutionEngine(s, EngineOptions.defaults().withJit(jit));
        long t0 = System.nanoTime();
        StopReason r = e.run(Long.MAX_VALUE);
        long t = System.nanoTime() - t0;
        if (r != StopReason.SYSCALL) {
            throw new IllegalStateException("guest stopped with " + r);
        }
        insns[0] = s.instructionsRetired;
        return t;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long[] insns = new long[1];
        double[] med = new double[2];
        for (int mode = 0; mode < 2; mode++) {
            boolean jit = mode == 0;
            long[] t = new long[reps];
            for (int k = 0; k < reps; k++) {
                t[k] = once(jit, n, insns);
            }
            java.util.Arrays.sort(t);
            med[mode] = t[reps / 2] / 1e6;
            System.out.printf("%-7s median %8.1f ms  %7.1f guest MIPS  (%d instructions)%n", jit ? "jit" : "no-jit",
                    med[mode], insns[0] / (med[mode] * 1e3), insns[0]);
        }
        System.out.printf("speedup jit / no-jit: %.1fx%n", med[1] / med[0]);
    }
}
