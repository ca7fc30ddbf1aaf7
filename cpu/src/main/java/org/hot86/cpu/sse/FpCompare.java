package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.FpFormat.F32;
import static org.hot86.cpu.sse.FpFormat.F64;
import static org.hot86.cpu.sse.Mxcsr.IE;

/**
 * Comparisons: MINPS/MAXPS family, CMPPS/CMPPD/CMPSS/CMPSD with the SSE predicates 0-7, and COMISS/UCOMISS/
 * COMISD/UCOMISD (SDM Vol. 2 entries of those names; predicates in table "Comparison Predicate for CMPPS").
 */
public final class FpCompare {
    private FpCompare() {}

    /** Result of {@link #order}. */
    static final int LESS = 0, EQUAL = 1, GREATER = 2, UNORDERED = 3;

    /** Orders two non-NaN values (DAZ already applied); zeros of both signs are equal. */
    private static int orderNumbers(FpFormat f, long a, long b) {
        long ka = key(f, a);
        long kb = key(f, b);
        return ka < kb ? LESS : ka == kb ? EQUAL : GREATER;
    }

    private static long key(FpFormat f, long x) {
        long mag = x & ~f.signBit & f.allBits;
        return FpCore.isNeg(f, x) ? -mag : mag;
    }

    /**
     * Compares with NaN and denormal handling: IE for SNaN, and also for QNaN when {@code signalQNaN};
     * DE for denormal operands when no NaN is present (unless DAZ).
     */
    static int order(FpFormat f, long a, long b, boolean signalQNaN, SimdFpEnv env) {
        boolean an = FpCore.isNaN(f, a);
        boolean bn = FpCore.isNaN(f, b);
        if (an || bn) {
            if (signalQNaN || FpCore.isSNaN(f, a) || FpCore.isSNaN(f, b)) {
                env.pre |= IE;
            }
            return UNORDERED;
        }
        a = FpCore.daz(f, a, env);
        b = FpCore.daz(f, b, env);
        return orderNumbers(f, a, b);
    }

    /**
     * MIN/MAX element (SDM Vol. 2, MINPS: "MIN(SRC1, SRC2)"): the second source is returned unchanged (even an SNaN)
     * when either is a NaN or both are zeros; any NaN raises IE.
     */
    static long minMax(FpFormat f, long a, long b, boolean max, SimdFpEnv env) {
        int o = order(f, a, b, true, env);
        if (o == UNORDERED || o == EQUAL) {
            // The second source is returned as DAZ sees it, even when the first is the NaN (host-verified).
            return FpCore.dazQuiet(f, b, env);
        }
        return (o == LESS) != max ? FpCore.dazQuiet(f, a, env) : FpCore.dazQuiet(f, b, env);
    }

    /**
     * CMPPS predicate 0-7 (imm8[2:0]): EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD. LT, LE, NLT and NLE signal on QNaN.
     */
    static boolean predicate(FpFormat f, int pred, long a, long b, SimdFpEnv env) {
        int p = pred & 7;
        boolean signaling = p == 1 || p == 2 || p == 5 || p == 6;
        int o = order(f, a, b, signaling, env);
        switch (p) {
            case 0: return o == EQUAL;
            case 1: return o == LESS;
            case 2: return o == LESS || o == EQUAL;
            case 3: return o == UNORDERED;
            case 4: return o != EQUAL;
            case 5: return o != LESS;
            case 6: return !(o == LESS || o == EQUAL);
            default: return o != UNORDERED;
        }
    }

    /** {@code CMPPS xmm1, xmm2/m128, imm8} with imm8[2:0] as predicate (imm8[7:3] ignored by the SSE form). */
    public static boolean cmpps(SimdFpEnv env, int imm8, long aLo, long aHi, long bLo, long bHi) {
        long r0 = predicate(F32, imm8, SseFloat.lo32(aLo), SseFloat.lo32(bLo), env) ? 0xFFFFFFFFL : 0;
        long r1 = predicate(F32, imm8, SseFloat.hi32(aLo), SseFloat.hi32(bLo), env) ? 0xFFFFFFFFL : 0;
        long r2 = predicate(F32, imm8, SseFloat.lo32(aHi), SseFloat.lo32(bHi), env) ? 0xFFFFFFFFL : 0;
        long r3 = predicate(F32, imm8, SseFloat.hi32(aHi), SseFloat.hi32(bHi), env) ? 0xFFFFFFFFL : 0;
        env.lo = SseFloat.pack32(r0, r1);
        env.hi = SseFloat.pack32(r2, r3);
        return env.finish();
    }

    /** {@code CMPSS}. */
    public static boolean cmpss(SimdFpEnv env, int imm8, long aLo, long aHi, long b) {
        long r0 = predicate(F32, imm8, SseFloat.lo32(aLo), SseFloat.lo32(b), env) ? 0xFFFFFFFFL : 0;
        env.lo = (aLo & 0xFFFFFFFF00000000L) | r0;
        env.hi = aHi;
        return env.finish();
    }

    /** {@code CMPPD}. */
    public static boolean cmppd(SimdFpEnv env, int imm8, long aLo, long aHi, long bLo, long bHi) {
        long r0 = predicate(F64, imm8, aLo, bLo, env) ? -1L : 0;
        long r1 = predicate(F64, imm8, aHi, bHi, env) ? -1L : 0;
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code CMPSD} (the SSE2 compare, not the string instruction). */
    public static boolean cmpsd(SimdFpEnv env, int imm8, long aLo, long aHi, long b) {
        env.lo = predicate(F64, imm8, aLo, b, env) ? -1L : 0;
        env.hi = aHi;
        return env.finish();
    }

    /** EFLAGS bits. */
    public static final int CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, OF = 1 << 11;
    /** The EFLAGS bits COMISS and friends write (all others unchanged). */
    public static final int COMI_FLAGS = CF | PF | AF | ZF | SF | OF;

    private static boolean comi(FpFormat f, boolean signalQNaN, SimdFpEnv env, long a, long b) {
        int o = order(f, a, b, signalQNaN, env);
        env.lo = o == UNORDERED ? ZF | PF | CF : o == LESS ? CF : o == EQUAL ? ZF : 0;
        return env.finish();
    }

    /**
     * {@code COMISS} ({@code ordered = true}, IE on any NaN) / {@code UCOMISS} (IE on SNaN only). The new values of
     * {@link #COMI_FLAGS} go to {@link SimdFpEnv#lo()}: unordered ZF PF CF = 111, less 001, equal 100, greater 000;
     * OF, SF, AF cleared. EFLAGS is not written when the method returns false.
     */
    public static boolean comiss(boolean ordered, SimdFpEnv env, long a, long b) {
        return comi(F32, ordered, env, SseFloat.lo32(a), SseFloat.lo32(b));
    }

    /** {@code COMISD}/{@code UCOMISD}, as {@link #comiss}. */
    public static boolean comisd(boolean ordered, SimdFpEnv env, long a, long b) {
        return comi(F64, ordered, env, a, b);
    }
}
