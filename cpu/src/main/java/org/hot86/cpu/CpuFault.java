package org.hot86.cpu;

/**
 * A guest exception raised by an instruction's semantics (Intel SDM Vol. 3A, 6.3 and
 * Table 6-1): the vector and, for the vectors that have one, the error code. It is a
 * control-flow signal inside the CPU: the interpreter (and compiled blocks) catch it,
 * restore RIP to the faulting instruction (faults) and report it as a guest event through
 * {@link CpuState#eventVector}; it never escapes to a caller of the emulator.
 *
 * <p>Stackless and immutable; the common vectors without an error code (or with error
 * code 0) are preallocated constants, so raising one allocates nothing.
 */
public final class CpuFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int DE = 0, DB = 1, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8, TS = 10, NP = 11,
            SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    /** #DE: divide error. */
    public static final CpuFault DIVIDE_ERROR = new CpuFault(DE, 0);
    /** #UD: invalid opcode. */
    public static final CpuFault INVALID_OPCODE = new CpuFault(UD, 0);
    /** #GP(0). */
    public static final CpuFault GP0 = new CpuFault(GP, 0);
    /** #SS(0). */
    public static final CpuFault SS0 = new CpuFault(SS, 0);
    /** #BR: BOUND range exceeded. */
    public static final CpuFault BOUND_RANGE = new CpuFault(BR, 0);
    /** #NM: device not available. */
    public static final CpuFault DEVICE_NOT_AVAILABLE = new CpuFault(NM, 0);

    /** The exception vector (0..31). */
    public final int vector;
    /** The error code, or 0 when the vector has none. */
    public final int errorCode;
    /** The linear address for #PF (CR2), else 0. */
    public final long address;

    /** True for trap-class events (INT3, INTO, INT1, INT n), reported with the RIP of the next instruction. */
    public final boolean trap;

    public CpuFault(int vector, int errorCode) {
        this(vector, errorCode, 0, false);
    }

    public CpuFault(int vector, int errorCode, long address) {
        this(vector, errorCode, address, false);
    }

    public CpuFault(int vector, int errorCode, long address, boolean trap) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
        this.trap = trap;
    }

    /** #BP raised by INT3 (a trap). */
    public static final CpuFault BREAKPOINT = new CpuFault(BP, 0, 0, true);
    /** #OF raised by INTO (a trap). */
    public static final CpuFault OVERFLOW = new CpuFault(OF, 0, 0, true);

    /**
     * True for trap-class events, which report the RIP of the next instruction; all other
     * events raised here are faults and report the RIP of the faulting instruction
     * (SDM Vol. 3A, 6.5 "Exception classifications").
     */
    public boolean isTrap() {
        return trap;
    }

    @Override
    public String getMessage() {
        return "vector " + vector + " error 0x" + Integer.toHexString(errorCode);
    }
}
