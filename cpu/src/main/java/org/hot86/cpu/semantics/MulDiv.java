package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RDX;
import static org.hot86.cpu.Flags.CF;
import static org.hot86.cpu.Flags.OF;
import static org.hot86.cpu.Flags.mask;
import static org.hot86.cpu.Flags.sext;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;

/**
 * Multiplication and division (Intel SDM Vol. 2 MUL, IMUL, DIV, IDIV). The one-operand
 * forms use the accumulator pair AL/AX, DX:AX, EDX:EAX or RDX:RAX. MUL and IMUL set
 * CF = OF = "the result did not fit in the destination"; SF, ZF, AF and PF are
 * undefined (we leave them unchanged). DIV and IDIV leave all flags undefined (unchanged
 * here) and raise #DE for a zero divisor or a quotient that does not fit, before any
 * register is written.
 */
public final class MulDiv {
    private MulDiv() {
    }

    private static void setCfOf(CpuState s, boolean overflow) {
        s.materialize();
        s.rflags = overflow ? s.rflags | CF | OF : s.rflags & ~(CF | OF);
    }

    /** High 64 bits of the unsigned 128-bit product. */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** MUL r/m (one operand, unsigned). */
    public static void mul(CpuState s, int size, long src) {
        long[] g = s.gpr;
        switch (size) {
            case 8 -> {
                long p = (g[RAX] & 0xFF) * src;
                s.writeReg(RAX, 16, false, p);
                setCfOf(s, (p >>> 8) != 0);
            }
            case 16 -> {
                long p = (g[RAX] & 0xFFFF) * src;
                s.writeReg(RAX, 16, false, p);
                s.writeReg(RDX, 16, false, p >>> 16);
                setCfOf(s, (p >>> 16) != 0);
            }
            case 32 -> {
                long p = (g[RAX] & 0xFFFFFFFFL) * src;
                g[RAX] = p & 0xFFFFFFFFL;
                g[RDX] = p >>> 32;
                setCfOf(s, (p >>> 32) != 0);
            }
            default -> {
                long a = g[RAX];
                long hi = unsignedMultiplyHigh(a, src);
                g[RAX] = a * src;
                g[RDX] = hi;
                setCfOf(s, hi != 0);
            }
        }
    }

    /** IMUL r/m (one operand, signed, double-width result). */
    public static void imul1(CpuState s, int size, long src) {
        long[] g = s.gpr;
        switch (size) {
            case 8 -> {
                long p = sext(g[RAX], 8) * sext(src, 8);
                s.writeReg(RAX, 16, false, p);
                setCfOf(s, p != sext(p, 8));
            }
            case 16 -> {
                long p = sext(g[RAX], 16) * sext(src, 16);
                s.writeReg(RAX, 16, false, p);
                s.writeReg(RDX, 16, false, p >>> 16);
                setCfOf(s, p != sext(p, 16));
            }
            case 32 -> {
                long p = sext(g[RAX], 32) * sext(src, 32);
                g[RAX] = p & 0xFFFFFFFFL;
                g[RDX] = (p >>> 32) & 0xFFFFFFFFL;
                setCfOf(s, p != sext(p, 32));
            }
            default -> {
                long a = g[RAX];
                long lo = a * src;
                long hi = Math.multiplyHigh(a, src);
                g[RAX] = lo;
                g[RDX] = hi;
                setCfOf(s, hi != (lo >> 63));
            }
        }
    }

    /** IMUL r, r/m and IMUL r, r/m, imm: the truncated signed product. */
    public static long imul(CpuState s, int size, long a, long b) {
        if (size == 64) {
            long lo = a * b;
            setCfOf(s, Math.multiplyHigh(a, b) != (lo >> 63));
            return lo;
        }
        long p = sext(a, size) * sext(b, size);
        setCfOf(s, p != sext(p, size));
        return p & mask(size);
    }

