package org.hot86.bench.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.ExitReason;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.softmmu.GuestMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reference-interpreter throughput on a small 64-bit loop (load, add, xor, shift, dec, jnz:
 * 6 instructions per iteration, 1000 iterations) over flat memory. The score is guest
 * instructions per microsecond (= guest MIPS).
 *
 * <pre>
 *   mov ecx, 1000
 * L: mov eax, [rsi+rcx*4]   ; 8B 04 8E
 *   add edx, eax            ; 01 C2
 *   xor ebx, eax            ; 31 C3
 *   shl ebx, 1              ; D1 E3
 *   dec ecx                 ; FF C9
 *   jnz L                   ; 75 F4
 *   hlt
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBenchmark {
    static final int ITER = 1000;
    static final int INSNS = 1 + 6 * ITER + 1;

    /** 64 KiB of little-endian flat memory at linear address 0. */
    static final class Flat implements GuestMemory {
        static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
        static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        final byte[] b = new byte[0x10000];

        public int read8(long a) { return b[(int) a] & 0xFF; }
        public int read16(long a) { return (short) I16.get(b, (int) a) & 0xFFFF; }
        public int read32(long a) { return (int) I32.get(b, (int) a); }
        public long read64(long a) { return (long) I64.get(b, (int) a); }
        public void write8(long a, int v) { b[(int) a] = (byte) v; }
        public void write16(long a, int v) { I16.set(b, (int) a, (short) v); }
        public void write32(long a, int v) { I32.set(b, (int) a, v); }
        public void write64(long a, long v) { I64.set(b, (int) a, v); }
        public int fetch8(long a) { return b[(int) a] & 0xFF; }
    }

    Flat mem;
    CpuState s;
    Interpreter interp;

    @Setup
    public void setup() {
        mem = new Flat();
        int[] code = {0xB9, ITER & 0xFF, ITER >> 8, 0, 0, 0x8B, 0x04, 0x8E, 0x01, 0xC2, 0x31, 0xC3, 0xD1, 0xE3, 0xFF, 0xC9,
                0x75, 0xF4, 0xF4};
        for (int k = 0; k < code.length; k++) {
            mem.b[0x1000 + k] = (byte) code[k];
        }
        s = new CpuState();
        s.resetUserMode(true);
        s.cpl = 0;
        s.mem = mem;
        interp = new Interpreter();
    }

    @Benchmark
    @OperationsPerInvocation(INSNS)
    public long loop() {
        s.rip = 0x1000;
        s.gpr[CpuState.RSI] = 0x4000;
        ExitReason r = interp.run(s, Long.MAX_VALUE);
        if (r != ExitReason.HALT) {
            throw new IllegalStateException(r.toString());
        }
        return s.gpr[CpuState.RDX];
    }
}
