package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.F80.INDEF_M;
import static org.hot86.cpu.x87.F80.INDEF_SE;
import static org.hot86.cpu.x87.FpEnv.DE;
import static org.hot86.cpu.x87.FpEnv.IE;
import static org.hot86.cpu.x87.X87State.SW_C0;
import static org.hot86.cpu.x87.X87State.SW_C1;
import static org.hot86.cpu.x87.X87State.SW_C2;
import static org.hot86.cpu.x87.X87State.SW_C3;
import static org.hot86.cpu.x87.X87State.SW_SF;

/**
 * x87 instruction semantics at the architectural level (SDM Vol. 1 ch. 8, Vol. 2 F*):
 * stack handling, tags, stack faults, condition codes and exception flags around the
 * {@link SoftFloat80}/{@link Convert80}/{@link Misc80}/{@link Transcendental} cores.
 *
 * <p>Contract for callers (interpreter, translator): before a <em>waiting</em> x87
 * instruction call {@link X87State#pendingException()} and raise #MF if it is true; the
 * FN* forms skip that check. Memory operands are read by the caller and passed as raw bits;
 * store forms return the bits to write, and the caller must skip the write when
 * {@code s.env.noResult} is true afterwards (an unmasked exception suppressed it).
 * Register indices are ST(i) indices. Pointers (FIP/FDP/FOP) are set by the caller.
 */
public final class X87 {
    private X87() { }

    // ------------------------------------------------------------------ plumbing

    static FpEnv begin(X87State s) {
        FpEnv e = s.env;
        e.cw = s.cw;
        e.flags = 0;
        e.noResult = false;
        e.c1 = false;
        return e;
    }

    /** Folds flags and C1 of the last core operation into the status word. */
    static void commitFlags(X87State s, FpEnv e) {
        s.sw = (s.sw & ~SW_C1) | (e.c1 ? SW_C1 : 0) | e.flags;
        s.updateSummary();
    }

    /** Stack underflow (SDM 8.5.1.1): IE+SF, C1=0; returns true if masked (default result). */
    static boolean underflow(X87State s) {
        s.sw = (s.sw & ~SW_C1) | IE | SW_SF;
        s.updateSummary();
        return (s.cw & IE) != 0;
    }

    /** Stack overflow: IE+SF, C1=1; returns true if masked. */
    static boolean overflow(X87State s) {
        s.sw |= IE | SW_SF | SW_C1;
        s.updateSummary();
        return (s.cw & IE) != 0;
    }

    /** Pushes a value produced by the env (FLD family) with the overflow check. */
    static void pushResult(X87State s, FpEnv e) {
        commitFlags(s, e);
        if (!e.noResult) {
            s.push(e.se, e.m);
        }
    }

    static boolean canPush(X87State s) {
        if (!s.isEmpty(7)) {
            if (overflow(s)) {
                s.push(INDEF_SE, INDEF_M);
            }
            return false;
        }
        return true;
    }

    static void setCc(X87State s, int cc) {
        s.sw = (s.sw & ~(SW_C0 | SW_C1 | SW_C2 | SW_C3))
                | ((cc & 1) != 0 ? SW_C0 : 0) | ((cc & 2) != 0 ? SW_C1 : 0)
                | ((cc & 4) != 0 ? SW_C2 : 0) | ((cc & 8) != 0 ? SW_C3 : 0);
    }

    // ------------------------------------------------------------------ loads

    /** FLD m80fp (no exceptions besides stack overflow; the value is loaded verbatim). */
    public static void fldExt(X87State s, int se, long m) {
        if (canPush(s)) {
            s.sw &= ~SW_C1;
            s.push(se, m);
        }
    }

    /** FLD ST(i). */
    public static void fldSt(X87State s, int i) {
        if (s.isEmpty(i)) {
            if (underflow(s) && canPush(s)) {
                s.push(INDEF_SE, INDEF_M);
            }
            s.sw &= ~SW_C1; // host-verified: the underflow's C1 = 0 stands even when the push overflows
            return;
        }
        fldExt(s, s.stSe(i), s.stM(i));
    }

    /** FLD m32fp. */
    public static void fldF32(X87State s, int bits) {
        if (canPush(s)) {
            FpEnv e = begin(s);
            Convert80.load(e, bits & 0xffffffffL, false);
            pushResult(s, e);
        }
    }

