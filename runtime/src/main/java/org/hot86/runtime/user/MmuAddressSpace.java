package org.hot86.runtime.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hot86.runtime.linux.AddressSpace;
import org.hot86.runtime.linux.BulkGuestMemory;
import org.hot86.softmmu.Access;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.paging.PageTableBuilder;
import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * The user-mode {@link AddressSpace} over the softmmu: real 4-level page tables in guest
 * RAM (so the CPU sees genuine page faults with genuine error codes), with demand-zero
 * paging as Linux does it.
 *
 * <p>Two maps describe the address space:
 * <ul>
 *   <li>{@code ranges}: every mapped page range with its protection, populated or not;</li>
 *   <li>{@code frames}: the pages that have a physical frame (touched at least once).</li>
 * </ul>
 * A page has a present page-table entry iff it is populated and its protection is not
 * PROT_NONE. A not-present fault on a mapped, allowed page is resolved by
 * {@link #resolveFault} (a fresh zero frame); anything else is the guest's fault and
 * becomes a signal. The kernel's own accesses ({@link #memory()}) resolve such faults
 * transparently; the CPU's come back as #PF events that the machine hands here first.
 */
final class MmuAddressSpace implements AddressSpace {
    private static final long PAGE = PAGE_SIZE;
    private static final int PF_PRESENT = 1;

    private final PhysicalMemory phys;
    private final Mmu mmu;
    private final FramePool pool;
    private final PageTableBuilder tables;
    /** start -> {end, prot}; non-overlapping, page-aligned. */
    private final TreeMap<Long, long[]> ranges = new TreeMap<>();
    /** page address -> physical frame. */
    private final TreeMap<Long, Long> frames = new TreeMap<>();
    private final KernelMemory kernelMemory = new KernelMemory();
    private long demandFaults;

    MmuAddressSpace(PhysicalMemory phys, Mmu mmu, FramePool pool) {
        this.phys = phys;
        this.mmu = mmu;
        this.pool = pool;
        this.tables = new PageTableBuilder(phys, () -> {
            long f = pool.allocate();
            if (f < 0) {
                throw new OutOfGuestMemory();
            }
            return f;
        });
        mmu.setControlRegisters(0x80050033L, tables.cr3(), 0x6F0, 0xD01);
        mmu.setPrivilege(Privilege.USER);
    }

    /** Thrown when the guest RAM limit is reached; the machine reports it and stops. */
    static final class OutOfGuestMemory extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfGuestMemory() {
            super("guest RAM limit reached", null, false, false);
        }
    }

    // ---------------------------------------------------------------- AddressSpace

    @Override
    public void map(long addr, long length, int prot) {
        unmap(addr, length);
        setRange(addr, addr + length, prot);
    }

    @Override
    public void unmap(long addr, long length) {
        long end = addr + length;
        for (Map.Entry<Long, Long> e : new ArrayList<>(frames.subMap(addr, end).entrySet())) {
            tables.unmap(e.getKey());
            mmu.invlpg(e.getKey());
            pool.release(e.getValue());
            frames.remove(e.getKey());
        }
        setRange(addr, end, -1);
    }

    @Override
    public void protect(long addr, long length, int prot) {
        long end = addr + length;
        // Only the mapped parts change: holes stay holes.
        for (long[] r : mappedPieces(addr, end)) {
            setRange(r[0], r[1], prot);
        }
        for (Map.Entry<Long, Long> e : frames.subMap(addr, end).entrySet()) {
            install(e.getKey(), e.getValue(), prot);
        }
    }

    @Override
    public void move(long from, long to, long length) {
        if (from == to) {
            return;
        }
        List<long[]> pieces = mappedPieces(from, from + length);
        List<Map.Entry<Long, Long>> moved = new ArrayList<>(frames.subMap(from, from + length).entrySet());
        for (Map.Entry<Long, Long> e : moved) {
            tables.unmap(e.getKey());
            mmu.invlpg(e.getKey());
            frames.remove(e.getKey());
        }
        setRange(from, from + length, -1);
        for (long[] r : pieces) {
            setRange(r[0] - from + to, r[1] - from + to, (int) r[2]);
        }
        for (Map.Entry<Long, Long> e : moved) {
            long va = e.getKey() - from + to;
            frames.put(va, e.getValue());
            install(va, e.getValue(), protAt(va));
        }
    }

    @Override
    public GuestMemory memory() {
        return kernelMemory;
    }

    /** The memory the CPU uses: the MMU itself, whose faults the machine resolves. */
    Mmu cpuMemory() {
        return mmu;
    }

    long demandFaults() {
        return demandFaults;
    }

    // ---------------------------------------------------------------- demand paging

    /**
     * Resolves a page fault if it is a first touch of a mapped page that allows the
     * access: maps a zero frame and returns true (the access can be retried). Returns
     * false for a genuine fault (unmapped, or the protection forbids the access).
     */
    boolean resolveFault(long addr, int errorCode, Access access) {
        if ((errorCode & PF_PRESENT) != 0) {
            return false;
        }
        long page = addr & -PAGE;
        if (frames.containsKey(page)) {
            return false; // populated but PROT_NONE
        }
        int prot = protAt(page);
        boolean allowed = switch (access) {
            case READ -> prot != PROT_NONE;
            case WRITE -> (prot & PROT_WRITE) != 0;
            case EXEC -> (prot & PROT_EXEC) != 0;
        };
        if (prot < 0 || !allowed) {
            return false;
        }
        long frame = pool.allocate();
        if (frame < 0) {
            throw new OutOfGuestMemory();
        }
        frames.put(page, frame);
        install(page, frame, prot);
        demandFaults++;
        return true;
    }

    private void install(long page, long frame, int prot) {
        if (prot == PROT_NONE) {
            tables.unmap(page);
        } else {
            long flags = PageTableBuilder.USER;
            if ((prot & PROT_WRITE) != 0) {
                flags |= PageTableBuilder.WRITABLE;
            }
            if ((prot & PROT_EXEC) == 0) {
                flags |= PageTableBuilder.NO_EXEC;
            }
            tables.map(page, frame, flags);
        }
        mmu.invlpg(page);
    }

    /** The protection of the page at {@code page}, or -1 if unmapped. */
    int protAt(long page) {
        Map.Entry<Long, long[]> e = ranges.floorEntry(page);
        return e != null && page < e.getValue()[0] ? (int) e.getValue()[1] : -1;
    }

    /** The mapped pieces of [start, end) as {start, end, prot}. */
    private List<long[]> mappedPieces(long start, long end) {
        List<long[]> out = new ArrayList<>();
        Map.Entry<Long, long[]> first = ranges.floorEntry(start);
        NavigableMap<Long, long[]> tail = first == null ? ranges.tailMap(start, true)
                : ranges.tailMap(first.getKey(), true);
        for (Map.Entry<Long, long[]> e : tail.entrySet()) {
            long s = Math.max(start, e.getKey());
            long t = Math.min(end, e.getValue()[0]);
            if (e.getKey() >= end) {
                break;
            }
            if (s < t) {
                out.add(new long[] {s, t, e.getValue()[1]});
            }
        }
        return out;
    }

    /** Sets [start, end) to {@code prot}, or removes it for prot -1; splits neighbours. */
    private void setRange(long start, long end, int prot) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, long[]> below = ranges.lowerEntry(start);
        if (below != null && below.getValue()[0] > start) {
            long[] v = below.getValue();
            long oldEnd = v[0];
            v[0] = start;
            if (oldEnd > end) {
                ranges.put(end, new long[] {oldEnd, v[1]});
            }
        }
        for (Map.Entry<Long, long[]> e : new ArrayList<>(ranges.subMap(start, true, end, false).entrySet())) {
            ranges.remove(e.getKey());
            if (e.getValue()[0] > end) {
                ranges.put(end, new long[] {e.getValue()[0], e.getValue()[1]});
            }
        }
        if (prot >= 0) {
            ranges.put(start, new long[] {end, prot});
        }
    }

    // ---------------------------------------------------------------- the kernel's view

    /**
     * The kernel's accesses: user privilege checks through the MMU, first-touch faults
     * resolved on the spot, bulk copies a page at a time straight into the frames.
     */
    private final class KernelMemory implements BulkGuestMemory {
        private long retry(MemoryFault f, Access access) {
            if (f.vector() == MemoryFault.VECTOR_PF && resolveFault(f.address(), f.errorCode(), access)) {
                return 0;
            }
            throw f;
        }

        @Override public int read8(long a) { while (true) { try { return mmu.read8(a); } catch (MemoryFault f) { retry(f, Access.READ); } } }
        @Override public int read16(long a) { while (true) { try { return mmu.read16(a); } catch (MemoryFault f) { retry(f, Access.READ); } } }
        @Override public int read32(long a) { while (true) { try { return mmu.read32(a); } catch (MemoryFault f) { retry(f, Access.READ); } } }
        @Override public long read64(long a) { while (true) { try { return mmu.read64(a); } catch (MemoryFault f) { retry(f, Access.READ); } } }
        @Override public int fetch8(long a) { while (true) { try { return mmu.fetch8(a); } catch (MemoryFault f) { retry(f, Access.EXEC); } } }
        @Override public void write8(long a, int v) { while (true) { try { mmu.write8(a, v); return; } catch (MemoryFault f) { retry(f, Access.WRITE); } } }
        @Override public void write16(long a, int v) { while (true) { try { mmu.write16(a, v); return; } catch (MemoryFault f) { retry(f, Access.WRITE); } } }
        @Override public void write32(long a, int v) { while (true) { try { mmu.write32(a, v); return; } catch (MemoryFault f) { retry(f, Access.WRITE); } } }
        @Override public void write64(long a, long v) { while (true) { try { mmu.write64(a, v); return; } catch (MemoryFault f) { retry(f, Access.WRITE); } } }

        /** The physical address of {@code a} for {@code access}, resolving a first touch. */
        private long translate(long a, Access access) {
            while (true) {
                try {
                    return mmu.translate(a, access);
                } catch (MemoryFault f) {
                    retry(f, access);
                }
            }
        }

        @Override
        public void readBytes(long addr, byte[] dst, int off, int len) {
            while (len > 0) {
                int n = (int) Math.min(len, PAGE - (addr & (PAGE - 1)));
                long pa = translate(addr, Access.READ);
                System.arraycopy(phys.hostArray(pa), phys.hostOffset(pa), dst, off, n);
                addr += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void writeBytes(long addr, byte[] src, int off, int len) {
            // All or nothing: every page is checked (and populated) before any byte is stored.
            long end = addr + len;
            for (long p = addr & -PAGE; p < end; p += PAGE) {
                translate(Math.max(p, addr), Access.WRITE);
            }
            while (len > 0) {
                int n = (int) Math.min(len, PAGE - (addr & (PAGE - 1)));
                long pa = translate(addr, Access.WRITE);
                if (phys.isCodePage(pa >>> 12)) {
                    phys.writeBytes(pa, src, off, n); // notifies the translator
                } else {
                    System.arraycopy(src, off, phys.hostArray(pa), phys.hostOffset(pa), n);
                }
                addr += n;
                off += n;
                len -= n;
            }
        }
    }
}
