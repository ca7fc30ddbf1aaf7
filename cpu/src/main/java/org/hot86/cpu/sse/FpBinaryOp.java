package org.hot86.cpu.sse;

/** The element operation of the SSE two-source arithmetic instructions (SDM Vol. 2: ADDPS .. MAXSD). */
public enum FpBinaryOp {
    ADD, SUB, MUL, DIV,
    /** x86 MIN: returns the second source on NaN or when both are zero; SNaN and QNaN raise IE. */
    MIN,
    /** x86 MAX: as {@link #MIN}. */
    MAX
}
