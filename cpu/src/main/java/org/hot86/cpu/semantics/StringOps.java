package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.DS;
import static org.hot86.cpu.CpuState.ES;
import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RCX;
import static org.hot86.cpu.CpuState.RDI;
import static org.hot86.cpu.CpuState.RSI;

import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.tlb.Tlb;

/**
 * String instructions (Intel SDM Vol. 1, 7.3.9; Vol. 2 MOVS, CMPS, SCAS, LODS, STOS, REP
 * prefixes). {@code asize} is the address size (16, 32, 64) which selects SI/ESI/RSI,
 * DI/EDI/RDI and CX/ECX/RCX; {@code srcSeg} is DS or the segment override (the ES:rDI
 * destination cannot be overridden). The direction flag selects increment or decrement.
 *
 * <p>With a REP prefix the instruction repeats while rCX != 0 (and, for CMPS/SCAS, while
 * ZF matches the REPE/REPNE condition). Registers are updated after each iteration, so a
 * fault in iteration k leaves rCX, rSI, rDI reflecting the k completed iterations with RIP
 * still at the instruction, exactly as the hardware reports it (SDM REP, "interruptions").
 */
public final class StringOps {
    private StringOps() {
    }

    /** No repeat prefix. */
    public static final int REP_NONE = 0;
    /** REP / REPE / REPZ (F3). */
    public static final int REP_E = 1;
    /** REPNE / REPNZ (F2). */
    public static final int REP_NE = 2;

    private static long delta(CpuState s, int size) {
        return (s.rflags & Flags.DF) != 0 ? -(size / 8) : size / 8;
    }

    private static long get(CpuState s, int r, int asize) {
        return s.gpr[r] & Flags.mask(asize);
    }

    private static void step(CpuState s, int r, int asize, long d) {
        s.writeReg(r, asize, false, get(s, r, asize) + d);
    }

