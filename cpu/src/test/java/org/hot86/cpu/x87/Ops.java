package org.hot86.cpu.x87;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Operation ids shared with x87oracle.c, and the model side: each case run through
 * {@link X87State}/{@link X87} with the same prologue as the C helper
 * (FNINIT; FLDCW; FLD b; FLD a).
 */
final class Ops {
    private Ops() { }

    static final int FADD = 1, FSUB = 2, FSUBR = 3, FMUL = 4, FDIV = 5, FDIVR = 6, FSQRT = 7, FRNDINT = 8,
            FSCALE = 9, FXTRACT = 10, FPREM = 11, FPREM1 = 12, FCOM = 13, FUCOM = 14, FCOMI = 15, FUCOMI = 16,
            FTST = 17, FXAM = 18, FCHS = 19, FABS = 20, FLD32 = 21, FLD64 = 22, FILD16 = 23, FILD32 = 24,
            FILD64 = 25, FBLD = 26, FST32 = 27, FST64 = 28, FIST16 = 29, FIST32 = 30, FISTP64 = 31, FBSTP = 32,
            FISTTP16 = 33, FISTTP32 = 34, FISTTP64 = 35, FADD32 = 36, FMUL64 = 37, FIDIV32 = 38, FISUBR16 = 39,
            FSIN = 40, FCOS = 41, FSINCOS = 42, FPTAN = 43, FPATAN = 44, F2XM1 = 45, FYL2X = 46, FYL2XP1 = 47,
            FCOM32 = 48, FICOMP32 = 49, FLD1 = 50, FLDZ = 56, FSTP80 = 57, FLD80 = 58,
            FXCH = 60, FLDST = 61, FSTPST = 62, FCMOVB = 63, FCMOVNU = 70, FCOMPP = 72, FUCOMPP = 73, FADDP = 74,
            FSUBP = 75, FDIVRP = 76, FCOMIP = 77, FUCOMIP = 78, FADDST1 = 79, FSUBST1 = 80, FDIVRST1 = 81,
            FINCSTP = 82, FDECSTP = 83, FNCLEX = 84, FNSTSWAX = 85, FCOMP = 86, FDIVR64 = 87, FSUBR32 = 88,
            FIMUL16 = 89, FIADD32 = 90, FCOMP64 = 91, FICOM16 = 92, FSTP32 = 93, FISTP16 = 94;

    private static final String[] NAMES = new String[100];

    static {
        String[] n = {"", "FADD", "FSUB", "FSUBR", "FMUL", "FDIV", "FDIVR", "FSQRT", "FRNDINT", "FSCALE", "FXTRACT",
            "FPREM", "FPREM1", "FCOM", "FUCOM", "FCOMI", "FUCOMI", "FTST", "FXAM", "FCHS", "FABS", "FLD_m32",
            "FLD_m64", "FILD_m16", "FILD_m32", "FILD_m64", "FBLD", "FST_m32", "FST_m64", "FIST_m16", "FIST_m32",
            "FISTP_m64", "FBSTP", "FISTTP_m16", "FISTTP_m32", "FISTTP_m64", "FADD_m32", "FMUL_m64", "FIDIV_m32",
            "FISUBR_m16", "FSIN", "FCOS", "FSINCOS", "FPTAN", "FPATAN", "F2XM1", "FYL2X", "FYL2XP1", "FCOM_m32",
            "FICOMP_m32", "FLD1", "FLDL2T", "FLDL2E", "FLDPI", "FLDLG2", "FLDLN2", "FLDZ", "FSTP_m80", "FLD_m80"};
        System.arraycopy(n, 0, NAMES, 0, n.length);
        String[] m = {"FXCH", "FLD_st1", "FSTP_st1", "FCMOVB", "FCMOVE", "FCMOVBE", "FCMOVU", "FCMOVNB", "FCMOVNE",
            "FCMOVNBE", "FCMOVNU", null, "FCOMPP", "FUCOMPP", "FADDP", "FSUBP", "FDIVRP", "FCOMIP", "FUCOMIP",
            "FADD_st1_st0", "FSUB_st1_st0", "FDIVR_st1_st0", "FINCSTP", "FDECSTP", "FNCLEX", "FNSTSW_AX", "FCOMP",
            "FDIVR_m64", "FSUBR_m32", "FIMUL_m16", "FIADD_m32", "FCOMP_m64", "FICOM_m16", "FSTP_m32", "FISTP_m16"};
        System.arraycopy(m, 0, NAMES, 60, m.length);
    }

