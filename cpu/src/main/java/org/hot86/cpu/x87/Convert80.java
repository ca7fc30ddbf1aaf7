package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.F80.BIAS;
import static org.hot86.cpu.x87.F80.DENORMAL;
import static org.hot86.cpu.x87.F80.EXP_MAX;
import static org.hot86.cpu.x87.F80.J;
import static org.hot86.cpu.x87.F80.QNAN;
import static org.hot86.cpu.x87.F80.QUIET;
import static org.hot86.cpu.x87.F80.SNAN;
import static org.hot86.cpu.x87.F80.UNSUPPORTED;
import static org.hot86.cpu.x87.F80.ZERO;
import static org.hot86.cpu.x87.FpEnv.DE;
import static org.hot86.cpu.x87.FpEnv.IE;
import static org.hot86.cpu.x87.FpEnv.OE;
import static org.hot86.cpu.x87.FpEnv.PE;
import static org.hot86.cpu.x87.FpEnv.UE;

/**
 * Format conversions between the extended format and memory formats: binary32/binary64,
 * 16/32/64-bit integers and 18-digit packed BCD (SDM Vol. 1, 4.2, 4.7, 8.2; FLD, FST,
 * FILD, FIST, FISTTP, FBLD, FBSTP, FRNDINT).
 */
public final class Convert80 {
    private Convert80() { }

    // ---------------------------------------------------------------- binary32/64 -> extended

    /**
     * Exact widening of a binary32 ({@code ebits}=8, {@code fbits}=23) or binary64 (11, 52)
     * value into e.se/e.m without raising anything; SNaNs stay signalling and denormals are
     * normalised. Returns the operand class of the source (DENORMAL for source denormals).
     */
    static int widenRaw(FpEnv e, long bits, int ebits, int fbits) {
        int sign = (int) (bits >>> (ebits + fbits)) & 1;
        int ex = (int) (bits >>> fbits) & ((1 << ebits) - 1);
        long f = bits & ((1L << fbits) - 1);
        int bias = (1 << (ebits - 1)) - 1;
        int s = sign << 15;
        if (ex == (1 << ebits) - 1) {
            e.se = s | EXP_MAX;
            e.m = J | (f << (63 - fbits));
            return f == 0 ? F80.INF : ((f >>> (fbits - 1)) != 0 ? QNAN : SNAN);
        }
        if (ex == 0) {
            if (f == 0) {
                e.se = s;
                e.m = 0;
                return ZERO;
            }
            int lz = Long.numberOfLeadingZeros(f);
            e.m = f << lz;
            // value = f * 2^(1-bias-fbits); f<<lz has integer bit at 63
            e.se = s | (1 - bias - fbits + 63 - lz + BIAS);
            return DENORMAL;
        }
        e.se = s | (ex - bias + BIAS);
        e.m = J | (f << (63 - fbits));
        return F80.NORMAL;
    }

    /** FLD m32fp / m64fp conversion: IE on SNaN (result quieted), DE on a denormal source. */
    public static void load(FpEnv e, long bits, boolean dbl) {
        e.begin();
        int c = dbl ? widenRaw(e, bits, 11, 52) : widenRaw(e, bits, 8, 23);
        if (c == SNAN) {
            if (!e.raise(IE)) {
                e.m |= QUIET;
            }
        } else if (c == DENORMAL) {
            // host-verified: the load completes even when DE is unmasked
            e.flags |= DE;
        }
    }

    // ---------------------------------------------------------------- extended -> binary32/64

    /** FST m32fp: returns the binary32 bits (valid unless e.noResult). */
    public static int toF32(FpEnv e, int se, long m) {
        return (int) narrow(e, se, m, 24, 8);
    }

    /** FST m64fp: returns the binary64 bits (valid unless e.noResult). */
    public static long toF64(FpEnv e, int se, long m) {
        return narrow(e, se, m, 53, 11);
    }

