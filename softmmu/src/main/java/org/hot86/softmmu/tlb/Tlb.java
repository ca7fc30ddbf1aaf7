package org.hot86.softmmu.tlb;

/**
 * A direct-mapped software TLB for one privilege (architecture.md decision 4): parallel
 * arrays of {@code size} entries (a power of two, at least 2); the entry for linear
 * address {@code a} is at index {@code (int) (a >>> 12) & (size - 1)}. The arrays are
 * public because compiled guest code reads them; only the MMU writes them.
 *
 * <h2>Tags</h2>
 * <pre>
 *  63                                             12 11          3   2     1     0
 * +------------------------------------------------+-------------+-----+-----+----+
 * | linear page address (linear address &amp; ~0xFFF) |      0      |WATCH|CODE | IO |
 * +------------------------------------------------+-------------+-----+-----+----+
 * </pre>
 * {@link #readTag}, {@link #writeTag} and {@link #execTag} hold, per entry, the page
 * address if that kind of access is allowed and cached, possibly with flag bits, or
 * {@link #INVALID} (all ones, which no page address with clear low bits can equal). A
 * fast path compares the tag with {@code (addr + SIZE - 1) & ~0xFFF}: equal only if the
 * page is cached, no flag is set and the access does not cross into the next page (whose
 * entry lives at another index, hence size &gt;= 2). Any flag sends the access to the
 * MMU's slow path, which uses {@link #physPage}:
 * <ul>
 * <li>IO: not RAM (MMIO or unassigned; or, in writeTag only, ROM);
 * <li>CODE: writeTag only, the physical page holds translated code;
 * <li>WATCH: readTag/writeTag of a linear page watched with {@code Mmu.watchPage}.
 * </ul>
 * A write tag is only filled once the page's dirty flag is set, so the first write to a
 * clean page takes the slow path and the walker sets D.
 *
 * <h2>Host location</h2>
 * For a RAM/ROM page, {@link #host}{@code [i]} is the page's own {@code byte[4096]}
 * ({@code PhysicalMemory} keeps RAM one array per page), so the byte at linear address
 * {@code addr} is {@code host[i][(int) addr & 0xFFF]}: no per-entry base offset to load.
 *
 * <h2>Fast path (what {@code Mmu.read32} does; compiled code may emit the same)</h2>
 * <pre>
 *   long[] tags = mmu.readTag;                       // current privilege's arrays
 *   int i = (int) (addr &gt;&gt;&gt; 12) &amp; (tags.length - 1);   // C2 drops tags[i]'s bounds check
 *   if (tags[i] == ((addr + 3) &amp; ~0xFFFL))            // writeTag / execTag likewise
 *       value = (int) Mmu.LE32.get(mmu.host[i], (int) addr &amp; 0xFFF);
 *   else
 *       value = mmu.read32(addr);                    // slow path: walk, fault, MMIO...
 * </pre>
 * Parallel arrays rather than one object per entry: the host load does not wait for an
 * entry-object load, which measured about 20 % faster on a dependent load chain.
 *
 * <h2>Flush cost</h2>
 * The MMU reports each fill with {@link #filled(int)}; the TLB remembers the indexes
 * filled since the last flush, up to {@code size / 8} of them. A flush then touches only
 * those entries, or all of them once more fills than that were seen, so a large TLB that
 * is flushed often (CR3 writes on every context switch) costs what was used, not its size.
 */
public final class Tlb {
    public static final long INVALID = -1L;
    public static final long FLAG_IO = 1, FLAG_CODE = 2, FLAG_WATCH = 4;
    public static final long PAGE_MASK = ~0xFFFL;

    public final long[] readTag;
    public final long[] writeTag;
    public final long[] execTag;
    /** The page's own {@code byte[4096]} (RAM/ROM), or null for MMIO/unassigned. */
    public final byte[][] host;
    /** Physical address of the page (A20-masked). */
    public final long[] physPage;
    /** From a global page (G with CR4.PGE): kept across CR3 writes. */
    public final boolean[] global;
    /** Indexes filled since the last full flush; valid while {@code usedCount <= used.length}. */
    private final int[] used;
    private int usedCount;

    public Tlb(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("TLB size must be a power of two >= 2: " + size);
        }
        readTag = new long[size];
        writeTag = new long[size];
        execTag = new long[size];
        host = new byte[size][];
        physPage = new long[size];
        global = new boolean[size];
        used = new int[Math.max(1, size >>> 3)];
        usedCount = used.length + 1;
        flushAll();
    }

    /** Records that entry {@code i} was (re)filled; the MMU calls it on every fill. */
    public void filled(int i) {
        int n = usedCount;
        if (n < used.length) {
            used[n] = i;
        }
        if (n <= used.length) {
            usedCount = n + 1;
        }
    }

    /** True while the filled indexes are all known (a flush need not scan every entry). */
    private boolean tracked() {
        return usedCount <= used.length;
    }

    public int size() {
        return readTag.length;
    }

    /** The index of {@code linear}'s entry. */
    public int index(long linear) {
        return (int) (linear >>> 12) & (readTag.length - 1);
    }

    void invalidate(int i) {
        readTag[i] = INVALID;
        writeTag[i] = INVALID;
        execTag[i] = INVALID;
        host[i] = null;
        global[i] = false;
    }

    /** Drops every entry, global ones too. */
    public void flushAll() {
        if (tracked()) {
            for (int k = 0; k < usedCount; k++) {
                invalidate(used[k]);
            }
        } else {
            for (int i = 0; i < readTag.length; i++) {
                invalidate(i);
            }
        }
        usedCount = 0;
    }

    /** Drops every entry not from a global page (a CR3 write, SDM 4.10.4.1). */
    public void flushNonGlobal() {
        int kept = 0;
        if (tracked()) {
            for (int k = 0; k < usedCount; k++) {
                int i = used[k];
                if (!global[i]) {
                    invalidate(i);
                } else if (readTag[i] != INVALID || writeTag[i] != INVALID || execTag[i] != INVALID) {
                    used[kept++] = i; // may repeat an index: harmless, and bounded by the old count
                }
            }
            usedCount = kept;
        } else {
            for (int i = 0; i < readTag.length; i++) {
                if (!global[i]) {
                    invalidate(i);
                } else if (kept <= used.length) {
                    if (kept < used.length) {
                        used[kept] = i;
                    }
                    kept++;
                }
            }
            usedCount = kept;
        }
    }

    /** Drops the entry that could hold {@code linear}'s page (INVLPG). */
    public void flushPage(long linear) {
        invalidate(index(linear));
    }

    /** Sends writes to physical page {@code page} (page-aligned) to the slow path. */
    public void protectCode(long page) {
        if (tracked()) {
            for (int k = 0; k < usedCount; k++) {
                int i = used[k];
                if (writeTag[i] != INVALID && physPage[i] == page) {
                    writeTag[i] |= FLAG_CODE;
                }
            }
            return;
        }
        for (int i = 0; i < readTag.length; i++) {
            if (writeTag[i] != INVALID && physPage[i] == page) {
                writeTag[i] |= FLAG_CODE;
            }
        }
    }
}
