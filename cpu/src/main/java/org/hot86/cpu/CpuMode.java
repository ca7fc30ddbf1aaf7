package org.hot86.cpu;

import org.hot86.decoder.Mode;

/**
 * The processor's operating mode as explicit state (Intel SDM Vol. 1, 3.1 "Modes of
 * operation"; Vol. 3A, 2.2). It is derived from CR0.PE, EFER.LMA, CS.L and CS.D whenever
 * one of them changes, and cached here because the decoder and the block cache key on it.
 */
public enum CpuMode {
    /** Real-address mode: 16-bit, segment base = selector * 16. */
    REAL(Mode.BITS16),
    /** Protected mode with a 16-bit code segment (CS.D = 0). */
    PROTECTED_16(Mode.BITS16),
    /** Protected mode with a 32-bit code segment (CS.D = 1). */
    PROTECTED_32(Mode.BITS32),
    /** IA-32e compatibility mode, 16-bit code segment. */
    COMPAT_16(Mode.BITS16),
    /** IA-32e compatibility mode, 32-bit code segment. */
    COMPAT_32(Mode.BITS32),
    /** IA-32e 64-bit mode (EFER.LMA = 1, CS.L = 1). */
    LONG_64(Mode.BITS64);

    /** The decoder mode (default operand and address size) for code in this mode. */
    public final Mode decodeMode;

    CpuMode(Mode decodeMode) {
        this.decodeMode = decodeMode;
    }

    /** True in 64-bit mode, where segment bases other than FS/GS are treated as zero. */
    public boolean is64() {
        return this == LONG_64;
    }
}
