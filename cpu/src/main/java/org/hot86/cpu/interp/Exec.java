package org.hot86.cpu.interp;

import org.hot86.cpu.CpuState;
import org.hot86.decoder.Instruction;

/**
 * The executor of one instruction form: applies the form's semantics to the state.
 * On entry {@code s.rip} already holds the address of the next instruction (so
 * RIP-relative operands and relative branches use it); control transfers overwrite it.
 * May throw {@link org.hot86.cpu.CpuFault}; the interpreter then restores the state.
 */
@FunctionalInterface
interface Exec {
    void run(CpuState s, Instruction i);
}
