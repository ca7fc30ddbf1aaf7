package org.hot86.cpu.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.junit.jupiter.api.Test;

/**
 * Exhaustive 8-bit check of the lazy flags of ADD/ADC/SUB/SBB/NEG/INC/DEC against the
 * definitions in the SDM (carry/borrow out of bit 7, signed overflow, carry out of bit 3),
 * computed here with plain wide integer arithmetic rather than the bit tricks of LazyFlags.
 */
class ArithmeticFlagsTest {
    static long expected(int a, int b, int cin, boolean sub) {
        int r = sub ? a - b - cin : a + b + cin;
        int sr = sub ? (byte) a - (byte) b - cin : (byte) a + (byte) b + cin;
        int lo = sub ? (a & 0xF) - (b & 0xF) - cin : (a & 0xF) + (b & 0xF) + cin;
        long f = 0;
        if (r < 0 || r > 0xFF) {
            f |= Flags.CF;
        }
        if (sr < -128 || sr > 127) {
            f |= Flags.OF;
        }
        if (lo < 0 || lo > 0xF) {
            f |= Flags.AF;
        }
        return f | Flags.zsp(r & 0xFF, 8);
    }

    @Test
    void exhaustive8BitAddSubAdcSbb() {
        CpuState s = new CpuState();
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int cin = 0; cin < 2; cin++) {
                    s.setRflags(cin);
                    long r = cin == 0 ? Arithmetic.add(s, 8, a, b) : Arithmetic.adc(s, 8, a, b);
                    assertEquals((a + b + cin) & 0xFF, r);
                    assertEquals(expected(a, b, cin, false), s.getRflags() & Flags.STATUS, "add " + a + "," + b + "," + cin);
                    s.setRflags(cin);
                    r = cin == 0 ? Arithmetic.sub(s, 8, a, b) : Arithmetic.sbb(s, 8, a, b);
                    assertEquals((a - b - cin) & 0xFF, r);
                    assertEquals(expected(a, b, cin, true), s.getRflags() & Flags.STATUS, "sub " + a + "," + b + "," + cin);
                }
            }
            s.setRflags(Flags.CF);
            Arithmetic.neg(s, 8, a);
            assertEquals(expected(0, a, 0, true), s.getRflags() & Flags.STATUS, "neg " + a);
            s.setRflags(Flags.CF);
            Arithmetic.inc(s, 8, a);
            assertEquals((expected(a, 1, 0, false) & ~Flags.CF) | Flags.CF, s.getRflags() & Flags.STATUS, "inc " + a);
            s.setRflags(0);
            Arithmetic.dec(s, 8, a);
            assertEquals(expected(a, 1, 0, true) & ~Flags.CF, s.getRflags() & Flags.STATUS, "dec " + a);
        }
    }

    @Test
    void conditionsAgreeWithMaterialisedFlags() {
        CpuState s = new CpuState();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n = 0; n < 20000; n++) {
            long a = rnd.nextLong(), b = rnd.nextLong();
            int size = new int[] {8, 16, 32, 64}[rnd.nextInt(4)];
            Arithmetic.sub(s, size, a & Flags.mask(size), b & Flags.mask(size));
            boolean[] lazy = new boolean[16];
            for (int cc = 0; cc < 16; cc++) {
                lazy[cc] = Conditions.test(s, cc);
            }
            s.materialize();
            for (int cc = 0; cc < 16; cc++) {
                assertEquals(lazy[cc], Conditions.test(s, cc), "cc " + cc);
            }
        }
    }

    @Test
    void divide128MatchesBigInteger() {
        SplittableRandom rnd = new SplittableRandom(2);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int n = 0; n < 20000; n++) {
            long d = rnd.nextLong();
            if (d == 0) {
                continue;
            }
            long hi = Long.remainderUnsigned(rnd.nextLong(), d);
            long lo = rnd.nextLong();
            BigInteger num = new BigInteger(Long.toUnsignedString(hi)).multiply(two64)
                    .add(new BigInteger(Long.toUnsignedString(lo)));
            BigInteger[] qr = num.divideAndRemainder(new BigInteger(Long.toUnsignedString(d)));
            long[] got = MulDiv.divide128(hi, lo, d);
            assertEquals(qr[0].longValue(), got[0]);
            assertEquals(qr[1].longValue(), got[1]);
        }
    }

    @Test
    void idiv64OverflowRaisesDivideError() {
        CpuState s = new CpuState();
        s.gpr[CpuState.RDX] = -1;
        s.gpr[CpuState.RAX] = Long.MIN_VALUE;
        CpuFault f = org.junit.jupiter.api.Assertions.assertThrows(CpuFault.class, () -> MulDiv.idiv(s, 64, -1));
        assertEquals(CpuFault.DE, f.vector);
        assertEquals(Long.MIN_VALUE, s.gpr[CpuState.RAX]); // nothing written
    }

    @Test
    void cpuidReportsGenuineIntel() {
        CpuState s = new CpuState();
        Cpuid.cpuid(s);
        StringBuilder v = new StringBuilder();
        for (long r : new long[] {s.gpr[CpuState.RBX], s.gpr[CpuState.RDX], s.gpr[CpuState.RCX]}) {
            for (int k = 0; k < 4; k++) {
                v.append((char) ((r >>> (8 * k)) & 0xFF));
            }
        }
        assertEquals("GenuineIntel", v.toString());
    }
}
