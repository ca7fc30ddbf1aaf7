package org.hot86.cpu.sse;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators that favour the values where SSE semantics are subtle: signed zeros, denormals, infinities, QNaN and
 * SNaN with payloads, the extremes of the exponent range, values next to integer-conversion boundaries and
 * halfway cases; pairs of operands that cancel or nearly do; random MXCSR states. Category 0 of every choice is the
 * simplest value, so QuickTheories shrinks towards it.
 */
final class Gens {
    private Gens() {}

    static long pick(RandomnessSource in, long lo, long hi) {
        return in.next(Constraint.between(lo, hi));
    }

    static final long[] F32_SPECIAL = {
        0x00000000L, 0x00000001L, 0x007FFFFFL, 0x00800000L, 0x00800001L, 0x3F800000L, 0x7F7FFFFFL, 0x7F800000L,
        0x7FC00000L, 0x7F800001L, 0x7FBFFFFFL, 0x7FFFFFFFL, 0x4F000000L, 0x4EFFFFFFL, 0x4F000001L, 0x5F000000L,
        0x5EFFFFFFL, 0x3F000000L, 0x3FC00000L, 0x40200000L, 0x3EFFFFFFL, 0x3F000001L, 0x4B000000L, 0x4B7FFFFFL,
        0x00400000L, 0x1F800000L, 0x5F800000L, 0x0C000000L, 0x72800000L, 0x34000000L,
    };

    static final long[] F64_SPECIAL = {
        0L, 1L, 0x000FFFFFFFFFFFFFL, 0x0010000000000000L, 0x0010000000000001L, 0x3FF0000000000000L,
        0x7FEFFFFFFFFFFFFFL, 0x7FF0000000000000L, 0x7FF8000000000000L, 0x7FF0000000000001L, 0x7FF7FFFFFFFFFFFFL,
        0x7FFFFFFFFFFFFFFFL, 0x41E0000000000000L, 0x41DFFFFFFFC00000L, 0x41E0000000100000L, 0x41DFFFFFFFE00000L,
        0x43E0000000000000L, 0x43DFFFFFFFFFFFFFL, 0x3FE0000000000000L, 0x3FF8000000000000L, 0x4004000000000000L,
        0x3FDFFFFFFFFFFFFFL, 0x4330000000000000L, 0x433FFFFFFFFFFFFFL, 0x0008000000000000L, 0x36A0000000000000L,
        0x47F0000000000000L, 0x3810000000000000L, 0x380FFFFFFFFFFFFFL, 0x3CB0000000000000L,
        0x47EFFFFFE0000000L, 0x47EFFFFFF0000000L, 0x36A0000000000001L, 0x41E0000000200000L,
    };

    /** One floating-point element of format {@code f} (raw bits). */
    static long fp(RandomnessSource in, FpFormat f) {
        int k = (int) pick(in, 0, 11);
        long sign = pick(in, 0, 1) == 0 ? 0 : f.signBit;
        long[] special = f == FpFormat.F32 ? F32_SPECIAL : F64_SPECIAL;
        switch (k) {
            case 0:
            case 1:
                return sign | special[(int) pick(in, 0, special.length - 1)];
            case 2: // denormal
                return sign | pick(in, 1, f.fracMask);
            case 3: { // NaN with payload, quiet or signalling
                long payload = pick(in, 1, f.fracMask);
                return sign | f.infBits | payload;
            }
            case 4: // tiny normals
                return sign | (pick(in, 1, 30) << f.frac) | pick(in, 0, f.fracMask);
            case 5: // huge normals
                return sign | (pick(in, f.expMax - 30, f.expMax - 1) << f.frac) | pick(in, 0, f.fracMask);
            case 6: // moderate values, near the conversion ranges too
                return sign | (pick(in, f.bias - 30, f.bias + 66) << f.frac) | pick(in, 0, f.fracMask);
            case 7: { // few significant bits: exact cases and halfway cases
                long frac = pick(in, 0, 15) << (f.frac - 4 - pick(in, 0, f.frac - 4));
                return sign | (pick(in, f.bias - 3, f.bias + 64) << f.frac) | (frac & f.fracMask);
            }
            case 8: { // integers + 0.5 and neighbours around them
                long v = pick(in, 0, 1L << 20);
                double d = v + 0.5 * pick(in, 0, 1);
                long bits = f == FpFormat.F32 ? Float.floatToRawIntBits((float) d) & 0xFFFFFFFFL
                        : Double.doubleToRawLongBits(d);
                return sign | (bits + pick(in, -1, 1)) & ~f.signBit & f.allBits;
            }
            default:
                return f == FpFormat.F64 ? bits(in) : pick(in, 0, f.allBits);
        }
    }

