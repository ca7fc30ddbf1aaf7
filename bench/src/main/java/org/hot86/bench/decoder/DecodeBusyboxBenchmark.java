package org.hot86.bench.decoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoder throughput: a linear sweep of the {@code .text} section of {@code /bin/busybox}
 * (Debian busybox-static), decoding only (no formatting), into one reused
 * {@link Instruction}. The {@code instructions} counter reports decoded instructions per
 * second; the primary score is sweeps per second.
 *
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -jar bench/target/benchmarks.jar DecodeBusyboxBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBusyboxBenchmark {
    @Param("/bin/busybox")
    public String file;

    private byte[] code;
    private int start;
    private int end;
    private final Decoder decoder = new Decoder(Mode.BITS64);
    private final Instruction insn = new Instruction();

    /** Instructions decoded, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long instructions;

        @Setup(Level.Iteration)
        public void reset() {
            instructions = 0;
        }
    }

    @Setup
    public void load() throws IOException {
        code = Files.readAllBytes(Path.of(file));
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3A) & 0xffff;
        int shnum = b.getShort(0x3C) & 0xffff;
        int shstrndx = b.getShort(0x3E) & 0xffff;
        long strOff = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            int k = (int) strOff + b.getInt(h);
            if (code[k] == '.' && code[k + 1] == 't' && code[k + 2] == 'e' && code[k + 3] == 'x' && code[k + 4] == 't'
                    && code[k + 5] == 0) {
                start = (int) b.getLong(h + 0x18);
                end = start + (int) b.getLong(h + 0x20);
                return;
            }
        }
        throw new IllegalStateException("no .text in " + file);
    }

    /** One full sweep; returns the number of instructions so the work is not dead code. */
    @Benchmark
    public long sweep(Counters counters) {
        Decoder d = decoder;
        Instruction in = insn;
        byte[] c = code;
        int e = end;
        long n = 0;
        for (int pos = start; pos < e; ) {
            int len = d.decode(c, pos, e, in);
            pos += len > 0 ? len : 1;
            n++;
        }
        counters.instructions += n;
        return n;
    }
}
