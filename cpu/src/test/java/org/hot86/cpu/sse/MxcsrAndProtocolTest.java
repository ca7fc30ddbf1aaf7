package org.hot86.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MXCSR field handling and the unmasked-exception protocol, with expectations taken from the SDM text. */
class MxcsrAndProtocolTest {

    static long f32(float a, float b) {
        return (Float.floatToRawIntBits(a) & 0xFFFFFFFFL) | ((long) Float.floatToRawIntBits(b) << 32);
    }

    @Test
    void ldmxcsrFaultsOnlyOnReservedBits() {
        for (int v = 0; v <= 0xFFFF; v++) {
            assertTrue(Mxcsr.isLoadable(v));
        }
        for (int bit = 16; bit < 32; bit++) {
            assertFalse(Mxcsr.isLoadable(Mxcsr.DEFAULT | (1 << bit)), "bit " + bit);
        }
    }

    @Test
    void fields() {
        assertEquals(Mxcsr.RC_ZERO, Mxcsr.roundingControl(0x7F80));
        assertEquals(Mxcsr.RC_DOWN, Mxcsr.roundingControl(0x3F80));
        assertEquals(Mxcsr.PE, Mxcsr.unmasked(Mxcsr.DEFAULT & ~Mxcsr.PM, Mxcsr.FLAGS));
        assertEquals(0, Mxcsr.unmasked(Mxcsr.DEFAULT, Mxcsr.FLAGS));
    }

    @Test
    void maskedDivideByZeroGivesInfinityAndSticksZE() {
        SimdFpEnv env = new SimdFpEnv().begin(Mxcsr.DEFAULT);
        assertTrue(SseFloat.scalarSingle(FpBinaryOp.DIV, env, f32(1f, 7f), 5, f32(0f, 0f)));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY), (int) env.lo());
        assertEquals(7f, Float.intBitsToFloat((int) (env.lo() >>> 32)));
        assertEquals(5, env.hi());
        assertEquals(Mxcsr.DEFAULT | Mxcsr.ZE, env.mxcsr());
    }

    @Test
    void unmaskedPreComputationExceptionSuppressesPostComputationFlags() {
        // element 0: SNaN + 1 raises IE (pre-computation); element 1: 1 + 2^-30 is inexact (post-computation)
        float snan = Float.intBitsToFloat(0x7F800001);
        long a = f32(snan, 1f);
        long b = f32(1f, 0x1p-30f);
        SimdFpEnv env = new SimdFpEnv().begin(Mxcsr.DEFAULT & ~Mxcsr.IM);
        assertFalse(SseFloat.packedSingle(FpBinaryOp.ADD, env, a, 0, b, 0), "#XM");
        assertEquals((Mxcsr.DEFAULT & ~Mxcsr.IM) | Mxcsr.IE, env.mxcsr(), "only the pre-computation flag");

        env.begin(Mxcsr.DEFAULT & ~Mxcsr.PM);
        assertFalse(SseFloat.packedSingle(FpBinaryOp.ADD, env, a, 0, b, 0), "#XM from PE");
        assertEquals((Mxcsr.DEFAULT & ~Mxcsr.PM) | Mxcsr.IE | Mxcsr.PE, env.mxcsr(), "all flags");

        env.begin(Mxcsr.DEFAULT);
        assertTrue(SseFloat.packedSingle(FpBinaryOp.ADD, env, a, 0, b, 0));
        assertEquals(0x7FC00001, (int) env.lo(), "SNaN quieted");
        assertEquals(Mxcsr.DEFAULT | Mxcsr.IE | Mxcsr.PE, env.mxcsr());
    }

    @Test
    void defaultNaNIsNegativeQuiet() {
        SimdFpEnv env = new SimdFpEnv().begin(Mxcsr.DEFAULT);
        assertTrue(SseFloat.scalarDouble(FpBinaryOp.SUB, env, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), 0,
                Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)));
        assertEquals(0xFFF8000000000000L, env.lo());
        assertEquals(Mxcsr.DEFAULT | Mxcsr.IE, env.mxcsr());
    }
}
