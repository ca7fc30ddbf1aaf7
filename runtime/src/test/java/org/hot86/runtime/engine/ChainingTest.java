package org.hot86.runtime.engine;

import static org.hot86.runtime.engine.ExecutionEngineTest.guest;
import static org.hot86.runtime.engine.ExecutionEngineTest.opts;
import static org.hot86.runtime.engine.ExecutionEngineTest.runStoppedAfter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hot86.cpu.CpuState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Direct chaining: compiled code that continues into its successor's code without returning
 * to the engine keeps the engine's guarantees. With threshold 0 every block is compiled on
 * its first run, before its successors are linked, so each one is compiled alone and the
 * transfers between them are chained.
 */
class ChainingTest {
    /** l: add eax,1 ; jmp m ; m: add ebx,eax ; jmp n ; n: dec ecx ; jnz l ; syscall (ecx = 50: 301 insns). */
    static final String THREE_BLOCKS = "83c001 eb00 01c3 eb00 ffc9 75f3 0f05";

    static CpuState threeBlocks() {
        return threeBlocks(50);
    }

    /** {@link #THREE_BLOCKS} with {@code ecx = rounds}: 6 * rounds + 1 instructions. */
    static CpuState threeBlocks(int rounds) {
        CpuState s = guest(THREE_BLOCKS);
        s.gpr[CpuState.RCX] = rounds;
        return s;
    }

    static void assertSameState(CpuState want, CpuState got, String what) {
        assertEquals(want.instructionsRetired, got.instructionsRetired, what + ": retired");
        assertEquals(want.rip, got.rip, what + ": rip");
        assertArrayEquals(want.gpr, got.gpr, what + ": gprs");
        assertEquals(want.getRflags(), got.getRflags(), what + ": rflags");
    }

    @Test
    void everyBudgetStopsAtExactlyTheSameInstructionAsTheInterpreter() {
        long direct = 0;
        for (int budget = 1; budget <= 305; budget += budget < 40 ? 1 : 7) {
            CpuState want = threeBlocks();
            StopReason wr = new ExecutionEngine(want, opts(false)).run(budget);
            CpuState got = threeBlocks();
            ExecutionEngine e = new ExecutionEngine(got, opts(true).withThreshold(0));
            StopReason gr = e.run(budget);
            assertEquals(wr, gr, "budget " + budget);
            assertSameState(want, got, "budget " + budget);
            direct += e.stats().directTransfers();
        }
        assertTrue(direct > 1000, "direct transfers: " + direct);
    }

    /**
     * Budgets just above the longest block (below it the engine never chains: a chain stops
     * while the longest block could still overrun the budget), run after run on one engine.
     */
    @Test
    void budgetsInARowOnOneEngine() {
        CpuState want = threeBlocks(500);
        ExecutionEngine ref = new ExecutionEngine(want, opts(false));
        CpuState got = threeBlocks(500);
        ExecutionEngine e = new ExecutionEngine(got, opts(true).withThreshold(0));
        StopReason last = null;
        for (int round = 0; round < 200 && last != StopReason.SYSCALL; round++) {
            int k = round % 5 == 0 ? 1 + round % 7 : 60 + round % 17;
            long before = got.instructionsRetired;
            StopReason wr = ref.run(k);
            StopReason gr = e.run(k);
            assertEquals(wr, gr, "round " + round);
            assertSameState(want, got, "round " + round);
            if (gr == StopReason.INSN_LIMIT) {
                assertEquals(before + k, got.instructionsRetired);
            }
            last = gr;
        }
        assertEquals(StopReason.SYSCALL, last);
        assertEquals(3001, got.instructionsRetired);
        assertEquals(500 * 501 / 2, got.gpr[CpuState.RBX]);
        assertTrue(e.stats().directTransfers() > 0, e.stats().format());
    }

    @Test
    void statsCountEveryBlockRunAndEveryTransfer() {
        CpuState s = threeBlocks();
        ExecutionEngine e = new ExecutionEngine(s, opts(true).withThreshold(0));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        EngineStats st = e.stats();
        assertEquals(3 * 50 + 1, st.blocksExecutedCompiled() + st.blocksInterpreted(), st.format());
        assertTrue(st.directTransfers() >= 100 && st.directTransfers() <= st.chainedTransfers(), st.format());
        assertEquals(301, st.instructionsRetired());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStopRequestEndsAnEndlessChainOfBlocks(boolean jit) throws Exception {
        // l: add eax,1 ; jmp m ; m: add eax,1 ; jmp n ; n: jmp l
        CpuState s = guest("83c001 eb00 83c001 eb00 ebf4");
        ExecutionEngine e = new ExecutionEngine(s, opts(jit).withThreshold(0));
        assertEquals(StopReason.STOP_REQUESTED, runStoppedAfter(e, 300));
        // five instructions per round: the count says where in the loop it stopped
        long n = s.instructionsRetired;
        long at = switch ((int) (n % 5)) {
            case 0 -> 0x1000;
            case 2 -> 0x1005;
            case 4 -> 0x100a;
            default -> -1;
        };
        assertEquals(at, s.rip, "retired " + n);
        assertEquals((n + 4) / 5 + (n + 2) / 5, s.gpr[CpuState.RAX]);
        if (jit) {
            assertTrue(e.stats().directTransfers() > 0, e.stats().format());
        }
    }

    /**
     * A block reached by a direct transfer writes the code of its own successor, whose code
     * the chain would otherwise jump to: the successor runs the new bytes at once.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void codeWrittenInTheMiddleOfAChainRunsAtOnce(boolean jit) {
        //        mov ecx,10 ; mov esi,0x1023 ; mov al,7
        // L:     dec ecx ; jz END ; mov edi,0x3000 ; cmp ecx,5 ; cmove edi,esi ; jmp W
        // W:     mov [rdi],al ; jmp N            (at ecx = 5 it writes N's imm8)
        // N:     add ebx,1 (imm8 at 0x1023) ; jmp L
        // END:   syscall
        CpuState s = guest("b90a000000 be23100000 b007"
                + "ffc9 7416 bf00300000 83f905 0f44fe eb00"
                + "8807 eb00"
                + "83c301 ebe6"
                + "0f05");
        ExecutionEngine e = new ExecutionEngine(s, opts(jit).withThreshold(0));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        // ecx = 9..6 add 1, ecx = 5..1 add the new 7
        assertEquals(4 + 5 * 7, s.gpr[CpuState.RBX], e.stats().format());
        if (jit) {
            assertTrue(e.stats().directTransfers() > 0, e.stats().format());
            assertTrue(e.stats().blocksInvalidated() >= 1, e.stats().format());
        }
    }
}
