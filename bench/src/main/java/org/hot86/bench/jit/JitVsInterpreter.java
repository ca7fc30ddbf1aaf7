package org.hot86.bench.jit;

import java.util.Arrays;
import org.hot86.cpu.CpuState;
import org.hot86.runtime.engine.EngineOptions;
import org.hot86.runtime.engine.ExecutionEngine;
import org.hot86.runtime.engine.StopReason;

/**
 * End to end through the engine: the two loop kernels of {@link GuestSnippets} with the JIT
 * and with --no-jit, several repetitions each (fresh engine and guest per repetition, so
 * compile time is included), printing median times, guest MIPS and the ratio.
 * {@code java -cp bench/target/benchmarks.jar org.hot86.bench.jit.JitVsInterpreter [scale] [reps]}
 */
public final class JitVsInterpreter {
    private JitVsInterpreter() {
    }

    static long once(String code, boolean jit, long[] insns) {
        CpuState s = GuestSnippets.guest(code);
        s.gpr[CpuState.RDI] = 1000; // arraySum: elements per pass
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
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[][] kernels = {{"loopKernel", GuestSnippets.loopKernel(scale)},
            {"arraySum", GuestSnippets.arraySum(scale / 1000)}};
        for (String[] k : kernels) {
            long[] insns = new long[1];
            double[] med = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                boolean jit = mode == 0;
                long[] t = new long[reps];
                for (int r = 0; r < reps; r++) {
                    t[r] = once(k[1], jit, insns);
                }
                Arrays.sort(t);
                med[mode] = t[reps / 2] / 1e6;
                System.out.printf("%-10s %-7s median %8.1f ms  %7.1f guest MIPS  (%d instructions)%n", k[0],
                        jit ? "jit" : "no-jit", med[mode], insns[0] / (med[mode] * 1e3), insns[0]);
            }
            System.out.printf("%-10s speedup jit / no-jit: %.1fx%n", k[0], med[1] / med[0]);
        }
    }
}
