package org.hot86.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * An independent, host-free check of directed rounding and PE for binary64 add/sub/mul/div/sqrt on results in the
 * normal range: the exact value (BigDecimal; for division and square root the sign of an exact residual) decides
 * which neighbour of Java's round-to-nearest result each MXCSR rounding mode must return.
 */
class BigDecimalReferenceTest {

    record Input(long a, long b, int rc, int op) {
        @Override
        public String toString() {
            return String.format("op=%d rc=%d a=%016x b=%016x", op, rc, a, b);
        }
    }

    static Gen<Input> inputs() {
        return in -> {
            long[] p = Gens.fpPair(in, FpFormat.F64);
            return new Input(p[0], p[1], (int) Gens.pick(in, 0, 3), (int) Gens.pick(in, 0, 4));
        };
    }

    /** Sign of (exact - candidate), or null when the exact value is not available for this op. */
    static int compareExact(int op, double x, double y, double cand) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal by = new BigDecimal(y);
        BigDecimal c = new BigDecimal(cand);
        switch (op) {
            case 0: return bx.add(by).compareTo(c);
            case 1: return bx.subtract(by).compareTo(c);
            case 2: return bx.multiply(by).compareTo(c);
            case 3: return bx.compareTo(c.multiply(by)) * (y < 0 ? -1 : 1); // x/y - c has the sign of (x - c*y)/y
            default: return bx.compareTo(c.multiply(c));                     // sqrt(x) - c has the sign of x - c*c
        }
    }

    @Test
    void directedRoundingMatchesExactArithmetic() {
        int cases = Math.max(2000, Integer.getInteger("hot86.conformance.cases", 20_000) / 4);
        long seed = Long.getLong("hot86.conformance.seed", System.nanoTime());
        System.out.printf("[sse-reference] bigdecimal cases=%d seed=%d%n", cases, seed);
        qt().withFixedSeed(seed).withExamples(cases).forAll(inputs()).checkAssert(in -> {
            double x = Double.longBitsToDouble(in.a());
            double y = Double.longBitsToDouble(in.b());
            if (in.op() == 4) {
                x = Math.abs(x);
            }
            double rn = switch (in.op()) {
                case 0 -> x + y;
                case 1 -> x - y;
                case 2 -> x * y;
                case 3 -> x / y;
                default -> Math.sqrt(x);
            };
            // only finite, normal results of finite normal operands (the oracle tests cover the rest)
            if (!(Math.abs(rn) > Double.MIN_NORMAL * 4 && Math.abs(rn) < Double.MAX_VALUE / 4)
                    || !FpFast.plain64(Double.doubleToRawLongBits(x)) || !FpFast.plain64(in.b()) || x == 0 || y == 0) {
                return;
            }
            int side = compareExact(in.op(), x, y, rn);
            double expected = rn;
            if (side > 0 && (in.rc() == Mxcsr.RC_UP)) {
                expected = Math.nextUp(rn);
            } else if (side < 0 && in.rc() == Mxcsr.RC_DOWN) {
                expected = Math.nextDown(rn);
            } else if (in.rc() == Mxcsr.RC_ZERO && side != 0 && (side > 0) != (rn > 0)) {
                expected = side > 0 ? Math.nextUp(rn) : Math.nextDown(rn);
            }
            SimdFpEnv env = new SimdFpEnv().begin(Mxcsr.DEFAULT | (in.rc() << Mxcsr.RC_SHIFT));
            long xb = Double.doubleToRawLongBits(x);
            boolean ok = in.op() == 4 ? SseFloat.sqrtsd(env, 0, 0, xb)
                    : SseFloat.scalarDouble(new FpBinaryOp[] {FpBinaryOp.ADD, FpBinaryOp.SUB, FpBinaryOp.MUL,
                        FpBinaryOp.DIV}[in.op()], env, xb, 0, in.b());
            assertEquals(true, ok);
            assertEquals(Double.doubleToRawLongBits(expected), env.lo(), () -> in + " rn=" + rn + " side=" + side);
            assertEquals(side != 0 ? Mxcsr.PE : 0, env.mxcsr() & Mxcsr.FLAGS, in::toString);
        });
    }
}
