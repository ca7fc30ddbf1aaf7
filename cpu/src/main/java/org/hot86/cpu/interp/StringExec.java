package org.hot86.cpu.interp;

import java.util.Map;
import org.hot86.cpu.semantics.StringOps;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/** Executors for the string instructions (SDM Vol. 1, 7.3.9; INS/OUTS 7.3.10) with their REP prefixes. */
final class StringExec {
    private StringExec() {
    }

    static int rep(Instruction i) {
        return switch (i.repPrefix()) {
            case 0xF3 -> StringOps.REP_E;
            case 0xF2 -> StringOps.REP_NE;
            default -> StringOps.REP_NONE;
        };
    }

    /** For MOVS/LODS/STOS, F2 acts like F3 (a plain REP) on real processors. */
    static int repPlain(Instruction i) {
        return rep(i) == StringOps.REP_NONE ? StringOps.REP_NONE : StringOps.REP_E;
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.MOVS_Yb_Xb, (s, i) -> StringOps.movs(s, 8, i.addressSize(), DataMovementExec.dataSeg(i), repPlain(i)));
        m.put(Form.MOVS_Yv_Xv, (s, i) -> StringOps.movs(s, i.operandSize(), i.addressSize(), DataMovementExec.dataSeg(i),
                repPlain(i)));
        m.put(Form.CMPS_Xb_Yb, (s, i) -> StringOps.cmps(s, 8, i.addressSize(), DataMovementExec.dataSeg(i), rep(i)));
        m.put(Form.CMPS_Xv_Yv, (s, i) -> StringOps.cmps(s, i.operandSize(), i.addressSize(), DataMovementExec.dataSeg(i),
                rep(i)));
        m.put(Form.STOS_Yb_AL, (s, i) -> StringOps.stos(s, 8, i.addressSize(), repPlain(i)));
        m.put(Form.STOS_Yv_rAX, (s, i) -> StringOps.stos(s, i.operandSize(), i.addressSize(), repPlain(i)));
        m.put(Form.LODS_AL_Xb, (s, i) -> StringOps.lods(s, 8, i.addressSize(), DataMovementExec.dataSeg(i), repPlain(i)));
        m.put(Form.LODS_rAX_Xv, (s, i) -> StringOps.lods(s, i.operandSize(), i.addressSize(), DataMovementExec.dataSeg(i),
                repPlain(i)));
        m.put(Form.SCAS_AL_Yb, (s, i) -> StringOps.scas(s, 8, i.addressSize(), rep(i)));
        m.put(Form.INS_Yb_DX, (s, i) -> {
            ControlExec.ioCheck(s);
            StringOps.ins(s, 8, i.addressSize(), repPlain(i));
        });
        m.put(Form.INS_Yz_DX, (s, i) -> {
            ControlExec.ioCheck(s);
            StringOps.ins(s, i.operandSize() == 16 ? 16 : 32, i.addressSize(), repPlain(i));
        });
        m.put(Form.OUTS_DX_Xb, (s, i) -> {
            ControlExec.ioCheck(s);
            StringOps.outs(s, 8, i.addressSize(), DataMovementExec.dataSeg(i), repPlain(i));
        });
        m.put(Form.OUTS_DX_Xz, (s, i) -> {
            ControlExec.ioCheck(s);
            StringOps.outs(s, i.operandSize() == 16 ? 16 : 32, i.addressSize(), DataMovementExec.dataSeg(i), repPlain(i));
        });
        m.put(Form.SCAS_rAX_Yv, (s, i) -> StringOps.scas(s, i.operandSize(), i.addressSize(), rep(i)));
    }

    static boolean isString(Form f) {
        return f.repeatable();
    }
}
