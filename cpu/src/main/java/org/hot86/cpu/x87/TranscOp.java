package org.hot86.cpu.x87;

/** The x87 transcendental instructions (SDM Vol. 1, 8.3.9-8.3.10). */
public enum TranscOp {
    FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1;

    /** Number of stack operands read (1: ST0; 2: ST0 and ST1, result to ST1 then pop). */
    int operands() {
        switch (this) {
            case FPATAN: case FYL2X: case FYL2XP1: return 2;
            default: return 1;
        }
    }

    /** True for FSINCOS and FPTAN, which push a second result. */
    boolean pushes() {
        return this == FSINCOS || this == FPTAN;
    }

    /** True for the trigonometric functions that report an out-of-range argument in C2. */
    boolean reducesArgument() {
        return this == FSIN || this == FCOS || this == FSINCOS || this == FPTAN;
    }
}