    /** DIV r/m (unsigned). */
    public static void div(CpuState s, int size, long divisor) {
        if (divisor == 0) {
            throw CpuFault.DIVIDE_ERROR;
        }
        long[] g = s.gpr;
        switch (size) {
            case 8 -> {
                long n = g[RAX] & 0xFFFF;
                long q = n / divisor;
                if (q > 0xFF) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                s.writeReg(RAX, 16, false, ((n % divisor) << 8) | q);
            }
            case 16 -> {
                long n = ((g[RDX] & 0xFFFF) << 16) | (g[RAX] & 0xFFFF);
                long q = n / divisor;
                if (q > 0xFFFF) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                s.writeReg(RAX, 16, false, q);
                s.writeReg(RDX, 16, false, n % divisor);
            }
            case 32 -> {
                long n = ((g[RDX] & 0xFFFFFFFFL) << 32) | (g[RAX] & 0xFFFFFFFFL);
                long q = Long.divideUnsigned(n, divisor);
                if ((q >>> 32) != 0) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                g[RAX] = q;
                g[RDX] = Long.remainderUnsigned(n, divisor);
            }
            default -> {
                long hi = g[RDX], lo = g[RAX];
                if (Long.compareUnsigned(hi, divisor) >= 0) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                long[] qr = divide128(hi, lo, divisor);
                g[RAX] = qr[0];
                g[RDX] = qr[1];
            }
        }
    }

    /**
     * Unsigned (hi:lo) / d for hi &lt; d (so the quotient fits in 64 bits): returns
     * {quotient, remainder}. Restoring shift-subtract division, one bit per step.
     */
    static long[] divide128(long hi, long lo, long d) {
        if (hi == 0) {
            return new long[] {Long.divideUnsigned(lo, d), Long.remainderUnsigned(lo, d)};
        }
        long r = hi;
        long q = 0;
        for (int i = 63; i >= 0; i--) {
            boolean top = r < 0; // bit 64 of the shifted remainder
            r = (r << 1) | ((lo >>> i) & 1);
            q <<= 1;
            if (top || Long.compareUnsigned(r, d) >= 0) {
                r -= d;
                q |= 1;
            }
        }
        return new long[] {q, r};
    }

    /** IDIV r/m (signed; quotient truncated toward zero, remainder has the dividend's sign). */
    public static void idiv(CpuState s, int size, long divisor) {
        if (divisor == 0) {
            throw CpuFault.DIVIDE_ERROR;
        }
        long[] g = s.gpr;
        switch (size) {
            case 8, 16 -> {
                long n = size == 8 ? sext(g[RAX], 16)
                        : sext(((g[RDX] & 0xFFFF) << 16) | (g[RAX] & 0xFFFF), 32);
                long d = sext(divisor, size);
                long q = n / d;
                if (q != sext(q, size)) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                long r = n % d;
                if (size == 8) {
                    s.writeReg(RAX, 16, false, ((r & 0xFF) << 8) | (q & 0xFF));
                } else {
                    s.writeReg(RAX, 16, false, q);
                    s.writeReg(RDX, 16, false, r);
                }
            }
            case 32 -> {
                long n = ((g[RDX] & 0xFFFFFFFFL) << 32) | (g[RAX] & 0xFFFFFFFFL);
                long d = sext(divisor, 32);
                if (n == Long.MIN_VALUE) {
                    throw CpuFault.DIVIDE_ERROR; // |quotient| >= 2^31 for any 32-bit divisor
                }
                long q = n / d;
                if (q != sext(q, 32)) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                g[RAX] = q & 0xFFFFFFFFL;
                g[RDX] = (n % d) & 0xFFFFFFFFL;
            }
            default -> {
                long hi = g[RDX], lo = g[RAX];
                boolean negN = hi < 0;
                if (negN) { // 128-bit two's complement negate
                    lo = -lo;
                    hi = ~hi + (lo == 0 ? 1 : 0);
                }
                boolean negD = divisor < 0;
                long ad = negD ? -divisor : divisor;
                if (Long.compareUnsigned(hi, ad) >= 0) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                long[] qr = divide128(hi, lo, ad);
                long q = qr[0], r = qr[1];
                if (negN != negD) {
                    if (Long.compareUnsigned(q, Long.MIN_VALUE) > 0) {
                        throw CpuFault.DIVIDE_ERROR;
                    }
                    q = -q;
                } else if (q < 0) {
                    throw CpuFault.DIVIDE_ERROR;
                }
                g[RAX] = q;
                g[RDX] = negN ? -r : r;
            }
        }
    }
}