    /** FLD m64fp. */
    public static void fldF64(X87State s, long bits) {
        if (canPush(s)) {
            FpEnv e = begin(s);
            Convert80.load(e, bits, true);
            pushResult(s, e);
        }
    }

    /** FILD m16int/m32int/m64int (value sign-extended by the caller). */
    public static void fild(X87State s, long v) {
        if (canPush(s)) {
            FpEnv e = begin(s);
            Convert80.fromInt(e, v);
            pushResult(s, e);
        }
    }

    /** FBLD m80bcd. */
    public static void fbld(X87State s, byte[] b, int off) {
        if (canPush(s)) {
            FpEnv e = begin(s);
            Convert80.fromBcd(e, b, off);
            pushResult(s, e);
        }
    }

    /** The seven constants of FLD1/FLDL2T/FLDL2E/FLDPI/FLDLG2/FLDLN2/FLDZ, rounded per RC. */
    public static void fldConst(X87State s, X87Const c) {
        if (canPush(s)) {
            FpEnv e = begin(s);
            c.load(e);
            pushResult(s, e);
        }
    }

    // ------------------------------------------------------------------ stores

    /** FST/FSTP m80fp: returns ST(0) verbatim ({@code se} in e.se, significand in e.m). */
    public static void fstExt(X87State s, boolean pop) {
        FpEnv e = begin(s);
        if (s.isEmpty(0)) {
            if (!underflow(s)) {
                e.noResult = true;
                return;
            }
            e.se = INDEF_SE;
            e.m = INDEF_M;
        } else {
            e.se = s.stSe(0);
            e.m = s.stM(0);
            s.sw &= ~SW_C1;
        }
        if (pop) {
            s.pop();
        }
    }

    /** FST/FSTP m32fp: returns the bits to store unless s.env.noResult. */
    public static int fstF32(X87State s, boolean pop) {
        FpEnv e = begin(s);
        if (s.isEmpty(0)) {
            return underflowStore(s, e, pop) ? 0xffc00000 : 0;
        }
        int v = Convert80.toF32(e, s.stSe(0), s.stM(0));
        storeDone(s, e, pop);
        return v;
    }

    /** FST/FSTP m64fp. */
    public static long fstF64(X87State s, boolean pop) {
        FpEnv e = begin(s);
        if (s.isEmpty(0)) {
            return underflowStore(s, e, pop) ? 0xfff8000000000000L : 0;
        }
        long v = Convert80.toF64(e, s.stSe(0), s.stM(0));
        storeDone(s, e, pop);
        return v;
    }

    /**
     * FIST/FISTP/FISTTP to a {@code bits}-wide integer; returns the value (low {@code bits}
     * bits significant) unless s.env.noResult.
     */
    public static long fist(X87State s, int bits, boolean pop, boolean truncate) {
        FpEnv e = begin(s);
        if (s.isEmpty(0)) {
            return underflowStore(s, e, pop) ? Long.MIN_VALUE >> (64 - bits) : 0;
        }
        long v = Convert80.toInt(e, s.stSe(0), s.stM(0), bits, truncate);
        storeDone(s, e, pop);
        return v;
    }

    /** FBSTP m80bcd into b[off..off+9] (written only when the store happens). */
    public static void fbstp(X87State s, byte[] b, int off) {
        FpEnv e = begin(s);
        if (s.isEmpty(0)) {
            if (underflowStore(s, e, true)) {
                Convert80.toBcd(e, F80.INDEF_SE, F80.INDEF_M, b, off);
            }
            return;
        }
        byte[] tmp = new byte[10];
        boolean ok = Convert80.toBcd(e, s.stSe(0), s.stM(0), tmp, 0);
        if (ok) {
            System.arraycopy(tmp, 0, b, off, 10);
        }
        storeDone(s, e, true);
    }

    private static boolean underflowStore(X87State s, FpEnv e, boolean pop) {
        if (!underflow(s)) {
            e.noResult = true;
            return false;
        }
        if (pop) {
            s.pop();
        }
        return true;
    }

    private static void storeDone(X87State s, FpEnv e, boolean pop) {
        commitFlags(s, e);
        if (pop && !e.noResult) {
            s.pop();
        }
    }

    /** FST/FSTP ST(i). */
    public static void fstSt(X87State s, int i, boolean pop) {
        if (s.isEmpty(0)) {
            if (underflow(s)) {
                s.setSt(i, INDEF_SE, INDEF_M);
                if (pop) {
                    s.pop();
                }
            }
            return;
        }
        s.sw &= ~SW_C1;
        s.setSt(i, s.stSe(0), s.stM(0));
        if (pop) {
            s.pop();
        }
    }

