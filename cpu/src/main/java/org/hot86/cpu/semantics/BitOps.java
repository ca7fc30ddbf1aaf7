package org.hot86.cpu.semantics;

import static org.hot86.cpu.Flags.CF;
import static org.hot86.cpu.Flags.ZF;
import static org.hot86.cpu.Flags.mask;

import org.hot86.cpu.CpuState;

/**
 * Bit and byte instructions (Intel SDM Vol. 1, 7.3.7-7.3.8; Vol. 2 BT, BTS, BTR, BTC,
 * BSF, BSR, POPCNT, LZCNT, TZCNT). For BT* with a register bit offset, callers reduce
 * the offset modulo the operand size (register destination) or split it into a byte
 * displacement and an in-operand bit number (memory destination, SDM "BT" Table 3-2).
 * BT* set CF to the selected bit; OF, SF, AF, PF are undefined and ZF is unaffected
 * (we leave all five unchanged).
 */
public final class BitOps {
    private BitOps() {
    }

    /** Sets CF from bit {@code bit} of {@code v}; returns the bit. */
    private static boolean selectBit(CpuState s, long v, int bit) {
        boolean b = ((v >>> bit) & 1) != 0;
        s.setCf(b);
        return b;
    }

    public static void bt(CpuState s, int size, long dst, long bit) {
        selectBit(s, dst, (int) bit & (size - 1));
    }

    public static long bts(CpuState s, int size, long dst, long bit) {
        int b = (int) bit & (size - 1);
        selectBit(s, dst, b);
        return dst | (1L << b);
    }

    public static long btr(CpuState s, int size, long dst, long bit) {
        int b = (int) bit & (size - 1);
        selectBit(s, dst, b);
        return dst & ~(1L << b);
    }

    public static long btc(CpuState s, int size, long dst, long bit) {
        int b = (int) bit & (size - 1);
        selectBit(s, dst, b);
        return dst ^ (1L << b);
    }

    /** Returned by {@link #bsf}/{@link #bsr} when the destination must not be written. */
    public static final long NO_WRITE = -1;

    /**
     * BSF: index of the lowest set bit; for a zero source ZF = 1 and the destination is
     * undefined. Real CPUs leave it entirely unchanged (not even the zero-extension of a
     * 32-bit write in 64-bit mode), so we return {@link #NO_WRITE} and the caller skips the
     * write. CF, OF, SF, AF, PF undefined (left unchanged).
     */
    public static long bsf(CpuState s, int size, long src) {
        if ((src & mask(size)) == 0) {
            setZf(s, true);
            return NO_WRITE;
        }
        setZf(s, false);
        return Long.numberOfTrailingZeros(src);
    }

    /** The flag effect of BSF/BSR: ZF = {@code zero} (the source was 0), the other flags unchanged. */
    public static void setZf(CpuState s, boolean zero) {
        s.materialize();
        s.rflags = zero ? s.rflags | ZF : s.rflags & ~ZF;
    }

    /** BSR: index of the highest set bit; zero source as for {@link #bsf}. */
    public static long bsr(CpuState s, int size, long src) {
        if ((src & mask(size)) == 0) {
            setZf(s, true);
            return NO_WRITE;
        }
        setZf(s, false);
        return 63 - Long.numberOfLeadingZeros(src & mask(size));
    }

    /** POPCNT: OF, SF, AF, CF, PF cleared; ZF = (source == 0). */
    public static long popcnt(CpuState s, int size, long src) {
        long v = src & mask(size);
        s.setStatusFlags(v == 0 ? ZF : 0);
        return Long.bitCount(v);
    }

    /** LZCNT: CF = (source == 0), ZF = (result == 0); OF, SF, AF, PF undefined (cleared). */
    public static long lzcnt(CpuState s, int size, long src) {
        long v = src & mask(size);
        long r = v == 0 ? size : Long.numberOfLeadingZeros(v) - (64 - size);
        s.setStatusFlags((v == 0 ? CF : 0) | (r == 0 ? ZF : 0));
        return r;
    }

    /** TZCNT: CF = (source == 0), ZF = (result == 0); OF, SF, AF, PF undefined (cleared). */
    public static long tzcnt(CpuState s, int size, long src) {
        long v = src & mask(size);
        long r = v == 0 ? size : Long.numberOfTrailingZeros(v);
        s.setStatusFlags((v == 0 ? CF : 0) | (r == 0 ? ZF : 0));
        return r;
    }

    /** BSWAP: reverses the bytes of a 32- or 64-bit register (the SDM leaves 16-bit BSWAP undefined; callers pass 32 or 64). */
    public static long bswap(int size, long v) {
        return size == 64 ? Long.reverseBytes(v) : Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
    }
}