    public static void movs(CpuState s, int size, int asize, int srcSeg, int rep) {
        long d = delta(s, size);
        boolean bulk = rep != REP_NONE && bulkApplicable(s, asize, srcSeg);
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            if (bulk && bulkMovs(s, size, d)) {
                continue;
            }
            long v = Memory.read(s, srcSeg, get(s, RSI, asize), size);
            Memory.write(s, ES, get(s, RDI, asize), size, v);
            step(s, RSI, asize, d);
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
        }
    }

    public static void stos(CpuState s, int size, int asize, int rep) {
        long d = delta(s, size);
        boolean bulk = rep != REP_NONE && bulkApplicable(s, asize, DS);
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            if (bulk && bulkStos(s, size, d)) {
                continue;
            }
            Memory.write(s, ES, get(s, RDI, asize), size, s.gpr[RAX]);
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
        }
    }

    // ---- REP MOVS / STOS by pages -------------------------------------------------------------
    //
    // The same architectural effect as the element loops, several elements at a time: while the
    // elements from rSI / rDI onwards (in the direction of DF) lie in pages whose TLB entries
    // allow the access without the MMU's slow path (RAM, not translated code, not watched, dirty
    // for writes: softmmu Tlb contract), they are copied or filled through the host arrays and
    // rCX, rSI, rDI advance by the whole run. Anything else (a TLB miss, an element crossing a
    // page, code pages) runs one element through Memory, which faults precisely and refills the
    // TLB. Only in 64-bit mode with 64-bit addresses and a segment without a base, where the
    // offset is the linear address.

    private static boolean bulkApplicable(CpuState s, int asize, int srcSeg) {
        return asize == 64 && s.mode == CpuMode.LONG_64 && s.mem instanceof Mmu && srcSeg < CpuState.FS;
    }

    /** How many whole {@code n}-byte elements from {@code a} in direction {@code d} lie in a's page. */
    private static long elementsInPage(long a, int n, long d) {
        long off = a & 0xFFF;
        if (d > 0) {
            return (0x1000 - off) / n;
        }
        return off + n <= 0x1000 ? off / n + 1 : 0;
    }

    /** RCX as a count (unsigned; beyond 2^63 it exceeds any run anyway). */
    private static long remaining(CpuState s) {
        long c = s.gpr[RCX];
        return c < 0 ? Long.MAX_VALUE : c;
    }

    /** Lowest address of a run of {@code count} elements from {@code a} in direction {@code d}. */
    private static long low(long a, long count, long d) {
        return d > 0 ? a : a + d * (count - 1);
    }

    /** One run of REP STOS through the host array; false if the next element needs the slow path. */
    private static boolean bulkStos(CpuState s, int size, long d) {
        Mmu m = (Mmu) s.mem;
        int n = size / 8;
        long di = s.gpr[RDI];
        long count = Math.min(elementsInPage(di, n, d), remaining(s));
        if (count < 2) {
            return false;
        }
        long[] tags = m.writeTag;
        int i = (int) (di >>> 12) & (tags.length - 1);
        if (tags[i] != (di & Tlb.PAGE_MASK)) {
            return false;
        }
        byte[] host = m.host[i];
        int at = (int) low(di, count, d) & 0xFFF; // host arrays are pages
        long v = s.gpr[RAX];
        if (size == 8) {
            java.util.Arrays.fill(host, at, at + (int) count, (byte) v);
        } else {
            for (int k = 0; k < count; k++) {
                put(host, at + k * n, size, v);
            }
        }
        s.gpr[RDI] = di + d * count;
        s.gpr[RCX] -= count;
        return true;
    }

    /** One run of REP MOVS through the host arrays; false if the next element needs the slow path. */
    private static boolean bulkMovs(CpuState s, int size, long d) {
        Mmu m = (Mmu) s.mem;
        int n = size / 8;
        long si = s.gpr[RSI], di = s.gpr[RDI];
        long count = Math.min(Math.min(elementsInPage(si, n, d), elementsInPage(di, n, d)), remaining(s));
        if (count < 2) {
            return false;
        }
        long[] rt = m.readTag, wt = m.writeTag;
        int is = (int) (si >>> 12) & (rt.length - 1), id = (int) (di >>> 12) & (wt.length - 1);
        if (rt[is] != (si & Tlb.PAGE_MASK) || wt[id] != (di & Tlb.PAGE_MASK)) {
            return false;
        }
        byte[] src = m.host[is], dst = m.host[id];
        int from = (int) low(si, count, d) & 0xFFF, to = (int) low(di, count, d) & 0xFFF; // host arrays are pages
        int bytes = (int) count * n;
        if (src != dst || from + bytes <= to || to + bytes <= from) {
            System.arraycopy(src, from, dst, to, bytes);
        } else if (d > 0) { // overlapping: element by element in the architectural order
            for (int k = 0; k < bytes; k += n) {
                put(dst, to + k, size, take(src, from + k, size));
            }
        } else {
            for (int k = bytes - n; k >= 0; k -= n) {
                put(dst, to + k, size, take(src, from + k, size));
            }
        }
        s.gpr[RSI] = si + d * count;
        s.gpr[RDI] = di + d * count;
        s.gpr[RCX] -= count;
        return true;
    }

    private static long take(byte[] a, int at, int size) {
        return switch (size) {
            case 8 -> a[at] & 0xFF;
            case 16 -> (short) Mmu.LE16.get(a, at) & 0xFFFF;
            case 32 -> (int) Mmu.LE32.get(a, at) & 0xFFFFFFFFL;
            default -> (long) Mmu.LE64.get(a, at);
        };
    }

    private static void put(byte[] a, int at, int size, long v) {
        switch (size) {
            case 8 -> a[at] = (byte) v;
            case 16 -> Mmu.LE16.set(a, at, (short) v);
            case 32 -> Mmu.LE32.set(a, at, (int) v);
            default -> Mmu.LE64.set(a, at, v);
        }
    }

    public static void lods(CpuState s, int size, int asize, int srcSeg, int rep) {
        long d = delta(s, size);
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            long v = Memory.read(s, srcSeg, get(s, RSI, asize), size);
            s.writeReg(RAX, size, false, v);
            step(s, RSI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
        }
    }

    /** CMPS: compares [srcSeg:rSI] with ES:[rDI] (flags of src - dst). */
    public static void cmps(CpuState s, int size, int asize, int srcSeg, int rep) {
        long d = delta(s, size);
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            // The access order is not architectural, but it decides which fault is reported
            // when both operands fault. We follow the conformance host (AMD Zen), observed
            // deterministic: byte REPE CMPS reads the source first, every other CMPS the
            // ES:rDI operand first (segment check and access together, per operand).
            long a, b;
            if (rep == REP_E && size == 8) {
                a = Memory.read(s, srcSeg, get(s, RSI, asize), size);
                b = Memory.read(s, ES, get(s, RDI, asize), size);
            } else {
                b = Memory.read(s, ES, get(s, RDI, asize), size);
                a = Memory.read(s, srcSeg, get(s, RSI, asize), size);
            }
            Arithmetic.sub(s, size, a, b);
            step(s, RSI, asize, d);
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
            if (s.zf() != (rep == REP_E)) {
                return;
            }
        }
    }

    /** SCAS: compares rAX with ES:[rDI]. */
    public static void scas(CpuState s, int size, int asize, int rep) {
        long d = delta(s, size);
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            long b = Memory.read(s, ES, get(s, RDI, asize), size);
            Arithmetic.sub(s, size, s.gpr[RAX] & Flags.mask(size), b);
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
            if (s.zf() != (rep == REP_E)) {
                return;
            }
        }
    }

    /** INS: ES:[rDI] = port rDX; the caller has checked I/O privilege. */
    public static void ins(CpuState s, int size, int asize, int rep) {
        long d = delta(s, size);
        int port = (int) s.gpr[CpuState.RDX] & 0xFFFF;
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            Memory.probeWrite(s, ES, get(s, RDI, asize), size);
            Memory.write(s, ES, get(s, RDI, asize), size, s.io.in(port, size));
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
        }
    }

    /** OUTS: port rDX = [srcSeg:rSI]; the caller has checked I/O privilege. */
    public static void outs(CpuState s, int size, int asize, int srcSeg, int rep) {
        long d = delta(s, size);
        int port = (int) s.gpr[CpuState.RDX] & 0xFFFF;
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            s.io.out(port, size, (int) Memory.read(s, srcSeg, get(s, RSI, asize), size));
            step(s, RSI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
        }
    }

    /** Default source segment for string instructions. */
    public static final int DEFAULT_SEG = DS;
}