    // ------------------------------------------------------------------ arithmetic

    /**
     * Register forms: ST(dst) = ST(dst) OP ST(src), then pop if {@code pop}
     * (FADD ST(0),ST(i): dst=0,src=i; FADDP ST(i),ST(0): dst=i,src=0,pop).
     */
    public static void arith(X87State s, ArithOp op, int dst, int src, boolean pop) {
        if (s.isEmpty(dst) || s.isEmpty(src)) {
            if (underflow(s)) {
                s.setSt(dst, INDEF_SE, INDEF_M);
                if (pop) {
                    s.pop();
                }
            }
            return;
        }
        FpEnv e = begin(s);
        op.apply(e, s.stSe(dst), s.stM(dst), s.stSe(src), s.stM(src), e.precision());
        commitFlags(s, e);
        if (!e.noResult) {
            s.setSt(dst, e.se, e.m);
            if (pop) {
                s.pop();
            }
        }
    }

    /** Memory forms with a binary32 operand: ST(0) = ST(0) OP m32fp. */
    public static void arithF32(X87State s, ArithOp op, int bits) {
        arithWide(s, op, bits & 0xffffffffL, 8, 23);
    }

    /** Memory forms with a binary64 operand. */
    public static void arithF64(X87State s, ArithOp op, long bits) {
        arithWide(s, op, bits, 11, 52);
    }

    /** FIADD/FISUB/FISUBR/FIMUL/FIDIV/FIDIVR with a (sign-extended) integer operand. */
    public static void arithInt(X87State s, ArithOp op, long v) {
        if (s.isEmpty(0)) {
            if (underflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
            }
            return;
        }
        FpEnv e = begin(s);
        op.apply(e, s.stSe(0), s.stM(0), F80.intSe(v), F80.intSig(v), e.precision());
        commitFlags(s, e);
        if (!e.noResult) {
            s.setSt(0, e.se, e.m);
        }
    }

    private static void arithWide(X87State s, ArithOp op, long bits, int ebits, int fbits) {
        if (s.isEmpty(0)) {
            if (underflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
            }
            return;
        }
        FpEnv e = begin(s);
        int c = Convert80.widenRaw(e, bits, ebits, fbits);
        int bse = e.se;
        long bm = e.m;
        int ase = s.stSe(0);
        long am = s.stM(0);
        if (c == F80.DENORMAL) {
            int ca = F80.classify(ase, am);
            if (ca < F80.QNAN && !zeroDivide(op, ca) && e.raise(DE)) {
                commitFlags(s, e);
                return;
            }
        }
        int before = e.flags;
        op.apply(e, ase, am, bse, bm, e.precision());
        e.flags |= before;
        commitFlags(s, e);
        if (!e.noResult) {
            s.setSt(0, e.se, e.m);
        }
    }

    private static boolean zeroDivide(ArithOp op, int ca) {
        return op == ArithOp.DIVR && ca == F80.ZERO;
    }

    /** FSQRT. */
    public static void fsqrt(X87State s) {
        if (s.isEmpty(0)) {
            unaryUnderflow(s);
            return;
        }
        FpEnv e = begin(s);
        SoftFloat80.sqrt(e, s.stSe(0), s.stM(0), e.precision());
        unaryDone(s, e);
    }

    /** FRNDINT. */
    public static void frndint(X87State s) {
        if (s.isEmpty(0)) {
            unaryUnderflow(s);
            return;
        }
        FpEnv e = begin(s);
        Convert80.roundInt(e, s.stSe(0), s.stM(0));
        unaryDone(s, e);
    }

    /** FCHS: sign flip, never an arithmetic exception. */
    public static void fchs(X87State s) {
        if (s.isEmpty(0)) {
            unaryUnderflow(s);
            return;
        }
        s.sw &= ~SW_C1;
        s.setSt(0, s.stSe(0) ^ 0x8000, s.stM(0));
    }

    /** FABS. */
    public static void fabs(X87State s) {
        if (s.isEmpty(0)) {
            unaryUnderflow(s);
            return;
        }
        s.sw &= ~SW_C1;
        s.setSt(0, s.stSe(0) & 0x7fff, s.stM(0));
    }

