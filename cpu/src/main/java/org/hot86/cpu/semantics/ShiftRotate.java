package org.hot86.cpu.semantics;

import static org.hot86.cpu.Flags.AF;
import static org.hot86.cpu.Flags.CF;
import static org.hot86.cpu.Flags.OF;
import static org.hot86.cpu.Flags.mask;
import static org.hot86.cpu.Flags.sext;
import static org.hot86.cpu.Flags.signBit;
import static org.hot86.cpu.Flags.zsp;

import org.hot86.cpu.CpuState;

/**
 * Shifts and rotates (Intel SDM Vol. 1, 7.3.6; Vol. 2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR,
 * SHLD, SHRD). The count is masked to 5 bits (6 with a 64-bit operand). A masked count of
 * 0 changes neither the operand nor any flag. OF is defined only for a count of 1; AF is
 * undefined for a non-zero count; for SHL/SHR of 8/16-bit operands a count of at least the
 * operand size leaves CF undefined. Rotates change only CF and OF. SHLD/SHRD of 16-bit
 * operands with a count above 16 leave result and flags undefined.
 *
 * <p>Where the SDM leaves OF and AF undefined we produce what the conformance host (AMD Zen)
 * produces, each rule reducing to the defined one at count 1: AF = 1 for every shift;
 * OF = MSB(result) XOR CF for SHL and SHLD, MSB(result) XOR bit (size-2) of the result for
 * SHR, SHRD and RCR, 0 for SAR (measured by {@code UndefinedFlagsSurveyTest}).
 */
public final class ShiftRotate {
    private ShiftRotate() {
    }

    /** The count after masking (SDM: "count is masked to 5 bits, or 6 bits in 64-bit mode with REX.W"). */
    public static int maskCount(int size, long count) {
        return (int) count & (size == 64 ? 0x3F : 0x1F);
    }

    private static long bit(long v, int i) {
        return i >= 0 && i < 64 ? (v >>> i) & 1 : 0;
    }

    private static void setShiftFlags(CpuState s, int size, long r, long cf, boolean of) {
        // every status flag is replaced and the other RFLAGS bits are always exact: no materialize
        long f = zsp(r, size) | (cf != 0 ? CF : 0) | (of ? OF : 0);
        s.setStatusFlags(f | AF);
    }

    /** MSB(r) XOR the bit below it: the OF of a right shift or rotate by one, extended to all counts. */
    private static boolean topTwoDiffer(long r, int size) {
        return (((r >>> (size - 1)) ^ (r >>> (size - 2))) & 1) != 0;
    }

    public static long shl(CpuState s, int size, long dst, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        long r = c >= 64 ? 0 : (dst << c) & mask(size);
        long cf = bit(dst, size - c);
        setShiftFlags(s, size, r, cf, ((r & signBit(size)) != 0) != (cf != 0));
        return r;
    }

    public static long shr(CpuState s, int size, long dst, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        long r = c >= 64 ? 0 : dst >>> c;
        long cf = c <= size ? bit(dst, c - 1) : 0;
        setShiftFlags(s, size, r, cf, topTwoDiffer(r, size));
        return r;
    }

    public static long sar(CpuState s, int size, long dst, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        long v = sext(dst, size);
        long r = (v >> Math.min(c, 63)) & mask(size);
        long cf = (v >> Math.min(c - 1, 63)) & 1;
        setShiftFlags(s, size, r, cf, false);
        return r;
    }

    private static void setCfOf(CpuState s, boolean cf, boolean of) {
        s.materialize();
        long f = s.rflags & ~(CF | OF);
        s.rflags = f | (cf ? CF : 0) | (of ? OF : 0);
    }

    public static long rol(CpuState s, int size, long dst, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        int k = c % size;
        long r = k == 0 ? dst : ((dst << k) | (dst >>> (size - k))) & mask(size);
        rotateFlags(s, size, r, true);
        return r;
    }

    /**
     * The flag effect of ROL ({@code left}) or ROR by a non-zero masked count, from the
     * result {@code r} alone: ROL sets CF = LSB(r), OF = MSB(r) XOR CF; ROR sets CF = MSB(r),
     * OF = MSB(r) XOR the bit below it (SDM ROL/ROR "Flags Affected"; OF is defined for a
     * count of 1 and we extend the same rule to every count). Other flags are unchanged.
     */
    public static void rotateFlags(CpuState s, int size, long r, boolean left) {
        boolean msb = (r & signBit(size)) != 0;
        if (left) {
            boolean cf = (r & 1) != 0;
            setCfOf(s, cf, msb != cf);
        } else {
            setCfOf(s, msb, msb != ((r & (signBit(size) >>> 1)) != 0));
        }
    }

    public static long ror(CpuState s, int size, long dst, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        int k = c % size;
        long r = k == 0 ? dst : ((dst >>> k) | (dst << (size - k))) & mask(size);
        rotateFlags(s, size, r, false);
        return r;
    }

    public static long rcl(CpuState s, int size, long dst, long count) {
        int masked = maskCount(size, count);
        int c = size < 32 ? masked % (size + 1) : masked;
        if (masked == 0) {
            return dst;
        }
        boolean cf = s.cf();
        long r = dst;
        long sb = signBit(size);
        for (int i = 0; i < c; i++) {
            boolean out = (r & sb) != 0;
            r = ((r << 1) | (cf ? 1 : 0)) & mask(size);
            cf = out;
        }
        setCfOf(s, cf, ((r & sb) != 0) != cf);
        return r;
    }

    public static long rcr(CpuState s, int size, long dst, long count) {
        int masked = maskCount(size, count);
        int c = size < 32 ? masked % (size + 1) : masked;
        if (masked == 0) {
            return dst;
        }
        boolean cf = s.cf();
        long sb = signBit(size);
        long r = dst;
        for (int i = 0; i < c; i++) {
            boolean out = (r & 1) != 0;
            r = (r >>> 1) | (cf ? sb : 0);
            cf = out;
        }
        setCfOf(s, cf, topTwoDiffer(r, size));
        return r;
    }

    public static long shld(CpuState s, int size, long dst, long src, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        long r;
        long cf;
        if (size == 16 && c > 16) {
            // Undefined in the SDM; model it as a shift of the 48-bit value dst:src:dst.
            long wide = (dst << 32) | (src << 16) | dst;
            r = (wide >>> (48 - c)) & 0xFFFF;
            cf = bit(wide, 48 - c);
        } else {
            r = ((dst << c) | (c == size ? src : src >>> (size - c))) & mask(size);
            cf = bit(dst, size - c);
        }
        setShiftFlags(s, size, r, cf, ((r & signBit(size)) != 0) != (cf != 0));
        return r;
    }

    public static long shrd(CpuState s, int size, long dst, long src, long count) {
        int c = maskCount(size, count);
        if (c == 0) {
            return dst;
        }
        long r;
        long cf;
        if (size == 16 && c > 16) {
            long wide = (dst << 32) | (src << 16) | dst;
            r = (wide >>> c) & 0xFFFF;
            cf = bit(wide, c - 1);
        } else {
            r = ((dst >>> c) | (c == size ? 0 : src << (size - c))) & mask(size);
            if (c == size) {
                r = src & mask(size);
            }
            cf = bit(dst, c - 1);
        }
        setShiftFlags(s, size, r, cf, topTwoDiffer(r, size));
        return r;
    }
}
