package org.hot86.conformance.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Random;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.ExitReason;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.runtime.engine.EngineOptions;
import org.hot86.runtime.engine.ExecutionEngine;
import org.hot86.runtime.engine.StopReason;
import org.hot86.translator.BlockTranslator;
import org.junit.jupiter.api.Test;

/**
 * Differential properties: random instruction sequences (multi-instruction blocks, a
 * counted loop, memory operands, faults in the middle of blocks, self-modifying stores)
 * must leave identical state, memory and exception whether run by the reference
 * interpreter, by the engine interpreting only, or by the engine with every block compiled
 * (threshold 0) or compiled after a few interpreted runs (threshold 2, so that interpreted
 * and compiled executions of the same block mix).
 *
 * <p>Cases: {@code -Dhot86.conformance.cases} (default 300).
 */
class JitDifferentialTest {
    private static final int CASES = Integer.getInteger("hot86.conformance.cases", 300);
    private static final java.util.Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final java.util.concurrent.atomic.AtomicLong RETIRED = new java.util.concurrent.atomic.AtomicLong();

    /** Prints how the campaign's programs ended, so a reviewer sees that faults and SMC were exercised. */
    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("JitDifferentialTest: " + CASES + " cases per property; outcomes " + OUTCOMES
                + "; guest instructions (interpreted run) " + RETIRED.get());
    }

    record Outcome(String stop, long[] gpr, long rip, long rflags, long retired, String event, byte[] memory,
            long invalidated) {
        void assertSame(Outcome o, String what) {
            assertEquals(stop, o.stop, what + ": stop reason");
            assertEquals(event, o.event, what + ": event");
            assertArrayEquals(gpr, o.gpr, what + ": registers");
            assertEquals(Long.toHexString(rip), Long.toHexString(o.rip), what + ": RIP");
            assertEquals(Long.toHexString(rflags), Long.toHexString(o.rflags), what + ": RFLAGS");
            assertEquals(retired, o.retired, what + ": instructions retired");
            assertArrayEquals(memory, o.memory, what + ": memory");
        }
    }

    static UserGuest guest(BlockSequences.Program p, long seed) {
        Random r = new Random(seed);
        long[] regs = new long[16];
        for (int k = 0; k < 16; k++) {
            regs[k] = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(16);
                case 1 -> r.nextInt();
                case 2 -> -r.nextInt(300);
                default -> r.nextLong();
            };
        }
        regs[3] = UserGuest.DATA + r.nextInt(0xF00);
        regs[5] = UserGuest.DATA + 0x1000 + r.nextInt(0xF00);
        regs[6] = UserGuest.DATA + 0x2000 + r.nextInt(0xF00);
        byte[] data = new byte[0x5000];
        r.nextBytes(data);
        return new UserGuest(p.code(), regs, data);
    }

    static Outcome outcome(String stop, UserGuest g, long invalidated) {
        CpuState s = g.s;
        String ev = s.eventVector < 0 ? "none" : "vector " + s.eventVector + " error " + s.eventErrorCode
                + " address 0x" + Long.toHexString(s.eventAddress) + " rip 0x" + Long.toHexString(s.eventRip)
                + (s.eventVector == 14 ? " cr2 0x" + Long.toHexString(s.cr2) : "");
        return new Outcome(stop, s.gpr.clone(), s.rip, s.getRflags(), s.instructionsRetired, ev, g.memory(),
                invalidated);
    }

    static Outcome reference(BlockSequences.Program p, long seed, long budget) {
        UserGuest g = guest(p, seed);
        ExitReason r = new Interpreter().run(g.s, budget);
        return outcome(r.name(), g, 0);
    }

    static Outcome engine(BlockSequences.Program p, long seed, long budget, EngineOptions o) {
        UserGuest g = guest(p, seed);
        ExecutionEngine e = new ExecutionEngine(g.s, o);
        StopReason r = e.run(budget);
        if (e.compiler() instanceof BlockTranslator t && t.rejectedCount() > 0) {
            throw new AssertionError("translator refused a block: " + t.lastError());
        }
        return outcome(r.name(), g, e.stats().blocksInvalidated());
    }

    private static void check(List<Integer> body, int iterations, int seed, boolean smc) {
        BlockSequences.Program p = BlockSequences.program(body, iterations, smc);
        long budget = (seed & 3) == 0 ? 1 + (seed >>> 2) % 400 : 100_000;
        EngineOptions base = EngineOptions.defaults().withDump(null).withJitLimit(-1).withVerify(true);
        String ctx = "\nprogram (" + iterations + " iterations, seed " + seed + ", budget " + budget + "):\n"
                + p.listing();
        Outcome interp = engine(p, seed, budget, base.withJit(false));
        OUTCOMES.merge(interp.stop + (interp.event.equals("none") ? "" : " " + interp.event.substring(0,
                interp.event.indexOf(" error"))), 1, Integer::sum);
        RETIRED.addAndGet(interp.retired);
        if (interp.invalidated > 0) {
            OUTCOMES.merge("self-modified", 1, Integer::sum);
        }
        if (interp.invalidated == 0) {
            reference(p, seed, budget).assertSame(interp, "reference interpreter vs engine --no-jit" + ctx);
        }
        interp.assertSame(engine(p, seed, budget, base.withThreshold(0)), "--no-jit vs compiled (threshold 0)" + ctx);
        interp.assertSame(engine(p, seed, budget, base.withThreshold(2)), "--no-jit vs tiered (threshold 2)" + ctx);
    }

    @Test
    void compiledBlocksMatchTheInterpreter() {
        qt().withExamples(CASES).forAll(lists().of(integers().allPositive()).ofSizeBetween(1, 14),
                integers().between(1, 12), integers().allPositive())
                .checkAssert((body, iterations, seed) -> check(body, iterations, seed, false));
    }

    @Test
    void selfModifyingStoresMatchTheInterpreter() {
        qt().withExamples(Math.max(1, CASES / 3)).forAll(lists().of(integers().allPositive()).ofSizeBetween(1, 14),
                integers().between(1, 6), integers().allPositive())
                .checkAssert((body, iterations, seed) -> check(body, iterations, seed, true));
    }
}
