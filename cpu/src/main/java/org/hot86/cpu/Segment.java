package org.hot86.cpu;

/**
 * A segment register with its hidden descriptor cache (Intel SDM Vol. 3A, 3.4.3
 * "Segment registers"): the visible selector and the base, limit and attributes loaded
 * from the descriptor (or synthesised in real mode).
 *
 * <pre>
 * attributes (as in the descriptor's high dword, bits 8..23, shifted down by 8):
 *  15  14   13  12  11..8        7   6..5  4   3..0
 * +---+---+---+---+----------+---+-----+---+------+
 * | G |D/B| L |AVL| limit hi | P | DPL | S | type |
 * +---+---+---+---+----------+---+-----+---+------+
 * </pre>
 * The limit field is kept expanded (byte granular) in {@link #limit}; bits 11..8 are
 * not used.
 */
public final class Segment {
    public static final int ATTR_TYPE = 0xF, ATTR_S = 1 << 4, ATTR_DPL_SHIFT = 5, ATTR_P = 1 << 7,
            ATTR_AVL = 1 << 12, ATTR_L = 1 << 13, ATTR_DB = 1 << 14, ATTR_G = 1 << 15;

    /** The visible 16-bit selector. */
    public int selector;
    /** Linear base address. */
    public long base;
    /** Byte-granular limit (inclusive). */
    public long limit = 0xFFFF;
    /** Descriptor attributes, see the class diagram. */
    public int attributes = ATTR_P | ATTR_S | 0x3;

    /** Loads the cache as a real-mode (or VM86) segment: base = selector * 16. */
    public void loadReal(int sel) {
        selector = sel & 0xFFFF;
        base = (long) selector << 4;
    }

    /** Sets the whole cache at once (descriptor loads, test setup). */
    public void load(int sel, long base, long limit, int attributes) {
        this.selector = sel & 0xFFFF;
        this.base = base;
        this.limit = limit;
        this.attributes = attributes;
    }

    public void copyFrom(Segment o) {
        selector = o.selector;
        base = o.base;
        limit = o.limit;
        attributes = o.attributes;
    }
}