    static void unaryUnderflow(X87State s) {
        if (underflow(s)) {
            s.setSt(0, INDEF_SE, INDEF_M);
        }
    }

    static void unaryDone(X87State s, FpEnv e) {
        commitFlags(s, e);
        if (!e.noResult) {
            s.setSt(0, e.se, e.m);
        }
    }

    /** FSCALE: ST(0) = ST(0) * 2^trunc(ST(1)). */
    public static void fscale(X87State s) {
        if (s.isEmpty(0) || s.isEmpty(1)) {
            unaryUnderflow(s);
            return;
        }
        FpEnv e = begin(s);
        Misc80.scale(e, s.stSe(0), s.stM(0), s.stSe(1), s.stM(1));
        unaryDone(s, e);
    }

    /** FXTRACT: replaces ST(0) by its exponent and pushes the significand. */
    public static void fxtract(X87State s) {
        if (s.isEmpty(0)) {
            if (underflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
                if (canPush(s)) {
                    s.push(INDEF_SE, INDEF_M);
                }
            }
            s.sw &= ~SW_C1; // host-verified: the underflow's C1 = 0 stands even when the push overflows
            return;
        }
        if (!s.isEmpty(7)) {
            if (overflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
                s.push(INDEF_SE, INDEF_M);
            }
            return;
        }
        FpEnv e = begin(s);
        Misc80.extract(e, s.stSe(0), s.stM(0));
        commitFlags(s, e);
        if (!e.noResult) {
            s.setSt(0, e.se, e.m);
            s.push(e.se2, e.m2);
        }
    }

    /**
     * FPREM ({@code ieee}=false) and FPREM1. Host-verified where the SDM is silent: a stack underflow clears
     * C2 (no partial remainder pending); an unmasked exception (no result) clears C1 and C2; a NaN result (NaN
     * operands, or the masked invalid of an infinite dividend or a zero divisor) has no quotient bits and
     * leaves C0 and C3 unchanged.
     */
    public static void fprem(X87State s, boolean ieee) {
        if (s.isEmpty(0) || s.isEmpty(1)) {
            unaryUnderflow(s);
            s.sw &= ~SW_C2;
            return;
        }
        int keep = s.sw & (SW_C0 | SW_C3);
        FpEnv e = begin(s);
        Misc80.remainder(e, s.stSe(0), s.stM(0), s.stSe(1), s.stM(1), ieee);
        s.sw |= e.flags;
        s.updateSummary();
        if (e.noResult) {
            s.sw &= ~(SW_C1 | SW_C2);
            return;
        }
        setCc(s, e.cc);
        s.setSt(0, e.se, e.m);
        if ((e.se & F80.EXP_MAX) == F80.EXP_MAX && e.m != F80.J) {
            s.sw = (s.sw & ~(SW_C0 | SW_C3)) | keep;
        }
    }

    // ------------------------------------------------------------------ compares

    /**
     * FCOM/FCOMP/FCOMPP/FUCOM/FUCOMP/FUCOMPP against ST(i): {@code pops} is 0, 1 or 2.
     */
    public static void fcom(X87State s, int i, int pops, boolean unordered) {
        if (s.isEmpty(0) || s.isEmpty(i)) {
            // host-verified: C3=C2=C0=1 even when IE is unmasked
            boolean masked = underflow(s);
            setCc(s, Misc80.CC_UN);
            if (masked) {
                popN(s, pops);
            }
            return;
        }
        compareDone(s, s.stSe(0), s.stM(0), s.stSe(i), s.stM(i), pops, unordered);
    }

    /** FCOM/FCOMP m32fp. */
    public static void fcomF32(X87State s, int bits, boolean pop) {
        fcomWide(s, bits & 0xffffffffL, 8, 23, pop);
    }

    /** FCOM/FCOMP m64fp. */
    public static void fcomF64(X87State s, long bits, boolean pop) {
        fcomWide(s, bits, 11, 52, pop);
    }

    /** FICOM/FICOMP m16int/m32int. */
    public static void ficom(X87State s, long v, boolean pop) {
        if (s.isEmpty(0)) {
            // host-verified: C3=C2=C0=1 even when IE is unmasked
            boolean masked = underflow(s);
            setCc(s, Misc80.CC_UN);
            if (masked) {
                popN(s, pop ? 1 : 0);
            }
            return;
        }
        compareDone(s, s.stSe(0), s.stM(0), F80.intSe(v), F80.intSig(v), pop ? 1 : 0, false);
    }

