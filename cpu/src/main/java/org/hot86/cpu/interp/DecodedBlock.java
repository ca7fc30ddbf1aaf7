package org.hot86.cpu.interp;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.jit.CompiledBlock;
import org.hot86.decoder.Instruction;

/**
 * The public view of one pre-decoded basic block, for the execution engine and the
 * translator: the instructions and their addresses, and {@link #step}, which executes one
 * instruction with the interpreter's own executor and precise-fault rules. Blocks come
 * from {@link #decode} (the interpreter's block decoder: same limits, same end rules).
 *
 * <p>Not thread-safe (the step snapshot is per block); one engine thread uses it.
 */
public final class DecodedBlock {
    private final Block b;
    private final StateSnapshot snapshot = new StateSnapshot();

    private DecodedBlock(Block b) {
        this.b = b;
    }

    /**
     * Decodes the block at {@code rip} in the current mode with {@code interp}'s decoder.
     *
     * @throws CpuFault if the first instruction cannot be fetched (#PF/#GP at {@code rip})
     */
    public static DecodedBlock decode(Interpreter interp, CpuState s, long rip) {
        return new DecodedBlock(interp.decodeBlock(s, rip));
    }

    public long start() {
        return b.start;
    }

    public CpuMode mode() {
        return b.mode;
    }

    public int size() {
        return b.insns.length;
    }

    /** Instruction {@code k}; {@code insn(k).isValid()} is false for bytes that raise #UD/#GP when executed. */
    public Instruction insn(int k) {
        return b.insns[k];
    }

    /** The address (RIP) of instruction {@code k}. */
    public long addr(int k) {
        return b.addrs[k];
    }

    /** The RIP after instruction {@code k} when it does not branch. */
    public long next(int k) {
        long n = b.addrs[k] + Math.max(1, b.insns[k].length());
        return b.mode == CpuMode.LONG_64 ? n : n & 0xFFFFFFFFL;
    }

    /**
     * Executes instruction {@code k} with the interpreter's executor. Sets {@code s.rip} to
     * the next instruction first (control transfers overwrite it). Does not count the
     * instruction in {@code s.instructionsRetired}.
     *
     * @return {@link CompiledBlock#CONTINUE}, {@link CompiledBlock#SYSCALL},
     *     {@link CompiledBlock#HALT}, or {@link CompiledBlock#EXCEPTION} for a trap-class
     *     event (already recorded with the state after the instruction)
     * @throws CpuFault for a fault, with the state restored to that before the instruction
     *     and {@code s.rip} its address (a string instruction keeps completed iterations)
     */
    public int step(int k, CpuState s) {
        Instruction i = b.insns[k];
        long start = b.addrs[k];
        boolean string = StringExec.isString(i.form());
        snapshot.save(s);
        s.rip = next(k);
        try {
            b.execs[k].run(s, i);
        } catch (CpuFault f) {
            if (f.isTrap()) {
                return event(s, f, s.rip);
            }
            if (!string) {
                snapshot.restore(s);
            }
            s.rip = start;
            throw f;
        } catch (ExitSignal e) {
            return e.reason == ExitReason.SYSCALL ? CompiledBlock.SYSCALL : CompiledBlock.HALT;
        }
        return CompiledBlock.CONTINUE;
    }

    /**
     * The #UD / #NM checks every SSE-family instruction makes first ({@link SseAccess#check}),
     * for compiled code that executes such instructions natively.
     */
    public static void checkSse(CpuState s) {
        SseAccess.check(s);
    }

    /**
     * COMISS/UCOMISS/COMISD/UCOMISD after the #UD/#NM check and the operand reads, for
     * compiled code: the executor's semantics (flags into the state's EFLAGS, MXCSR flags,
     * #XM when unmasked).
     */
    public static void comi(CpuState s, boolean ordered, boolean single, long a, long b) {
        SseFpExec.comi(s, ordered, single, a, b);
    }

    /**
     * Scalar SSE arithmetic (ADD/SUB/MUL/DIV/MIN/MAX SS and SD) after the #UD/#NM check and
     * the operand reads, for compiled code: the new low quadword of the destination (the
     * executor's semantics; MXCSR flags, #XM when unmasked before anything is written).
     */
    public static long scalarArith(CpuState s, org.hot86.cpu.sse.FpBinaryOp op, boolean single, long aLo, long b) {
        return SseFpExec.scalarArith(s, op, single, aLo, b);
    }

    /** FNSTCW for compiled code: the executor's #NM check and the x87 control word to store (16 bits). */
    public static int fnstcw(CpuState s) {
        return X87ControlExec.fnstcw(s);
    }

    /** CVTSI2SD for compiled code, after the #UD/#NM check and the read of the sign-extended source. */
    public static void cvtsi2sd(CpuState s, int d, long v) {
        SseFpExec.cvtsi2sd(s, d, v);
    }

    /** PSHUFD xmm{@code d}, (bLo, bHi), imm8 for compiled code (the executor's PackedShuffle.pshufd). */
    public static void pshufd(CpuState s, int d, long bLo, long bHi, int imm8) {
        SseShuffleExec.apply(s, d, bLo, bHi, imm8, (r, lo, hi, imm) -> org.hot86.cpu.sse.PackedShuffle.pshufd(r, 0, lo, hi, imm));
    }

    /** PALIGNR xmm{@code d}, (bLo, bHi), imm8 for compiled code (the executor's PackedShuffle.palignr). */
    public static void palignr(CpuState s, int d, long bLo, long bHi, int imm8) {
        SseShuffleExec.apply(s, d, bLo, bHi, imm8, (r, lo, hi, imm) -> org.hot86.cpu.sse.PackedShuffle.palignr(r, 0, lo, hi, imm));
    }

    /** PUNPCKLBW/WD/DQ/QDQ ({@code size} 1, 2, 4, 8 bytes) for compiled code (the executor's PackedShuffle.punpckl). */
    public static void punpckl(CpuState s, int d, long bLo, long bHi, int size) {
        SseShuffleExec.apply(s, d, bLo, bHi, size, (r, lo, hi, z) -> org.hot86.cpu.sse.PackedShuffle.punpckl(r, 0, lo, hi, z));
    }

    /** Records guest event {@code f} reported at {@code rip} (as the interpreter does); returns EXCEPTION. */
    public static int event(CpuState s, CpuFault f, long rip) {
        s.eventVector = f.vector;
        s.eventErrorCode = f.errorCode;
        s.eventAddress = f.address;
        s.eventRip = rip;
        if (f.vector == CpuFault.PF) {
            s.cr2 = f.address;
        }
        return CompiledBlock.EXCEPTION;
    }

}
