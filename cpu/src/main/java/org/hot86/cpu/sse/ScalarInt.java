package org.hot86.cpu.sse;

/**
 * The SSE4.2 general-register instructions CRC32 and POPCNT (SDM Vol. 2 entries CRC32, POPCNT).
 */
public final class ScalarInt {
    private ScalarInt() {}

    /** CRC-32C (Castagnoli) polynomial, bit-reflected. */
    static final int POLY_REFLECTED = 0x82F63B78;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    /**
     * CRC32 r32/r64, r/m8..64: accumulates {@code bytes} (1, 2, 4 or 8) little-endian bytes of {@code data} into
     * the CRC held in the low 32 bits of {@code crc}; the result is zero-extended (the r64 forms clear bits 63:32).
     * No bit reversal or final XOR is applied, as the instruction specifies.
     */
    public static long crc32(long crc, long data, int bytes) {
        int c = (int) crc;
        for (int i = 0; i < bytes; i++) {
            c = (c >>> 8) ^ TABLE[(c ^ (int) (data >>> (8 * i))) & 0xFF];
        }
        return c & 0xFFFFFFFFL;
    }

    /** POPCNT result for an operand of {@code bits} (16, 32, 64), source zero-extended by the caller or masked here. */
    public static long popcnt(long src, int bits) {
        return Long.bitCount(bits == 64 ? src : src & ((1L << bits) - 1));
    }

    /** RFLAGS after POPCNT: ZF = source zero; OF SF AF CF PF cleared. */
    public static long popcntFlags(long rflags, long src, int bits) {
        long f = rflags & ~(long) FpCompare.COMI_FLAGS;
        return popcnt(src, bits) == 0 ? f | FpCompare.ZF : f;
    }
}