    private static void fcomWide(X87State s, long bits, int ebits, int fbits, boolean pop) {
        if (s.isEmpty(0)) {
            // host-verified: C3=C2=C0=1 even when IE is unmasked
            boolean masked = underflow(s);
            setCc(s, Misc80.CC_UN);
            if (masked) {
                popN(s, pop ? 1 : 0);
            }
            return;
        }
        FpEnv e = begin(s);
        int c = Convert80.widenRaw(e, bits, ebits, fbits);
        int bse = e.se;
        long bm = e.m;
        boolean stop = false;
        if (c == F80.DENORMAL && F80.classify(s.stSe(0), s.stM(0)) < F80.QNAN) {
            stop = e.raise(DE); // unmasked: condition codes still written, no pop (host-verified)
        }
        int before = e.flags;
        Misc80.compare(e, s.stSe(0), s.stM(0), bse, bm, false);
        e.flags |= before;
        e.noResult |= stop;
        commitCompare(s, e, pop ? 1 : 0);
    }

    private static void compareDone(X87State s, int ase, long am, int bse, long bm, int pops, boolean unordered) {
        FpEnv e = begin(s);
        Misc80.compare(e, ase, am, bse, bm, unordered);
        commitCompare(s, e, pops);
    }

    private static void commitCompare(X87State s, FpEnv e, int pops) {
        s.sw |= e.flags;
        s.updateSummary();
        // host-verified: the condition codes are written even when IE/DE is unmasked
        setCc(s, e.cc);
        if (!e.noResult) {
            popN(s, pops);
        }
    }

    private static void popN(X87State s, int n) {
        for (int k = 0; k < n; k++) {
            s.pop();
        }
    }

    /** EFLAGS bits written by FCOMI/FUCOMI: ZF (0x40), PF (0x04), CF (0x01). */
    public static final int EFL_ZF = 0x40, EFL_PF = 0x04, EFL_CF = 0x01;

    /**
     * FCOMI/FCOMIP/FUCOMI/FUCOMIP ST(0), ST(i): returns the new ZF|PF|CF bits (OF, SF, AF
     * are cleared by the instruction), or -1 when an unmasked invalid leaves EFLAGS unchanged.
     */
    public static int fcomi(X87State s, int i, boolean pop, boolean unordered) {
        if (s.isEmpty(0) || s.isEmpty(i)) {
            // host-verified: EFLAGS report "unordered" even when IE is unmasked
            if (underflow(s) && pop) {
                s.pop();
            }
            return EFL_ZF | EFL_PF | EFL_CF;
        }
        FpEnv e = begin(s);
        Misc80.compare(e, s.stSe(0), s.stM(0), s.stSe(i), s.stM(i), unordered);
        s.sw |= e.flags; // host-verified: C1 is changed only by a stack underflow (cleared)
        s.updateSummary();
        // host-verified: EFLAGS are written even when the exception is unmasked
        if (pop && !e.noResult) {
            s.pop();
        }
        int cc = e.cc;
        return ((cc & 8) != 0 ? EFL_ZF : 0) | ((cc & 4) != 0 ? EFL_PF : 0) | ((cc & 1) != 0 ? EFL_CF : 0);
    }

    /** FTST: compare ST(0) with +0.0. */
    public static void ftst(X87State s) {
        if (s.isEmpty(0)) {
            underflow(s);
            setCc(s, Misc80.CC_UN);
            return;
        }
        compareDone(s, s.stSe(0), s.stM(0), 0, 0, 0, false);
    }

    /** FXAM. */
    public static void fxam(X87State s) {
        FpEnv e = s.env;
        if (s.isEmpty(0)) {
            setCc(s, Misc80.examineEmpty(s.stSe(0)));
            return;
        }
        Misc80.examine(e, s.stSe(0), s.stM(0));
        setCc(s, e.cc);
    }

    // ------------------------------------------------------------------ transcendentals

