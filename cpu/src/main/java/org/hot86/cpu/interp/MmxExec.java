package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.X87Access.beginMmx;

import java.util.Map;
import java.util.function.LongBinaryOperator;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.sse.FpConvert;
import org.hot86.cpu.sse.PackedArith;
import org.hot86.cpu.sse.PackedShuffle;
import org.hot86.cpu.sse.SimdFpEnv;
import org.hot86.cpu.x87.Mmx;
import org.hot86.cpu.x87.X87State;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for the MMX instructions (SDM Vol. 1, chapter 9; Vol. 2 P* pages), the SSE/SSSE3 integer
 * instructions on MMX registers (PSHUFW, PINSRW, PEXTRW, PMOVMSKB, PAVGx, PMINx/PMAXx, PSADBW, PMULUDQ, PADDQ,
 * PSUBQ, MOVNTQ, MASKMOVQ, PSHUFB, PHADDx/PHSUBx, PMADDUBSW, PSIGNx, PMULHRSW, PABSx, PALIGNR) and the
 * SSE/SSE2 forms with one MMX and one XMM operand (CVTPI2PS/PD, CVT(T)PS2PI, CVT(T)PD2PI, MOVQ2DQ, MOVDQ2Q).
 *
 * <p>MM0-MM7 are the significands of the physical x87 registers R0-R7 ({@link Mmx#read}/{@link Mmx#write}); the
 * register numbers ignore REX.R/REX.B. Every MMX instruction except EMMS puts the FPU in MMX state (TOP = 0, all
 * tags valid, {@link Mmx#enter}) after its checks and memory reads, and a write sets the exponent field to all
 * ones (SDM 9.5.1). The SSE conversions from an m64 memory operand do not touch the x87 state (SDM 9.5.1,
 * "Instructions that Reference MMX Registers": no transition for a memory source of CVTPI2PS/CVTPI2PD).
 *
 * <p>Checks ({@link X87Access#beginMmx}): #UD if CR0.EM, #NM if CR0.TS, #MF if an x87 exception is pending;
 * the forms with an XMM operand check as SSE ({@link SseAccess#check}) first.
 */
final class MmxExec {
    private MmxExec() {
    }

    /** The mm/m64 source (Q operand). */
    static long src(CpuState s, X87State x, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), SseAccess.ea(s, i, 8), 64);
        }
        return Mmx.read(x, i.rm() & 7);
    }

    /** The mm/m32 source of PUNPCKLBW/PUNPCKLWD/PUNPCKLDQ (SDM: only the low 32 bits are read from memory). */
    static long src32(CpuState s, X87State x, Instruction i) {
        if (i.hasMemory()) {
            return Memory.read(s, i.segment(), SseAccess.ea(s, i, 4), 32);
        }
        return Mmx.read(x, i.rm() & 7);
    }

    /** MMd = op(MMd, mm/m64), or mm/m32 for the low unpacks. */
    static void binary(Map<Form, Exec> m, Form f, LongBinaryOperator op) {
        boolean m32 = f == Form.PUNPCKLBW_Pq_Qq || f == Form.PUNPCKLWD_Pq_Qq || f == Form.PUNPCKLDQ_Pq_Qq;
        m.put(f, (s, i) -> {
            X87State x = beginMmx(s);
            long b = m32 ? src32(s, x, i) : src(s, x, i);
            int d = i.reg() & 7;
            Mmx.enter(x);
            Mmx.write(x, d, op.applyAsLong(Mmx.read(x, d), b));
        });
    }

    /** Shift of the N operand by imm8 (register only). */
    static void shiftImm(Map<Form, Exec> m, Form f, Mmx.Op op) {
        m.put(f, (s, i) -> {
            X87State x = beginMmx(s);
            SseAccess.requireRegister(i);
            int d = i.rm() & 7;
            Mmx.enter(x);
            Mmx.write(x, d, op.apply(Mmx.read(x, d), i.immediate() & 0xFF));
        });
    }

    static void register(Map<Form, Exec> m) {
        for (Mmx.Op op : Mmx.Op.values()) {
            binary(m, Form.valueOf(op.name() + "_Pq_Qq"), op::apply);
        }
        binary(m, Form.PSHUFB_Pq_Qq, PackedShuffle::pshufbMmx);
        binary(m, Form.PHADDW_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.ADDW));
        binary(m, Form.PHADDD_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.ADDD));
        binary(m, Form.PHADDSW_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.ADDSW));
        binary(m, Form.PHSUBW_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.SUBW));
        binary(m, Form.PHSUBD_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.SUBD));
        binary(m, Form.PHSUBSW_Pq_Qq, (a, b) -> PackedShuffle.horizontalMmx(a, b, PackedShuffle.Horizontal.SUBSW));
        binary(m, Form.PMADDUBSW_Pq_Qq, PackedArith::pmaddubsw);
        binary(m, Form.PSIGNB_Pq_Qq, PackedArith::psignb);
        binary(m, Form.PSIGNW_Pq_Qq, PackedArith::psignw);
        binary(m, Form.PSIGND_Pq_Qq, PackedArith::psignd);
        binary(m, Form.PMULHRSW_Pq_Qq, PackedArith::pmulhrsw);
        binary(m, Form.PABSB_Pq_Qq, (a, b) -> PackedArith.pabsb(b));
        binary(m, Form.PABSW_Pq_Qq, (a, b) -> PackedArith.pabsw(b));
        binary(m, Form.PABSD_Pq_Qq, (a, b) -> PackedArith.pabsd(b));
        m.put(Form.PALIGNR_Pq_Qq_Ib, (s, i) -> {
            X87State x = beginMmx(s);
            long b = src(s, x, i);
            int d = i.reg() & 7;
            Mmx.enter(x);
            Mmx.write(x, d, PackedShuffle.palignrMmx(Mmx.read(x, d), b, (int) i.immediate() & 0xFF));
        });
        m.put(Form.PSHUFW_Pq_Qq_Ib, (s, i) -> {
            X87State x = beginMmx(s);
            long b = src(s, x, i);
            Mmx.enter(x);
            Mmx.write(x, i.reg() & 7, Mmx.pshufw(b, (int) i.immediate() & 0xFF));
        });
        shiftImm(m, Form.PSRLW_Nq_Ib, Mmx.Op.PSRLW);
        shiftImm(m, Form.PSRAW_Nq_Ib, Mmx.Op.PSRAW);
        shiftImm(m, Form.PSLLW_Nq_Ib, Mmx.Op.PSLLW);
        shiftImm(m, Form.PSRLD_Nq_Ib, Mmx.Op.PSRLD);
        shiftImm(m, Form.PSRAD_Nq_Ib, Mmx.Op.PSRAD);
        shiftImm(m, Form.PSLLD_Nq_Ib, Mmx.Op.PSLLD);
        shiftImm(m, Form.PSRLQ_Nq_Ib, Mmx.Op.PSRLQ);
        shiftImm(m, Form.PSLLQ_Nq_Ib, Mmx.Op.PSLLQ);
        m.put(Form.EMMS, (s, i) -> {
            // SDM EMMS: all tags empty. This AMD host also sets TOP = 0 (checked: fdecstp; emms; fnstsw -> 0000),
            // and the oracle rules; Intel documents only the tags.
            X87State x = beginMmx(s);
            Mmx.emms(x);
            x.top = 0;
        });
        registerMoves(m);
        registerXmm(m);
    }

    /** MOVD/MOVQ, PINSRW/PEXTRW, PMOVMSKB, MOVNTQ, MASKMOVQ. */
    private static void registerMoves(Map<Form, Exec> m) {
        m.put(Form.MOVD_Pq_Ey, (s, i) -> {
            X87State x = beginMmx(s);
            int z = i.operandSize() == 64 ? 64 : 32;
            long v = Operands.readE(s, i, z);
            Mmx.enter(x);
            Mmx.write(x, i.reg() & 7, v);
        });
        m.put(Form.MOVD_Ey_Pq, (s, i) -> {
            X87State x = beginMmx(s);
            int z = i.operandSize() == 64 ? 64 : 32;
            long v = Mmx.read(x, i.reg() & 7);
            if (i.hasMemory()) {
                Memory.write(s, i.segment(), SseAccess.ea(s, i, z / 8), z, v);
            } else {
                s.writeReg(i.rm(), z, false, v);
            }
            Mmx.enter(x);
        });
        m.put(Form.MOVQ_Pq_Qq, (s, i) -> {
            X87State x = beginMmx(s);
            long v = src(s, x, i);
            Mmx.enter(x);
            Mmx.write(x, i.reg() & 7, v);
        });
        m.put(Form.MOVQ_Qq_Pq, (s, i) -> {
            X87State x = beginMmx(s);
            long v = Mmx.read(x, i.reg() & 7);
            if (i.hasMemory()) {
                Memory.write(s, i.segment(), SseAccess.ea(s, i, 8), 64, v);
                Mmx.enter(x);
            } else {
                Mmx.enter(x);
                Mmx.write(x, i.rm() & 7, v);
            }
        });
        m.put(Form.MOVNTQ_Mq_Pq, (s, i) -> {
            X87State x = beginMmx(s);
            SseAccess.requireMemory(i);
            Memory.write(s, i.segment(), SseAccess.ea(s, i, 8), 64, Mmx.read(x, i.reg() & 7));
            Mmx.enter(x); // a faulting MOVNTQ leaves the x87 state unchanged (host-checked), unlike MASKMOVQ
        });
        m.put(Form.PINSRW_Pq_Ew_Ib, (s, i) -> {
            X87State x = beginMmx(s);
            int v = (int) (i.hasMemory() ? Memory.read(s, i.segment(), SseAccess.ea(s, i, 2), 16) : s.gpr[i.rm()]);
            int d = i.reg() & 7;
            Mmx.enter(x);
            Mmx.write(x, d, Mmx.pinsrw(Mmx.read(x, d), v, (int) i.immediate()));
        });
        m.put(Form.PEXTRW_Gy_Nq_Ib, (s, i) -> {
            X87State x = beginMmx(s);
            SseAccess.requireRegister(i);
            int v = Mmx.pextrw(Mmx.read(x, i.rm() & 7), (int) i.immediate());
            s.writeReg(i.reg(), 32, false, v);
            Mmx.enter(x);
        });
        m.put(Form.PMOVMSKB_Gy_Nq, (s, i) -> {
            X87State x = beginMmx(s);
            SseAccess.requireRegister(i);
            s.writeReg(i.reg(), 32, false, Mmx.pmovmskb(Mmx.read(x, i.rm() & 7)));
            Mmx.enter(x);
        });
        m.put(Form.MASKMOVQ_Pq_Nq, MmxExec::maskmovq);
    }

    /**
     * MASKMOVQ (SDM Vol. 2): bytes of MMreg whose mask byte (MMrm) has bit 7 set are stored at DS:rDI (segment
     * override allowed; rDI by the address size). All 8 bytes are checked for writability before any is
     * written, as MASKMOVDQU does, so a fault leaves memory unchanged.
     */
    private static void maskmovq(CpuState s, Instruction i) {
        X87State x = beginMmx(s);
        SseAccess.requireRegister(i);
        long data = Mmx.read(x, i.reg() & 7);
        long mask = Mmx.read(x, i.rm() & 7);
        int seg = i.segmentOverride() >= 0 ? i.segmentOverride() : CpuState.DS;
        long am = i.addressSize() == 64 ? -1L : i.addressSize() == 32 ? 0xFFFFFFFFL : 0xFFFFL;
        long base = s.gpr[CpuState.RDI] & am;
        Mmx.enter(x); // the host enters MMX state even when the store then faults
        SseAccess.checkLimit(s, seg, base, 8);
        for (int k = 0; k < 8; k++) {
            SseAccess.probeWrite(s, seg, base + k, 8);
        }
        for (int k = 0; k < 8; k++) {
            if (((mask >>> (8 * k + 7)) & 1) != 0) {
                Memory.write(s, seg, base + k, 8, (data >>> (8 * k)) & 0xFF);
            }
        }
    }

    /** The forms with an XMM and an MMX operand: SSE checks first, then the MMX ones when an MMX register is used. */
    private static void registerXmm(Map<Form, Exec> m) {
        m.put(Form.CVTPI2PS_Vps_Qq, (s, i) -> {
            SseAccess.check(s);
            X87State x = i.hasMemory() ? s.x87 : beginMmx(s);
            long b = src(s, x, i);
            int d = i.reg();
            SimdFpEnv env = SseAccess.env(s);
            boolean ok = FpConvert.cvtpi2ps(env, s.xmmHi[d], b);
            if (!i.hasMemory()) {
                Mmx.enter(x);
            }
            SseAccess.fpDone(s, env, ok);
            SseAccess.setXmm(s, d, env.lo(), env.hi());
        });
        m.put(Form.CVTPI2PD_Vpd_Qq, (s, i) -> {
            SseAccess.check(s);
            X87State x = i.hasMemory() ? s.x87 : beginMmx(s);
            long b = src(s, x, i);
            SimdFpEnv env = SseAccess.env(s);
            boolean ok = FpConvert.cvtpi2pd(env, b);
            if (!i.hasMemory()) {
                Mmx.enter(x);
            }
            SseAccess.fpDone(s, env, ok);
            SseAccess.setXmm(s, i.reg(), env.lo(), env.hi());
        });
        cvtToMm(m, Form.CVTPS2PI_Pq_Wq, false, false);
        cvtToMm(m, Form.CVTTPS2PI_Pq_Wq, true, false);
        cvtToMm(m, Form.CVTPD2PI_Pq_Wpd, false, true);
        cvtToMm(m, Form.CVTTPD2PI_Pq_Wpd, true, true);
        m.put(Form.MOVQ2DQ_Vx_Nq, (s, i) -> {
            SseAccess.check(s);
            X87State x = beginMmx(s);
            SseAccess.requireRegister(i);
            long v = Mmx.read(x, i.rm() & 7);
            Mmx.enter(x);
            SseAccess.setXmm(s, i.reg(), v, 0);
        });
        m.put(Form.MOVDQ2Q_Pq_Uq, (s, i) -> {
            SseAccess.check(s);
            X87State x = beginMmx(s);
            SseAccess.requireRegister(i);
            Mmx.enter(x);
            Mmx.write(x, i.reg() & 7, s.xmmLo[i.rm()]);
        });
    }

    /** CVT(T)PS2PI mm, xmm/m64 and CVT(T)PD2PI mm, xmm/m128 (aligned). */
    private static void cvtToMm(Map<Form, Exec> m, Form f, boolean truncate, boolean pd) {
        m.put(f, (s, i) -> {
            SseAccess.check(s);
            X87State x = beginMmx(s);
            SimdFpEnv env = SseAccess.env(s);
            boolean ok;
            if (pd) {
                long lo = SseAccess.srcLo(s, i, true);
                long hi = SseAccess.srcHi(s, i);
                ok = FpConvert.cvtpd2pi(env, truncate, lo, hi);
            } else {
                ok = FpConvert.cvtps2pi(env, truncate, SseAccess.src64(s, i));
            }
            Mmx.enter(x); // the host enters MMX state even when the conversion then raises #XM
            SseAccess.fpDone(s, env, ok);
            Mmx.write(x, i.reg() & 7, env.lo());
        });
    }
}
