package org.hot86.cpu.sse;

/**
 * The MXCSR control/status register (Intel SDM Vol. 1, 10.2.3), kept by the CPU state as a plain {@code int}.
 *
 * <pre>
 *  31            16  15 14  13 12  11  10   9   8   7   6   5   4   3   2   1   0
 * +----------------+---+------+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |  reserved (0)  |FZ |  RC  |PM |UM |OM |ZM |DM |IM |DAZ|PE |UE |OE |ZE |DE |IE |
 * +----------------+---+------+---+---+---+---+---+---+---+---+---+---+---+---+---+
 *                        RC: 00 nearest-even, 01 down (-inf), 10 up (+inf), 11 toward zero
 * </pre>
 *
 * <p>Flag bits 0-5 are sticky: instructions only ever set them. Mask bit {@code 7+i} masks flag bit {@code i}.
 * hot86 reports an MXCSR_MASK of {@link #WRITABLE_MASK} (0xFFFF, as Intel CPUs with DAZ do); loading a value with
 * any other bit set raises #GP(0) (LDMXCSR, FXRSTOR, XRSTOR).
 */
public final class Mxcsr {
    private Mxcsr() {}

    public static final int IE = 1 << 0;
    public static final int DE = 1 << 1;
    public static final int ZE = 1 << 2;
    public static final int OE = 1 << 3;
    public static final int UE = 1 << 4;
    public static final int PE = 1 << 5;
    /** All six exception flags. */
    public static final int FLAGS = 0x3F;
    public static final int DAZ = 1 << 6;
    public static final int IM = 1 << 7;
    public static final int DM = 1 << 8;
    public static final int ZM = 1 << 9;
    public static final int OM = 1 << 10;
    public static final int UM = 1 << 11;
    public static final int PM = 1 << 12;
    /** All six exception masks. */
    public static final int MASKS = FLAGS << 7;
    public static final int RC_SHIFT = 13;
    public static final int RC_MASK = 3 << RC_SHIFT;
    public static final int FTZ = 1 << 15;
    /** Power-up / reset value: all exceptions masked, round to nearest (SDM Vol. 1, 10.2.3). */
    public static final int DEFAULT = 0x1F80;
    /** The bits software may set; also the MXCSR_MASK that FXSAVE reports. */
    public static final int WRITABLE_MASK = 0xFFFF;

    /** Rounding-control values as stored in RC. */
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

    /** The rounding-control field, one of {@link #RC_NEAREST} .. {@link #RC_ZERO}. */
    public static int roundingControl(int mxcsr) {
        return (mxcsr >>> RC_SHIFT) & 3;
    }

    /** The flags among {@code flags} whose exception is unmasked in {@code mxcsr}. */
    public static int unmasked(int mxcsr, int flags) {
        return flags & ~(mxcsr >>> 7) & FLAGS;
    }

    /**
     * LDMXCSR (SDM Vol. 2, LDMXCSR): true when {@code value} may be loaded; false means the instruction raises
     * #GP(0) and MXCSR is left unchanged. Setting a flag together with its clear mask bit does not fault at load
     * time; the next SIMD floating-point instruction that updates flags reports the exception.
     */
    public static boolean isLoadable(int value) {
        return (value & ~WRITABLE_MASK) == 0;
    }

    /** STMXCSR stores the register unchanged; reserved bits read as zero because they can never be set. */
    public static int store(int mxcsr) {
        return mxcsr;
    }
}
