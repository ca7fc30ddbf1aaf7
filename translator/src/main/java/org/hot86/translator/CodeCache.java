package org.hot86.translator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The translation cache: compiled blocks keyed by the physical address of their first
 * byte and the mode bits the code depends on (operand/address-size defaults, CPL class,
 * paging ...; the caller packs them into an {@code int}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>At most {@code capacity} entries; inserting beyond that evicts the least recently
 *       used entry (counted in {@link #evicted()}). Evicted and invalidated entries are
 *       marked dead ({@link Entry#alive} false) so that any direct link still pointing at
 *       them is not followed, and become garbage so their hidden classes can unload.</li>
 *   <li>Every entry is indexed under each physical page its code bytes touch (one or two);
 *       {@link #invalidatePage(long)} drops all of them, for self-modifying code.</li>
 * </ul>
 * Not thread-safe: the execution engine owns it; a background compiler hands results
 * over to the engine thread before they are inserted.
 *
 * @param <T> the compiled form (a block object the engine can run)
 */
public final class CodeCache<T> {
    /** One cached translation. */
    public static final class Entry<T> {
        final long key;
        public final long physPc;
        public final int modeBits;
        /** The physical page numbers holding its code (a region: every member's pages). */
        final long[] pages;
        public final T code;
        /** False once evicted or invalidated: links to it must not be followed. */
        public boolean alive = true;

        Entry(long key, long physPc, int modeBits, long[] pages, T code) {
            this.key = key;
            this.physPc = physPc;
            this.modeBits = modeBits;
            this.pages = pages;
            this.code = code;
        }
    }

    private final int capacity;
    private final java.util.function.Consumer<? super T> onDeath;
    private final LinkedHashMap<Long, Entry<T>> map;
    private final Map<Long, List<Entry<T>>> byPage = new HashMap<>();
    private long hits, misses, inserted, evicted, invalidated;

    public CodeCache(int capacity) {
        this(capacity, x -> { });
    }

    /**
     * A cache that tells {@code onDeath} the code of each entry that dies while its owner
     * still holds it: evicted for capacity or dropped by {@link #invalidatePage} (not
     * entries replaced by {@link #put} or dropped by {@link #clear}), right after it dies.
     */
    public CodeCache(int capacity, java.util.function.Consumer<? super T> onDeath) {
        this.onDeath = onDeath;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true);
    }

    /** Mode bits must fit in the 12 bits above a 52-bit physical address. */
    public static final int MODE_BITS_LIMIT = 1 << 12;

    /**
     * Packs the lookup key: physical address (52 bits, the x86 MAXPHYADDR limit) in the
     * low bits, mode bits above.
     */
    private static long key(long physPc, int modeBits) {
        if (modeBits < 0 || modeBits >= MODE_BITS_LIMIT || physPc >>> 52 != 0) {
            throw new IllegalArgumentException("mode bits " + modeBits + " / address 0x" + Long.toHexString(physPc));
        }
        return physPc | (long) modeBits << 52;
    }

    /** The live translation for (physPc, modeBits), or null. */
    public Entry<T> lookup(long physPc, int modeBits) {
        Entry<T> e = map.get(key(physPc, modeBits));
        if (e != null) {
            hits++;
            return e;
        }
        misses++;
        return null;
    }

    /**
     * Inserts a translation whose code bytes lie in physical pages {@code firstPage} to
     * {@code lastPage} (page numbers, equal for a block within one page). Replaces an
     * existing entry for the same key (which dies).
     */
    public Entry<T> put(long physPc, int modeBits, long firstPage, long lastPage, T code) {
        long[] pages = new long[(int) (lastPage - firstPage + 1)];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = firstPage + i;
        }
        return put(physPc, modeBits, pages, code);
    }

    /**
     * Inserts a translation whose code bytes lie in the given physical pages (page numbers,
     * any order, duplicates allowed: a region of blocks on several pages).
     * {@link #invalidatePage} of any of them drops it.
     */
    public Entry<T> put(long physPc, int modeBits, long[] pages, T code) {
        long k = key(physPc, modeBits);
        Entry<T> e = new Entry<>(k, physPc, modeBits, java.util.Arrays.stream(pages).distinct().toArray(), code);
        Entry<T> old = map.put(k, e);
        if (old != null) {
            unindex(old);
            old.alive = false;
        }
        index(e);
        inserted++;
        while (map.size() > capacity) {
            Map.Entry<Long, Entry<T>> eldest = map.entrySet().iterator().next();
            Entry<T> victim = eldest.getValue();
            map.remove(eldest.getKey());
            unindex(victim);
            victim.alive = false;
            evicted++;
            onDeath.accept(victim.code);
        }
        return e;
    }

    /** Drops every translation with code in physical page {@code page}; returns how many. */
    public int invalidatePage(long page) {
        List<Entry<T>> list = byPage.remove(page);
        if (list == null) {
            return 0;
        }
        int n = 0;
        for (Entry<T> e : new ArrayList<>(list)) {
            if (map.remove(e.key, e)) {
                unindex(e);
                e.alive = false;
                n++;
                onDeath.accept(e.code);
            }
        }
        invalidated += n;
        return n;
    }

    /** True if some live translation has code in physical page {@code page}. */
    public boolean hasCodeIn(long page) {
        List<Entry<T>> list = byPage.get(page);
        return list != null && !list.isEmpty();
    }

    /** Drops everything (for example when the mode bits' meaning changes wholesale). */
    public void clear() {
        for (Entry<T> e : map.values()) {
            e.alive = false;
        }
        invalidated += map.size();
        map.clear();
        byPage.clear();
    }

    private void index(Entry<T> e) {
        for (long p : e.pages) {
            byPage.computeIfAbsent(p, x -> new ArrayList<>(2)).add(e);
        }
    }

    private void unindex(Entry<T> e) {
        for (long p : e.pages) {
            List<Entry<T>> list = byPage.get(p);
            if (list != null) {
                list.remove(e);
                if (list.isEmpty()) {
                    byPage.remove(p);
                }
            }
        }
    }

    public int size() { return map.size(); }

    public int capacity() { return capacity; }

    public long hits() { return hits; }

    public long misses() { return misses; }

    public long inserted() { return inserted; }

    public long evicted() { return evicted; }

    public long invalidated() { return invalidated; }
}
