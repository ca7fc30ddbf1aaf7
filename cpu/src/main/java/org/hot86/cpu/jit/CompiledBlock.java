package org.hot86.cpu.jit;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;

/**
 * A guest basic block compiled to JVM code (by a {@link BlockCompiler}).
 *
 * <p>Contract of {@link #run}: on entry {@code s.rip} is the block's start address (a
 * region: the start of one of its members) and the
 * state is in {@code s}. The block executes its instructions exactly as the interpreter
 * would, then returns one of the codes below with all state stored back in {@code s},
 * {@code s.rip} the next instruction and {@code s.instructionsRetired} counting every
 * retired instruction:
 * <ul>
 *   <li>{@link #CONTINUE}: fell through or branched; continue at {@code s.rip};</li>
 *   <li>{@link #SYSCALL} / {@link #HALT}: SYSCALL or HLT retired, RIP after it;</li>
 *   <li>{@link #EXCEPTION}: a guest event, reported in {@code s.eventVector/eventErrorCode/
 *       eventAddress/eventRip} as by the interpreter: for a fault the state is exactly that
 *       before the faulting instruction (RIP included) and the instruction is not counted;
 *       for a trap the state is after it.</li>
 * </ul>
 * A block never throws a guest exception to its caller. Before it returns {@code CONTINUE}
 * it may run a successor's code itself ({@link #chainTarget}, direct chaining), so the
 * returned state can be after several blocks; the engine counts them through
 * {@link JitContext#chainCount}.
 */
public abstract class CompiledBlock {
    public static final int CONTINUE = 0, SYSCALL = 1, HALT = 2, EXCEPTION = 3;

    /** The decoded block this code was compiled from (a region: its head; used by fallback calls). */
    protected final DecodedBlock block;

    /**
     * The member blocks of a region, head first (fallback calls of a region use them); a
     * single block: just {@link #block}.
     */
    protected final DecodedBlock[] members;

    /** Region-global index of each member's first instruction (instructions are numbered member after member). */
    private final int[] memberStart;

    protected CompiledBlock(DecodedBlock block) {
        this.block = block;
        this.members = new DecodedBlock[] {block};
        this.memberStart = new int[] {0};
    }

    /**
     * Code for a region: several blocks compiled into one {@link #run}, entered at the start
     * of any member ({@code s.rip} says which; {@code members[0]} is the head); a branch to a
     * member's start stays inside the method.
     */
    protected CompiledBlock(DecodedBlock[] members) {
        this.block = members[0];
        this.members = members.clone();
        this.memberStart = new int[members.length];
        int n = 0;
        for (int m = 0; m < members.length; m++) {
            memberStart[m] = n;
            n += members[m].size();
        }
    }

    public final DecodedBlock decoded() {
        return block;
    }

    /** Number of member blocks (1 for a single block). */
    public final int memberCount() {
        return members.length;
    }

    /** Member block {@code m} (0 is the entry). */
    public final DecodedBlock member(int m) {
        return members[m];
    }

    /** Runs the block once; see the class comment. */
    public abstract int run(CpuState s, JitContext ctx);

    /*
     * Direct chaining. Two slots (target RIP, the target's code) filled by the engine with
     * successors it saw this code continue to. The engine installs a slot only for a transfer
     * it would itself make to compiled code with no further checks (same mode, code alive and
     * mapped), and empties every slot (unchain) on
     * each event that could make such a transfer wrong (code death, mapping change), so the
     * generated code checks no epoch: a check that is never false while C2 profiles it gets
     * compiled as an uncommon trap, and then every block would deoptimise on the first change.
     */
    private long chainRip0 = -1, chainRip1 = -1;
    private CompiledBlock chain0, chain1;

    /** The code {@link #chainTarget} returns to go back to the engine: its run returns {@code CONTINUE}. */
    private static final CompiledBlock ENGINE = new CompiledBlock() {
        @Override
        public int run(CpuState s, JitContext ctx) {
            return CONTINUE;
        }
    };

