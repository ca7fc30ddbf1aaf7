package org.hot86.softmmu.phys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hot86.softmmu.CodeWriteListener;
import org.hot86.softmmu.MmioHandler;
import org.hot86.softmmu.UnassignedAccessListener;

/**
 * The guest physical address space: RAM, ROM and MMIO regions at page-aligned
 * addresses, and nothing elsewhere (reads there return all-ones, writes are dropped,
 * both counted and reported to {@link UnassignedAccessListener}s and logged at DEBUG
 * through {@link System.Logger} "org.hot86.softmmu").
 *
 * <p>A region added later shadows the parts of earlier regions it overlaps (so a PC
 * machine maps all RAM first, then the VGA window and BIOS ROM over it). RAM is held as
 * one {@code byte[4096]} per page ({@link #hostArray}), accessed through little-endian
 * {@code VarHandle} views.
 *
 * <p>It also owns code-page tracking (architecture.md decision 6): pages marked with
 * {@link #markCodePage} notify {@link CodeWriteListener}s after every write that goes
 * through this class (CPU slow-path stores, page-walk A/D updates, DMA). The MMU routes
 * writes to such pages off its fast path. Only pages below 2^43 (page numbers that fit
 * an {@code int}) can be marked.
 *
 * <p>Not thread-safe: one CPU thread and devices called from it.
 */
public final class PhysicalMemory {
    /**
     * The logger, looked up on first use: {@code System.getLogger} initializes the JDK's
     * logging back end (java.util.logging, ~15 ms of start-up), and only the rare
     * unassigned-access path logs.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("org.hot86.softmmu");

        private Log() {}
    }
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A piece of the flattened map: [start, end) backed by region at regionOffset. */
    private record Segment(long start, long end, Region region, long regionOffset) {
    }

    private Segment[] segments = new Segment[0];
    private Segment last;
    private final BitSet codePages = new BitSet();
    private final List<CodeWriteListener> codeListeners = new CopyOnWriteArrayList<>();
    private final List<UnassignedAccessListener> unassignedListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> mapListeners = new CopyOnWriteArrayList<>();
    private long unassignedCount;

    // ---------------------------------------------------------------- building the map

    /** Maps zero-filled RAM at [base, base + size); both page-aligned. */
    public void addRam(long base, long size) {
        add(base, size, Region.Ram.allocate(size, false));
    }

    /**
     * Maps ROM at [base, base + round-up(content.length)) holding {@code content}; guest
     * writes to it are dropped. Returns nothing: reload with {@link #load}.
     */
    public void addRom(long base, byte[] content) {
        long size = (content.length + PAGE_SIZE - 1) & -PAGE_SIZE;
        add(base, size, Region.Ram.allocate(size, true));
        load(base, content, 0, content.length);
    }

    /** Maps an MMIO window at [base, base + size); both page-aligned. */
    public void addMmio(long base, long size, MmioHandler handler) {
        add(base, size, new Region.Mmio(size, handler));
    }

    /**
     * Called after every change of the map, so MMUs can drop host locations they cached
     * (the {@link org.hot86.softmmu.Mmu} registers itself).
     */
    public void addMapListener(Runnable onMapChange) {
        mapListeners.add(onMapChange);
    }

