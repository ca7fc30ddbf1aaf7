package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.PackedArith.putB;
import static org.hot86.cpu.sse.PackedArith.putD;
import static org.hot86.cpu.sse.PackedArith.putW;
import static org.hot86.cpu.sse.PackedArith.satSB;
import static org.hot86.cpu.sse.PackedArith.satSW;
import static org.hot86.cpu.sse.PackedArith.satUB;
import static org.hot86.cpu.sse.Xmm.byteAt;
import static org.hot86.cpu.sse.Xmm.dwordAt;
import static org.hot86.cpu.sse.Xmm.wordAt;

/**
 * Integer SIMD instructions whose result mixes elements across the two 64-bit halves: shuffles, unpacks, packs,
 * byte shifts, alignments, sign/zero extension, blends, inserts/extracts, horizontal operations, PSADBW's big
 * brother MPSADBW and PHMINPOSUW (SDM Vol. 2 entries of those names; SSE2, SSSE3, SSE4.1).
 *
 * <p>The destination register {@code dst} of {@code regs} (see {@link Xmm}) is also the first source; the second
 * source is passed as {@code (bLo, bHi)}. Methods read every source before writing.
 */
public final class PackedShuffle {
    private PackedShuffle() {}

    // ---- shuffles ----------------------------------------------------------------------------------------------
    /** PSHUFD: dword {@code i} of the result is dword {@code imm8[2i+1:2i]} of {@code b}. */
    public static void pshufd(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 2; i++) {
            lo = putD(lo, i, dwordAt(bLo, bHi, (imm8 >> (2 * i)) & 3));
            hi = putD(hi, i, dwordAt(bLo, bHi, (imm8 >> (2 * i + 4)) & 3));
        }
        Xmm.set(regs, dst, lo, hi);
    }

    /** PSHUFHW: the high four words shuffled by imm8, low half copied. */
    public static void pshufhw(long[] regs, int dst, long bLo, long bHi, int imm8) {
        Xmm.set(regs, dst, bLo, pshufw(bHi, imm8));
    }

    /** PSHUFLW: the low four words shuffled by imm8, high half copied. */
    public static void pshuflw(long[] regs, int dst, long bLo, long bHi, int imm8) {
        Xmm.set(regs, dst, pshufw(bLo, imm8), bHi);
    }

    /** PSHUFW (SSE, MMX register): four words shuffled by imm8. */
    public static long pshufw(long b, int imm8) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r = putW(r, i, (int) (b >>> (16 * ((imm8 >> (2 * i)) & 3))));
        }
        return r;
    }

    /** PSHUFB (SSSE3): byte {@code i} is zero if control byte {@code i} of {@code b} has bit 7 set, else byte
     * {@code ctrl & 15} of {@code a}. */
    public static void pshufb(long[] regs, int dst, long bLo, long bHi) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            int c = (int) (bLo >>> (8 * i)) & 0xFF;
            lo = putB(lo, i, (c & 0x80) != 0 ? 0 : byteAt(aLo, aHi, c & 15));
            c = (int) (bHi >>> (8 * i)) & 0xFF;
            hi = putB(hi, i, (c & 0x80) != 0 ? 0 : byteAt(aLo, aHi, c & 15));
        }
        Xmm.set(regs, dst, lo, hi);
    }

    /** PSHUFB with MMX registers: index {@code ctrl & 7}. */
    public static long pshufbMmx(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int c = (int) (b >>> (8 * i)) & 0xFF;
            r = putB(r, i, (c & 0x80) != 0 ? 0 : (int) (a >>> (8 * (c & 7))));
        }
        return r;
    }

    /** SHUFPS: two dwords of {@code a} (imm8[3:0]) then two of {@code b} (imm8[7:4]). */
    public static void shufps(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        long lo = putD(putD(0, 0, dwordAt(aLo, aHi, imm8 & 3)), 1, dwordAt(aLo, aHi, (imm8 >> 2) & 3));
        long hi = putD(putD(0, 0, dwordAt(bLo, bHi, (imm8 >> 4) & 3)), 1, dwordAt(bLo, bHi, (imm8 >> 6) & 3));
        Xmm.set(regs, dst, lo, hi);
    }

    /** SHUFPD: low from {@code a} (imm8[0]), high from {@code b} (imm8[1]). */
    public static void shufpd(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        Xmm.set(regs, dst, (imm8 & 1) != 0 ? aHi : aLo, (imm8 & 2) != 0 ? bHi : bLo);
    }

    // ---- unpacks ----------------------------------------------------------------------------------------------
    /** Interleaves elements of {@code x} and {@code y} (each one 64-bit half), {@code size} bytes per element. */
    static long interleaveLow(long x, long y, int size) {
        long r = 0;
        int bits = 8 * size;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < 32 / bits; i++) {
            r |= ((x >>> (bits * i)) & mask) << (2 * bits * i);
            r |= ((y >>> (bits * i)) & mask) << (2 * bits * i + bits);
        }
        return r;
    }

    /** PUNPCKLBW/LWD/LDQ ({@code size} 1, 2, 4), PUNPCKLQDQ (8); also UNPCKLPS (4) and UNPCKLPD (8). */
    public static void punpckl(long[] regs, int dst, long bLo, long bHi, int size) {
        long a = Xmm.lo(regs, dst);
        if (size == 8) {
            Xmm.set(regs, dst, a, bLo);
        } else {
            Xmm.set(regs, dst, interleaveLow(a, bLo, size), interleaveLow(a >>> 32, bLo >>> 32, size));
        }
    }

    /** PUNPCKHBW/HWD/HDQ, PUNPCKHQDQ; also UNPCKHPS and UNPCKHPD. */
    public static void punpckh(long[] regs, int dst, long bLo, long bHi, int size) {
        long a = Xmm.hi(regs, dst);
        if (size == 8) {
            Xmm.set(regs, dst, a, bHi);
        } else {
            Xmm.set(regs, dst, interleaveLow(a, bHi, size), interleaveLow(a >>> 32, bHi >>> 32, size));
        }
    }

    /** MMX PUNPCKL*: interleave the low halves of two 64-bit values. */
    public static long punpcklMmx(long a, long b, int size) {
        return interleaveLow(a, b, size);
    }

    /** MMX PUNPCKH*: interleave the high halves. */
    public static long punpckhMmx(long a, long b, int size) {
        return interleaveLow(a >>> 32, b >>> 32, size);
    }

    // ---- packs ---------------------------------------------------------------------------------------------------
    /** Words of one 64-bit half narrowed to four bytes (signed or unsigned saturation). */
    private static long packWords(long x, boolean unsigned) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (short) (x >>> (16 * i));
            r = putB(r, i, unsigned ? satUB(v) : satSB(v));
        }
        return r;
    }

    private static long packDwords(long x, boolean unsigned) {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            int v = (int) (x >>> (32 * i));
            r = putW(r, i, unsigned ? (int) Math.max(0, Math.min(65535, (long) v)) : satSW(v));
        }
        return r;
    }

    /** PACKSSWB ({@code unsigned = false}) / PACKUSWB. */
    public static void packwb(long[] regs, int dst, long bLo, long bHi, boolean unsigned) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        Xmm.set(regs, dst, packWords(aLo, unsigned) | packWords(aHi, unsigned) << 32,
                packWords(bLo, unsigned) | packWords(bHi, unsigned) << 32);
    }

    /** PACKSSDW / PACKUSDW (SSE4.1). */
    public static void packdw(long[] regs, int dst, long bLo, long bHi, boolean unsigned) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        Xmm.set(regs, dst, packDwords(aLo, unsigned) | packDwords(aHi, unsigned) << 32,
                packDwords(bLo, unsigned) | packDwords(bHi, unsigned) << 32);
    }

    /** MMX PACKSSWB/PACKUSWB. */
    public static long packwbMmx(long a, long b, boolean unsigned) {
        return packWords(a, unsigned) | packWords(b, unsigned) << 32;
    }

    /** MMX PACKSSDW. */
    public static long packdwMmx(long a, long b) {
        return packDwords(a, false) | packDwords(b, false) << 32;
    }

    // ---- byte shifts and alignment ---------------------------------------------------------------------------
    /** PSLLDQ: shift left by {@code imm8} bytes (16 or more gives zero). */
    public static void pslldq(long[] regs, int dst, int imm8) {
        long lo = Xmm.lo(regs, dst);
        long hi = Xmm.hi(regs, dst);
        int n = Math.min(imm8 & 0xFF, 16) * 8;
        if (n == 0) {
            return;
        }
        if (n >= 128) {
            Xmm.set(regs, dst, 0, 0);
        } else if (n >= 64) {
            Xmm.set(regs, dst, 0, lo << (n - 64));
        } else {
            Xmm.set(regs, dst, lo << n, (hi << n) | (lo >>> (64 - n)));
        }
    }

    /** PSRLDQ: shift right by {@code imm8} bytes. */
    public static void psrldq(long[] regs, int dst, int imm8) {
        long lo = Xmm.lo(regs, dst);
        long hi = Xmm.hi(regs, dst);
        int n = Math.min(imm8 & 0xFF, 16) * 8;
        if (n == 0) {
            return;
        }
        if (n >= 128) {
            Xmm.set(regs, dst, 0, 0);
        } else if (n >= 64) {
            Xmm.set(regs, dst, hi >>> (n - 64), 0);
        } else {
            Xmm.set(regs, dst, (lo >>> n) | (hi << (64 - n)), hi >>> n);
        }
    }

    /** PALIGNR (SSSE3): bytes {@code imm8 .. imm8+15} of the 32-byte value {@code a:b} (b low), zeros beyond. */
    public static void palignr(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 16; i++) {
            int n = i + (imm8 & 0xFF);
            int v = n < 16 ? byteAt(bLo, bHi, n) : n < 32 ? byteAt(aLo, aHi, n - 16) : 0;
            if (i < 8) {
                lo = putB(lo, i, v);
            } else {
                hi = putB(hi, i - 8, v);
            }
        }
        Xmm.set(regs, dst, lo, hi);
    }

    /** PALIGNR with MMX registers: bytes {@code imm8 .. imm8+7} of {@code a:b}. */
    public static long palignrMmx(long a, long b, int imm8) {
        int n = imm8 & 0xFF;
        if (n >= 16) {
            return 0;
        }
        if (n >= 8) {
            return n == 8 ? a : a >>> (8 * (n - 8));
        }
        return n == 0 ? b : (b >>> (8 * n)) | (a << (64 - 8 * n));
    }

    // ---- sign / zero extension (SSE4.1) --------------------------------------------------------------------
    /**
     * PMOVSX / PMOVZX: the low elements of {@code b} of {@code from} bytes widened to {@code to} bytes
     * (BW 1->2, BD 1->4, BQ 1->8, WD 2->4, WQ 2->8, DQ 4->8).
     */
    public static void pmovx(long[] regs, int dst, long bLo, int from, int to, boolean signed) {
        int n = 16 / to;
        int fb = 8 * from;
        int tb = 8 * to;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < n; i++) {
            long v = bLo >>> (fb * i);
            v = signed ? (v << (64 - fb)) >> (64 - fb) : v & ((1L << fb) - 1);
            if (tb < 64) {
                v &= (1L << tb) - 1;
            }
            int bit = tb * i;
            if (bit < 64) {
                lo |= v << bit;
            } else {
                hi |= v << (bit - 64);
            }
        }
        Xmm.set(regs, dst, lo, hi);
    }

    // ---- blends (SSE4.1) -----------------------------------------------------------------------------------------
    private static long selectBytes(long a, long b, long byteMask) {
        return (a & ~byteMask) | (b & byteMask);
    }

    /** A mask covering the elements ({@code size} bytes each) of one half whose bits in {@code bits} are set,
     * starting at bit {@code first}. */
    private static long elementMask(int bits, int size, int first) {
        long m = 0;
        int per = 8 / size;
        for (int i = 0; i < per; i++) {
            if ((bits >> (first + i) & 1) != 0) {
                m |= (size == 8 ? -1L : ((1L << (8 * size)) - 1)) << (8 * size * i);
            }
        }
        return m;
    }

    /** PBLENDW ({@code size} 2), BLENDPS (4), BLENDPD (8): imm8 bit {@code i} selects element {@code i} of {@code b}. */
    public static void blend(long[] regs, int dst, long bLo, long bHi, int imm8, int size) {
        int per = 8 / size;
        Xmm.set(regs, dst, selectBytes(Xmm.lo(regs, dst), bLo, elementMask(imm8, size, 0)),
                selectBytes(Xmm.hi(regs, dst), bHi, elementMask(imm8, size, per)));
    }

    /** Byte mask from the top bit of each element of {@code mask}. */
    private static long signMask(long mask, int size) {
        long m = 0;
        int bits = 8 * size;
        for (int i = 0; i < 8 / size; i++) {
            if (((mask >>> (bits * i + bits - 1)) & 1) != 0) {
                m |= (size == 8 ? -1L : ((1L << bits) - 1)) << (bits * i);
            }
        }
        return m;
    }

    /** PBLENDVB (1), BLENDVPS (4), BLENDVPD (8): the sign bit of each element of the implicit XMM0 selects {@code b}. */
    public static void blendv(long[] regs, int dst, long bLo, long bHi, long maskLo, long maskHi, int size) {
        Xmm.set(regs, dst, selectBytes(Xmm.lo(regs, dst), bLo, signMask(maskLo, size)),
                selectBytes(Xmm.hi(regs, dst), bHi, signMask(maskHi, size)));
    }

    // ---- insert / extract / move masks ------------------------------------------------------------------------
    /** PINSRB (1), PINSRW (2), PINSRD (4), PINSRQ (8): element {@code imm8} (modulo the count) becomes {@code v}. */
    public static void pinsr(long[] regs, int dst, long v, int imm8, int size) {
        int bits = 8 * size;
        int idx = imm8 & (16 / size - 1);
        int bit = bits * idx;
        long mask = size == 8 ? -1L : (1L << bits) - 1;
        long lo = Xmm.lo(regs, dst);
        long hi = Xmm.hi(regs, dst);
        if (bit < 64) {
            lo = (lo & ~(mask << bit)) | ((v & mask) << bit);
        } else {
            hi = (hi & ~(mask << (bit - 64))) | ((v & mask) << (bit - 64));
        }
        Xmm.set(regs, dst, lo, hi);
    }

    /** PINSRW mm, r32/m16, imm8: word {@code imm8 & 3} of the MMX value replaced by the low word of {@code v}. */
    public static long pinsrwMmx(long a, long v, int imm8) {
        int bit = 16 * (imm8 & 3);
        return (a & ~(0xFFFFL << bit)) | ((v & 0xFFFF) << bit);
    }

    /** PEXTRW r32, mm, imm8: word {@code imm8 & 3}, zero-extended. */
    public static long pextrwMmx(long b, int imm8) {
        return (b >>> (16 * (imm8 & 3))) & 0xFFFF;
    }

    /** PMOVMSKB r32, mm: the top bit of each of the eight bytes. */
    public static long pmovmskbMmx(long b) {
        return pmovmskb(b, 0);
    }

    /** PEXTRB/W/D/Q and EXTRACTPS (size 4): element {@code imm8} (modulo the count), zero-extended. */
    public static long pextr(long bLo, long bHi, int imm8, int size) {
        int bits = 8 * size;
        int bit = bits * (imm8 & (16 / size - 1));
        long v = bit < 64 ? bLo >>> bit : bHi >>> (bit - 64);
        return size == 8 ? v : v & ((1L << bits) - 1);
    }

    /**
     * INSERTPS (SSE4.1): dword imm8[7:6] of {@code b} (register form; a memory operand supplies its dword as
     * {@code bLo} with imm8[7:6] ignored by the caller passing it as 0) replaces dword imm8[5:4] of the
     * destination, then dwords with imm8[3:0] bits set are zeroed.
     */
    public static void insertps(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long v = dwordAt(bLo, bHi, (imm8 >> 6) & 3) & 0xFFFFFFFFL;
        pinsr(regs, dst, v, (imm8 >> 4) & 3, 4);
        long zero = elementMask(imm8 & 0xF, 4, 0);
        long zeroHi = elementMask(imm8 & 0xF, 4, 2);
        Xmm.set(regs, dst, Xmm.lo(regs, dst) & ~zero, Xmm.hi(regs, dst) & ~zeroHi);
    }

    /** PMOVMSKB: the top bit of each byte, byte 0 in bit 0. */
    public static long pmovmskb(long bLo, long bHi) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            r |= ((bLo >>> (8 * i + 7)) & 1) << i;
            r |= ((bHi >>> (8 * i + 7)) & 1) << (i + 8);
        }
        return r;
    }

    /** MOVMSKPS. */
    public static long movmskps(long bLo, long bHi) {
        return (bLo >>> 31 & 1) | (bLo >>> 63) << 1 | (bHi >>> 31 & 1) << 2 | (bHi >>> 63) << 3;
    }

    /** MOVMSKPD. */
    public static long movmskpd(long bLo, long bHi) {
        return (bLo >>> 63) | (bHi >>> 63) << 1;
    }

    // ---- SSE3 moves ------------------------------------------------------------------------------------------
    /** MOVSLDUP: even dwords duplicated. */
    public static void movsldup(long[] regs, int dst, long bLo, long bHi) {
        Xmm.set(regs, dst, (bLo & 0xFFFFFFFFL) | (bLo << 32), (bHi & 0xFFFFFFFFL) | (bHi << 32));
    }

    /** MOVSHDUP: odd dwords duplicated. */
    public static void movshdup(long[] regs, int dst, long bLo, long bHi) {
        Xmm.set(regs, dst, (bLo >>> 32) | (bLo & 0xFFFFFFFF00000000L), (bHi >>> 32) | (bHi & 0xFFFFFFFF00000000L));
    }

    /** MOVDDUP: low qword duplicated. */
    public static void movddup(long[] regs, int dst, long bLo) {
        Xmm.set(regs, dst, bLo, bLo);
    }

    // ---- horizontal (SSSE3) ---------------------------------------------------------------------------------
    /** Kind of PHADD/PHSUB. */
    public enum Horizontal { ADDW, ADDD, ADDSW, SUBW, SUBD, SUBSW }

    /** One 64-bit half reduced pairwise to 32 bits. */
    static long horizontalHalf(Horizontal k, long x) {
        switch (k) {
            case ADDW: return putW(putW(0, 0, PackedArith.sw(x, 0) + PackedArith.sw(x, 1)), 1,
                    PackedArith.sw(x, 2) + PackedArith.sw(x, 3));
            case SUBW: return putW(putW(0, 0, PackedArith.sw(x, 0) - PackedArith.sw(x, 1)), 1,
                    PackedArith.sw(x, 2) - PackedArith.sw(x, 3));
            case ADDSW: return putW(putW(0, 0, satSW(PackedArith.sw(x, 0) + PackedArith.sw(x, 1))), 1,
                    satSW(PackedArith.sw(x, 2) + PackedArith.sw(x, 3)));
            case SUBSW: return putW(putW(0, 0, satSW(PackedArith.sw(x, 0) - PackedArith.sw(x, 1))), 1,
                    satSW(PackedArith.sw(x, 2) - PackedArith.sw(x, 3)));
            case ADDD: return (PackedArith.sd(x, 0) + PackedArith.sd(x, 1)) & 0xFFFFFFFFL;
            case SUBD: return (PackedArith.sd(x, 0) - PackedArith.sd(x, 1)) & 0xFFFFFFFFL;
        }
        throw new AssertionError(k);
    }

    /** PHADDW/PHADDD/PHADDSW/PHSUBW/PHSUBD/PHSUBSW: pairs of {@code a} in the low half, pairs of {@code b} high. */
    public static void horizontal(long[] regs, int dst, long bLo, long bHi, Horizontal k) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        Xmm.set(regs, dst, horizontalHalf(k, aLo) | horizontalHalf(k, aHi) << 32,
                horizontalHalf(k, bLo) | horizontalHalf(k, bHi) << 32);
    }

    /** The MMX forms of {@link #horizontal}. */
    public static long horizontalMmx(long a, long b, Horizontal k) {
        return horizontalHalf(k, a) | horizontalHalf(k, b) << 32;
    }

    // ---- SSE4.1 specials -------------------------------------------------------------------------------------
    /**
     * MPSADBW: for {@code i = 0..7}, word {@code i} = sum over {@code j = 0..3} of |a[aOff + i + j] - b[bOff + j]|
     * with {@code aOff = imm8[2] * 4} and {@code bOff = imm8[1:0] * 4} (byte indices).
     */
    public static void mpsadbw(long[] regs, int dst, long bLo, long bHi, int imm8) {
        long aLo = Xmm.lo(regs, dst);
        long aHi = Xmm.hi(regs, dst);
        int aOff = ((imm8 >> 2) & 1) * 4;
        int bOff = (imm8 & 3) * 4;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            int s = 0;
            for (int j = 0; j < 4; j++) {
                s += Math.abs(byteAt(aLo, aHi, aOff + i + j) - byteAt(bLo, bHi, bOff + j));
            }
            if (i < 4) {
                lo = putW(lo, i, s);
            } else {
                hi = putW(hi, i - 4, s);
            }
        }
        Xmm.set(regs, dst, lo, hi);
    }

    /** PHMINPOSUW: the minimum unsigned word of {@code b} in bits 15:0, its (lowest) index in bits 18:16, rest 0. */
    public static void phminposuw(long[] regs, int dst, long bLo, long bHi) {
        int min = wordAt(bLo, bHi, 0);
        int idx = 0;
        for (int i = 1; i < 8; i++) {
            int w = wordAt(bLo, bHi, i);
            if (w < min) {
                min = w;
                idx = i;
            }
        }
        Xmm.set(regs, dst, min | ((long) idx << 16), 0);
    }

    /** PTEST (SSE4.1): EFLAGS value of ZF/CF with AF, OF, PF, SF cleared (other bits of {@code rflags} kept). */
    public static long ptest(long rflags, long aLo, long aHi, long bLo, long bHi) {
        long f = rflags & ~(long) FpCompare.COMI_FLAGS;
        if (((aLo & bLo) | (aHi & bHi)) == 0) {
            f |= FpCompare.ZF;
        }
        if (((~aLo & bLo) | (~aHi & bHi)) == 0) {
            f |= FpCompare.CF;
        }
        return f;
    }
}
