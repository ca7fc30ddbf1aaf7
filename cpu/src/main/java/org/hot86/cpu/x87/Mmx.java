package org.hot86.cpu.x87;

/**
 * MMX semantics (SDM Vol. 1 ch. 9; Vol. 2 P*): every operation is a pure function on
 * 64-bit values, plus the x87-state rules of SDM 9.5-9.6.
 *
 * <p>Register file rules: MMi is the significand of physical x87 register Ri (not ST(i)).
 * Every MMX instruction except EMMS sets TOP to 0 and marks all eight registers valid
 * ({@link #enter}); a write to MMi also sets the exponent/sign field of Ri to all ones
 * ({@link #write}). EMMS marks all registers empty ({@link #emms}). The caller raises #MF
 * first if an x87 exception is pending (SDM 9.6.1).
 *
 * <p>Packed lanes: a 64-bit value holds 8 bytes, 4 words or 2 doublewords, lane 0 in the
 * least significant bits (little endian), e.g. for words:
 * <pre>
 *  63      48 47      32 31      16 15       0
 * [  word 3  ][  word 2  ][  word 1  ][  word 0  ]
 * </pre>
 */
public final class Mmx {
    private Mmx() { }

    /** MMX instructions with two 64-bit operands (destination first), for tables and tests. */
    public enum Op {
        PADDB, PADDW, PADDD, PADDQ, PADDSB, PADDSW, PADDUSB, PADDUSW,
        PSUBB, PSUBW, PSUBD, PSUBQ, PSUBSB, PSUBSW, PSUBUSB, PSUBUSW,
        PMULLW, PMULHW, PMULHUW, PMADDWD, PMULUDQ,
        PCMPEQB, PCMPEQW, PCMPEQD, PCMPGTB, PCMPGTW, PCMPGTD,
        PAND, PANDN, POR, PXOR,
        PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD,
        PACKSSWB, PACKSSDW, PACKUSWB,
        PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ, PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ,
        PAVGB, PAVGW, PMAXSW, PMAXUB, PMINSW, PMINUB, PSADBW;

        /** Applies the operation: returns dst OP src. */
        public long apply(long d, long s) {
            switch (this) {
                case PADDB: return paddb(d, s);
                case PADDW: return paddw(d, s);
                case PADDD: return paddd(d, s);
                case PADDQ: return d + s;
                case PADDSB: return lanes(d, s, 8, 1);
                case PADDSW: return lanes(d, s, 16, 1);
                case PADDUSB: return lanes(d, s, 8, 2);
                case PADDUSW: return lanes(d, s, 16, 2);
                case PSUBB: return psubb(d, s);
                case PSUBW: return psubw(d, s);
                case PSUBD: return psubd(d, s);
                case PSUBQ: return d - s;
                case PSUBSB: return lanes(d, s, 8, 3);
                case PSUBSW: return lanes(d, s, 16, 3);
                case PSUBUSB: return lanes(d, s, 8, 4);
                case PSUBUSW: return lanes(d, s, 16, 4);
                case PMULLW: return lanes(d, s, 16, 5);
                case PMULHW: return lanes(d, s, 16, 6);
                case PMULHUW: return lanes(d, s, 16, 7);
                case PMADDWD: return pmaddwd(d, s);
                case PMULUDQ: return (d & 0xffffffffL) * (s & 0xffffffffL);
                case PCMPEQB: return lanes(d, s, 8, 8);
                case PCMPEQW: return lanes(d, s, 16, 8);
                case PCMPEQD: return lanes(d, s, 32, 8);
                case PCMPGTB: return lanes(d, s, 8, 9);
                case PCMPGTW: return lanes(d, s, 16, 9);
                case PCMPGTD: return lanes(d, s, 32, 9);
                case PAND: return d & s;
                case PANDN: return ~d & s;
                case POR: return d | s;
                case PXOR: return d ^ s;
                case PSLLW: return psll(d, s, 16);
                case PSLLD: return psll(d, s, 32);
                case PSLLQ: return psll(d, s, 64);
                case PSRLW: return psrl(d, s, 16);
                case PSRLD: return psrl(d, s, 32);
                case PSRLQ: return psrl(d, s, 64);
                case PSRAW: return psra(d, s, 16);
                case PSRAD: return psra(d, s, 32);
                case PACKSSWB: return packsswb(d, s);
                case PACKSSDW: return packssdw(d, s);
                case PACKUSWB: return packuswb(d, s);
                case PUNPCKHBW: return unpack(d >>> 32, s >>> 32, 8);
                case PUNPCKHWD: return unpack(d >>> 32, s >>> 32, 16);
                case PUNPCKHDQ: return (d >>> 32) | (s & 0xffffffff00000000L);
                case PUNPCKLBW: return unpack(d, s, 8);
                case PUNPCKLWD: return unpack(d, s, 16);
                case PUNPCKLDQ: return (d & 0xffffffffL) | (s << 32);
                case PAVGB: return lanes(d, s, 8, 10);
                case PAVGW: return lanes(d, s, 16, 10);
                case PMAXSW: return lanes(d, s, 16, 11);
                case PMAXUB: return lanes(d, s, 8, 12);
                case PMINSW: return lanes(d, s, 16, 13);
                case PMINUB: return lanes(d, s, 8, 14);
                case PSADBW: return psadbw(d, s);
            }
            throw new AssertionError(this);
        }
    }