    /** A pair of elements, sometimes related (near-equal, near-opposite, exponent-close). */
    static long[] fpPair(RandomnessSource in, FpFormat f) {
        long a = fp(in, f);
        int k = (int) pick(in, 0, 7);
        long b;
        switch (k) {
            case 6:
            case 7: { // product or quotient of a and b lands within a few ulps of the smallest normal (or 2^-k)
                boolean dbl = f == FpFormat.F64;
                double av = dbl ? Double.longBitsToDouble(a) : Float.intBitsToFloat((int) a);
                double target = (dbl ? Double.MIN_NORMAL : Float.MIN_NORMAL) * Math.scalb(1.0, (int) pick(in, -2, 2));
                double bv = k == 6 ? target / av : av / target;
                long bb = dbl ? Double.doubleToRawLongBits(bv) : Float.floatToRawIntBits((float) bv) & 0xFFFFFFFFL;
                b = (bb + pick(in, -2, 2)) & f.allBits;
                break;
            }
            case 0:
            case 1:
            case 2:
                b = fp(in, f);
                break;
            case 3: // near-equal magnitude, either sign: cancellation and exact results
                b = ((a + pick(in, -3, 3)) & ~f.signBit & f.allBits) | (pick(in, 0, 1) == 0 ? 0 : f.signBit);
                break;
            case 4: { // exponent close to a's
                long e = ((a & ~f.signBit & f.allBits) >>> f.frac) + pick(in, -f.frac - 3, f.frac + 3);
                e = Math.max(0, Math.min(f.expMax, e));
                b = (pick(in, 0, 1) == 0 ? 0 : f.signBit) | (e << f.frac) | pick(in, 0, f.fracMask);
                break;
            }
            default: // few bits, for products/quotients that land exactly
                b = (pick(in, 0, 1) == 0 ? 0 : f.signBit) | (pick(in, f.bias - 4, f.bias + 4) << f.frac)
                        | ((pick(in, 0, 7) << (f.frac - 3)) & f.fracMask);
                break;
        }
        return new long[] {a, b};
    }

    /** MXCSR: any rounding, FTZ/DAZ often, mostly all-masked, sometimes random masks and pre-set flags. */
    static int mxcsr(RandomnessSource in) {
        int m = Mxcsr.DEFAULT;
        m |= (int) pick(in, 0, 3) << Mxcsr.RC_SHIFT;
        if (pick(in, 0, 3) == 3) {
            m |= Mxcsr.DAZ;
        }
        if (pick(in, 0, 3) == 3) {
            m |= Mxcsr.FTZ;
        }
        if (pick(in, 0, 3) == 3) {
            m &= ~Mxcsr.MASKS;
            m |= (int) pick(in, 0, 63) << 7;
        }
        if (pick(in, 0, 4) == 4) {
            m |= (int) pick(in, 0, 63);
        }
        return m;
    }