    private void add(long base, long size, Region region) {
        if ((base & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0 || base + size < base) {
            throw new IllegalArgumentException(String.format("region must be page-aligned: base 0x%x size 0x%x",
                    base, size));
        }
        long end = base + size;
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.end <= base || s.start >= end) {
                out.add(s);
                continue;
            }
            if (s.start < base) {
                out.add(new Segment(s.start, base, s.region, s.regionOffset));
            }
            if (s.end > end) {
                out.add(new Segment(end, s.end, s.region, s.regionOffset + (end - s.start)));
            }
        }
        out.add(new Segment(base, end, region, 0));
        out.sort((a, b) -> Long.compareUnsigned(a.start, b.start));
        segments = out.toArray(new Segment[0]);
        last = null;
        for (Runnable r : mapListeners) {
            r.run();
        }
    }

    private Segment find(long pa) {
        Segment s = last;
        if (s != null && pa >= s.start && pa < s.end) {
            return s;
        }
        Segment[] segs = segments;
        int lo = 0, hi = segs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Segment m = segs[mid];
            if (Long.compareUnsigned(pa, m.start) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, m.end) >= 0) {
                lo = mid + 1;
            } else {
                last = m;
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- host locations (for the TLB)

    /**
     * The Java array holding the page of physical address {@code pa} if it is RAM or ROM,
     * else null: always a {@code byte[4096]} holding exactly that page, so the byte at
     * {@code pa} is at index {@link #hostOffset}{@code (pa)} = {@code pa & 0xFFF}. This is
     * what the TLB caches.
     */
    public byte[] hostArray(long pa) {
        Segment s = find(pa);
        if (s == null || !(s.region instanceof Region.Ram ram)) {
            return null;
        }
        return ram.pages()[(int) ((pa - s.start + s.regionOffset) >>> PAGE_SHIFT)];
    }

    /** The index of {@code pa} inside {@link #hostArray}{@code (pa)}: its page offset. */
    public int hostOffset(long pa) {
        return (int) pa & (int) (PAGE_SIZE - 1);
    }

    /** True if {@code pa} is ROM (guest writes dropped). */
    public boolean isRom(long pa) {
        Segment s = find(pa);
        return s != null && s.region instanceof Region.Ram ram && ram.rom();
    }

    // ---------------------------------------------------------------- accesses

    /**
     * Reads {@code size} (1, 2, 4 or 8) bytes at {@code pa}, little-endian, zero-extended.
     * An access that crosses a page boundary is done byte by byte.
     */
    public long read(long pa, int size) {
        if (((pa & (PAGE_SIZE - 1)) + size) > PAGE_SIZE) {
            long v = 0;
            for (int i = 0; i < size; i++) {
                v |= read(pa + i, 1) << (8 * i);
            }
            return v;
        }
        Segment s = find(pa);
        if (s == null) {
            unassigned(pa, size, false, 0);
            return size == 8 ? -1L : (1L << (8 * size)) - 1;
        }
        long off = pa - s.start + s.regionOffset;
        if (s.region instanceof Region.Ram ram) {
            byte[] a = ram.pages()[(int) (off >>> PAGE_SHIFT)];
            int i = (int) off & (int) (PAGE_SIZE - 1);
            switch (size) {
                case 1:
                    return a[i] & 0xFFL;
                case 2:
                    return (short) I16.get(a, i) & 0xFFFFL;
                case 4:
                    return (int) I32.get(a, i) & 0xFFFF_FFFFL;
                case 8:
                    return (long) I64.get(a, i);
                default:
                    throw new IllegalArgumentException("size " + size);
            }
        }
        Region.Mmio mmio = (Region.Mmio) s.region;
        long v = mmio.handler().mmioRead(off, size);
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    /**
     * Writes the low {@code size} (1, 2, 4 or 8) bytes of {@code value} at {@code pa}.
     * Writes to ROM and unassigned addresses are dropped. Notifies code-write listeners
     * if the page is a code page.
     */
    public void write(long pa, int size, long value) {
        if (((pa & (PAGE_SIZE - 1)) + size) > PAGE_SIZE) {
            for (int i = 0; i < size; i++) {
                write(pa + i, 1, value >>> (8 * i));
            }
            return;
        }
        Segment s = find(pa);
        if (s == null) {
            unassigned(pa, size, true, value);
            return;
        }
        long off = pa - s.start + s.regionOffset;
        if (s.region instanceof Region.Ram ram) {
            if (ram.rom()) {
                return;
            }
            byte[] a = ram.pages()[(int) (off >>> PAGE_SHIFT)];
            int i = (int) off & (int) (PAGE_SIZE - 1);
            switch (size) {
                case 1 -> a[i] = (byte) value;
                case 2 -> I16.set(a, i, (short) value);
                case 4 -> I32.set(a, i, (int) value);
                case 8 -> I64.set(a, i, value);
                default -> throw new IllegalArgumentException("size " + size);
            }
            long pfn = pa >>> PAGE_SHIFT;
            if (pfn < Integer.MAX_VALUE && codePages.get((int) pfn)) {
                notifyCodeWrite(pfn);
            }
            return;
        }
        ((Region.Mmio) s.region).handler().mmioWrite(off, size, value);
    }

    /** Copies bytes out of guest physical memory (DMA, loaders); unassigned bytes read 0xFF. */
    public void readBytes(long pa, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) read(pa + i, 1);
        }
    }

    /** Copies bytes into guest physical memory as guest writes do (ROM stays unchanged). */
    public void writeBytes(long pa, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(pa + i, 1, src[off + i]);
        }
    }

    /** Like {@link #writeBytes} but also stores into ROM: for firmware loaders. */
    public void load(long pa, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            long p = pa + i;
            Segment s = find(p);
            if (s != null && s.region instanceof Region.Ram ram) {
                long o = p - s.start + s.regionOffset;
                ram.pages()[(int) (o >>> PAGE_SHIFT)][(int) o & (int) (PAGE_SIZE - 1)] = src[off + i];
            } else {
                write(p, 1, src[off + i]);
            }
        }
    }

    // ---------------------------------------------------------------- unassigned accesses

    private void unassigned(long pa, int size, boolean write, long value) {
        unassignedCount++;
        reportUnassigned(false, pa, size, write, value);
    }

    void reportUnassigned(boolean io, long addr, int size, boolean write, long value) {
        if (Log.LOG.isLoggable(System.Logger.Level.DEBUG)) {
            Log.LOG.log(System.Logger.Level.DEBUG, String.format("unassigned %s %s 0x%x size %d value 0x%x",
                    io ? "port" : "memory", write ? "write" : "read", addr, size, value));
        }
        for (UnassignedAccessListener l : unassignedListeners) {
            l.unassigned(io, addr, size, write, value);
        }
    }

    public void addUnassignedListener(UnassignedAccessListener l) {
        unassignedListeners.add(l);
    }

    /** How many physical accesses hit no region. */
    public long unassignedCount() {
        return unassignedCount;
    }

    // ---------------------------------------------------------------- code pages

    /**
     * Marks physical page {@code pfn} as holding translated code. Callers go through
     * {@link org.hot86.softmmu.Mmu#markCodePage}, which also takes the page's cached write
     * permissions off the TLB fast path.
     */
    public void markCodePage(long pfn) {
        if (pfn >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("code page beyond tracked range: 0x" + Long.toHexString(pfn));
        }
        codePages.set((int) pfn);
    }

    public void unmarkCodePage(long pfn) {
        if (pfn < Integer.MAX_VALUE) {
            codePages.clear((int) pfn);
        }
    }

    public boolean isCodePage(long pfn) {
        return pfn < Integer.MAX_VALUE && codePages.get((int) pfn);
    }

    public void addCodeWriteListener(CodeWriteListener l) {
        codeListeners.add(l);
    }

    public void removeCodeWriteListener(CodeWriteListener l) {
        codeListeners.remove(l);
    }

    private void notifyCodeWrite(long pfn) {
        for (CodeWriteListener l : codeListeners) {
            l.codePageWritten(pfn);
        }
    }
}
