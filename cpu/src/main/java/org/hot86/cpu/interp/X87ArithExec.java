package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.X87Access.begin;
import static org.hot86.cpu.interp.X87Access.read;
import static org.hot86.cpu.interp.X87Access.record;
import static org.hot86.cpu.interp.X87LoadStoreExec.stForm;

import java.util.Map;
import org.hot86.cpu.x87.ArithOp;
import org.hot86.cpu.x87.TranscOp;
import org.hot86.cpu.x87.X87;
import org.hot86.cpu.x87.X87State;
import org.hot86.decoder.Form;

/**
 * Executors for the x87 basic arithmetic, comparison, and transcendental instructions (SDM Vol. 1, 8.3.5-8.3.10;
 * Vol. 2 FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR in all operand forms incl. FIxxx and the popping forms, FCOM/FCOMP/
 * FCOMPP, FUCOM*, FICOM*, FCOMI/FCOMIP/FUCOMI/FUCOMIP, FTST, FXAM, FSQRT, FABS, FCHS, FRNDINT, FSCALE, FXTRACT,
 * FPREM, FPREM1, FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1). Semantics in {@link X87}; memory
 * operands are read before the FPU changes.
 */
final class X87ArithExec {
    private X87ArithExec() {
    }

    static void register(Map<Form, Exec> m) {
        for (ArithOp op : ArithOp.values()) {
            // The table names the six operations as the ArithOp constants do: FADD, FSUB, FSUBR, FMUL, FDIV, FDIVR.
            String n = op.name();
            m.put(Form.valueOf("F" + n + "_Md"), (s, i) -> {
                X87State x = begin(s);
                int v = (int) read(s, i, 32);
                X87.arithF32(x, op, v);
                record(s, i, x);
            });
            m.put(Form.valueOf("F" + n + "_Mq"), (s, i) -> {
                X87State x = begin(s);
                long v = read(s, i, 64);
                X87.arithF64(x, op, v);
                record(s, i, x);
            });
            m.put(Form.valueOf("FI" + n + "_Md"), (s, i) -> {
                X87State x = begin(s);
                long v = (int) read(s, i, 32);
                X87.arithInt(x, op, v);
                record(s, i, x);
            });
            m.put(Form.valueOf("FI" + n + "_Mw"), (s, i) -> {
                X87State x = begin(s);
                long v = (short) read(s, i, 16);
                X87.arithInt(x, op, v);
                record(s, i, x);
            });
            // ST(0) = ST(0) op ST(i); ST(i) = ST(i) op ST(0); the same and pop
            stForm(m, Form.valueOf("F" + n + "_ST0_STi"), (s, x, k) -> X87.arith(x, op, 0, k, false));
            stForm(m, Form.valueOf("F" + n + "_STi_ST0"), (s, x, k) -> X87.arith(x, op, k, 0, false));
            stForm(m, Form.valueOf("F" + n + "P_STi_ST0"), (s, x, k) -> X87.arith(x, op, k, 0, true));
        }
        registerCompare(m);
        stForm(m, Form.FCHS, (s, x, k) -> X87.fchs(x));
        stForm(m, Form.FABS, (s, x, k) -> X87.fabs(x));
        stForm(m, Form.FSQRT, (s, x, k) -> X87.fsqrt(x));
        stForm(m, Form.FRNDINT, (s, x, k) -> X87.frndint(x));
        stForm(m, Form.FSCALE, (s, x, k) -> X87.fscale(x));
        stForm(m, Form.FXTRACT, (s, x, k) -> X87.fxtract(x));
        stForm(m, Form.FPREM, (s, x, k) -> X87.fprem(x, false));
        stForm(m, Form.FPREM1, (s, x, k) -> X87.fprem(x, true));
        for (TranscOp op : TranscOp.values()) {
            stForm(m, Form.valueOf(op.name()), (s, x, k) -> X87.transcendental(x, op));
        }
    }

    /** Compares: C0/C2/C3 (FCOM family, FTST, FXAM) or ZF/PF/CF (FCOMI family; OF, SF, AF cleared). */
    private static void registerCompare(Map<Form, Exec> m) {
        for (boolean pop : new boolean[] {false, true}) {
            String p = pop ? "P" : "";
            m.put(Form.valueOf("FCOM" + p + "_Md"), (s, i) -> {
                X87State x = begin(s);
                int v = (int) read(s, i, 32);
                X87.fcomF32(x, v, pop);
                record(s, i, x);
            });
            m.put(Form.valueOf("FCOM" + p + "_Mq"), (s, i) -> {
                X87State x = begin(s);
                long v = read(s, i, 64);
                X87.fcomF64(x, v, pop);
                record(s, i, x);
            });
            m.put(Form.valueOf("FICOM" + p + "_Md"), (s, i) -> {
                X87State x = begin(s);
                long v = (int) read(s, i, 32);
                X87.ficom(x, v, pop);
                record(s, i, x);
            });
            m.put(Form.valueOf("FICOM" + p + "_Mw"), (s, i) -> {
                X87State x = begin(s);
                long v = (short) read(s, i, 16);
                X87.ficom(x, v, pop);
                record(s, i, x);
            });
            int pops = pop ? 1 : 0;
            stForm(m, Form.valueOf("FCOM" + p + "_STi"), (s, x, k) -> X87.fcom(x, k, pops, false));
            stForm(m, Form.valueOf("FUCOM" + p + "_STi"), (s, x, k) -> X87.fcom(x, k, pops, true));
            stForm(m, Form.valueOf("FCOMI" + p + "_ST0_STi"), (s, x, k) -> s.setStatusFlags(X87.fcomi(x, k, pop, false)));
            stForm(m, Form.valueOf("FUCOMI" + p + "_ST0_STi"), (s, x, k) -> s.setStatusFlags(X87.fcomi(x, k, pop, true)));
        }
        stForm(m, Form.FCOMPP, (s, x, k) -> X87.fcom(x, 1, 2, false));
        stForm(m, Form.FUCOMPP, (s, x, k) -> X87.fcom(x, 1, 2, true));
        stForm(m, Form.FTST, (s, x, k) -> X87.ftst(x));
        stForm(m, Form.FXAM, (s, x, k) -> X87.fxam(x));
    }
}
