package org.hot86.softmmu;

/**
 * A guest memory access that faulted: a page fault (vector 14) with its error code and
 * the linear address for CR2, or a general-protection/stack fault raised by the memory
 * layer (for example a non-canonical address). It is a control-flow signal for the CPU,
 * which turns it into a guest exception; it never escapes to a caller of the emulator.
 *
 * <p>Stackless: constructing one does not fill in a Java stack trace, so faults are cheap
 * enough to be ordinary guest events. Instances may be reused by the thrower (one per
 * MMU), so a catcher must copy the fields it needs before the next access.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Page-fault error code bits (SDM Vol. 3A, 4.7, Figure 4-12). */
    public static final int PF_P = 1, PF_W = 1 << 1, PF_U = 1 << 2, PF_RSVD = 1 << 3, PF_I = 1 << 4,
            PF_PK = 1 << 5, PF_SS = 1 << 6;

    public static final int VECTOR_GP = 13;
    public static final int VECTOR_SS = 12;
    public static final int VECTOR_PF = 14;

    private int vector;
    private int errorCode;
    private long address;

    public MemoryFault() {
        super(null, null, false, false);
    }

    public MemoryFault(int vector, int errorCode, long address) {
        this();
        set(vector, errorCode, address);
    }

    /** Re-arms a reused instance; returns it so that {@code throw fault.set(...)} reads well. */
    public MemoryFault set(int vector, int errorCode, long address) {
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
        return this;
    }

    /** The x86 exception vector: 14 (#PF), 13 (#GP) or 12 (#SS). */
    public int vector() {
        return vector;
    }

    /** The exception's error code (the page-fault error code for #PF). */
    public int errorCode() {
        return errorCode;
    }

    /** The faulting linear address (CR2 for a page fault). */
    public long address() {
        return address;
    }

    @Override
    public String getMessage() {
        return String.format("vector %d error 0x%x at 0x%x", vector, errorCode, address);
    }
}
