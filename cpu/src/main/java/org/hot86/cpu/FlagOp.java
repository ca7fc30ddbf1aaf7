package org.hot86.cpu;

/**
 * The operation whose inputs the lazy-flag record holds (architecture brief, decision 2).
 * {@link CpuState} stores (op, size, src, dst, result, aux) and computes the six status
 * flags only when they are read. Operations with rarer or more irregular flag rules
 * (shifts, rotates, multiplies, BCD) compute their flags eagerly and leave {@link #NONE}.
 */
public enum FlagOp {
    /** The status flags are exact in {@code CpuState.rflags}. */
    NONE,
    /** dst + src. */
    ADD,
    /** dst + src + aux (carry in). */
    ADC,
    /** dst - src (also CMP). */
    SUB,
    /** dst - src - aux (borrow in). */
    SBB,
    /** AND/OR/XOR/TEST: CF = OF = 0, AF cleared (the SDM leaves AF undefined). */
    LOGIC,
    /** dst + 1; CF is kept from rflags. */
    INC,
    /** dst - 1; CF is kept from rflags. */
    DEC,
    /** 0 - src. */
    NEG
}
