package org.hot86.cpu.x87;

/**
 * The six basic x87 arithmetic operations (SDM Vol. 1, 8.3.5). For {@code dst = dst OP src}
 * the reversed forms compute {@code src OP dst}.
 */
public enum ArithOp {
    ADD, SUB, SUBR, MUL, DIV, DIVR;

    /** Computes a OP b into e with precision prec (a = destination operand). */
    void apply(FpEnv e, int ase, long am, int bse, long bm, int prec) {
        switch (this) {
            case ADD: SoftFloat80.add(e, ase, am, bse, bm, false, prec); break;
            case SUB: SoftFloat80.add(e, ase, am, bse, bm, true, prec); break;
            case SUBR: SoftFloat80.add(e, bse, bm, ase, am, true, prec); break;
            case MUL: SoftFloat80.mul(e, ase, am, bse, bm, prec); break;
            case DIV: SoftFloat80.div(e, ase, am, bse, bm, prec); break;
            case DIVR: SoftFloat80.div(e, bse, bm, ase, am, prec); break;
        }
    }
}
