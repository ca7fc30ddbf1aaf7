package org.hot86.softmmu.tlb;

/**
 * A direct-mapped software TLB for one privilege: {@code size} (a power of two, at
 * least 2) {@link TlbEntry} objects, the one for linear address {@code a} at index
 * {@code (int) (a >>> 12) & (size - 1)}.
 *
 * <h2>Fast path (what the interpreter and compiled code do)</h2>
 * <pre>
 *   TlbEntry[] t = mmu.tlb;                            // current privilege's entries
 *   TlbEntry e = t[(int) (addr >>> 12) &amp; (t.length - 1)];
 *   if (e.readTag == ((addr + SIZE - 1) &amp; ~0xFFFL))      // writeTag / execTag likewise
 *       value = (int) INT_LE.get(e.host, (int) addr + e.addend);
 *   else
 *       value = mmu.read32(addr);                      // slow path: walk, fault, MMIO...
 * </pre>
 * {@code INT_LE} is {@code Mmu.LE32}, {@code MethodHandles.byteArrayViewVarHandle(int[].class,
 * LITTLE_ENDIAN)} ({@code LE16}/{@code LE64} likewise; bytes index {@code host} directly). The
 * {@code (addr + SIZE - 1)} compare also rejects page-crossing accesses, which is why the
 * size must be at least 2 (then the next page's entry lives at another index).
 * Compiled code may equally call {@code Mmu.read32} etc., which are this sequence and
 * small enough for HotSpot to inline.
 */
public final class Tlb {
    private final TlbEntry[] entries;

    public Tlb(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("TLB size must be a power of two >= 2: " + size);
        }
        entries = new TlbEntry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new TlbEntry();
        }
    }

    /** The entry array itself (not a copy), for the fast path. */
    public TlbEntry[] entries() {
        return entries;
    }

    public TlbEntry entryFor(long linear) {
        return entries[(int) (linear >>> 12) & (entries.length - 1)];
    }

    /** Drops every entry, global ones too. */
    public void flushAll() {
        for (TlbEntry e : entries) {
            e.invalidate();
        }
    }

    /** Drops every entry not from a global page (a CR3 write, SDM 4.10.4.1). */
    public void flushNonGlobal() {
        for (TlbEntry e : entries) {
            if (!e.global) {
                e.invalidate();
            }
        }
    }

    /** Drops the entry that could hold {@code linear}'s page (INVLPG). */
    public void flushPage(long linear) {
        entryFor(linear).invalidate();
    }

    /** Sends writes to physical page {@code physPage} (page-aligned) to the slow path. */
    public void protectCode(long physPage) {
        for (TlbEntry e : entries) {
            if (e.writeTag != TlbEntry.INVALID && e.physPage == physPage) {
                e.writeTag |= TlbEntry.FLAG_CODE;
            }
        }
    }
}