    static String name(int op) {
        if (op >= 1000) {
            return "MMX#" + op;
        }
        return op < NAMES.length && NAMES[op] != null ? NAMES[op] : "op" + op;
    }

    static boolean isTranscendental(int op) {
        return op >= FSIN && op <= FYL2XP1;
    }

    /** Runs the case on the model; returns a result record in the oracle layout. */
    static ByteBuffer model(X87Case c) {
        X87State s = new X87State();
        s.init();
        s.setControlWord(c.cw);
        X87.fldExt(s, c.bse, c.bm);
        X87.fldExt(s, c.ase, c.am);
        switch (c.variant) {
            case 1: X87.ffree(s, 1); break;
            case 2: X87.ffree(s, 0); break;
            case 3: for (int k = 0; k < 6; k++) X87.fldSt(s, 1); break;
            default: break;
        }
        byte[] mem = c.mem.clone();
        ByteBuffer mb = ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN);
        int fl = c.flags & 0xd5;
        int ah = fl | 0x02;
        boolean cf = (fl & 1) != 0, pf = (fl & 4) != 0, zf = (fl & 0x40) != 0;
        switch (c.op) {
            case FADD: X87.arith(s, ArithOp.ADD, 0, 1, false); break;
            case FSUB: X87.arith(s, ArithOp.SUB, 0, 1, false); break;
            case FSUBR: X87.arith(s, ArithOp.SUBR, 0, 1, false); break;
            case FMUL: X87.arith(s, ArithOp.MUL, 0, 1, false); break;
            case FDIV: X87.arith(s, ArithOp.DIV, 0, 1, false); break;
            case FDIVR: X87.arith(s, ArithOp.DIVR, 0, 1, false); break;
            case FSQRT: X87.fsqrt(s); break;
            case FRNDINT: X87.frndint(s); break;
            case FSCALE: X87.fscale(s); break;
            case FXTRACT: X87.fxtract(s); break;
            case FPREM: X87.fprem(s, false); break;
            case FPREM1: X87.fprem(s, true); break;
            case FCOM: X87.fcom(s, 1, 0, false); break;
            case FUCOM: X87.fcom(s, 1, 0, true); break;
            case FCOMI:
            case FUCOMI:
            case FCOMIP:
            case FUCOMIP: {
                int f = X87.fcomi(s, 1, c.op == FCOMIP || c.op == FUCOMIP, c.op == FUCOMI || c.op == FUCOMIP);
                if (f >= 0) {
                    ah = (ah & ~0xd5) | (f & 0xff);
                }
                break;
            }
            case FXCH: X87.fxch(s, 1); break;
            case FLDST: X87.fldSt(s, 1); break;
            case FSTPST: X87.fstSt(s, 1, true); break;
            case FCMOVB: X87.fcmov(s, 1, cf); break;
            case FCMOVB + 1: X87.fcmov(s, 1, zf); break;
            case FCMOVB + 2: X87.fcmov(s, 1, cf || zf); break;
            case FCMOVB + 3: X87.fcmov(s, 1, pf); break;
            case FCMOVB + 4: X87.fcmov(s, 1, !cf); break;
            case FCMOVB + 5: X87.fcmov(s, 1, !zf); break;
            case FCMOVB + 6: X87.fcmov(s, 1, !(cf || zf)); break;
            case FCMOVNU: X87.fcmov(s, 1, !pf); break;
            case FCOMPP: X87.fcom(s, 1, 2, false); break;
            case FUCOMPP: X87.fcom(s, 1, 2, true); break;
            case FCOMP: X87.fcom(s, 1, 1, false); break;
            case FADDP: X87.arith(s, ArithOp.ADD, 1, 0, true); break;
            case FSUBP: X87.arith(s, ArithOp.SUB, 1, 0, true); break;
            case FDIVRP: X87.arith(s, ArithOp.DIVR, 1, 0, true); break;
            case FADDST1: X87.arith(s, ArithOp.ADD, 1, 0, false); break;
            case FSUBST1: X87.arith(s, ArithOp.SUB, 1, 0, false); break;
            case FDIVRST1: X87.arith(s, ArithOp.DIVR, 1, 0, false); break;
            case FINCSTP: X87.fincstp(s); break;
            case FDECSTP: X87.fdecstp(s); break;
            case FNCLEX: X87.fclex(s); break;
            case FNSTSWAX: X87.fchs(s); X87.fxch(s, 1); mb.putShort(0, (short) X87.fstsw(s)); break;
            case FDIVR64: X87.arithF64(s, ArithOp.DIVR, mb.getLong(0)); break;
            case FSUBR32: X87.arithF32(s, ArithOp.SUBR, mb.getInt(0)); break;
            case FIMUL16: X87.arithInt(s, ArithOp.MUL, mb.getShort(0)); break;
            case FIADD32: X87.arithInt(s, ArithOp.ADD, mb.getInt(0)); break;
            case FCOMP64: X87.fcomF64(s, mb.getLong(0), true); break;
            case FICOM16: X87.ficom(s, mb.getShort(0), false); break;
            case FSTP32: { int v = X87.fstF32(s, true); if (!s.env.noResult) mb.putInt(0, v); break; }
            case FISTP16: { long v = X87.fist(s, 16, true, false); if (!s.env.noResult) mb.putShort(0, (short) v); break; }
            case FTST: X87.ftst(s); break;
            case FXAM: X87.fxam(s); break;
            case FCHS: X87.fchs(s); break;
            case FABS: X87.fabs(s); break;
            case FLD32: X87.fldF32(s, mb.getInt(0)); break;
            case FLD64: X87.fldF64(s, mb.getLong(0)); break;
            case FILD16: X87.fild(s, mb.getShort(0)); break;
            case FILD32: X87.fild(s, mb.getInt(0)); break;
            case FILD64: X87.fild(s, mb.getLong(0)); break;
            case FBLD: X87.fbld(s, mem, 0); break;
            case FST32: { int v = X87.fstF32(s, false); if (!s.env.noResult) mb.putInt(0, v); break; }
            case FST64: { long v = X87.fstF64(s, false); if (!s.env.noResult) mb.putLong(0, v); break; }
            case FIST16: { long v = X87.fist(s, 16, false, false); if (!s.env.noResult) mb.putShort(0, (short) v); break; }
            case FIST32: { long v = X87.fist(s, 32, false, false); if (!s.env.noResult) mb.putInt(0, (int) v); break; }
            case FISTP64: { long v = X87.fist(s, 64, true, false); if (!s.env.noResult) mb.putLong(0, v); break; }
            case FBSTP: X87.fbstp(s, mem, 0); break;
            case FISTTP16: { long v = X87.fist(s, 16, true, true); if (!s.env.noResult) mb.putShort(0, (short) v); break; }
            case FISTTP32: { long v = X87.fist(s, 32, true, true); if (!s.env.noResult) mb.putInt(0, (int) v); break; }
            case FISTTP64: { long v = X87.fist(s, 64, true, true); if (!s.env.noResult) mb.putLong(0, v); break; }
            case FADD32: X87.arithF32(s, ArithOp.ADD, mb.getInt(0)); break;
            case FMUL64: X87.arithF64(s, ArithOp.MUL, mb.getLong(0)); break;
            case FIDIV32: X87.arithInt(s, ArithOp.DIV, mb.getInt(0)); break;
            case FISUBR16: X87.arithInt(s, ArithOp.SUBR, mb.getShort(0)); break;
            case FSIN: X87.transcendental(s, TranscOp.FSIN); break;
            case FCOS: X87.transcendental(s, TranscOp.FCOS); break;
            case FSINCOS: X87.transcendental(s, TranscOp.FSINCOS); break;
            case FPTAN: X87.transcendental(s, TranscOp.FPTAN); break;
            case FPATAN: X87.transcendental(s, TranscOp.FPATAN); break;
            case F2XM1: X87.transcendental(s, TranscOp.F2XM1); break;
            case FYL2X: X87.transcendental(s, TranscOp.FYL2X); break;
            case FYL2XP1: X87.transcendental(s, TranscOp.FYL2XP1); break;
            case FCOM32: X87.fcomF32(s, mb.getInt(0), false); break;
            case FICOMP32: X87.ficom(s, mb.getInt(0), true); break;
            case FSTP80: {
                X87.fstExt(s, true);
                if (!s.env.noResult) {
                    mb.putLong(0, s.env.m);
                    mb.putShort(8, (short) s.env.se);
                }
                break;
            }
            case FLD80: X87.fldExt(s, mb.getShort(8) & 0xffff, mb.getLong(0)); break;
            default:
                if (c.op >= FLD1 && c.op <= FLDZ) {
                    X87.fldConst(s, X87Const.values()[c.op - FLD1]);
                    break;
                }
                throw new IllegalArgumentException("op " + c.op);
        }
        ByteBuffer o = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        o.putShort(0, (short) s.cw).putShort(2, (short) s.statusWord()).putShort(4, (short) s.fullTagWord())
                .putShort(6, (short) ah);
        putReg(o, 8, s, 0);
        putReg(o, 18, s, 1);
        putReg(o, 48, s, 2);
        o.position(32);
        o.put(mem);
        o.position(0);
        return o;
    }

    private static void putReg(ByteBuffer o, int off, X87State s, int i) {
        o.putLong(off, s.stM(i)).putShort(off + 8, (short) s.stSe(i));
    }

    /** Status-word bits the SDM leaves undefined for the operation. */
    static int undefinedSw(int op) {
        switch (op) {
            case FPREM: case FPREM1: case FCOM: case FUCOM: case FTST: case FXAM: case FCOM32: case FICOMP32:
            case FCOMPP: case FUCOMPP: case FCOMP: case FCOMP64: case FICOM16:
                return 0;
            case FNCLEX:
                return X87State.SW_CC;
            case FCOMI: case FUCOMI: case FCOMIP: case FUCOMIP:
                return X87State.SW_C0 | X87State.SW_C2 | X87State.SW_C3;
            case FSIN: case FCOS: case FSINCOS: case FPTAN:
                return X87State.SW_C0 | X87State.SW_C3;
            default:
                return X87State.SW_C0 | X87State.SW_C2 | X87State.SW_C3;
        }
    }

    /** Compares host and model records; returns null when they agree. */
    static String diff(X87Case c, ByteBuffer h, ByteBuffer m) {
        StringBuilder sb = new StringBuilder();
        int und = undefinedSw(c.op);
        int hsw = h.getShort(2) & 0xffff & ~und, msw = m.getShort(2) & 0xffff & ~und;
        if ((h.getShort(0) & 0xffff) != (m.getShort(0) & 0xffff)) {
            sb.append(String.format(" cw host=%04x model=%04x", h.getShort(0), m.getShort(0)));
        }
        if (hsw != msw) {
            sb.append(String.format(" sw host=%04x model=%04x", hsw, msw));
        }
        int htw = h.getShort(4) & 0xffff;
        if (htw != (m.getShort(4) & 0xffff)) {
            sb.append(String.format(" tw host=%04x model=%04x", htw, m.getShort(4) & 0xffff));
        }
        int top = (h.getShort(2) >>> 11) & 7;
        int[] offs = {8, 18, 48};
        for (int i = 0; i < 3; i++) {
            if (((htw >>> (2 * ((top + i) & 7))) & 3) == 3) {
                continue;
            }
            long hmv = h.getLong(offs[i]), mmv = m.getLong(offs[i]);
            int hse = h.getShort(offs[i] + 8) & 0xffff, mse = m.getShort(offs[i] + 8) & 0xffff;
            if (hmv != mmv || hse != mse) {
                sb.append(String.format(" st%d host=%s model=%s", i, F80.hex(hse, hmv), F80.hex(mse, mmv)));
            }
        }
        for (int i = 32; i < 48; i++) {
            if (h.get(i) != m.get(i)) {
                sb.append(String.format(" mem host=%016x%016x model=%016x%016x", h.getLong(40), h.getLong(32),
                        m.getLong(40), m.getLong(32)));
                break;
            }
        }
        if ((h.get(6) & 0xd7) != (m.get(6) & 0xd7)) {
            sb.append(String.format(" eflags host=%02x model=%02x", h.get(6) & 0x45, m.get(6) & 0x45));
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
