package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.X87Access.begin;
import static org.hot86.cpu.interp.X87Access.ea;
import static org.hot86.cpu.interp.X87Access.read;
import static org.hot86.cpu.interp.X87Access.record;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.x87.X87;
import org.hot86.cpu.x87.X87Const;
import org.hot86.cpu.x87.X87State;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for the x87 data transfer instructions (SDM Vol. 1, 8.3.3 and 8.3.8; Vol. 2 FLD, FILD, FBLD, FST/FSTP,
 * FIST/FISTP, FISTTP, FBSTP, FXCH, FCMOVcc, FLD1..FLDZ): every memory format (m16/m32/m64 integer, m32/m64/m80
 * floating point, m80 packed BCD) and the ST(i) forms. The semantics are in {@link X87}.
 *
 * <p>Loads read memory before touching the FPU; stores probe the destination for writability first, then let
 * {@link X87} compute the bits (and update the stack and status word), then write them unless the instruction
 * had an unmasked exception ({@code env.noResult}): a page fault thus leaves the FPU unchanged.
 */
final class X87LoadStoreExec {
    private X87LoadStoreExec() {
    }

    /** The body of an ST(i) form. */
    @FunctionalInterface
    interface StOp {
        void run(CpuState s, X87State x, int i);
    }

    /** Registers a waiting ST(i) (or operand-less) form: checks, the operation, FIP/FOP recording. */
    static void stForm(Map<Form, Exec> m, Form f, StOp op) {
        m.put(f, (s, i) -> {
            X87State x = begin(s);
            op.run(s, x, i.rm() & 7);
            record(s, i, x);
        });
    }

    /** A store of {@code bits} bits: probe, compute, write. */
    @FunctionalInterface
    interface StoreOp {
        long compute(X87State x);
    }

    static void store(Map<Form, Exec> m, Form f, int bits, StoreOp op) {
        m.put(f, (s, i) -> {
            X87State x = begin(s);
            long ea = ea(s, i, bits / 8);
            Memory.probeWrite(s, i.segment(), ea, bits);
            long v = op.compute(x);
            if (!x.env.noResult) {
                Memory.write(s, i.segment(), ea, bits, v);
            }
            record(s, i, x);
        });
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.FLD_Md, (s, i) -> {
            X87State x = begin(s);
            int v = (int) read(s, i, 32);
            X87.fldF32(x, v);
            record(s, i, x);
        });
        m.put(Form.FLD_Mq, (s, i) -> {
            X87State x = begin(s);
            long v = read(s, i, 64);
            X87.fldF64(x, v);
            record(s, i, x);
        });
        m.put(Form.FLD_Mt, (s, i) -> {
            X87State x = begin(s);
            long ea = ea(s, i, 10);
            long lo = Memory.read(s, i.segment(), ea, 64);
            int hi = (int) Memory.read(s, i.segment(), ea + 8, 16);
            X87.fldExt(x, hi, lo);
            record(s, i, x);
        });
        m.put(Form.FILD_Mw, (s, i) -> {
            X87State x = begin(s);
            long v = (short) read(s, i, 16);
            X87.fild(x, v);
            record(s, i, x);
        });
        m.put(Form.FILD_Md, (s, i) -> {
            X87State x = begin(s);
            long v = (int) read(s, i, 32);
            X87.fild(x, v);
            record(s, i, x);
        });
        m.put(Form.FILD_Mq, (s, i) -> {
            X87State x = begin(s);
            long v = read(s, i, 64);
            X87.fild(x, v);
            record(s, i, x);
        });
        m.put(Form.FBLD_Mt, (s, i) -> {
            X87State x = begin(s);
            byte[] b = X87Access.readBytes(s, i.segment(), ea(s, i, 10), 10);
            X87.fbld(x, b, 0);
            record(s, i, x);
        });
        stForm(m, Form.FLD_STi, (s, x, k) -> X87.fldSt(x, k));
        stForm(m, Form.FLD1, (s, x, k) -> X87.fldConst(x, X87Const.ONE));
        stForm(m, Form.FLDL2T, (s, x, k) -> X87.fldConst(x, X87Const.L2T));
        stForm(m, Form.FLDL2E, (s, x, k) -> X87.fldConst(x, X87Const.L2E));
        stForm(m, Form.FLDPI, (s, x, k) -> X87.fldConst(x, X87Const.PI));
        stForm(m, Form.FLDLG2, (s, x, k) -> X87.fldConst(x, X87Const.LG2));
        stForm(m, Form.FLDLN2, (s, x, k) -> X87.fldConst(x, X87Const.LN2));
        stForm(m, Form.FLDZ, (s, x, k) -> X87.fldConst(x, X87Const.ZERO));

