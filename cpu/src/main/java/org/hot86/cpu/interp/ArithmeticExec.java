package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.Operands.imm;
import static org.hot86.cpu.interp.Operands.readE;
import static org.hot86.cpu.interp.Operands.readG;
import static org.hot86.cpu.interp.Operands.readRmw;
import static org.hot86.cpu.interp.Operands.writeE;
import static org.hot86.cpu.interp.Operands.writeG;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.semantics.Arithmetic;
import org.hot86.cpu.semantics.Bcd;
import org.hot86.cpu.semantics.Logical;
import org.hot86.cpu.semantics.MulDiv;
import org.hot86.decoder.Form;

/**
 * Executors for binary arithmetic and logic (SDM Vol. 1, 7.3.2 and 7.3.4): the eight
 * group-1 operations in all operand forms, TEST, INC/DEC, group 3 (NOT, NEG, MUL, IMUL,
 * DIV, IDIV), the IMUL two- and three-operand forms and decimal arithmetic.
 */
final class ArithmeticExec {
    private ArithmeticExec() {
    }

    /** The group-1 operations in ModRM.reg order. */
    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};

    static long alu(int op, CpuState s, int size, long d, long src) {
        return switch (op) {
            case 0 -> Arithmetic.add(s, size, d, src);
            case 1 -> Logical.or(s, size, d, src);
            case 2 -> Arithmetic.adc(s, size, d, src);
            case 3 -> Arithmetic.sbb(s, size, d, src);
            case 4 -> Logical.and(s, size, d, src);
            case 5 -> Arithmetic.sub(s, size, d, src);
            case 6 -> Logical.xor(s, size, d, src);
            default -> Arithmetic.sub(s, size, d, src);
        };
    }

    static void register(Map<Form, Exec> m) {
        for (int k = 0; k < 8; k++) {
            final int op = k;
            final boolean store = op != 7;
            String n = ALU[k] + "_";
            m.put(Form.valueOf(n + "Eb_Gb"), (s, i) -> {
                long r = alu(op, s, 8, readE(s, i, 8, store), readG(s, i, 8));
                if (store) {
                    writeE(s, i, 8, r);
                }
            });
            m.put(Form.valueOf(n + "Ev_Gv"), (s, i) -> {
                int z = i.operandSize();
                long r = alu(op, s, z, readE(s, i, z, store), readG(s, i, z));
                if (store) {
                    writeE(s, i, z, r);
                }
            });
            m.put(Form.valueOf(n + "Gb_Eb"), (s, i) -> {
                long r = alu(op, s, 8, readG(s, i, 8), readE(s, i, 8));
                if (store) {
                    writeG(s, i, 8, r);
                }
            });
            m.put(Form.valueOf(n + "Gv_Ev"), (s, i) -> {
                int z = i.operandSize();
                long r = alu(op, s, z, readG(s, i, z), readE(s, i, z));
                if (store) {
                    writeG(s, i, z, r);
                }
            });
            m.put(Form.valueOf(n + "AL_Ib"), (s, i) -> {
                long r = alu(op, s, 8, s.gpr[0] & 0xFF, imm(i, 8));
                if (store) {
                    s.writeReg(0, 8, false, r);
                }
            });
            m.put(Form.valueOf(n + "rAX_Iz"), (s, i) -> {
                int z = i.operandSize();
                long r = alu(op, s, z, s.readReg(0, z, false), imm(i, z));
                if (store) {
                    s.writeReg(0, z, false, r);
                }
            });
            m.put(Form.valueOf(n + "Eb_Ib"), (s, i) -> {
                long r = alu(op, s, 8, readE(s, i, 8, store), imm(i, 8));
                if (store) {
                    writeE(s, i, 8, r);
                }
            });
            Exec evI = (s, i) -> {
                int z = i.operandSize();
                long r = alu(op, s, z, readE(s, i, z, store), imm(i, z));
                if (store) {
                    writeE(s, i, z, r);
                }
            };
            m.put(Form.valueOf(n + "Ev_Iz"), evI);
            m.put(Form.valueOf(n + "Ev_Ibs"), evI);
        }
        m.put(Form.TEST_Eb_Gb, (s, i) -> Logical.and(s, 8, readE(s, i, 8), readG(s, i, 8)));
        m.put(Form.TEST_Ev_Gv, (s, i) -> Logical.and(s, i.operandSize(), readE(s, i, i.operandSize()),
                readG(s, i, i.operandSize())));
        m.put(Form.TEST_AL_Ib, (s, i) -> Logical.and(s, 8, s.gpr[0] & 0xFF, imm(i, 8)));
        m.put(Form.TEST_rAX_Iz, (s, i) -> Logical.and(s, i.operandSize(), s.readReg(0, i.operandSize(), false),
                imm(i, i.operandSize())));
        m.put(Form.TEST_Eb_Ib, (s, i) -> Logical.and(s, 8, readE(s, i, 8), imm(i, 8)));
        m.put(Form.TEST_Ev_Iz, (s, i) -> Logical.and(s, i.operandSize(), readE(s, i, i.operandSize()),
                imm(i, i.operandSize())));

        m.put(Form.INC_Zv, (s, i) -> {
            int z = i.operandSize();
            s.writeReg(i.reg(), z, false, Arithmetic.inc(s, z, s.readReg(i.reg(), z, false)));
        });
        m.put(Form.DEC_Zv, (s, i) -> {
            int z = i.operandSize();
            s.writeReg(i.reg(), z, false, Arithmetic.dec(s, z, s.readReg(i.reg(), z, false)));
        });
        m.put(Form.INC_Eb, (s, i) -> writeE(s, i, 8, Arithmetic.inc(s, 8, readRmw(s, i, 8))));
        m.put(Form.DEC_Eb, (s, i) -> writeE(s, i, 8, Arithmetic.dec(s, 8, readRmw(s, i, 8))));
        m.put(Form.INC_Ev, (s, i) -> writeE(s, i, i.operandSize(),
                Arithmetic.inc(s, i.operandSize(), readRmw(s, i, i.operandSize()))));
        m.put(Form.DEC_Ev, (s, i) -> writeE(s, i, i.operandSize(),
                Arithmetic.dec(s, i.operandSize(), readRmw(s, i, i.operandSize()))));
        m.put(Form.NOT_Eb, (s, i) -> writeE(s, i, 8, Logical.not(8, readRmw(s, i, 8))));
        m.put(Form.NOT_Ev, (s, i) -> writeE(s, i, i.operandSize(),
                Logical.not(i.operandSize(), readRmw(s, i, i.operandSize()))));
        m.put(Form.NEG_Eb, (s, i) -> writeE(s, i, 8, Arithmetic.neg(s, 8, readRmw(s, i, 8))));
        m.put(Form.NEG_Ev, (s, i) -> writeE(s, i, i.operandSize(),
                Arithmetic.neg(s, i.operandSize(), readRmw(s, i, i.operandSize()))));
        m.put(Form.MUL_Eb, (s, i) -> MulDiv.mul(s, 8, readE(s, i, 8)));
        m.put(Form.MUL_Ev, (s, i) -> MulDiv.mul(s, i.operandSize(), readE(s, i, i.operandSize())));
        m.put(Form.IMUL_Eb, (s, i) -> MulDiv.imul1(s, 8, readE(s, i, 8)));
        m.put(Form.IMUL_Ev, (s, i) -> MulDiv.imul1(s, i.operandSize(), readE(s, i, i.operandSize())));
        m.put(Form.DIV_Eb, (s, i) -> MulDiv.div(s, 8, readE(s, i, 8)));
        m.put(Form.DIV_Ev, (s, i) -> MulDiv.div(s, i.operandSize(), readE(s, i, i.operandSize())));
        m.put(Form.IDIV_Eb, (s, i) -> MulDiv.idiv(s, 8, readE(s, i, 8)));
        m.put(Form.IDIV_Ev, (s, i) -> MulDiv.idiv(s, i.operandSize(), readE(s, i, i.operandSize())));
        Exec imul3 = (s, i) -> {
            int z = i.operandSize();
            writeG(s, i, z, MulDiv.imul(s, z, readE(s, i, z), imm(i, z)));
        };
        m.put(Form.IMUL_Gv_Ev_Iz, imul3);
        m.put(Form.IMUL_Gv_Ev_Ibs, imul3);
        m.put(Form.IMUL_Gv_Ev, (s, i) -> {
            int z = i.operandSize();
            writeG(s, i, z, MulDiv.imul(s, z, readG(s, i, z), readE(s, i, z)));
        });
        m.put(Form.ADCX_Gy_Ey, (s, i) -> {
            int z = i.operandSize() == 64 ? 64 : 32;
            writeG(s, i, z, Arithmetic.adcx(s, z, readG(s, i, z), readE(s, i, z), false));
        });
        m.put(Form.ADOX_Gy_Ey, (s, i) -> {
            int z = i.operandSize() == 64 ? 64 : 32;
            writeG(s, i, z, Arithmetic.adcx(s, z, readG(s, i, z), readE(s, i, z), true));
        });
        m.put(Form.DAA, (s, i) -> Bcd.daa(s));
        m.put(Form.DAS, (s, i) -> Bcd.das(s));
        m.put(Form.AAA, (s, i) -> Bcd.aaa(s));
        m.put(Form.AAS, (s, i) -> Bcd.aas(s));
        m.put(Form.AAM_Ib, (s, i) -> Bcd.aam(s, (int) i.immediate()));
        m.put(Form.AAD_Ib, (s, i) -> Bcd.aad(s, (int) i.immediate()));
    }
}
