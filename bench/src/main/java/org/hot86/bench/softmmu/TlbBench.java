package org.hot86.bench.softmmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hot86.softmmu.ControlBits;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.paging.PageTableBuilder;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A guest load/store that hits the software TLB against the same access as a plain
 * little-endian {@code VarHandle} access to a {@code byte[]} (the floor: what guest RAM
 * access would cost with no MMU at all). Target (issue 5): TLB hit at most 2x the plain
 * access.
 *
 * <p>{@code load*}/{@code store*} are throughput-bound (independent accesses, the CPU
 * overlaps them); {@code chase*} is latency-bound (each address comes from the previous
 * load), which is closer to the cost one guest load adds to a dependent instruction chain.
 *
 * <p>Both sides do the same 1024 accesses at the same page offsets, spread over 16
 * pages, so the TLB side really indexes different entries. The MMU runs 4-level paging
 * in user mode with tables built by {@link PageTableBuilder}; after the first pass every
 * access is a hit.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar 'softmmu.TlbBench' -f1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TlbBench {
    static final int N = 1024;
    static final int PAGES = 16;
    static final long BASE = 0x0000_7F00_0040_0000L;
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] plain;
    int[] offsets;
    long[] linear;
    Mmu mmu;

    @Setup
    public void setup() {
        plain = new byte[PAGES * 4096];
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 4 << 20);
        long[] next = {0x200000};
        PageTableBuilder b = new PageTableBuilder(pm, () -> (next[0] += 0x1000) - 0x1000);
        for (int p = 0; p < PAGES; p++) {
            b.map(BASE + 4096L * p, 0x10000 + 4096L * p, PageTableBuilder.USER | PageTableBuilder.WRITABLE);
        }
        mmu = new Mmu(pm);
        mmu.setControlRegisters(ControlBits.CR0_PE | ControlBits.CR0_PG | ControlBits.CR0_WP, b.cr3(),
                ControlBits.CR4_PAE, ControlBits.EFER_LME | ControlBits.EFER_NXE);
        mmu.setPrivilege(Privilege.USER);
        // N distinct 8-byte slots in random order; each holds the offset of the next one,
        // so the chase benchmarks follow one cycle through all of them.
        java.util.List<Integer> slots = new java.util.ArrayList<>();
        for (int i = 0; i < PAGES * 4096 / 8; i++) {
            slots.add(i * 8);
        }
        java.util.Collections.shuffle(slots, new Random(42));
        offsets = new int[N];
        linear = new long[N];
        for (int i = 0; i < N; i++) {
            offsets[i] = slots.get(i);
            linear[i] = BASE + offsets[i];
        }
        for (int i = 0; i < N; i++) {
            long nextOffset = offsets[(i + 1) % N];
            mmu.write64(linear[i], nextOffset); // also warms the TLB and sets D
            I64.set(plain, offsets[i], nextOffset);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int loadPlain() {
        byte[] a = plain;
        int[] o = offsets;
        int s = 0;
        for (int i = 0; i < N; i++) {
            s += (int) I32.get(a, o[i]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int loadTlbHit() {
        Mmu m = mmu;
        long[] l = linear;
        int s = 0;
        for (int i = 0; i < N; i++) {
            s += m.read32(l[i]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] storePlain() {
        byte[] a = plain;
        int[] o = offsets;
        for (int i = 0; i < N; i++) {
            I32.set(a, o[i], i);
        }
        return a;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Mmu storeTlbHit() {
        Mmu m = mmu;
        long[] l = linear;
        for (int i = 0; i < N; i++) {
            m.write32(l[i], i);
        }
        return m;
    }

    /** Latency-bound: each load's address depends on the previous load (pointer chase). */
    @Benchmark
    @OperationsPerInvocation(N)
    public int chasePlain() {
        byte[] a = plain;
        int o = offsets[0];
        for (int i = 0; i < N; i++) {
            o = (int) I32.get(a, o);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int chaseTlbHit() {
        Mmu m = mmu;
        int o = offsets[0];
        for (int i = 0; i < N; i++) {
            o = m.read32(BASE + o);
        }
        return o;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long load64Plain() {
        byte[] a = plain;
        int[] o = offsets;
        long s = 0;
        for (int i = 0; i < N; i++) {
            s += (long) I64.get(a, o[i]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long load64TlbHit() {
        Mmu m = mmu;
        long[] l = linear;
        long s = 0;
        for (int i = 0; i < N; i++) {
            s += m.read64(l[i]);
        }
        return s;
    }
}
