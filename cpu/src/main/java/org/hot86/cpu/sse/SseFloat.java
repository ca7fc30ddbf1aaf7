package org.hot86.cpu.sse;

import static org.hot86.cpu.sse.FpFormat.F32;
import static org.hot86.cpu.sse.FpFormat.F64;

/**
 * SSE/SSE2/SSE3/SSE4.1 floating-point arithmetic instructions on 128-bit values (SDM Vol. 1, chapters 10-12;
 * Vol. 2 entries ADDPS .. SQRTSD, MINPS/MAXPS, ADDSUBPS, HADDPS, HSUBPS, DPPS, DPPD).
 *
 * <p>Operands are passed as {@code (lo, hi)} 64-bit halves; {@code a} is the first source (the destination
 * register), {@code b} the second (register or memory). Results go to {@link SimdFpEnv#lo()}/{@link SimdFpEnv#hi()}.
 * Each method returns {@code true} when the destination may be written; {@code false} means an unmasked SIMD
 * floating-point exception (see {@link SimdFpEnv} for the calling protocol). Scalar forms keep the upper elements of
 * {@code a}.
 */
public final class SseFloat {
    private SseFloat() {}

    static long lane(FpFormat f, FpBinaryOp op, long a, long b, SimdFpEnv env) {
        switch (op) {
            case ADD: return FpCore.add(f, a, b, env);
            case SUB: return FpCore.sub(f, a, b, env);
            case MUL: return FpCore.mul(f, a, b, env);
            case DIV: return FpCore.div(f, a, b, env);
            case MIN: return FpCompare.minMax(f, a, b, false, env);
            case MAX: return FpCompare.minMax(f, a, b, true, env);
        }
        throw new AssertionError(op);
    }

    static long lo32(long x) {
        return x & 0xFFFFFFFFL;
    }

    static long hi32(long x) {
        return x >>> 32;
    }

    static long pack32(long l, long h) {
        return (l & 0xFFFFFFFFL) | (h << 32);
    }

    /** {@code ADDPS/SUBPS/MULPS/DIVPS/MINPS/MAXPS}. */
    public static boolean packedSingle(FpBinaryOp op, SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        long r0 = lane(F32, op, lo32(aLo), lo32(bLo), env);
        long r1 = lane(F32, op, hi32(aLo), hi32(bLo), env);
        long r2 = lane(F32, op, lo32(aHi), lo32(bHi), env);
        long r3 = lane(F32, op, hi32(aHi), hi32(bHi), env);
        env.lo = pack32(r0, r1);
        env.hi = pack32(r2, r3);
        return env.finish();
    }

    /** {@code ADDSS/SUBSS/MULSS/DIVSS/MINSS/MAXSS}: element 0 only; {@code b} is the low 32 bits used. */
    public static boolean scalarSingle(FpBinaryOp op, SimdFpEnv env, long aLo, long aHi, long b) {
        long r0 = lane(F32, op, lo32(aLo), lo32(b), env);
        env.lo = (aLo & 0xFFFFFFFF00000000L) | r0;
        env.hi = aHi;
        return env.finish();
    }