    private CompiledBlock() {
        this.block = null;
        this.members = new DecodedBlock[0];
        this.memberStart = new int[0];
    }

    /**
     * Called by generated code at a {@code CONTINUE} exit after the state has been stored
     * ({@code s.rip} and {@code s.instructionsRetired} final); the caller returns
     * {@code chainTarget(s, ctx).run(s, ctx)}: the successor's code, or a code that returns
     * {@code CONTINUE} to the engine (and {@code ctx.chainLast = this}). A transfer needs a
     * slot for {@code s.rip} and {@code s.instructionsRetired <= ctx.chainEnd} (which keeps the
     * whole successor within the budget and bounds the chain). The engine's other conditions
     * hold by construction: a write to a code page empties every slot (so {@code codeDirty}
     * needs no test here), and a stop request is seen by the engine when the chain returns.
     * The call site is in the caller's own class, so its type profile holds only this block's
     * successors (and the engine's return), not every block the engine runs; generated code
     * has no branch of its own here, so no profile of it can go stale.
     */
    public final CompiledBlock chainTarget(CpuState s, JitContext ctx) {
        long rip = s.rip;
        CompiledBlock n;
        if (rip == chainRip0) {
            n = chain0;
        } else if (rip == chainRip1) {
            n = chain1;
        } else {
            ctx.chainLast = this;
            return ENGINE;
        }
        if (s.instructionsRetired > ctx.chainEnd) {
            ctx.chainLast = this;
            return ENGINE;
        }
        ctx.chainCount++;
        return n;
    }

    /** Empties both slots (the engine, when this code dies: it must not keep its successors' classes alive). */
    public final void unchain() {
        chainRip0 = chainRip1 = -1;
        chain0 = chain1 = null;
    }

    /**
     * Engine side of chaining: from now on, an exit of this code to {@code rip} runs
     * {@code target} directly, until {@link #unchain}. Slot 0 keeps the first successor; slot 1
     * takes the latest other one.
     *
     * @return true if both slots were empty before (the engine then lists this code as one to unchain)
     */
    public final boolean chainTo(long rip, CompiledBlock target) {
        if (chain0 == null || chainRip0 == rip) {
            boolean was = chain0 == null && chain1 == null;
            chainRip0 = rip;
            chain0 = target;
            return was;
        }
        chainRip1 = rip;
        chain1 = target;
        return false;
    }

    /**
     * The exception path of compiled code: instruction {@code idx} raised {@code f}; the
     * registers have already been stored back as they were before it (a negative index
     * {@code -k-1} means instruction {@code k} ran through the interpreter's executor, which
     * restored the state itself). Sets RIP, the retired count and the event.
     */
    public static int fault(CpuState s, DecodedBlock b, int idx, long retiredAtEntry, CpuFault f) {
        int k = idx < 0 ? -idx - 1 : idx;
        s.instructionsRetired = retiredAtEntry + k;
        long rip = b.addr(k);
        s.rip = rip;
        return DecodedBlock.event(s, f, rip);
    }

    /**
     * The exception path of a region: region-global instruction {@code idx} (encoded as in
     * {@link #fault}) raised {@code f}; {@code retiredAtMemberEntry} is the retired count when
     * its member block was entered.
     */
    public final int regionFault(CpuState s, int idx, long retiredAtMemberEntry, CpuFault f) {
        int k = idx < 0 ? -idx - 1 : idx;
        int m = memberStart.length - 1;
        while (memberStart[m] > k) {
            m--;
        }
        int local = k - memberStart[m];
        return fault(s, members[m], local, retiredAtMemberEntry, f);
    }

    /** Kinds of flag record a compiled block keeps in its locals (see {@link #flushFlags}). */
    public static final int FLAGS_NONE = 0, FLAGS_LAZY = 1, FLAGS_SHL = 2, FLAGS_SHR = 3, FLAGS_SAR = 4;

