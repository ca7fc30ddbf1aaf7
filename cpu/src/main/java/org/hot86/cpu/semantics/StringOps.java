package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.DS;
import static org.hot86.cpu.CpuState.ES;
import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RCX;
import static org.hot86.cpu.CpuState.RDI;
import static org.hot86.cpu.CpuState.RSI;

import org.hot86.cpu.CpuState;
import org.hot86.cpu.Flags;
import org.hot86.cpu.Memory;

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
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
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
        while (rep == REP_NONE || get(s, RCX, asize) != 0) {
            Memory.write(s, ES, get(s, RDI, asize), size, s.gpr[RAX]);
            step(s, RDI, asize, d);
            if (rep == REP_NONE) {
                return;
            }
            step(s, RCX, asize, -1);
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