    /** {@code ADDPD/SUBPD/MULPD/DIVPD/MINPD/MAXPD}. */
    public static boolean packedDouble(FpBinaryOp op, SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        long r0 = lane(F64, op, aLo, bLo, env);
        long r1 = lane(F64, op, aHi, bHi, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code ADDSD/SUBSD/MULSD/DIVSD/MINSD/MAXSD}. */
    public static boolean scalarDouble(FpBinaryOp op, SimdFpEnv env, long aLo, long aHi, long b) {
        env.lo = lane(F64, op, aLo, b, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code SQRTPS}: square roots of the four elements of {@code b}. */
    public static boolean sqrtps(SimdFpEnv env, long bLo, long bHi) {
        long r0 = FpCore.sqrt(F32, lo32(bLo), env);
        long r1 = FpCore.sqrt(F32, hi32(bLo), env);
        long r2 = FpCore.sqrt(F32, lo32(bHi), env);
        long r3 = FpCore.sqrt(F32, hi32(bHi), env);
        env.lo = pack32(r0, r1);
        env.hi = pack32(r2, r3);
        return env.finish();
    }

    /** {@code SQRTSS}: element 0 is the root of {@code b}'s low element, the rest of {@code a} is kept. */
    public static boolean sqrtss(SimdFpEnv env, long aLo, long aHi, long b) {
        env.lo = (aLo & 0xFFFFFFFF00000000L) | FpCore.sqrt(F32, lo32(b), env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code SQRTPD}. */
    public static boolean sqrtpd(SimdFpEnv env, long bLo, long bHi) {
        long r0 = FpCore.sqrt(F64, bLo, env);
        long r1 = FpCore.sqrt(F64, bHi, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code SQRTSD}. */
    public static boolean sqrtsd(SimdFpEnv env, long aLo, long aHi, long b) {
        env.lo = FpCore.sqrt(F64, b, env);
        env.hi = aHi;
        return env.finish();
    }

    /** {@code ADDSUBPS} (SSE3): even elements subtract, odd elements add. */
    public static boolean addsubps(SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        long r0 = FpCore.sub(F32, lo32(aLo), lo32(bLo), env);
        long r1 = FpCore.add(F32, hi32(aLo), hi32(bLo), env);
        long r2 = FpCore.sub(F32, lo32(aHi), lo32(bHi), env);
        long r3 = FpCore.add(F32, hi32(aHi), hi32(bHi), env);
        env.lo = pack32(r0, r1);
        env.hi = pack32(r2, r3);
        return env.finish();
    }

    /** {@code ADDSUBPD} (SSE3). */
    public static boolean addsubpd(SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        long r0 = FpCore.sub(F64, aLo, bLo, env);
        long r1 = FpCore.add(F64, aHi, bHi, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /** {@code HADDPS}/{@code HSUBPS} (SSE3): {@code [a0 op a1, a2 op a3, b0 op b1, b2 op b3]}. */
    public static boolean horizontalps(boolean subtract, SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        FpBinaryOp op = subtract ? FpBinaryOp.SUB : FpBinaryOp.ADD;
        long r0 = lane(F32, op, lo32(aLo), hi32(aLo), env);
        long r1 = lane(F32, op, lo32(aHi), hi32(aHi), env);
        long r2 = lane(F32, op, lo32(bLo), hi32(bLo), env);
        long r3 = lane(F32, op, lo32(bHi), hi32(bHi), env);
        env.lo = pack32(r0, r1);
        env.hi = pack32(r2, r3);
        return env.finish();
    }

    /** {@code HADDPD}/{@code HSUBPD} (SSE3): {@code [a0 op a1, b0 op b1]}. */
    public static boolean horizontalpd(boolean subtract, SimdFpEnv env, long aLo, long aHi, long bLo, long bHi) {
        FpBinaryOp op = subtract ? FpBinaryOp.SUB : FpBinaryOp.ADD;
        long r0 = lane(F64, op, aLo, aHi, env);
        long r1 = lane(F64, op, bLo, bHi, env);
        env.lo = r0;
        env.hi = r1;
        return env.finish();
    }

    /**
     * {@code DPPS} (SSE4.1): products of the elements selected by imm8[7:4] (others +0.0), summed as
     * {@code (p0 + p1) + (p2 + p3)} with a rounding after every step, broadcast to the elements selected by
     * imm8[3:0] (others +0.0). An unmasked exception stops the instruction at the end of the stage raising it
     * (host-verified: a later stage's flags are not reported).
     */
    public static boolean dpps(SimdFpEnv env, int imm8, long aLo, long aHi, long bLo, long bHi) {
        long p0 = (imm8 & 0x10) != 0 ? FpCore.mul(F32, lo32(aLo), lo32(bLo), env) : 0;
        long p1 = (imm8 & 0x20) != 0 ? FpCore.mul(F32, hi32(aLo), hi32(bLo), env) : 0;
        long p2 = (imm8 & 0x40) != 0 ? FpCore.mul(F32, lo32(aHi), lo32(bHi), env) : 0;
        long p3 = (imm8 & 0x80) != 0 ? FpCore.mul(F32, hi32(aHi), hi32(bHi), env) : 0;
        if (env.stageFaulted()) {
            return env.finish();
        }
        long s01 = FpCore.add(F32, p0, p1, env);
        long s23 = FpCore.add(F32, p2, p3, env);
        if (env.stageFaulted()) {
            return env.finish();
        }
        long s = FpCore.add(F32, s01, s23, env);
        env.lo = pack32((imm8 & 1) != 0 ? s : 0, (imm8 & 2) != 0 ? s : 0);
        env.hi = pack32((imm8 & 4) != 0 ? s : 0, (imm8 & 8) != 0 ? s : 0);
        return env.finish();
    }

    /** {@code DPPD} (SSE4.1): as {@link #dpps} with two elements, selected by imm8[5:4] and imm8[1:0]. */
    public static boolean dppd(SimdFpEnv env, int imm8, long aLo, long aHi, long bLo, long bHi) {
        long p0 = (imm8 & 0x10) != 0 ? FpCore.mul(F64, aLo, bLo, env) : 0;
        long p1 = (imm8 & 0x20) != 0 ? FpCore.mul(F64, aHi, bHi, env) : 0;
        if (env.stageFaulted()) {
            return env.finish();
        }
        long s = FpCore.add(F64, p0, p1, env);
        env.lo = (imm8 & 1) != 0 ? s : 0;
        env.hi = (imm8 & 2) != 0 ? s : 0;
        return env.finish();
    }
}