    static long narrow(FpEnv e, int se, long m, int prec, int ebits) {
        e.begin();
        int fbits = prec - 1;
        int bias = (1 << (ebits - 1)) - 1;
        int expAll = (1 << ebits) - 1;
        long sign = (long) ((se >>> 15) & 1) << (ebits + fbits);
        int c = F80.classify(se, m);
        switch (c) {
            case UNSUPPORTED:
                if (e.raise(IE)) {
                    return 0;
                }
                return (1L << (ebits + fbits)) | ((long) expAll << fbits) | (1L << (fbits - 1));
            case SNAN:
                if (e.raise(IE)) {
                    return 0;
                }
                // fall through
            case QNAN:
                return sign | ((long) expAll << fbits) | (1L << (fbits - 1)) | ((m << 1) >>> (64 - fbits));
            case F80.INF:
                return sign | ((long) expAll << fbits);
            case ZERO:
                return sign;
            default:
                break;
        }
        // no DE: the extended source is not a denormal *operand* of an arithmetic op (host-verified)
        boolean neg = sign != 0;
        int rc = e.rc();
        int t = SoftFloat80.nexp(se, m) - BIAS + bias;
        long sig = SoftFloat80.nsig(m);
        if (t >= 1) {
            long r = SoftFloat80.rnd(e, sig, 0, prec, rc, neg);
            if (e.rCarry) {
                r = J;
                t++;
            }
            if (t >= expAll) {
                if (e.raise(OE)) {
                    return 0;
                }
                e.flags |= PE;
                if (SoftFloat80.overflowToInf(rc, neg)) {
                    e.c1 = true;
                    return sign | ((long) expAll << fbits);
                }
                return sign | ((long) (expAll - 1) << fbits) | ((1L << fbits) - 1);
            }
            if (e.rInexact) {
                e.flags |= PE;
            }
            e.c1 = e.rUp;
            return sign | ((long) t << fbits) | ((r << 1) >>> (64 - fbits));
        }
        boolean tiny = true;
        if (!SoftFloat80.tinyBeforeRounding && t == 0) {
            SoftFloat80.rnd(e, sig, 0, prec, rc, neg);
            tiny = !e.rCarry;
        }
        if (!e.masked(UE)) {
            if (tiny) {
                e.raise(UE);
                return 0;
            }
        }
        shrJam(e, sig, 0, 1 - t);
        long r = SoftFloat80.rnd(e, e.tHi, e.tLo, prec, rc, neg);
        int rt;
        if (e.rCarry) {
            r = J;
            rt = 1;
        } else {
            rt = r < 0 ? 1 : 0;
        }
        if (e.rInexact) {
            e.flags |= PE | (tiny ? UE : 0);
        }
        e.c1 = e.rUp;
        return sign | ((long) rt << fbits) | ((r << 1) >>> (64 - fbits));
    }

    /** Shifts hi:lo right by sh (&gt;= 0) jamming lost bits into bit 0 of the result (e.tHi/e.tLo). */
    static void shrJam(FpEnv e, long hi, long lo, int sh) {
        if (sh == 0) {
            e.tHi = hi;
            e.tLo = lo;
        } else if (sh >= 128) {
            e.tHi = 0;
            e.tLo = (hi | lo) != 0 ? 1 : 0;
        } else if (sh >= 64) {
            int s = sh - 64;
            long nl = s == 0 ? hi : hi >>> s;
            boolean st = lo != 0 || (s > 0 && (hi << (64 - s)) != 0);
            e.tHi = 0;
            e.tLo = nl | (st ? 1 : 0);
        } else {
            boolean st = (lo << (64 - sh)) != 0;
            e.tLo = (lo >>> sh) | (hi << (64 - sh)) | (st ? 1 : 0);
            e.tHi = hi >>> sh;
        }
    }

    // ---------------------------------------------------------------- integers

    /**
     * Rounds a finite value to an integer magnitude per {@code rc}; returns the magnitude
     * (unsigned) and sets rInexact/rUp; rCarry signals a magnitude of 2^64 or more.
     */
    static long roundToIntMag(FpEnv e, int se, long m, int rc) {
        e.rInexact = false;
        e.rUp = false;
        e.rCarry = false;
        if ((se & EXP_MAX) == 0 && m == 0) {
            return 0;
        }
        int ue = SoftFloat80.nexp(se, m) - BIAS;
        long sig = SoftFloat80.nsig(m);
        if (ue >= 64) {
            e.rCarry = true;
            return 0;
        }
        long ip, frac;
        if (ue >= 63) {
            return sig;
        } else if (ue >= 0) {
            ip = sig >>> (63 - ue);
            frac = sig << (ue + 1);
        } else if (ue >= -64) {
            ip = 0;
            int k = -ue - 1;
            frac = k == 0 ? sig : (sig >>> k) | (k > 0 && (sig << (64 - k)) != 0 ? 1 : 0);
        } else {
            ip = 0;
            frac = 1;
        }
        if (frac == 0) {
            return ip;
        }
        e.rInexact = true;
        boolean neg = (se & 0x8000) != 0;
        boolean inc;
        switch (rc) {
            case 0: inc = frac < 0 && ((frac << 1) != 0 || (ip & 1) != 0); break;
            case 1: inc = neg; break;
            case 2: inc = !neg; break;
            default: inc = false; break;
        }
        if (inc) {
            e.rUp = true;
            ip++;
            if (ip == 0) {
                e.rCarry = true;
            }
        }
        return ip;
    }