    // ------------------------------------------------------------------ register file

    /** Entry into MMX state by any MMX instruction except EMMS: TOP = 0, all tags valid. */
    public static void enter(X87State s) {
        s.top = 0;
        s.tagValid = 0xff;
    }

    /** Reads MMi (physical register i). */
    public static long read(X87State s, int i) {
        return s.m[i];
    }

    /** Writes MMi: significand = v, sign/exponent = all ones. */
    public static void write(X87State s, int i, long v) {
        s.m[i] = v;
        s.se[i] = 0xffff;
    }

    /** EMMS: all tags empty. */
    public static void emms(X87State s) {
        s.tagValid = 0;
    }

    /** Executes a two-operand MMX instruction MMd = MMd OP src with the state rules. */
    public static void execute(X87State s, Op op, int d, long src) {
        enter(s);
        write(s, d, op.apply(read(s, d), src));
    }

    // ------------------------------------------------------------------ wrap-around adds (SWAR)

    private static final long H8 = 0x8080808080808080L, H16 = 0x8000800080008000L, H32 = 0x8000000080000000L;

    public static long paddb(long a, long b) {
        return ((a & ~H8) + (b & ~H8)) ^ ((a ^ b) & H8);
    }

    public static long paddw(long a, long b) {
        return ((a & ~H16) + (b & ~H16)) ^ ((a ^ b) & H16);
    }

    public static long paddd(long a, long b) {
        return ((a & ~H32) + (b & ~H32)) ^ ((a ^ b) & H32);
    }

    public static long psubb(long a, long b) {
        return ((a | H8) - (b & ~H8)) ^ ((a ^ ~b) & H8);
    }

    public static long psubw(long a, long b) {
        return ((a | H16) - (b & ~H16)) ^ ((a ^ ~b) & H16);
    }

    public static long psubd(long a, long b) {
        return ((a | H32) - (b & ~H32)) ^ ((a ^ ~b) & H32);
    }

    // ------------------------------------------------------------------ per-lane operations

    /** Generic lane loop for the saturating, multiply, compare, average and min/max kinds. */
    static long lanes(long a, long b, int w, int kind) {
        long r = 0;
        long mask = w == 64 ? -1 : (1L << w) - 1;
        for (int sh = 0; sh < 64; sh += w) {
            long ua = (a >>> sh) & mask, ub = (b >>> sh) & mask;
            long sa = (ua << (64 - w)) >> (64 - w), sb = (ub << (64 - w)) >> (64 - w);
            long smin = -(1L << (w - 1)), smax = (1L << (w - 1)) - 1;
            long v;
            switch (kind) {
                case 1: v = Math.max(smin, Math.min(smax, sa + sb)); break;
                case 2: v = Math.min(mask, ua + ub); break;
                case 3: v = Math.max(smin, Math.min(smax, sa - sb)); break;
                case 4: v = Math.max(0, ua - ub); break;
                case 5: v = sa * sb; break;
                case 6: v = (sa * sb) >> 16; break;
                case 7: v = (ua * ub) >>> 16; break;
                case 8: v = ua == ub ? -1 : 0; break;
                case 9: v = sa > sb ? -1 : 0; break;
                case 10: v = (ua + ub + 1) >>> 1; break;
                case 11: v = Math.max(sa, sb); break;
                case 12: v = Math.max(ua, ub); break;
                case 13: v = Math.min(sa, sb); break;
                case 14: v = Math.min(ua, ub); break;
                default: throw new AssertionError(kind);
            }
            r |= (v & mask) << sh;
        }
        return r;
    }

