package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.SseAccess.check;
import static org.hot86.cpu.interp.SseAccess.env;
import static org.hot86.cpu.interp.SseAccess.fpDone;
import static org.hot86.cpu.interp.SseAccess.setXmm;
import static org.hot86.cpu.interp.SseAccess.src32;
import static org.hot86.cpu.interp.SseAccess.src64;
import static org.hot86.cpu.interp.SseAccess.srcHi;
import static org.hot86.cpu.interp.SseAccess.srcLo;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.sse.FpApprox;
import org.hot86.cpu.sse.FpBinaryOp;
import org.hot86.cpu.sse.FpCompare;
import org.hot86.cpu.sse.FpConvert;
import org.hot86.cpu.sse.SimdFpEnv;
import org.hot86.cpu.sse.SseFloat;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for the SSE/SSE2/SSE3/SSE4.1 floating-point instructions (SDM Vol. 1, 10.4.2-10.4.4, 11.4.1,
 * 11.4.5, 12.4, 12.8): arithmetic, comparisons (CMPxx, COMIS/UCOMIS into RFLAGS), conversions (CVT*, with
 * r/m32 and r/m64 integer operands), rounding, dot products, RCP/RSQRT.
 *
 * <p>Every executor follows the {@link SimdFpEnv} protocol: sources loaded (faults first), the semantic method
 * run, MXCSR updated, then either #XM/#UD for an unmasked exception with the destination untouched
 * ({@link SseAccess#fpDone}) or the result written. Packed forms with xmm/m128 are aligned-only; scalar forms
 * read m32/m64 with no alignment rule. The MMX-register conversions (CVTPI2PS, CVTPS2PI, ...) are not wired:
 * this branch does not model the MMX/x87 register file.
 */
final class SseFpExec {
    private SseFpExec() {
    }

    @FunctionalInterface
    interface Packed {
        boolean run(SimdFpEnv env, long aLo, long aHi, long bLo, long bHi, int imm8);
    }

    @FunctionalInterface
    interface Scalar {
        boolean run(SimdFpEnv env, long aLo, long aHi, long b, int imm8);
    }

    /** dst = op(dst, xmm/m128 aligned [, imm8]). */
    static void packed(Map<Form, Exec> m, Form f, Packed op) {
        m.put(f, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            int d = i.reg();
            SimdFpEnv env = env(s);
            fpDone(s, env, op.run(env, s.xmmLo[d], s.xmmHi[d], bLo, bHi, (int) i.immediate() & 0xFF));
            setXmm(s, d, env.lo(), env.hi());
        });
    }

    /** dst = op(dst, xmm/m32 or xmm/m64 [, imm8]) ({@code bits} 32 or 64). */
    static void scalar(Map<Form, Exec> m, Form f, int bits, Scalar op) {
        m.put(f, (s, i) -> {
            check(s);
            long b = bits == 32 ? src32(s, i) : src64(s, i);
            int d = i.reg();
            SimdFpEnv env = env(s);
            fpDone(s, env, op.run(env, s.xmmLo[d], s.xmmHi[d], b, (int) i.immediate() & 0xFF));
            setXmm(s, d, env.lo(), env.hi());
        });
    }

    /**
     * ADDSD/SUBSD/MULSD/DIVSD/MINSD/MAXSD (and the SS forms with {@code single}) once the
     * operands are read: the new low quadword of the destination (the high quadword is
     * unchanged, SDM Vol. 2 entries of those names); MXCSR takes the flags, an unmasked
     * exception raises #XM with the destination unchanged. The executor's arithmetic
     * ({@link SseFloat#scalarDouble}), for compiled code.
     */
    static long scalarArith(CpuState s, FpBinaryOp op, boolean single, long aLo, long b) {
        SimdFpEnv env = env(s);
        fpDone(s, env, single ? SseFloat.scalarSingle(op, env, aLo, 0, b) : SseFloat.scalarDouble(op, env, aLo, 0, b));
        return env.lo();
    }

    /**
     * COMISS/UCOMISS/COMISD/UCOMISD once the operands are read (SDM Vol. 2): ZF, PF, CF from
     * the comparison, OF, SF, AF cleared, in the state's flags; MXCSR takes the flags, an
     * unmasked exception raises #XM with EFLAGS unchanged.
     */
    static void comi(CpuState s, boolean ordered, boolean single, long a, long b) {
        SimdFpEnv env = env(s);
        fpDone(s, env, single ? FpCompare.comiss(ordered, env, a, b) : FpCompare.comisd(ordered, env, a, b));
        s.setStatusFlags(env.lo());
    }

    /** CVTSI2SD xmm{@code d}, {@code v} (the sign-extended integer source) once it is read: MXCSR flags, #XM. */
    static void cvtsi2sd(CpuState s, int d, long v) {
        SimdFpEnv env = env(s);
        fpDone(s, env, FpConvert.cvtsi2sd(env, s.xmmLo[d], s.xmmHi[d], v));
        setXmm(s, d, env.lo(), env.hi());
    }

    static void register(Map<Form, Exec> m) {
        registerArithmetic(m);
        registerCompare(m);
        registerConvert(m);
    }

    private static void registerArithmetic(Map<Form, Exec> m) {
        Object[][] ops = {
            {FpBinaryOp.ADD, Form.ADDPS_Vps_Wps, Form.ADDPD_Vpd_Wpd, Form.ADDSS_Vss_Wss, Form.ADDSD_Vsd_Wsd},
            {FpBinaryOp.SUB, Form.SUBPS_Vps_Wps, Form.SUBPD_Vpd_Wpd, Form.SUBSS_Vss_Wss, Form.SUBSD_Vsd_Wsd},
            {FpBinaryOp.MUL, Form.MULPS_Vps_Wps, Form.MULPD_Vpd_Wpd, Form.MULSS_Vss_Wss, Form.MULSD_Vsd_Wsd},
            {FpBinaryOp.DIV, Form.DIVPS_Vps_Wps, Form.DIVPD_Vpd_Wpd, Form.DIVSS_Vss_Wss, Form.DIVSD_Vsd_Wsd},
            {FpBinaryOp.MIN, Form.MINPS_Vps_Wps, Form.MINPD_Vpd_Wpd, Form.MINSS_Vss_Wss, Form.MINSD_Vsd_Wsd},
            {FpBinaryOp.MAX, Form.MAXPS_Vps_Wps, Form.MAXPD_Vpd_Wpd, Form.MAXSS_Vss_Wss, Form.MAXSD_Vsd_Wsd},
        };
        for (Object[] o : ops) {
            FpBinaryOp op = (FpBinaryOp) o[0];
            packed(m, (Form) o[1], (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.packedSingle(op, e, aLo, aHi, bLo, bHi));
            packed(m, (Form) o[2], (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.packedDouble(op, e, aLo, aHi, bLo, bHi));
            scalar(m, (Form) o[3], 32, (e, aLo, aHi, b, imm) -> SseFloat.scalarSingle(op, e, aLo, aHi, b));
            scalar(m, (Form) o[4], 64, (e, aLo, aHi, b, imm) -> SseFloat.scalarDouble(op, e, aLo, aHi, b));
        }
        packed(m, Form.SQRTPS_Vps_Wps, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.sqrtps(e, bLo, bHi));
        packed(m, Form.SQRTPD_Vpd_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.sqrtpd(e, bLo, bHi));
        scalar(m, Form.SQRTSS_Vss_Wss, 32, (e, aLo, aHi, b, imm) -> SseFloat.sqrtss(e, aLo, aHi, b));
        scalar(m, Form.SQRTSD_Vsd_Wsd, 64, (e, aLo, aHi, b, imm) -> SseFloat.sqrtsd(e, aLo, aHi, b));
        packed(m, Form.ADDSUBPS_Vps_Wps, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.addsubps(e, aLo, aHi, bLo, bHi));
        packed(m, Form.ADDSUBPD_Vpd_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.addsubpd(e, aLo, aHi, bLo, bHi));
        packed(m, Form.HADDPS_Vps_Wps, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.horizontalps(false, e, aLo, aHi, bLo, bHi));
        packed(m, Form.HSUBPS_Vps_Wps, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.horizontalps(true, e, aLo, aHi, bLo, bHi));
        packed(m, Form.HADDPD_Vpd_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.horizontalpd(false, e, aLo, aHi, bLo, bHi));
        packed(m, Form.HSUBPD_Vpd_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.horizontalpd(true, e, aLo, aHi, bLo, bHi));
        packed(m, Form.DPPS_Vx_Wx_Ib, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.dpps(e, imm, aLo, aHi, bLo, bHi));
        packed(m, Form.DPPD_Vx_Wx_Ib, (e, aLo, aHi, bLo, bHi, imm) -> SseFloat.dppd(e, imm, aLo, aHi, bLo, bHi));
        packed(m, Form.ROUNDPS_Vx_Wx_Ib, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.roundps(e, imm, bLo, bHi));
        packed(m, Form.ROUNDPD_Vx_Wx_Ib, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.roundpd(e, imm, bLo, bHi));
        scalar(m, Form.ROUNDSS_Vx_Wss_Ib, 32, (e, aLo, aHi, b, imm) -> FpConvert.roundss(e, imm, aLo, aHi, b));
        scalar(m, Form.ROUNDSD_Vx_Wsd_Ib, 64, (e, aLo, aHi, b, imm) -> FpConvert.roundsd(e, imm, aLo, aHi, b));

        // RCPPS/RSQRTPS and scalar forms: approximations that neither read nor write MXCSR flags
        m.put(Form.RCPPS_Vps_Wps, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            setXmm(s, i.reg(), FpApprox.rcpps(bLo), FpApprox.rcpps(bHi));
        });
        m.put(Form.RSQRTPS_Vps_Wps, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            setXmm(s, i.reg(), FpApprox.rsqrtps(bLo), FpApprox.rsqrtps(bHi));
        });
        m.put(Form.RCPSS_Vss_Wss, (s, i) -> {
            check(s);
            long b = src32(s, i);
            s.xmmLo[i.reg()] = FpApprox.rcpss(s.xmmLo[i.reg()], b);
        });
        m.put(Form.RSQRTSS_Vss_Wss, (s, i) -> {
            check(s);
            long b = src32(s, i);
            s.xmmLo[i.reg()] = FpApprox.rsqrtss(s.xmmLo[i.reg()], b);
        });
    }

    private static void registerCompare(Map<Form, Exec> m) {
        packed(m, Form.CMPPS_Vps_Wps_Ib, (e, aLo, aHi, bLo, bHi, imm) -> FpCompare.cmpps(e, imm, aLo, aHi, bLo, bHi));
        packed(m, Form.CMPPD_Vpd_Wpd_Ib, (e, aLo, aHi, bLo, bHi, imm) -> FpCompare.cmppd(e, imm, aLo, aHi, bLo, bHi));
        scalar(m, Form.CMPSS_Vss_Wss_Ib, 32, (e, aLo, aHi, b, imm) -> FpCompare.cmpss(e, imm, aLo, aHi, b));
        scalar(m, Form.CMPSD_Vsd_Wsd_Ib, 64, (e, aLo, aHi, b, imm) -> FpCompare.cmpsd(e, imm, aLo, aHi, b));
        // COMISS/UCOMISS/COMISD/UCOMISD (SDM Vol. 2): ZF, PF, CF from the comparison; OF, SF, AF cleared
        Object[][] comi = {{Form.COMISS_Vss_Wss, true, 32}, {Form.UCOMISS_Vss_Wss, false, 32},
                {Form.COMISD_Vsd_Wsd, true, 64}, {Form.UCOMISD_Vsd_Wsd, false, 64}};
        for (Object[] c : comi) {
            boolean ordered = (Boolean) c[1];
            boolean single = (Integer) c[2] == 32;
            m.put((Form) c[0], (s, i) -> {
                check(s);
                long b = single ? src32(s, i) : src64(s, i);
                comi(s, ordered, single, s.xmmLo[i.reg()], b);
            });
        }
    }

    /** The integer source of CVTSI2SS/SD: r/m32 sign-extended, or r/m64 with REX.W. */
    private static long intSource(CpuState s, Instruction i) {
        int z = i.operandSize() == 64 ? 64 : 32;
        long v = Operands.readE(s, i, z);
        return z == 32 ? (int) v : v;
    }

    private static void registerConvert(Map<Form, Exec> m) {
        m.put(Form.CVTSI2SS_Vss_Ey, (s, i) -> {
            check(s);
            long v = intSource(s, i);
            int d = i.reg();
            SimdFpEnv env = env(s);
            fpDone(s, env, FpConvert.cvtsi2ss(env, s.xmmLo[d], s.xmmHi[d], v));
            setXmm(s, d, env.lo(), env.hi());
        });
        m.put(Form.CVTSI2SD_Vsd_Ey, (s, i) -> {
            check(s);
            cvtsi2sd(s, i.reg(), intSource(s, i));
        });
        // CVT(T)SS2SI / CVT(T)SD2SI r32/r64, xmm/m32|m64
        Object[][] toInt = {{Form.CVTSS2SI_Gy_Wss, true, false}, {Form.CVTTSS2SI_Gy_Wss, true, true},
                {Form.CVTSD2SI_Gy_Wsd, false, false}, {Form.CVTTSD2SI_Gy_Wsd, false, true}};
        for (Object[] c : toInt) {
            boolean single = (Boolean) c[1];
            boolean trunc = (Boolean) c[2];
            m.put((Form) c[0], (s, i) -> {
                check(s);
                long b = single ? src32(s, i) : src64(s, i);
                boolean w = i.operandSize() == 64;
                SimdFpEnv env = env(s);
                fpDone(s, env, single ? FpConvert.cvtss2si(env, w, trunc, b) : FpConvert.cvtsd2si(env, w, trunc, b));
                s.writeReg(i.reg(), w ? 64 : 32, false, env.lo());
            });
        }
        scalar(m, Form.CVTSS2SD_Vsd_Wss, 32, (e, aLo, aHi, b, imm) -> FpConvert.cvtss2sd(e, aLo, aHi, b));
        scalar(m, Form.CVTSD2SS_Vss_Wsd, 64, (e, aLo, aHi, b, imm) -> FpConvert.cvtsd2ss(e, aLo, aHi, b));
        // packed conversions with an m64 source (two elements): no alignment rule
        scalar(m, Form.CVTPS2PD_Vpd_Wq, 64, (e, aLo, aHi, b, imm) -> FpConvert.cvtps2pd(e, b));
        scalar(m, Form.CVTDQ2PD_Vx_Wq, 64, (e, aLo, aHi, b, imm) -> FpConvert.cvtdq2pd(e, b));
        packed(m, Form.CVTPD2PS_Vps_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtpd2ps(e, bLo, bHi));
        packed(m, Form.CVTDQ2PS_Vps_Wx, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtdq2ps(e, bLo, bHi));
        packed(m, Form.CVTPS2DQ_Vx_Wps, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtps2dq(e, false, bLo, bHi));
        packed(m, Form.CVTTPS2DQ_Vx_Wps, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtps2dq(e, true, bLo, bHi));
        packed(m, Form.CVTPD2DQ_Vx_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtpd2dq(e, false, bLo, bHi));
        packed(m, Form.CVTTPD2DQ_Vx_Wpd, (e, aLo, aHi, bLo, bHi, imm) -> FpConvert.cvtpd2dq(e, true, bLo, bHi));
    }
}