    /** FSIN, FCOS, FPTAN, F2XM1 and the two-operand FPATAN, FYL2X, FYL2XP1, and FSINCOS. */
    public static void transcendental(X87State s, TranscOp op) {
        int need = op.operands();
        if (op.reducesArgument()) {
            s.sw &= ~SW_C2; // host-verified: cleared by a stack underflow or overflow too, set only when out of range
        }
        for (int i = 0; i < need; i++) {
            if (s.isEmpty(i)) {
                if (underflow(s)) {
                    if (need == 2) {
                        s.setSt(1, INDEF_SE, INDEF_M);
                        s.pop();
                    } else {
                        s.setSt(0, INDEF_SE, INDEF_M);
                        if (op.pushes() && canPush(s)) {
                            s.push(INDEF_SE, INDEF_M);
                        }
                    }
                }
                return;
            }
        }
        if (op.pushes() && !s.isEmpty(7)) {
            if (overflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
                s.push(INDEF_SE, INDEF_M);
            }
            return;
        }
        FpEnv e = begin(s);
        e.cc = 0;
        Transcendental.apply(op, e, s.stSe(0), s.stM(0), s.stSe(1), s.stM(1));
        commitFlags(s, e);
        if (op.reducesArgument()) {
            s.sw = (s.sw & ~SW_C2) | ((e.cc & 4) != 0 ? SW_C2 : 0);
        }
        if (e.noResult || (e.cc & 4) != 0) {
            return;
        }
        if (need == 2) {
            s.setSt(1, e.se, e.m);
            s.pop();
        } else {
            s.setSt(0, e.se, e.m);
            if (op.pushes()) {
                s.push(e.se2, e.m2);
            }
        }
    }

    // ------------------------------------------------------------------ stack and control

    /** FXCH ST(i). */
    public static void fxch(X87State s, int i) {
        if (s.isEmpty(0) || s.isEmpty(i)) {
            if (underflow(s)) {
                int ase = s.isEmpty(0) ? INDEF_SE : s.stSe(0);
                long am = s.isEmpty(0) ? INDEF_M : s.stM(0);
                int bse = s.isEmpty(i) ? INDEF_SE : s.stSe(i);
                long bm = s.isEmpty(i) ? INDEF_M : s.stM(i);
                s.setSt(0, bse, bm);
                s.setSt(i, ase, am);
            }
            return;
        }
        s.sw &= ~SW_C1;
        int ase = s.stSe(0);
        long am = s.stM(0);
        s.setSt(0, s.stSe(i), s.stM(i));
        s.setSt(i, ase, am);
    }

    /** FFREE ST(i): tag empty, TOP unchanged. */
    public static void ffree(X87State s, int i) {
        s.tagValid &= ~(1 << s.phys(i));
        s.sw &= ~SW_C1; // SDM: C0-C3 undefined; host-verified: C1 cleared, C0, C2, C3 kept
    }

    /**
     * FFREEP ST(i) (DF C0+i: listed in the SDM's opcode map, documented by AMD): FFREE ST(i), then pop,
     * C1 cleared as by FFREE.
     */
    public static void ffreep(X87State s, int i) {
        ffree(s, i);
        s.pop();
    }

    /** FINCSTP: TOP+1 without changing tags, C1 cleared. */
    public static void fincstp(X87State s) {
        s.top = (s.top + 1) & 7;
        s.sw &= ~SW_C1;
    }

    /** FDECSTP. */
    public static void fdecstp(X87State s) {
        s.top = (s.top - 1) & 7;
        s.sw &= ~SW_C1;
    }

    /** FCMOVcc ST(0), ST(i) when {@code cond} (evaluated by the caller from EFLAGS) holds. */
    public static void fcmov(X87State s, int i, boolean cond) {
        if (s.isEmpty(0) || s.isEmpty(i)) {
            // host-verified: the masked response writes the indefinite whether or not cond holds
            if (underflow(s)) {
                s.setSt(0, INDEF_SE, INDEF_M);
            }
            return;
        }
        // host-verified: C1 is changed only by a stack underflow (SDM: "set to 0 if stack underflow occurred")
        if (cond) {
            s.setSt(0, s.stSe(i), s.stM(i));
        }
    }

    /** FNINIT/FINIT. */
    public static void finit(X87State s) {
        s.init();
    }

    /** FNCLEX/FCLEX: clears PE..IE, SF, ES and B; C0-C3 unchanged. */
    public static void fclex(X87State s) {
        s.sw &= ~0x80ff;
    }

    /** FLDCW. */
    public static void fldcw(X87State s, int v) {
        s.setControlWord(v);
    }

    /** FNSTCW. */
    public static int fstcw(X87State s) {
        return s.cw;
    }

    /** FNSTSW m16 / FNSTSW AX. */
    public static int fstsw(X87State s) {
        return s.statusWord();
    }
}