    /** PMADDWD: dword i = a.w[2i]*b.w[2i] + a.w[2i+1]*b.w[2i+1] (wraps for 0x8000 products). */
    public static long pmaddwd(long a, long b) {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            long p0 = (long) (short) (a >>> (32 * i)) * (short) (b >>> (32 * i));
            long p1 = (long) (short) (a >>> (32 * i + 16)) * (short) (b >>> (32 * i + 16));
            r |= ((p0 + p1) & 0xffffffffL) << (32 * i);
        }
        return r;
    }

    /** PSADBW: sum of absolute byte differences in word 0, upper words zero. */
    public static long psadbw(long a, long b) {
        long sum = 0;
        for (int sh = 0; sh < 64; sh += 8) {
            sum += Math.abs(((a >>> sh) & 0xff) - ((b >>> sh) & 0xff));
        }
        return sum;
    }

    // ------------------------------------------------------------------ shifts (count = 64-bit operand or imm8)

    public static long psll(long a, long count, int w) {
        if (Long.compareUnsigned(count, w - 1) > 0) {
            return 0;
        }
        int c = (int) count;
        if (w == 64) {
            return a << c;
        }
        long lane = w == 16 ? 0xffffL : 0xffffffffL;
        long m = 0;
        for (int sh = 0; sh < 64; sh += w) {
            m |= ((lane << c) & lane) << sh;
        }
        return (a << c) & m;
    }

    public static long psrl(long a, long count, int w) {
        if (Long.compareUnsigned(count, w - 1) > 0) {
            return 0;
        }
        int c = (int) count;
        if (w == 64) {
            return a >>> c;
        }
        long lane = w == 16 ? 0xffffL : 0xffffffffL;
        long m = 0;
        for (int sh = 0; sh < 64; sh += w) {
            m |= (lane >>> c) << sh;
        }
        return (a >>> c) & m;
    }

    public static long psra(long a, long count, int w) {
        int c = Long.compareUnsigned(count, w - 1) > 0 ? w - 1 : (int) count;
        long r = 0;
        long lane = (1L << w) - 1;
        for (int sh = 0; sh < 64; sh += w) {
            long v = ((a >>> sh) << (64 - w)) >> (64 - w);
            r |= ((v >> c) & lane) << sh;
        }
        return r;
    }

    // ------------------------------------------------------------------ pack / unpack

    public static long packsswb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            long src = i < 4 ? a : b;
            long v = (short) (src >>> (16 * (i & 3)));
            r |= (Math.max(-128, Math.min(127, v)) & 0xff) << (8 * i);
        }
        return r;
    }

    public static long packuswb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            long src = i < 4 ? a : b;
            long v = (short) (src >>> (16 * (i & 3)));
            r |= Math.max(0, Math.min(255, v)) << (8 * i);
        }
        return r;
    }

    public static long packssdw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            long src = i < 2 ? a : b;
            long v = (int) (src >>> (32 * (i & 1)));
            r |= (Math.max(-32768, Math.min(32767, v)) & 0xffff) << (16 * i);
        }
        return r;
    }

    /** Interleaves the low 32 bits of a and b in lanes of width w (a first). */
    static long unpack(long a, long b, int w) {
        long r = 0;
        long mask = (1L << w) - 1;
        int n = 32 / w;
        for (int i = 0; i < n; i++) {
            r |= ((a >>> (w * i)) & mask) << (2 * w * i);
            r |= ((b >>> (w * i)) & mask) << (2 * w * i + w);
        }
        return r;
    }

    // ------------------------------------------------------------------ SSE extensions on MMX registers

    /** PSHUFW mm, mm/m64, imm8. */
    public static long pshufw(long s, int imm) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int sel = (imm >>> (2 * i)) & 3;
            r |= ((s >>> (16 * sel)) & 0xffff) << (16 * i);
        }
        return r;
    }

    /** PEXTRW r32, mm, imm8: zero-extended word imm&3. */
    public static int pextrw(long s, int imm) {
        return (int) ((s >>> (16 * (imm & 3))) & 0xffff);
    }

    /** PINSRW mm, r32/m16, imm8. */
    public static long pinsrw(long d, int v, int imm) {
        int sh = 16 * (imm & 3);
        return (d & ~(0xffffL << sh)) | ((long) (v & 0xffff) << sh);
    }

    /** PMOVMSKB r32, mm: the byte sign bits. */
    public static int pmovmskb(long s) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            r |= (int) ((s >>> (8 * i + 7)) & 1) << i;
        }
        return r;
    }

    /** MASKMOVQ: merges bytes of {@code data} into {@code old} where {@code mask} bytes have the sign bit. */
    public static long maskmovq(long old, long data, long mask) {
        long r = old;
        for (int i = 0; i < 8; i++) {
            if (((mask >>> (8 * i + 7)) & 1) != 0) {
                long bm = 0xffL << (8 * i);
                r = (r & ~bm) | (data & bm);
            }
        }
        return r;
    }
}
