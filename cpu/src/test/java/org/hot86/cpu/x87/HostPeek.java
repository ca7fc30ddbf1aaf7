package org.hot86.cpu.x87;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Investigation aid (skipped unless -Dhot86.x87.peek is set): runs the listed cases on the host
 * and the model and prints both. Syntax: "OP:cw:ase_am:bse_bm[:variant];...".
 */
class HostPeek {
    @Test
    void peek() {
        String spec = System.getProperty("hot86.x87.peek", "");
        Assumptions.assumeTrue(!spec.isEmpty(), "peek disabled");
        List<X87Case> cs = new ArrayList<>();
        for (String c : spec.split(";")) {
            String[] p = c.split(":");
            int op = -1;
            for (int i = 0; i < 200; i++) {
                try {
                    if (Ops.name(i).equals(p[0])) {
                        op = i;
                        break;
                    }
                } catch (RuntimeException e) {
                    break;
                }
            }
            String[] a = p[2].split("_"), b = p[3].split("_");
            X87Case x = new X87Case(op, Integer.parseInt(p[1], 16), Integer.parseInt(a[0], 16), Long.parseUnsignedLong(a[1], 16),
                    Integer.parseInt(b[0], 16), Long.parseUnsignedLong(b[1], 16), new byte[16]);
            if (p.length > 4) {
                x.with(Integer.parseInt(p[4]), 0);
            }
            cs.add(x);
        }
        List<ByteBuffer> h = HostOracle.run(cs);
        for (int i = 0; i < cs.size(); i++) {
            ByteBuffer m = Ops.model(cs.get(i)), hh = h.get(i);
            System.out.printf("PEEK %s%n   host  sw=%04x tw=%04x st0=%04x_%016x st1=%04x_%016x%n   model sw=%04x tw=%04x st0=%04x_%016x st1=%04x_%016x%n",
                    cs.get(i), hh.getShort(2), hh.getShort(4), hh.getShort(16), hh.getLong(8), hh.getShort(26), hh.getLong(18),
                    m.getShort(2), m.getShort(4), m.getShort(16), m.getLong(8), m.getShort(26), m.getLong(18));
        }
    }
}
