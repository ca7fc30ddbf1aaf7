package org.hot86.cpu.interp;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.x87.X87State;
import org.hot86.decoder.Instruction;

/**
 * Checks and operand access shared by the x87 and MMX executors ({@link X87LoadStoreExec},
 * {@link X87ArithExec}, {@link X87ControlExec}, {@link MmxExec}).
 *
 * <p>Checks, in the order the hardware makes them (SDM Vol. 1, 8.6 and 8.7; Vol. 2 "Floating-Point
 * Exceptions" of each x87 page; Vol. 3A, 2.5 CR0.EM/TS/MP): x87 instructions raise #NM when CR0.EM or
 * CR0.TS is set; FWAIT only when CR0.TS and CR0.MP are both set; MMX instructions raise #UD when CR0.EM is
 * set and #NM when CR0.TS is set. Then a <em>waiting</em> instruction (every x87 and MMX instruction except
 * FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV and FNSAVE) raises #MF when an unmasked exception is pending
 * ({@link X87State#pendingException()}; CR0.NE = 1 is assumed, as every OS since the 486 sets it).
 *
 * <p>Fault ordering: the interpreter's rollback restores GPRs and flags only, so every executor reads its
 * memory sources, and checks (by a write probe) every memory destination, before it changes the FPU state.
 * A store therefore never faults after the stack or status word has changed.
 */
final class X87Access {
    private X87Access() {
    }

    static final long CR0_MP = 1L << 1, CR0_EM = 1L << 2, CR0_TS = 1L << 3;

    /** #MF: x87 floating-point error (vector 16). */
    static final CpuFault FP_ERROR = new CpuFault(CpuFault.MF, 0);

    /** Entry of a waiting x87 instruction: #NM, then #MF. */
    static X87State begin(CpuState s) {
        X87State x = beginNoWait(s);
        if (x.pendingException()) {
            throw FP_ERROR;
        }
        return x;
    }

    /** Entry of a non-waiting x87 instruction (FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV, FNSAVE): #NM only. */
    static X87State beginNoWait(CpuState s) {
        if ((s.cr0 & (CR0_EM | CR0_TS)) != 0) {
            throw CpuFault.DEVICE_NOT_AVAILABLE;
        }
        return s.x87;
    }

    /** Entry of an MMX instruction: #UD if CR0.EM, #NM if CR0.TS, #MF if an x87 exception is pending. */
    static X87State beginMmx(CpuState s) {
        if ((s.cr0 & CR0_EM) != 0) {
            throw CpuFault.INVALID_OPCODE;
        }
        if ((s.cr0 & CR0_TS) != 0) {
            throw CpuFault.DEVICE_NOT_AVAILABLE;
        }
        X87State x = s.x87;
        if (x.pendingException()) {
            throw FP_ERROR;
        }
        return x;
    }

    /** The offset of the instruction being executed ({@code s.rip} already points past it). */
    static long startIp(CpuState s, Instruction i) {
        long ip = s.rip - i.length();
        return s.mode == CpuMode.LONG_64 ? ip : ip & (s.mode.decodeMode == org.hot86.decoder.Mode.BITS16 ? 0xFFFF : 0xFFFFFFFFL);
    }

    /**
     * Records FIP/FCS/FOP (and FDP/FDS for a memory operand) of a non-control x87 instruction (SDM Vol. 1,
     * 8.1.8, 8.1.9): the opcode is the low 3 bits of the escape byte and the ModR/M byte.
     */
    static void record(CpuState s, Instruction i, X87State x) {
        x.recordInstruction(startIp(s, i), s.seg[CpuState.CS].selector, ((i.opcode() & 7) << 8) | i.modrm());
        if (i.hasMemory()) {
            x.recordOperand(Operands.ea(s, i), s.seg[i.segment()].selector);
        }
    }

    /** The memory operand's offset with the segment-limit check of {@code bytes} bytes; #UD on a register ModRM. */
    static long ea(CpuState s, Instruction i, int bytes) {
        if (!i.hasMemory()) {
            throw CpuFault.INVALID_OPCODE;
        }
        return SseAccess.ea(s, i, bytes);
    }

    static long read(CpuState s, Instruction i, int bits) {
        return Memory.read(s, i.segment(), ea(s, i, bits / 8), bits);
    }

    /**
     * Reads {@code n} bytes at seg:ea (n a multiple of 2). An environment, FSAVE or FXSAVE image (14 bytes or
     * more) is touched at its last byte first: the host mostly reports a #PF of such an image that crosses into an
     * unmapped page at the image's last byte (not always: a 14-byte image at offset 0xFFF reported its first byte
     * in the next page; not modelled).
     */
    static byte[] readBytes(CpuState s, int seg, long ea, int n) {
        if (n >= 14) {
            Memory.read(s, seg, ea + n - 1, 8);
        }
        byte[] b = new byte[n];
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            long v = Memory.read(s, seg, ea + k, 64);
            for (int j = 0; j < 8; j++) {
                b[k + j] = (byte) (v >>> (8 * j));
            }
        }
        for (; k < n; k += 2) {
            long v = Memory.read(s, seg, ea + k, 16);
            b[k] = (byte) v;
            b[k + 1] = (byte) (v >>> 8);
        }
        return b;
    }

    /**
     * Checks that {@code n} bytes at seg:ea are writable (n &lt;= 4096: first and last byte cover every page),
     * the last byte first as the host does (see {@link #readBytes}).
     */
    static void probe(CpuState s, int seg, long ea, int n) {
        if (n >= 14) {
            Memory.probeWrite(s, seg, ea + n - 1, 8);
        }
        Memory.probeWrite(s, seg, ea, 8);
        Memory.probeWrite(s, seg, ea + n - 1, 8);
    }

    /** Writes {@code n} bytes (n a multiple of 2) at seg:ea; call {@link #probe} first. */
    static void writeBytes(CpuState s, int seg, long ea, byte[] b, int n) {
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            long v = 0;
            for (int j = 0; j < 8; j++) {
                v |= (b[k + j] & 0xFFL) << (8 * j);
            }
            Memory.write(s, seg, ea + k, 64, v);
        }
        for (; k < n; k += 2) {
            Memory.write(s, seg, ea + k, 16, (b[k] & 0xFF) | (b[k + 1] & 0xFF) << 8);
        }
    }
}
