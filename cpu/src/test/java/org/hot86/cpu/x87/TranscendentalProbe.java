package org.hot86.cpu.x87;

import static org.hot86.cpu.x87.Ops.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Model-fitting probe (not part of the default build): writes, per host case, the exact value's
 * position between its 64-bit neighbours and the host's result, to target/transc-probe-OP.csv.
 * Run with -Dhot86.x87.probe=N (cases per instruction).
 */
class TranscendentalProbe {
    static BigDecimal value(X87Case c) {
        BigDecimal a = Transcendental.exact(c.ase, c.am), b = Transcendental.exact(c.bse, c.bm);
        switch (c.op) {
            case FSIN: return Transcendental.trigValues(a)[0];
            case FCOS: return Transcendental.trigValues(a)[1];
            case FPTAN:
                if (c.am != 0 && Transcendental.tanTiny(Transcendental.exp2(c.ase, c.am), c.am)) {
                    BigDecimal u = Transcendental.toBits(Transcendental.mant(c.ase, c.am).multiply(Transcendental.TAN_SCALE),
                            Transcendental.LOG_BITS, false);
                    return Transcendental.scale2(u.divide(Transcendental.TAN_SCALE, Transcendental.MC), Transcendental.exp2(c.ase, c.am));
                }
                return Transcendental.trigValues(a)[2];
            case F2XM1: return Transcendental.f2xm1Value(a);
            case FPATAN: return Transcendental.fpatanScaled(c.ase, c.am, c.bse, c.bm).value();
            case FYL2X: return Transcendental.fyl2xScaled(c.ase, c.am, c.bse, c.bm).value();
            default: return Transcendental.fyl2xp1Scaled(c.ase, c.am, c.bse, c.bm).value();
        }
    }

    @Test
    void probe() throws IOException {
        int n = Integer.getInteger("hot86.x87.probe", 0);
        Assumptions.assumeTrue(n > 0, "probe disabled");
        String only = System.getProperty("hot86.x87.probe.ops", "");
        SplittableRandom r = new SplittableRandom(Long.getLong("hot86.seed", 1));
        for (int op : new int[] {FSIN, FCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1}) {
            if (!only.isEmpty() && !only.contains(Ops.name(op))) {
                continue;
            }
            List<X87Case> cs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                X87Case d = TranscendentalConformanceTest.draw(r, op);
                cs.add(new X87Case(op, 0x037f | (i & 3) << 10, d.ase, d.am, d.bse, d.bm, new byte[16]));
            }
            List<ByteBuffer> host = HostOracle.run(cs);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Paths.get("target/transc-probe-" + Ops.name(op) + ".csv")))) {
                w.println("rc,ase,am,bse,bm,exp,frac,host,ours,hsw,osw,neg,hse,hm");
                for (int i = 0; i < n; i++) {
                    X87Case c = cs.get(i);
                    int off = c.op == FPTAN ? 18 : 8;
                    ByteBuffer h = host.get(i), m = Ops.model(c);
                    BigDecimal v = value(c);
                    // truncated 64-bit neighbour of v, by magnitude
                    FpEnv e = new FpEnv(0x0f7f);
                    e.begin();
                    Transcendental.round(e, v, false);
                    BigInteger base = TranscendentalConformanceTest.ordinal(e.se, e.m);
                    int ex = (e.se & 0x7fff) - F80.BIAS - 63;
                    BigDecimal t = Transcendental.exact(e.se, e.m);
                    BigDecimal frac = Transcendental.scale2(v.subtract(t).abs(), -ex);
                    long hd = TranscendentalConformanceTest.ordinal(h.getShort(off + 8), h.getLong(off)).subtract(base).longValue();
                    long od = TranscendentalConformanceTest.ordinal(m.getShort(off + 8), m.getLong(off)).subtract(base).longValue();
                    if (v.signum() < 0) {
                        hd = -hd;
                        od = -od;
                    }
                    w.printf("%d,%04x,%016x,%04x,%016x,%d,%s,%d,%d,%04x,%04x,%d,%04x,%016x%n", (c.cw >> 10) & 3, c.ase, c.am, c.bse, c.bm, ex,
                            frac.setScale(12, RoundingMode.HALF_EVEN).toPlainString(), hd, od, h.getShort(2) & 0xffff, m.getShort(2) & 0xffff, v.signum() < 0 ? 1 : 0,
                            h.getShort(off + 8) & 0xffff, h.getLong(off));
                }
            }
        }
    }
}
