package org.hot86.decoder;

/**
 * The code-segment size a byte stream is decoded in (Intel SDM Vol. 1, 3.6 "Operand-size
 * and address-size attributes"). The defaults are the attributes before any 66/67
 * prefix or REX.W; 64-bit mode keeps a 32-bit default operand size.
 */
public enum Mode {
    BITS16(16, 16, 16),
    BITS32(32, 32, 32),
    BITS64(64, 32, 64);

    /** 16, 32 or 64. */
    public final int bits;
    /** Default operand size in bits. */
    public final int defaultOperandSize;
    /** Default address size in bits. */
    public final int defaultAddressSize;

    Mode(int bits, int defaultOperandSize, int defaultAddressSize) {
        this.bits = bits;
        this.defaultOperandSize = defaultOperandSize;
        this.defaultAddressSize = defaultAddressSize;
    }

    /** The mode for a {@code --bits} value, or an {@link IllegalArgumentException}. */
    public static Mode ofBits(int bits) {
        for (Mode m : values()) {
            if (m.bits == bits) {
                return m;
            }
        }
        throw new IllegalArgumentException("bits must be 16, 32 or 64, not " + bits);
    }

    /** Operand size after a 66 prefix (which toggles 16/32; REX.W overrides it in 64-bit mode). */
    public int operandSize(boolean opsizePrefix, boolean rexW) {
        if (this == BITS64 && rexW) {
            return 64;
        }
        return opsizePrefix ? (defaultOperandSize == 16 ? 32 : 16) : defaultOperandSize;
    }

    /** Address size after a 67 prefix (16&lt;-&gt;32 outside 64-bit mode, 64-&gt;32 in it). */
    public int addressSize(boolean adsizePrefix) {
        if (!adsizePrefix) {
            return defaultAddressSize;
        }
        return switch (this) {
            case BITS16 -> 32;
            case BITS32 -> 16;
            case BITS64 -> 32;
        };
    }
}
