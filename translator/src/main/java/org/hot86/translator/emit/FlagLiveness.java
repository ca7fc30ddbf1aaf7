package org.hot86.translator.emit;

import org.hot86.decoder.Flags;
import org.hot86.decoder.Instruction;

/**
 * Backward liveness of the six status flags over a block, from the instruction table's
 * flags-read and flags-written masks (architecture.md decision 2).
 *
 * <p>{@code liveAfter[k]} is the set of status flags that some later reader may observe
 * after instruction {@code k}. At the block end every flag is live (the successor is
 * unknown). Conservative rules that keep compiled code indistinguishable from the
 * interpreter:
 * <ul>
 *   <li>an instruction that may fault reads every flag: the fault must expose the exact
 *       flags of the state before it (precise exceptions);</li>
 *   <li>an instruction run through the interpreter's executor reads every flag;</li>
 *   <li>only flags that are written and not undefined are killed (our semantics may keep
 *       the previous value of an undefined flag); forms whose flag update is conditional
 *       (shift count 0) kill nothing, except SHL/SHR/SAR by a non-zero constant, whose
 *       semantics replace every status flag.</li>
 * </ul>
 */
final class FlagLiveness {
    private FlagLiveness() {
    }

    /**
     * @param mayFaultOrFallback per instruction: true if it may fault or is not compiled natively
     * @return liveAfter, one mask per instruction
     */
    static int[] liveAfter(Instruction[] insns, int n, boolean[] mayFaultOrFallback) {
        return liveAfter(insns, n, mayFaultOrFallback, new boolean[n]);
    }

    /**
     * @param exitAfter per instruction: true if the block may be left right after it (the
     *     self-modifying-code check after a store), where every flag is live
     */
    static int[] liveAfter(Instruction[] insns, int n, boolean[] mayFaultOrFallback, boolean[] exitAfter) {
        int[] after = new int[n];
        int live = Flags.STATUS;
        for (int k = n - 1; k >= 0; k--) {
            if (exitAfter[k]) {
                live = Flags.STATUS;
            }
            after[k] = live;
            Instruction i = insns[k];
            if (mayFaultOrFallback[k] || !i.isValid()) {
                live = Flags.STATUS;
                continue;
            }
            live = (live & ~killed(i)) | (i.flagsRead() & Flags.STATUS);
        }
        return after;
    }

    /** The status flags live at the start of the block (all live at its end). */
    static int liveIn(Instruction[] insns, int n, boolean[] mayFaultOrFallback, boolean[] exitAfter) {
        int[] after = liveAfter(insns, n, mayFaultOrFallback, exitAfter);
        Instruction i = insns[0];
        if (mayFaultOrFallback[0] || !i.isValid()) {
            return Flags.STATUS;
        }
        return (after[0] & ~killed(i)) | (i.flagsRead() & Flags.STATUS);
    }

    /**
     * The flags whose previous values instruction {@code i} makes unobservable. Normally the
     * written flags that the SDM does not leave undefined; but the group-1 ALU forms, TEST
     * and NEG are executed by semantics that replace the whole lazy-flag record (the
     * logical operations define AF as 0), so they hide every status flag.
     */
    static int killed(Instruction i) {
        if (FormEmitter.shiftInLocals(i) != 0) {
            // SHL/SHR/SAR by a non-zero constant: ShiftRotate replaces all six status flags
            return Flags.STATUS;
        }
        if (FormEmitter.rotateInLocals(i) != 0) {
            // ROL/ROR by a non-zero constant: ShiftRotate.rotateFlags sets both CF and OF
            return Flags.CF | Flags.OF;
        }
        if (i.form().flagsConditional()) {
            return 0;
        }
        if (FormEmitter.replacesFlagRecord(i)) {
            return (i.flagsWritten() | i.flagsUndefined()) & Flags.STATUS;
        }
        return i.flagsWritten() & ~i.flagsUndefined();
    }
}