        store(m, Form.FST_Md, 32, x -> X87.fstF32(x, false) & 0xFFFFFFFFL);
        store(m, Form.FSTP_Md, 32, x -> X87.fstF32(x, true) & 0xFFFFFFFFL);
        store(m, Form.FST_Mq, 64, x -> X87.fstF64(x, false));
        store(m, Form.FSTP_Mq, 64, x -> X87.fstF64(x, true));
        store(m, Form.FIST_Mw, 16, x -> X87.fist(x, 16, false, false));
        store(m, Form.FISTP_Mw, 16, x -> X87.fist(x, 16, true, false));
        store(m, Form.FIST_Md, 32, x -> X87.fist(x, 32, false, false));
        store(m, Form.FISTP_Md, 32, x -> X87.fist(x, 32, true, false));
        store(m, Form.FISTP_Mq, 64, x -> X87.fist(x, 64, true, false));
        store(m, Form.FISTTP_Mw, 16, x -> X87.fist(x, 16, true, true));
        store(m, Form.FISTTP_Md, 32, x -> X87.fist(x, 32, true, true));
        store(m, Form.FISTTP_Mq, 64, x -> X87.fist(x, 64, true, true));
        m.put(Form.FSTP_Mt, (s, i) -> {
            X87State x = begin(s);
            long ea = ea(s, i, 10);
            probe10(s, i, ea);
            X87.fstExt(x, true);
            if (!x.env.noResult) {
                Memory.write(s, i.segment(), ea, 64, x.env.m);
                Memory.write(s, i.segment(), ea + 8, 16, x.env.se);
            }
            record(s, i, x);
        });
        m.put(Form.FBSTP_Mt, (s, i) -> {
            X87State x = begin(s);
            long ea = ea(s, i, 10);
            probe10(s, i, ea);
            byte[] b = new byte[10];
            X87.fbstp(x, b, 0);
            if (!x.env.noResult) {
                X87Access.writeBytes(s, i.segment(), ea, b, 10);
            }
            record(s, i, x);
        });
        stForm(m, Form.FST_STi, (s, x, k) -> X87.fstSt(x, k, false));
        stForm(m, Form.FSTP_STi, (s, x, k) -> X87.fstSt(x, k, true));
        stForm(m, Form.FXCH_STi, (s, x, k) -> X87.fxch(x, k));
        // FCMOVcc: the condition is read from EFLAGS (SDM Vol. 2 FCMOVcc, Table 3-29)
        stForm(m, Form.FCMOVB_ST0_STi, (s, x, k) -> X87.fcmov(x, k, s.cf()));
        stForm(m, Form.FCMOVE_ST0_STi, (s, x, k) -> X87.fcmov(x, k, s.zf()));
        stForm(m, Form.FCMOVBE_ST0_STi, (s, x, k) -> X87.fcmov(x, k, s.cf() || s.zf()));
        stForm(m, Form.FCMOVU_ST0_STi, (s, x, k) -> X87.fcmov(x, k, s.pf()));
        stForm(m, Form.FCMOVNB_ST0_STi, (s, x, k) -> X87.fcmov(x, k, !s.cf()));
        stForm(m, Form.FCMOVNE_ST0_STi, (s, x, k) -> X87.fcmov(x, k, !s.zf()));
        stForm(m, Form.FCMOVNBE_ST0_STi, (s, x, k) -> X87.fcmov(x, k, !s.cf() && !s.zf()));
        stForm(m, Form.FCMOVNU_ST0_STi, (s, x, k) -> X87.fcmov(x, k, !s.pf()));
    }

    /** Probes both accesses of a 10-byte store (64 bits at ea, 16 at ea + 8), in address order. */
    static void probe10(CpuState s, Instruction i, long ea) {
        Memory.probeWrite(s, i.segment(), ea, 64);
        Memory.probeWrite(s, i.segment(), ea + 8, 16);
    }
}
