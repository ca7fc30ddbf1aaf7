package org.hot86.cpu.x87;

/**
 * Rounding environment and result registers for one soft-float operation.
 *
 * <p>The caller sets {@link #cw} (the x87 control word) and clears {@link #flags};
 * each {@link SoftFloat80} operation then writes its result into {@link #se}/{@link #m}
 * (and, for two-result operations, {@link #se2}/{@link #m2}), ORs exception flags into
 * {@link #flags}, and sets {@link #c1} (SDM 8.1.3.1: "rounded up") and
 * {@link #noResult}. {@code noResult} is true when an <em>unmasked</em> exception
 * (invalid, denormal, zero-divide, or a memory-destination overflow/underflow) forbids
 * writing the destination (SDM 8.5: the destination and the stack are left unchanged).
 *
 * <pre>
 * control word  15      12 11 10 9  8  7 6  5  4  3  2  1  0
 *               [reserved][ RC ][ PC ][  ][PM UM OM ZM DM IM]
 * flags         bit 0 IE, 1 DE, 2 ZE, 3 OE, 4 UE, 5 PE (status-word positions)
 * </pre>
 * Not thread-safe; one per emulated CPU.
 */
public final class FpEnv {
    /** Exception flag bits, in status-word (and control-word mask) positions. */
    public static final int IE = 0x01, DE = 0x02, ZE = 0x04, OE = 0x08, UE = 0x10, PE = 0x20;

    /** x87 control word: masks, precision control, rounding control. */
    public int cw = 0x037f;
    /** Accumulated exception flags of the operations since the caller last cleared it. */
    public int flags;
    /** Condition flag C1 of the last operation: 1 when the result was rounded up in magnitude. */
    public boolean c1;
    /** True when the last operation must not write its destination (unmasked exception). */
    public boolean noResult;
    /** Primary result: sign/exponent word (bit 15 sign, 14..0 biased exponent) and significand. */
    public int se;
    /** Primary result significand, explicit integer bit in bit 63. */
    public long m;
    /** Secondary result (FXTRACT significand, FSINCOS cosine, FPTAN 1.0). */
    public int se2;
    /** Secondary result significand. */
    public long m2;
    /** Condition codes produced by compares/FXAM/FPREM: bit 0 C0, bit 1 C1, bit 2 C2, bit 3 C3. */
    public int cc;

    // scratch of SoftFloat80.rnd
    boolean rInexact, rUp, rCarry;
    long tHi, tLo;

    /** Creates an environment with the FINIT control word 0x037F. */
    public FpEnv() { }

    /** Creates an environment with the given control word. */
    public FpEnv(int cw) { this.cw = cw; }

    /** Rounding control field (0 nearest, 1 down, 2 up, 3 toward zero). */
    public int rc() { return (cw >>> 10) & 3; }

    /** Precision in significand bits selected by the PC field (reserved 01 behaves as 64). */
    public int precision() {
        switch ((cw >>> 8) & 3) {
            case 0: return 24;
            case 2: return 53;
            default: return 64;
        }
    }

    boolean masked(int flag) { return (cw & flag) != 0; }

    /** Clears outputs before an operation (flags are accumulated, not cleared). */
    void begin() {
        c1 = false;
        noResult = false;
    }

    /** Raises {@code flag}; returns true (and sets {@link #noResult}) if it is unmasked. */
    boolean raise(int flag) {
        flags |= flag;
        if ((cw & flag) == 0) {
            noResult = true;
            return true;
        }
        return false;
    }
}
