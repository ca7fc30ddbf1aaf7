package org.hot86.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.hot86.cpu.CpuState;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's contract: stops, budgets, tiering switches, statistics, self-modifying code, eviction. */
class ExecutionEngineTest {
    static final long CODE = 0x1000;

    static CpuState guest(String hex) {
        byte[] code = HexFormat.of().parseHex(hex.replace(" ", ""));
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        pm.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.mem = new Mmu(pm);
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x80000;
        return s;
    }

    static EngineOptions opts(boolean jit) {
        return EngineOptions.defaults().withJit(jit).withThreshold(1).withVerify(true).withDump(null).withJitLimit(-1);
    }

    /** Runs {@code e} without a budget while another thread requests a stop after {@code millis} ms. */
    static StopReason runStoppedAfter(ExecutionEngine e, long millis) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ignored) {
                // stop anyway
            }
            e.requestStop();
        });
        t.start();
        try {
            return e.run(Long.MAX_VALUE);
        } finally {
            t.join();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStopRequestEndsAnEndlessOneBlockLoop(boolean jit) throws Exception {
        CpuState s = guest("ebfe"); // jmp $
        ExecutionEngine e = new ExecutionEngine(s, opts(jit));
        assertEquals(StopReason.STOP_REQUESTED, runStoppedAfter(e, 200));
        assertEquals(CODE, s.rip);
        assertTrue(s.instructionsRetired > 0);
        assertEquals(jit ? 1 : 0, e.stats().blocksCompiled());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStopRequestEndsAnEndlessLoopInsideARegion(boolean jit) throws Exception {
        // l: add eax,1 ; jmp m ; m: jmp l   (two blocks: one region method loops forever)
        CpuState s = guest("83c001 eb00 ebf9");
        ExecutionEngine e = new ExecutionEngine(s, opts(jit));
        assertEquals(StopReason.STOP_REQUESTED, runStoppedAfter(e, 300));
        assertTrue(s.rip == CODE || s.rip == CODE + 5, Long.toHexString(s.rip));
        // three instructions per round trip: the count says where in the loop it stopped
        long n = s.instructionsRetired;
        assertEquals(s.rip == CODE ? 0 : 2, n % 3, "retired " + n + " at " + Long.toHexString(s.rip));
        assertEquals((n + 1) / 3, s.gpr[0]);
        if (jit) {
            assertTrue(((org.hot86.translator.BlockTranslator) e.compiler()).regionCount() >= 1, e.stats().format());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theInstructionBudgetIsExact(boolean jit) {
        // mov ecx,1000 ; l: add eax,ecx ; nop ; dec ecx ; jnz l ; syscall
        CpuState s = guest("b9e8030000 01c8 90 ffc9 75f9 0f05");
        ExecutionEngine e = new ExecutionEngine(s, opts(jit));
        assertEquals(StopReason.INSN_LIMIT, e.run(1001));
        assertEquals(1001, s.instructionsRetired);
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        assertEquals(1 + 4 * 1000 + 1, s.instructionsRetired);
        assertEquals(500500, s.gpr[0]);
        assertEquals(CODE + 14, s.rip);
        EngineStats st = e.stats();
        assertEquals(4002, st.instructionsRetired());
        if (jit) {
            // the loop block branches to itself: it loops inside its compiled method
            assertTrue(st.blocksExecutedCompiled() >= 1, st.format());
            assertTrue(st.blocksInterpreted() <= 3, st.format());
        } else {
            assertEquals(0, st.blocksExecutedCompiled());
        }
    }

    @Test
    void jitLimitCompilesOnlyTheFirstBlocks() {
        CpuState s = guest("b9e8030000 01c8 90 ffc9 75f9 0f05");
        ExecutionEngine e = new ExecutionEngine(s, opts(true).withThreshold(0).withJitLimit(1));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        assertEquals(1, e.stats().blocksCompiled());
        assertEquals(500500, s.gpr[0]);
    }

    @Test
    void dumpPrintsEachCompiledBlock() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CpuState s = guest("b9e8030000 01c8 90 ffc9 75f9 0f05");
        ExecutionEngine e = new ExecutionEngine(s,
                opts(true).withDump(new PrintStream(out, true, StandardCharsets.UTF_8)));
        e.run(Long.MAX_VALUE);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("---- block 0x1005"), text);
        assertTrue(text.contains("extends org/hot86/cpu/jit/CompiledBlock"), text);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBlockThatPatchesItsOwnNextInstructionRunsTheNewCode(boolean jit) {
        // l: mov byte [rip+2],5 ; add eax,1 (imm8 at l+9) ; dec ecx ; jnz l ; syscall
        // the store rewrites the imm8 of the following add before it executes
        CpuState s = guest("c6050200000005 83c001 ffc9 75f2 0f05");
        s.gpr[1] = 3;
        ExecutionEngine e = new ExecutionEngine(s, opts(jit).withThreshold(0));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        assertEquals(15, s.gpr[0]);
        assertTrue(e.stats().blocksInvalidated() >= 3, e.stats().format());
    }

    @Test
    void directBranchesBetweenCompiledBlocksFollowLinks() {
        // l: add eax,1 ; jmp m ; m: dec ecx ; jnz l ; syscall
        CpuState s = guest("83c001 eb00 ffc9 75f7 0f05");
        s.gpr[1] = 100;
        ExecutionEngine e = new ExecutionEngine(s, opts(true).withThreshold(0));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        assertEquals(100, s.gpr[0]);
        assertEquals(2, e.stats().blocksCompiled() - 1, e.stats().format()); // l, m and the syscall block
        // every transfer but the first few follows a link or a chaining slot; after a run of
        // direct transfers the engine finds the next block in the jump cache
        EngineStats st = e.stats();
        assertTrue(st.chainedTransfers() + st.jumpCacheHits() >= 197, st.format());
        assertTrue(st.directTransfers() >= 150, st.format());
    }

    @Test
    void evictionFallsBackAndCounts() {
        // l: add eax,1 ; jmp m ; m: dec ecx ; jnz l ; syscall  (two blocks, cache of one)
        CpuState s = guest("83c001 eb00 ffc9 75f7 0f05");
        s.gpr[1] = 100;
        ExecutionEngine e = new ExecutionEngine(s, opts(true).withThreshold(0).withCodeCacheCapacity(1));
        assertEquals(StopReason.SYSCALL, e.run(Long.MAX_VALUE));
        assertEquals(100, s.gpr[0]);
        // l and m are compiled alone (l has no links yet, m evicts it); l's recompilation is the
        // region {l, m} (evicting m), which then runs the whole loop
        assertTrue(e.stats().blocksEvicted() >= 2, e.stats().format());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFaultInTheMiddleOfACompiledBlockIsPrecise(boolean jit) {
        // add rax,1 ; mov rbx,[rcx] (faults: non-canonical) ; add rax,1 ; syscall
        CpuState s = guest("4883c001 488b19 4883c001 0f05");
        s.gpr[1] = 0x8000_0000_0000_0000L;
        ExecutionEngine e = new ExecutionEngine(s, opts(jit).withThreshold(0));
        assertEquals(StopReason.EXCEPTION, e.run(Long.MAX_VALUE));
        assertEquals(13, s.eventVector);
        assertEquals(CODE + 4, s.rip);
        assertEquals(CODE + 4, s.eventRip);
        assertEquals(1, s.gpr[0]);
        assertEquals(1, s.instructionsRetired);
        assertEquals(0, s.getRflags() & 0x8D5); // flags of add 0+1: all clear
    }
}
