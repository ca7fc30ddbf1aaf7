package org.hot86.bench.softmmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.hot86.softmmu.ControlBits;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.paging.PageTableBuilder;
import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * A companion to {@link TlbBench} for a noisy, shared machine: the same four loops
 * (independent loads and a pointer chase, plain {@code VarHandle} vs TLB hit) run
 * interleaved in short samples, and the minimum per loop is reported, so both sides see
 * the same background load. Not a JMH benchmark; JMH stays the reference.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.hot86.bench.softmmu.TlbInterleaved
 * </pre>
 */
public final class TlbInterleaved {
    private TlbInterleaved() {
    }

    static final int N = 1024, PAGES = 16;
    static final long BASE = 0x0000_7F00_0040_0000L;
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static byte[] plain = new byte[PAGES * 4096];
    static int[] offsets = new int[N];
    static long[] linear = new long[N];
    static Mmu mmu;

    static int loadPlain() { int s = 0; for (int i = 0; i < N; i++) s += (int) I32.get(plain, offsets[i]); return s; }
    static int loadTlb() { Mmu m = mmu; int s = 0; for (int i = 0; i < N; i++) s += m.read32(linear[i]); return s; }
    static int chasePlain() { byte[] a = plain; int o = offsets[0]; for (int i = 0; i < N; i++) o = (int) I32.get(a, o); return o; }
    static int chaseTlb() { Mmu m = mmu; int o = offsets[0]; for (int i = 0; i < N; i++) o = m.read32(BASE + o); return o; }

    public static void main(String[] args) {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 4 << 20);
        long[] next = {0x200000};
        PageTableBuilder b = new PageTableBuilder(pm, () -> (next[0] += 0x1000) - 0x1000);
        for (int p = 0; p < PAGES; p++) b.map(BASE + 4096L * p, 0x10000 + 4096L * p, PageTableBuilder.USER | PageTableBuilder.WRITABLE);
        mmu = new Mmu(pm);
        mmu.setControlRegisters(ControlBits.CR0_PE | ControlBits.CR0_PG, b.cr3(), ControlBits.CR4_PAE, ControlBits.EFER_LME);
        mmu.setPrivilege(Privilege.USER);
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < PAGES * 512; i++) slots.add(i * 8);
        Collections.shuffle(slots, new Random(42));
        for (int i = 0; i < N; i++) { offsets[i] = slots.get(i); linear[i] = BASE + offsets[i]; }
        for (int i = 0; i < N; i++) { int nx = offsets[(i + 1) % N]; mmu.write32(linear[i], nx); I32.set(plain, offsets[i], nx); }
        long sink = 0;
        double[] best = {1e9, 1e9, 1e9, 1e9};
        for (int round = 0; round < 4000; round++) {
            for (int k = 0; k < 4; k++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < 20; r++) {
                    sink += switch (k) { case 0 -> loadPlain(); case 1 -> loadTlb(); case 2 -> chasePlain(); default -> chaseTlb(); };
                }
                double ns = (System.nanoTime() - t0) / (20.0 * N);
                if (round > 500) best[k] = Math.min(best[k], ns);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "min ns/access: loadPlain %.3f loadTlb %.3f (ratio %.2f)  chasePlain %.3f chaseTlb %.3f (ratio %.2f)  sink %d%n",
                best[0], best[1], best[1] / best[0], best[2], best[3], best[3] / best[2], sink);
    }
}
