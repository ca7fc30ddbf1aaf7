package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.FpCompare.CF;
import static org.hot86.cpu.sse.FpCompare.OF;
import static org.hot86.cpu.sse.FpCompare.SF;
import static org.hot86.cpu.sse.FpCompare.ZF;

/**
 * SSE4.2 packed string compares PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM (SDM Vol. 2, 4.1 "Imm8 Control Byte
 * Operation for PCMPESTRI / PCMPESTRM / PCMPISTRI / PCMPISTRM").
 *
 * <pre>
 *   imm8:   7    6      5  4       3  2          1  0
 *         +---+------+---------+-------------+-----------+
 *         | 0 | out  |polarity | aggregation |  format   |
 *         +---+------+---------+-------------+-----------+
 *   format: 00 unsigned bytes, 01 unsigned words, 10 signed bytes, 11 signed words
 *   aggregation: 00 equal any, 01 ranges, 10 equal each, 11 equal ordered
 *   polarity: 00/10 IntRes2 = IntRes1, 01 all bits negated, 11 negated below the second operand's length
 *   out: index forms: 0 least / 1 most significant set bit; mask forms: 0 bit mask / 1 element mask
 * </pre>
 *
 * <p>An instruction is composed as: lengths ({@link #explicitLength} / {@link #implicitLength}), then
 * {@link #compare} giving IntRes2, then {@link #index} (to ECX) or {@link #mask} (to XMM0), and {@link #flags}.
 * {@code a} is the first operand (xmm1), {@code b} the second (xmm2/m128).
 */
public final class StringCompare {
    private StringCompare() {}

    /** Number of elements: 16 bytes or 8 words. */
    public static int elements(int imm8) {
        return (imm8 & 1) != 0 ? 8 : 16;
    }

    /** PCMPESTRx length from EAX/EDX (RAX/RDX when REX.W): absolute value, saturated to the element count. */
    public static int explicitLength(long reg, boolean rexW, int imm8) {
        long v = rexW ? reg : (int) reg;
        int n = elements(imm8);
        if (v < 0) {
            v = -v;
        }
        return v < 0 || v > n ? n : (int) v;
    }

    /** PCMPISTRx length: the index of the first zero element, or the element count. */
    public static int implicitLength(long lo, long hi, int imm8) {
        int n = elements(imm8);
        for (int i = 0; i < n; i++) {
            if (element(lo, hi, i, imm8) == 0) {
                return i;
            }
        }
        return n;
    }

    static int element(long lo, long hi, int i, int imm8) {
        switch (imm8 & 3) {
            case 0: return Xmm.byteAt(lo, hi, i);
            case 1: return Xmm.wordAt(lo, hi, i);
            case 2: return (byte) Xmm.byteAt(lo, hi, i);
            default: return (short) Xmm.wordAt(lo, hi, i);
        }
    }

    /** IntRes2: the aggregated and polarity-adjusted result, bit {@code i} per element. */
    public static int compare(long aLo, long aHi, int lenA, long bLo, long bHi, int lenB, int imm8) {
        int n = elements(imm8);
        int res = 0;
        switch ((imm8 >> 2) & 3) {
            case 0: // equal any: b[j] is in the set a[0..lenA)
                for (int j = 0; j < lenB; j++) {
                    int bj = element(bLo, bHi, j, imm8);
                    for (int i = 0; i < lenA; i++) {
                        if (element(aLo, aHi, i, imm8) == bj) {
                            res |= 1 << j;
                            break;
                        }
                    }
                }
                break;
            case 1: // ranges: a holds (low, high) pairs
                for (int j = 0; j < lenB; j++) {
                    int bj = element(bLo, bHi, j, imm8);
                    for (int i = 0; i + 1 < lenA; i += 2) {
                        if (bj >= element(aLo, aHi, i, imm8) && bj <= element(aLo, aHi, i + 1, imm8)) {
                            res |= 1 << j;
                            break;
                        }
                    }
                }
                break;
            case 2: // equal each: invalid/invalid compares true, valid/invalid false
                for (int i = 0; i < n; i++) {
                    boolean va = i < lenA;
                    boolean vb = i < lenB;
                    boolean r = va && vb ? element(aLo, aHi, i, imm8) == element(bLo, bHi, i, imm8) : !va && !vb;
                    if (r) {
                        res |= 1 << i;
                    }
                }
                break;
            default: // equal ordered: a (needle) occurs at b[j..]; an invalid a element matches anything
                for (int j = 0; j < n; j++) {
                    boolean r = true;
                    for (int i = 0; i < n - j && r; i++) {
                        int k = j + i;
                        if (i >= lenA) {
                            break;
                        }
                        r = k < lenB && element(aLo, aHi, i, imm8) == element(bLo, bHi, k, imm8);
                    }
                    if (r) {
                        res |= 1 << j;
                    }
                }
                break;
        }
        int all = (1 << n) - 1;
        switch ((imm8 >> 4) & 3) {
            case 1:
                return ~res & all;
            case 3:
                return (res ^ ((1 << lenB) - 1)) & all;
            default:
                return res;
        }
    }

    /** PCMPxSTRI result for ECX: least (imm8[6] = 0) or most significant set bit of IntRes2, else the count. */
    public static int index(int intRes2, int imm8) {
        if (intRes2 == 0) {
            return elements(imm8);
        }
        return (imm8 & 0x40) != 0 ? 31 - Integer.numberOfLeadingZeros(intRes2) : Integer.numberOfTrailingZeros(intRes2);
    }

    /** PCMPxSTRM result for XMM0: IntRes2 zero-extended (imm8[6] = 0) or expanded to element masks. */
    public static void mask(long[] regs, int intRes2, int imm8) {
        if ((imm8 & 0x40) == 0) {
            Xmm.set(regs, 0, intRes2 & 0xFFFFL, 0);
            return;
        }
        int n = elements(imm8);
        int bits = 128 / n;
        long lo = 0;
        long hi = 0;
        long ones = (1L << bits) - 1;
        for (int i = 0; i < n; i++) {
            if ((intRes2 >> i & 1) != 0) {
                int bit = bits * i;
                if (bit < 64) {
                    lo |= ones << bit;
                } else {
                    hi |= ones << (bit - 64);
                }
            }
        }
        Xmm.set(regs, 0, lo, hi);
    }

    /** New RFLAGS: CF = IntRes2 != 0, ZF = lenB below count, SF = lenA below count, OF = IntRes2[0], AF = PF = 0. */
    public static long flags(long rflags, int intRes2, int lenA, int lenB, int imm8) {
        int n = elements(imm8);
        long f = rflags & ~(long) FpCompare.COMI_FLAGS;
        if (intRes2 != 0) {
            f |= CF;
        }
        if (lenB < n) {
            f |= ZF;
        }
        if (lenA < n) {
            f |= SF;
        }
        if ((intRes2 & 1) != 0) {
            f |= OF;
        }
        return f;
    }
}
