package org.hot86.softmmu;

/**
 * Told after a data access touched a linear page watched with {@link Mmu#watchPage}
 * (debug registers DR0-DR3 with R/W = 01 or 11, or a debugger's watchpoints). Pages are
 * the granularity: the listener compares the exact ranges itself and, for the CPU, raises
 * the #DB trap after the instruction (SDM Vol. 3B, 18.2.4). Instruction breakpoints are
 * compared against RIP by the CPU and do not come through here.
 */
@FunctionalInterface
public interface WatchListener {
    /** @param linear first byte of the access; {@code size} bytes (up to 16) */
    void watchHit(long linear, int size, boolean write);
}