    /**
     * FIST/FISTP/FISTTP to a {@code bits}-wide integer (16, 32, 64). Returns the integer
     * (sign-extended) or the integer indefinite on a masked invalid; e.noResult when IE is
     * unmasked. {@code truncate} selects FISTTP (round toward zero regardless of RC).
     */
    public static long toInt(FpEnv e, int se, long m, int bits, boolean truncate) {
        e.begin();
        long indef = Long.MIN_VALUE >> (64 - bits);
        int c = F80.classify(se, m);
        if (c >= F80.INF) {
            e.raise(IE);
            return indef;
        }
        long mag = roundToIntMag(e, se, m, truncate ? 3 : e.rc());
        boolean neg = (se & 0x8000) != 0;
        long lim = 1L << (bits - 1); // as unsigned for bits = 64
        boolean out = e.rCarry || (neg ? Long.compareUnsigned(mag, lim) > 0 : Long.compareUnsigned(mag, lim - 1) > 0);
        if (out) {
            e.c1 = false;
            e.raise(IE);
            return indef;
        }
        if (e.rInexact) {
            e.flags |= PE;
        }
        e.c1 = e.rUp;
        return neg ? -mag : mag;
    }

    /** FRNDINT (SDM FRNDINT): round ST(0) to an integral value per RC. */
    public static void roundInt(FpEnv e, int se, long m) {
        e.begin();
        int c = F80.classify(se, m);
        if (c >= F80.INF) {
            if (!SoftFloat80.nan1(e, c, se, m)) {
                e.se = se;
                e.m = m;
            }
            return;
        }
        if (c == ZERO) {
            e.se = se;
            e.m = m;
            return;
        }
        if (c == DENORMAL && e.raise(DE)) {
            return;
        }
        if (SoftFloat80.nexp(se, m) - BIAS >= 63) {
            e.se = se;
            e.m = m;
            return;
        }
        long mag = roundToIntMag(e, se, m, e.rc());
        if (e.rInexact) {
            e.flags |= PE;
        }
        e.c1 = e.rUp;
        int sign = se & 0x8000;
        if (mag == 0) {
            e.se = sign;
            e.m = 0;
            return;
        }
        int lz = Long.numberOfLeadingZeros(mag);
        e.se = sign | (BIAS + 63 - lz);
        e.m = mag << lz;
    }

    /** FILD: exact conversion of a signed integer. */
    public static void fromInt(FpEnv e, long v) {
        e.begin();
        e.se = F80.intSe(v);
        e.m = F80.intSig(v);
    }

    // ---------------------------------------------------------------- packed BCD

    /**
     * FBLD: converts 10 bytes of packed BCD (byte 9 bit 7 sign, bytes 0-8 eighteen digits,
     * least significant first) exactly. Invalid digits give an undefined value (here:
     * digits are weighted as-is).
     */
    public static void fromBcd(FpEnv e, byte[] b, int off) {
        e.begin();
        long v = 0;
        for (int i = 8; i >= 0; i--) {
            int d = b[off + i] & 0xff;
            v = v * 100 + (d >>> 4) * 10 + (d & 15);
        }
        int sign = (b[off + 9] & 0x80) != 0 ? 0x8000 : 0;
        if (v == 0) {
            e.se = sign;
            e.m = 0;
            return;
        }
        e.se = sign | F80.intSe(v);
        e.m = F80.intSig(v);
    }

    /** FBSTP: stores ST(0) as packed BCD into b[off..off+9]; false when nothing may be stored. */
    public static boolean toBcd(FpEnv e, int se, long m, byte[] b, int off) {
        e.begin();
        int c = F80.classify(se, m);
        long mag = 0;
        boolean bad = c >= F80.INF;
        if (!bad) {
            mag = roundToIntMag(e, se, m, e.rc());
            bad = e.rCarry || Long.compareUnsigned(mag, 999_999_999_999_999_999L) > 0;
        }
        if (bad) {
            e.c1 = false;
            if (e.raise(IE)) {
                return false;
            }
            for (int i = 0; i < 7; i++) {
                b[off + i] = 0;
            }
            b[off + 7] = (byte) 0xc0;
            b[off + 8] = (byte) 0xff;
            b[off + 9] = (byte) 0xff;
            return true;
        }
        if (e.rInexact) {
            e.flags |= PE;
        }
        e.c1 = e.rUp;
        for (int i = 0; i < 9; i++) {
            int lo = (int) (mag % 10);
            mag /= 10;
            int hi = (int) (mag % 10);
            mag /= 10;
            b[off + i] = (byte) ((hi << 4) | lo);
        }
        b[off + 9] = (byte) ((se & 0x8000) != 0 ? 0x80 : 0);
        return true;
    }
}
