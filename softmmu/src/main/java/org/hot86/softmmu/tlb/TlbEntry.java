package org.hot86.softmmu.tlb;

/**
 * One software-TLB entry: the translation of one 4 KiB linear page for one privilege
 * (architecture.md decision 4). Fields are public and mutable because compiled guest
 * code reads them directly (see {@link Tlb} for the exact fast-path sequence); only the
 * MMU writes them.
 *
 * <h2>Tags</h2>
 * <pre>
 *  63                                             12 11          3   2     1     0
 * +------------------------------------------------+-------------+-----+-----+----+
 * | linear page address (linear address &amp; ~0xFFF) |      0      |WATCH|CODE | IO |
 * +------------------------------------------------+-------------+-----+-----+----+
 * </pre>
 * {@link #readTag}, {@link #writeTag} and {@link #execTag} each hold the page address if
 * that kind of access is allowed and cached, possibly with flag bits, or
 * {@link #INVALID} (all ones, which no page address with clear low bits can equal). A fast
 * path compares the tag with {@code (addr + size - 1) & ~0xFFF}: equal only if the page
 * is cached, no flag is set and the access does not cross into the next page. Any flag
 * sends the access to the MMU's slow path, which uses {@link #physPage}:
 * <ul>
 * <li>IO: not RAM (MMIO or unassigned; or, in writeTag only, ROM);
 * <li>CODE: writeTag only, the physical page holds translated code;
 * <li>WATCH: readTag/writeTag of a linear page watched with {@code Mmu.watchPage}.
 * </ul>
 * A write tag is only filled once the page's dirty flag is set, so the first write to a
 * clean page takes the slow path and the walker sets D.
 *
 * <h2>Host location</h2>
 * For a RAM/ROM page, {@link #host} is the RAM chunk holding it and the byte at linear
 * address {@code addr} is {@code host[(int) addr + addend]} (int arithmetic wraps, so the
 * sum is the index even when the linear address is above 2^31).
 */
public final class TlbEntry {
    public static final long INVALID = -1L;
    public static final long FLAG_IO = 1, FLAG_CODE = 2, FLAG_WATCH = 4;
    public static final long PAGE_MASK = ~0xFFFL;

    public long readTag = INVALID;
    public long writeTag = INVALID;
    public long execTag = INVALID;
    /** RAM chunk holding the page, or null for MMIO/unassigned. */
    public byte[] host;
    /** {@code host} index of the page's first byte minus {@code (int)} the linear page address. */
    public int addend;
    /** Physical address of the page (A20-masked). */
    public long physPage;
    /** From a global page (G with CR4.PGE): kept across CR3 writes. */
    public boolean global;

    void invalidate() {
        readTag = INVALID;
        writeTag = INVALID;
        execTag = INVALID;
        host = null;
        global = false;
    }
}