    /**
     * Overlay of a flag kind: one instruction that changes only part of the flags, applied
     * after the base record (kind &amp; {@link #FLAGS_BASE}) from its operand size and result
     * alone: ROL / ROR by a non-zero constant set CF and OF
     * ({@code ShiftRotate.rotateFlags}); INC / DEC set all but CF
     * ({@code Arithmetic.incDecFlags}); BT/BTS/BTR/BTC set CF to the selected bit, the
     * result ({@code CpuState.setCf}); BSF/BSR set ZF when their source, the result, is 0
     * ({@code BitOps.setZf}).
     * <pre>
     *   kind:  bits 5..3                       bits 2..0
     *         +-------------------------------+-----------+
     *         | overlay: 0 none, 1 ROL, 2 ROR, | base kind |
     *         |   3 INC, 4 DEC, 5 BT, 6 BSF    |           |
     *         +-------------------------------+-----------+
     * </pre>
     */
    public static final int FLAGS_ROL = 1 << 3, FLAGS_ROR = 2 << 3, FLAGS_INC = 3 << 3, FLAGS_DEC = 4 << 3,
            FLAGS_BT = 5 << 3, FLAGS_BSF = 6 << 3, FLAGS_OVERLAY = 7 << 3, FLAGS_BASE = 7;

    /**
     * Stores a flag record that compiled code kept in JVM locals into the state, exactly as
     * the semantics method that produced it would have: {@code FLAGS_LAZY} is the lazy
     * record of {@code CpuState.setLazy(op, size, src, dst, res)}; {@code FLAGS_SHL/SHR/SAR}
     * re-run {@code ShiftRotate.shl/shr/sar(s, size, dst, src)} (src = the count) for their
     * flag effect; {@code FLAGS_NONE} does nothing. Used where the kind is only known at
     * run time (the exception handler, exits right after a loop head).
     */
    public static void flushFlags(CpuState s, int kind, org.hot86.cpu.FlagOp op, int size, long src, long dst,
            long res) {
        switch (kind) {
            case FLAGS_LAZY -> s.setLazy(op, size, src, dst, res);
            case FLAGS_SHL -> org.hot86.cpu.semantics.ShiftRotate.shl(s, size, dst, src);
            case FLAGS_SHR -> org.hot86.cpu.semantics.ShiftRotate.shr(s, size, dst, src);
            case FLAGS_SAR -> org.hot86.cpu.semantics.ShiftRotate.sar(s, size, dst, src);
            default -> { }
        }
    }

    /**
     * {@link #flushFlags(CpuState, int, org.hot86.cpu.FlagOp, int, long, long, long)} of the
     * base kind, then the overlay ({@link #FLAGS_OVERLAY}) of result {@code rotRes} at
     * {@code rotSize} bits.
     */
    public static void flushFlags(CpuState s, int kind, org.hot86.cpu.FlagOp op, int size, long src, long dst,
            long res, int rotSize, long rotRes) {
        flushFlags(s, kind & FLAGS_BASE, op, size, src, dst, res);
        flushOverlay(s, rotSize, rotRes, kind & FLAGS_OVERLAY);
    }

    /** Applies overlay {@code ovl} ({@link #FLAGS_OVERLAY} bits of a kind) of result {@code res} at {@code size} bits. */
    public static void flushOverlay(CpuState s, int size, long res, int ovl) {
        switch (ovl) {
            case FLAGS_ROL -> org.hot86.cpu.semantics.ShiftRotate.rotateFlags(s, size, res, true);
            case FLAGS_ROR -> org.hot86.cpu.semantics.ShiftRotate.rotateFlags(s, size, res, false);
            case FLAGS_INC -> org.hot86.cpu.semantics.Arithmetic.incDecFlags(s, size, res, true);
            case FLAGS_DEC -> org.hot86.cpu.semantics.Arithmetic.incDecFlags(s, size, res, false);
            case FLAGS_BT -> s.setCf(res != 0);
            case FLAGS_BSF -> org.hot86.cpu.semantics.BitOps.setZf(s, res == 0);
            default -> { }
        }
    }
}