    static long bits(RandomnessSource in) {
        return pick(in, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Input state: xmm0/xmm1 (and xmm2/3 random) hold format-{@code f} elements, operands often related. */
    static Gen<MachineState> fpState(FpFormat f) {
        return in -> {
            MachineState s = new MachineState();
            s.mxcsr = mxcsr(in);
            s.rflags = 0x202 | (bits(in) & FpCompare.COMI_FLAGS);
            for (int half = 0; half < 2; half++) {
                if (f == FpFormat.F64) {
                    long[] p = fpPair(in, f);
                    s.xmm[half] = p[0];
                    s.xmm[2 + half] = p[1];
                } else {
                    long[] p = fpPair(in, f);
                    long[] q = fpPair(in, f);
                    s.xmm[half] = p[0] | (q[0] << 32);
                    s.xmm[2 + half] = p[1] | (q[1] << 32);
                }
            }
            for (int i = 4; i < 8; i++) {
                s.xmm[i] = bits(in);
            }
            for (int i = 0; i < 4; i++) {
                s.gpr[i] = bits(in);
            }
            return s;
        };
    }

    /** Integers that stress int-to-float rounding: small, powers of two and neighbours, 25-bit/54-bit patterns. */
    static long intEdge(RandomnessSource in) {
        switch ((int) pick(in, 0, 5)) {
            case 0:
                return pick(in, -1000, 1000);
            case 1:
                return (pick(in, 0, 1) == 0 ? 1L : -1L) * (1L << pick(in, 0, 63)) + pick(in, -3, 3);
            case 2:
                return (int) bits(in);
            case 3:
                return pick(in, 0, (1L << 25) - 1) << pick(in, 0, 39) | (pick(in, 0, 1) == 0 ? 0 : Long.MIN_VALUE);
            case 4:
                return pick(in, 0, (1L << 55) - 1) << pick(in, 0, 9) ^ -pick(in, 0, 1);
            default:
                return bits(in);
        }
    }

    /** {@link #fpState} with an edge integer in rax. */
    static Gen<MachineState> fpStateWithInt(FpFormat f) {
        Gen<MachineState> base = fpState(f);
        return in -> {
            MachineState s = base.generate(in);
            s.gpr[MachineState.RAX] = intEdge(in);
            return s;
        };
    }

    static final int[] EDGE_WORDS = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x0080, 0x8080, 0x7F7F, 0xFF00,
        0x00FF, 0x0100, 0x8001, 0xFFFE};

    /** A 64-bit half whose bytes/words favour saturation and sign boundaries. */
    static long intHalf(RandomnessSource in) {
        switch ((int) pick(in, 0, 3)) {
            case 0:
                return 0;
            case 1:
                return bits(in);
            default: {
                long r = 0;
                for (int i = 0; i < 4; i++) {
                    long w = pick(in, 0, 1) == 0 ? EDGE_WORDS[(int) pick(in, 0, EDGE_WORDS.length - 1)]
                            : pick(in, 0, 0xFFFF);
                    r |= w << (16 * i);
                }
                return r;
            }
        }
    }

    /** Integer-SIMD input: xmm0..xmm3 from {@link #intHalf}, xmm1 sometimes equal to xmm0 (element-wise), edge GPRs. */
    static Gen<MachineState> intState() {
        return in -> {
            MachineState s = new MachineState();
            s.mxcsr = Mxcsr.DEFAULT;
            s.rflags = 0x202 | (bits(in) & FpCompare.COMI_FLAGS);
            for (int i = 0; i < 8; i++) {
                s.xmm[i] = intHalf(in);
            }
            if (pick(in, 0, 4) == 0) {
                long mask = intHalf(in);
                s.xmm[2] = (s.xmm[0] & mask) | (s.xmm[2] & ~mask);
                s.xmm[3] = (s.xmm[1] & ~mask) | (s.xmm[3] & mask);
            }
            for (int i = 0; i < 4; i++) {
                s.gpr[i] = intEdge(in);
            }
            return s;
        };
    }

    /** {@link #intState} with a shift count in xmm1's low qword: usually small, sometimes huge. */
    static Gen<MachineState> shiftState() {
        Gen<MachineState> base = intState();
        return in -> {
            MachineState s = base.generate(in);
            s.xmm[2] = pick(in, 0, 3) == 0 ? bits(in) : pick(in, 0, 70);
            return s;
        };
    }

    /** Strings for PCMPxSTRx: elements from a tiny alphabet with zeros, lengths in rax/rdx near the valid range. */
    static Gen<MachineState> stringState() {
        Gen<MachineState> base = intState();
        return in -> {
            MachineState s = base.generate(in);
            for (int r = 0; r < 4; r++) {
                if (pick(in, 0, 3) == 0) {
                    continue; // keep intHalf's values
                }
                long v = 0;
                int alphabet = (int) pick(in, 1, 6);
                for (int b = 0; b < 8; b++) {
                    long c = pick(in, 0, 15) == 0 ? 0 : 0x40 + pick(in, 0, alphabet);
                    if (pick(in, 0, 7) == 0) {
                        c = pick(in, 0, 255);
                    }
                    v |= c << (8 * b);
                }
                s.xmm[r] = v;
            }
            for (int g : new int[] {MachineState.RAX, MachineState.RDX}) {
                switch ((int) pick(in, 0, 3)) {
                    case 0: s.gpr[g] = intEdge(in); break;
                    case 1: s.gpr[g] = pick(in, -20, 20) ^ (pick(in, 0, 1) << 32); break;
                    default: s.gpr[g] = pick(in, 0, 17); break;
                }
            }
            return s;
        };
    }
}
