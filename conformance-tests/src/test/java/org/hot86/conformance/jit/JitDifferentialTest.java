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
    /** Engine runs whose translator compiled at least one region. */
    private static final java.util.concurrent.atomic.AtomicLong REGION_RUNS = new java.util.concurrent.atomic.AtomicLong();

    /** Prints how the campaign's programs ended, so a reviewer sees that faults and SMC were exercised. */
    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("JitDifferentialTest: " + CASES + " cases per property; outcomes " + OUTCOMES
                + "; guest instructions (interpreted run) " + RETIRED.get());
    }

    record Outcome(String stop, long[] gpr, long[] xmm, long rip, long rflags, long retired, String event,
            byte[] memory, long invalidated, int mxcsr) {
        void assertSame(Outcome o, String what) {
            assertEquals(stop, o.stop, what + ": stop reason");
            assertEquals(event, o.event, what + ": event");
            assertArrayEquals(gpr, o.gpr, what + ": registers");
            assertArrayEquals(xmm, o.xmm, what + ": XMM registers");
            assertEquals(Long.toHexString(rip), Long.toHexString(o.rip), what + ": RIP");
            assertEquals(Long.toHexString(rflags), Long.toHexString(o.rflags), what + ": RFLAGS");
            assertEquals(retired, o.retired, what + ": instructions retired");
            assertArrayEquals(memory, o.memory, what + ": memory");
            assertEquals(Integer.toHexString(mxcsr), Integer.toHexString(o.mxcsr), what + ": MXCSR");
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
        UserGuest g = new UserGuest(p.code(), regs, data);
        for (int k = 0; k < 16; k++) { // some registers with repeated bytes, so that PCMPEQx find equal elements
            long v = r.nextLong();
            g.s.xmmLo[k] = r.nextInt(3) == 0 ? (v & 0xFF) * 0x0101010101010101L : v;
            g.s.xmmHi[k] = r.nextInt(3) == 0 ? g.s.xmmLo[k] : r.nextLong();
        }
        long[] special = {0x7FF8000000000000L, 0x7FF0000000000001L, 0x7FF0000000000000L, 0x8000000000000000L,
            0x3FF0000000000000L, 0x0000000000000001L, 0x7FC00000L, 0x7F800001L, 0xFF800000L, 0x3F800000L, 0};
        for (int k = 0; k < 16; k++) { // FP specials (QNaN, SNaN, infinities, zeros, denormals, 1.0) for scalar SSE FP
            if (r.nextInt(k >= 7 ? 2 : 4) == 0) {
                g.s.xmmLo[k] = special[r.nextInt(special.length)];
            }
        }
        if (r.nextInt(4) == 0) { // some SSE exceptions unmasked (MXCSR bits 12..7): #XM from scalar FP
            g.s.mxcsr &= ~(r.nextInt(64) << 7);
        }
        return g;
    }

    static Outcome outcome(String stop, UserGuest g, long invalidated) {
        CpuState s = g.s;
        String ev = s.eventVector < 0 ? "none" : "vector " + s.eventVector + " error " + s.eventErrorCode
                + " address 0x" + Long.toHexString(s.eventAddress) + " rip 0x" + Long.toHexString(s.eventRip)
                + (s.eventVector == 14 ? " cr2 0x" + Long.toHexString(s.cr2) : "");
        long[] xmm = new long[32];
        for (int k = 0; k < 16; k++) {
            xmm[2 * k] = s.xmmLo[k];
            xmm[2 * k + 1] = s.xmmHi[k];
        }
        return new Outcome(stop, s.gpr.clone(), xmm, s.rip, s.getRflags(), s.instructionsRetired, ev, g.memory(),
                invalidated, s.mxcsr);
    }

    /**
     * The reference run: the interpreter over the MMU seen only through the GuestMemory
     * interface, so that it takes no host-array shortcut (REP MOVS/STOS by pages) and every
     * element goes through the MMU's access path.
     */
    static Outcome reference(BlockSequences.Program p, long seed, long budget) {
        UserGuest g = guest(p, seed);
        org.hot86.softmmu.GuestMemory m = g.mmu;
        g.s.mem = new org.hot86.softmmu.GuestMemory() {
            @Override public int read8(long a) { return m.read8(a); }
            @Override public int read16(long a) { return m.read16(a); }
            @Override public int read32(long a) { return m.read32(a); }
            @Override public long read64(long a) { return m.read64(a); }
            @Override public void write8(long a, int v) { m.write8(a, v); }
            @Override public void write16(long a, int v) { m.write16(a, v); }
            @Override public void write32(long a, int v) { m.write32(a, v); }
            @Override public void write64(long a, long v) { m.write64(a, v); }
            @Override public int fetch8(long a) { return m.fetch8(a); }
            @Override public void checkWritable(long a, int size) { m.checkWritable(a, size); }
            @Override public void read128(long a, long[] dst, int index) { m.read128(a, dst, index); }
            @Override public void write128(long a, long lo, long hi) { m.write128(a, lo, hi); }
        };
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
        if (e.compiler() instanceof BlockTranslator t && t.regionCount() > 0) {
            OUTCOMES.merge("compiled regions (threshold " + o.threshold() + ")", 1, Integer::sum);
            REGION_RUNS.incrementAndGet();
        }
        return outcome(r.name(), g, e.stats().blocksInvalidated());
    }

    private static void check(List<Integer> body, int iterations, int seed, boolean smc) {
        check(BlockSequences.program(body, iterations, smc), iterations, seed);
    }

    private static void check(BlockSequences.Program p, int iterations, int seed) {
        long budget = (seed & 3) == 0 ? 1 + (seed >>> 2) % 400 : 100_000;
        check(p, iterations, seed, budget, 0, 2);
    }

    /** Compares the engine (--no-jit, and compiling at each threshold) with the reference interpreter. */
    private static void check(BlockSequences.Program p, int iterations, int seed, long budget, int... thresholds) {
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
        for (int t : thresholds) {
            interp.assertSame(engine(p, seed, budget, base.withThreshold(t)),
                    "--no-jit vs " + (t == 0 ? "compiled" : "tiered") + " (threshold " + t + ")" + ctx);
        }
    }

    /**
     * Builds a {@link BlockSequences#nested} program from one list of instruction seeds and a
     * shape word: bits 0-1 outer iterations - 1, bits 2-4 inner iterations - 1, bit 5 the
     * CALL, bits 6-13 where the seed list is cut into the four bodies.
     */
    static BlockSequences.Program nested(List<Integer> seeds, int shape, boolean smc) {
        int n = seeds.size();
        int c1 = n == 0 ? 0 : (shape >>> 6 & 3) * n / 4;
        int c2 = Math.max(c1, n == 0 ? 0 : (2 + (shape >>> 8 & 3)) * n / 6);
        int c3 = Math.max(c2, n == 0 ? 0 : (4 + (shape >>> 10 & 3)) * n / 8);
        return BlockSequences.nested(seeds.subList(0, c1), seeds.subList(c1, c2), seeds.subList(c2, c3),
                seeds.subList(c3, n), 1 + (shape & 3), 1 + (shape >>> 2 & 7), (shape & 32) != 0, smc);
    }

    /**
     * Region compilation: nested loops, forward and backward branches between blocks,
     * CALL/RET inside the loop, faults in any member, budgets landing anywhere: compiled
     * after 1, 2 or 3 interpreted runs (so a hot block's successors have run and join its
     * region) the engine matches the interpreter exactly.
     */
    @Test
    void regionsMatchTheInterpreter() {
        long before = REGION_RUNS.get();
        qt().withExamples(CASES).forAll(lists().of(integers().allPositive()).ofSizeBetween(0, 24),
                integers().between(0, (1 << 14) - 1), integers().allPositive())
                .checkAssert((seeds, shape, seed) -> {
                    long budget = (seed & 3) == 0 ? 1 + (seed >>> 2) % 600 : 100_000;
                    check(nested(seeds, shape, false), 0, seed, budget, 1, 2, 3);
                });
        org.junit.jupiter.api.Assertions.assertTrue(REGION_RUNS.get() - before > CASES / 4,
                "too few generated programs compiled a region: " + (REGION_RUNS.get() - before));
    }

    /** Self-modifying stores (RIP-relative, into the loop's own first blocks) in region code. */
    @Test
    void regionsWithSelfModifyingStoresMatchTheInterpreter() {
        qt().withExamples(Math.max(1, CASES / 3)).forAll(lists().of(integers().allPositive()).ofSizeBetween(1, 24),
                integers().between(0, (1 << 14) - 1), integers().allPositive())
                .checkAssert((seeds, shape, seed) -> check(nested(seeds, shape, true), 0, seed, 100_000, 1, 2));
    }

    /**
     * The instruction budget ends at every possible point of region programs (inside any
     * member, at every internal branch): the state is exactly the interpreter's.
     */
    @Test
    void anInstructionLimitAnywhereInARegionIsExact() {
        java.util.Random r = new java.util.Random(8);
        int programs = Math.max(2, CASES / 100);
        for (int p = 0; p < programs; p++) {
            List<Integer> seeds = new java.util.ArrayList<>();
            for (int k = 0, n = 4 + r.nextInt(12); k < n; k++) {
                seeds.add(r.nextInt(Integer.MAX_VALUE));
            }
            int shape = r.nextInt(1 << 14);
            int seed = 1 + r.nextInt(Integer.MAX_VALUE - 1);
            BlockSequences.Program prog = nested(seeds, shape, false);
            long total = reference(prog, seed, 100_000).retired();
            for (long budget = 1; budget <= Math.min(total, 250); budget++) {
                check(prog, 0, seed, budget, 1, 2);
            }
        }
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

    /**
     * Hand-picked loops where the compiled code keeps the flag record in locals (ALU, CMP,
     * TEST, NEG, shifts by constants, including counts that mask to 0) and then faults,
     * stores, reads the flags through the state (SETcc, ADC, rotates) or leaves the block:
     * RBX walks off the mapped data pages, so the access faults after a few iterations.
     */
    @Test
    void flagRecordInLocalsIsExactAtFaultsAndExits() {
        byte[] addRbx = {0x48, (byte) 0x81, (byte) 0xC3, 0, 0x10, 0, 0}; // add rbx, 0x1000
        byte[][][] programs = {
            {addRbx, {(byte) 0xC1, (byte) 0xE9, 5}, {(byte) 0x8B, 0x03}}, // shr ecx,5 ; mov eax,[rbx]
            {{0x31, (byte) 0xF2}, {0x48, (byte) 0xC1, (byte) 0xFA, 3}, addRbx, {0x3B, 0x03}}, // xor; sar rdx,3; cmp
            {{0x48, (byte) 0xF7, (byte) 0xD8}, {(byte) 0xC0, (byte) 0xE0, 7}, {(byte) 0x85, 0x0B}, addRbx}, // neg; shl al,7; test
            {{0x29, (byte) 0xC8}, {(byte) 0xC1, (byte) 0xE2, 0}, {0x0F, (byte) 0x92, (byte) 0xC2}, addRbx,
                {(byte) 0x89, 0x03}}, // sub; shl edx,0; setc dl; mov [rbx],eax
            {{0x29, (byte) 0xC8}, {(byte) 0xD1, (byte) 0xE1}, {0x11, (byte) 0xF2}, {(byte) 0xC1, (byte) 0xC0, 3}, addRbx,
                {0x09, 0x13}}, // sub; shl ecx,1; adc edx,esi; rol eax,3; or [rbx],edx
            {{0x48, (byte) 0xC1, (byte) 0xE0, 0x43}, {(byte) 0xC1, (byte) 0xE9, 0x20}, {0x0F, (byte) 0x9F, (byte) 0xC2},
                {(byte) 0xC0, (byte) 0xFA, 9}, addRbx, {0x31, 0x03}}, // shl rax,67; shr ecx,32; setg dl; sar dl,9; xor [rbx],eax
            {{0x48, 0x01, (byte) 0xC8}, {0x48, (byte) 0xFF, (byte) 0xC2}, addRbx, {0x48, 0x3B, 0x03}}, // add; inc rdx; cmp
            // rotates by constants: the CF/OF overlay on top of a record in locals, read by ADC, SETO,
            // JO, a fault or the exit; counts 0, 1, the operand size and masked counts, all sizes
            {{0x29, (byte) 0xC8}, {(byte) 0xC1, (byte) 0xC8, 7}, addRbx, {0x11, 0x03}}, // sub; ror eax,7; adc [rbx],eax
            {{0x48, 0x31, (byte) 0xD0}, {0x48, (byte) 0xC1, (byte) 0xC0, 0x41}, {0x0F, (byte) 0x90, (byte) 0xC1}, addRbx,
                {(byte) 0x8B, 0x03}}, // xor rax,rdx; rol rax,65; seto cl; mov eax,[rbx]
            {{(byte) 0xD0, (byte) 0xC8}, {0x66, (byte) 0xC1, (byte) 0xC2, 16}, {(byte) 0xC0, (byte) 0xC4, 0x20},
                {0x13, (byte) 0xC6}, addRbx, {0x01, 0x03}}, // ror al,1; rol dx,16; rol ah,32 (masks to 0); adc eax,esi
            {{0x48, (byte) 0xFF, (byte) 0xC2}, {0x66, (byte) 0xD1, (byte) 0xCE}, {(byte) 0xC0, (byte) 0xC3, 9}, addRbx,
                {(byte) 0x89, 0x03}}, // inc rdx; ror si,1; rol bl,9; mov [rbx],eax
            {{0x39, (byte) 0xC8}, {(byte) 0xC1, (byte) 0xC1, 0x3F}, {0x70, 2}, {(byte) 0xD1, (byte) 0xC0}, addRbx,
                {0x0F, (byte) 0xC8}, {0x48, 0x0F, (byte) 0xCA}, {0x0F, 0x38, (byte) 0xF1, 0x03}}, // cmp; rol ecx,63; jo +2; rol eax,1; bswap eax; bswap rdx; movbe [rbx],eax
            // INC/DEC overlays: over a record in locals, under and over a rotate, read by ADC/SETcc, a fault
            {{0x29, (byte) 0xC8}, {(byte) 0xFF, (byte) 0xC2}, addRbx, {0x11, 0x03}}, // sub; inc edx; adc [rbx],eax
            {{0x29, (byte) 0xC8}, {(byte) 0xFE, (byte) 0xCA}, {(byte) 0xC1, (byte) 0xC0, 5}, {0x0F, (byte) 0x97, (byte) 0xC1},
                addRbx, {(byte) 0xFF, 0x03}}, // sub; dec dl; rol eax,5; seta cl; inc dword [rbx]
            {{(byte) 0xD1, (byte) 0xC8}, {0x66, (byte) 0xFF, (byte) 0xC6}, {0x0F, (byte) 0x9C, (byte) 0xC1}, addRbx,
                {0x48, (byte) 0xFF, 0x0B}}, // ror eax,1; inc si; setl cl; dec qword [rbx]
            // SETcc / CMOVcc compared directly after CMP, TEST, ADD, DEC (all condition codes over the seeds)
            {{0x39, (byte) 0xD0}, {0x0F, (byte) 0x92, (byte) 0xC1}, {0x0F, (byte) 0x4C, (byte) 0xC6}, {0x0F, (byte) 0x97,
                (byte) 0xC2}, addRbx, {0x0F, 0x47, 0x03}}, // cmp eax,edx; setb cl; cmovl eax,esi; seta dl; cmova eax,[rbx]
            {{0x48, (byte) 0x85, (byte) 0xD0}, {0x0F, (byte) 0x9E, (byte) 0xC1}, {0x48, 0x01, (byte) 0xF0},
                {0x0F, (byte) 0x98, (byte) 0xC2}, {(byte) 0xFF, (byte) 0xCE}, {0x0F, 0x44, (byte) 0xFE}, addRbx,
                {0x48, 0x0F, 0x4F, 0x03}}, // test rax,rdx; setle cl; add rax,rsi; sets dl; dec esi; cmove edi,esi; cmovg rax,[rbx]
            // SSE: aligned load, logic, compare, mask; an unaligned 16-byte store crossing into the next page
            // (faults on the high half once RBX reaches the last data page: memory must stay unchanged)
            {{0x48, (byte) 0x83, (byte) 0xE3, (byte) 0xF0}, {0x66, 0x0F, 0x6F, 0x0B}, {0x66, 0x0F, (byte) 0xEF, (byte) 0xCA},
                {0x66, 0x0F, 0x74, (byte) 0xCB}, {0x66, 0x0F, (byte) 0xD7, (byte) 0xC1}, {0x48, (byte) 0x89, (byte) 0xD9},
                {0x48, (byte) 0x81, (byte) 0xC9, (byte) 0xF8, 0x0F, 0, 0}, {(byte) 0xF3, 0x0F, 0x7F, 0x09}, addRbx,
                {(byte) 0xF2, 0x0F, 0x10, 0x13}, {0x66, 0x48, 0x0F, 0x7E, (byte) 0xD2}, {0x0F, 0x29, 0x53, 0x10}},
            // and rbx,-16; movdqa xmm1,[rbx]; pxor xmm1,xmm2; pcmpeqb xmm1,xmm3; pmovmskb eax,xmm1; mov rcx,rbx;
            // or rcx,0xff8; movdqu [rcx],xmm1; add rbx,0x1000; movsd xmm2,[rbx]; movq rdx,xmm2; movaps [rbx+16],xmm2
            // BT* and BSF/BSR: CF / ZF overlays read by JC, SETZ, ADC, a fault; BSF of 0 keeps the destination
            {{0x29, (byte) 0xC8}, {0x0F, (byte) 0xA3, (byte) 0xD0}, {0x72, 2}, {(byte) 0xF7, (byte) 0xD2}, addRbx,
                {0x48, 0x0F, (byte) 0xBA, 0x2B, 0x45}, {0x0F, (byte) 0xBC, (byte) 0xCA}, {0x0F, (byte) 0x94, (byte) 0xC0},
                {0x11, (byte) 0xCE}}, // sub; bt eax,edx; jc +2; not edx; add rbx,0x1000; bts qword [rbx],69; bsf ecx,edx; sete al; adc esi,ecx
            {{0x48, 0x31, (byte) 0xC9}, {0x66, 0x0F, (byte) 0xBD, (byte) 0xD1}, {0x0F, (byte) 0xBA, (byte) 0xF8, 3},
                {0x48, 0x0F, (byte) 0xB3, (byte) 0xD6}, {0x0F, (byte) 0x92, (byte) 0xC3}, addRbx,
                {0x48, 0x0F, (byte) 0xBC, 0x13}}, // xor rcx,rcx; bsr dx,cx; btc eax,3; btr rsi,rdx; setc bl; add rbx,..; bsf rdx,[rbx]
            // shifts and rotates of memory by constants (the record after the store), SHLD/SHRD
            {{0x29, (byte) 0xC8}, addRbx, {(byte) 0xD0, 0x23}, {(byte) 0xC1, 0x4B, 0x04, 0x09}, {0x0F, (byte) 0x92,
                (byte) 0xC1}, {0x48, (byte) 0xC1, 0x3B, 0x40}, {0x0F, (byte) 0xA4, (byte) 0xD0, 0x05}, {0x0F, (byte) 0xAD,
                (byte) 0xCE}}, // sub; add rbx; shl byte [rbx],1; ror dword [rbx+4],9; setc cl; sar qword [rbx],64; shld eax,edx,5; shrd esi,ecx,cl
            // consumers not adjacent to their producer read the record in locals: cmp/test/add/neg, then
            // moves (and a possibly faulting load), then SETcc / CMOVcc / Jcc
            {{0x39, (byte) 0xD0}, {(byte) 0x89, (byte) 0xC1}, {0x0F, (byte) 0x9C, (byte) 0xC1}, {0x0F, (byte) 0x92,
                (byte) 0xC2}, {0x0F, 0x46, (byte) 0xF0}, addRbx, {(byte) 0x8B, 0x3B}, {0x7F, 2}, {0x31, (byte) 0xC0},
                {0x48, (byte) 0x85, (byte) 0xF6}, {(byte) 0x89, (byte) 0xD1}, {0x0F, (byte) 0x9E, (byte) 0xC0},
                {0x48, 0x01, (byte) 0xD6}, {(byte) 0x89, (byte) 0xC1}, {0x0F, (byte) 0x98, (byte) 0xC1},
                {(byte) 0xF7, (byte) 0xDA}, {(byte) 0x89, (byte) 0xC1}, {0x0F, (byte) 0x95, (byte) 0xC1}},
            {{0x66, 0x0F, 0x72, (byte) 0xD1, 0x05}, {0x66, 0x0F, 0x73, (byte) 0xF2, 0x3F}, {0x66, 0x0F, 0x71, (byte) 0xE3,
                0x20}, {0x66, 0x41, 0x0F, 0x72, (byte) 0xE1, 0x1F}, {0x66, 0x0F, 0x73, (byte) 0xD4, 0x40}, addRbx,
                {0x66, 0x0F, 0x6F, 0x0B}}, // psrld xmm1,5; psllq xmm2,63; psraw xmm3,32; psrad xmm9,31; psrlq xmm4,64; ...; movdqa xmm1,[rbx]
            // scalar SSE FP: COMISD/UCOMISD/COMISS/UCOMISS (flags read by JA, SETP, ADC, a fault, the exit) and
            // ADD/SUB/MUL/DIV/MIN/MAX SD/SS from registers and memory (MXCSR flags, #XM when unmasked, #PF)
            {{0x66, 0x0F, 0x2F, (byte) 0xCA}, {0x77, 2}, {(byte) 0xF7, (byte) 0xD2}, {(byte) 0xF2, 0x0F, 0x58, (byte) 0xCA},
                {0x0F, (byte) 0x9A, (byte) 0xC1}, {(byte) 0xF2, 0x0F, 0x5C, (byte) 0xE1}, {0x66, 0x0F, 0x2E, 0x1B},
                {0x11, (byte) 0xCE}, {(byte) 0xF2, 0x0F, 0x5E, (byte) 0xCB}, addRbx, {(byte) 0xF2, 0x0F, 0x59, 0x5B, 0x08},
                {0x0F, 0x2F, (byte) 0xEE}, {0x0F, (byte) 0x92, (byte) 0xC2}},
            // comisd xmm1,xmm2; ja +2; not edx; addsd xmm1,xmm2; setp cl; subsd xmm4,xmm1; ucomisd xmm3,[rbx];
            // adc esi,ecx; divsd xmm1,xmm3; add rbx,0x1000; mulsd xmm3,[rbx+8]; comiss xmm5,xmm6; setb dl
            {{0x39, (byte) 0xC8}, {(byte) 0xF3, 0x0F, 0x5E, 0x2B}, {0x0F, 0x2E, 0x6B, 0x04}, {(byte) 0xF2, 0x0F, 0x5D,
                (byte) 0xD4}, {0x0F, (byte) 0x97, (byte) 0xC1}, {(byte) 0xF3, 0x0F, 0x5F, (byte) 0xF1}, {(byte) 0xF3, 0x0F,
                0x58, (byte) 0xCE}, {(byte) 0xF3, 0x0F, 0x59, 0x33}, addRbx, {0x66, 0x0F, 0x2E, (byte) 0xD3},
                {0x73, 2}, {(byte) 0xFF, (byte) 0xC0}},
            {{0x66, 0x41, 0x0F, 0x2E, (byte) 0xF8}, {0x0F, (byte) 0x9A, (byte) 0xC1}, {0x45, 0x0F, 0x2E, (byte) 0xCA},
                {0x0F, (byte) 0x94, (byte) 0xC2}, {0x66, 0x45, 0x0F, 0x2F, (byte) 0xD3}, addRbx, {(byte) 0x8B, 0x03}},
            {{(byte) 0xD9, 0x6B, 0x10}, {(byte) 0xD9, 0x3B}, {(byte) 0x8B, 0x03}, addRbx, {(byte) 0xD9, (byte) 0xBB,
                (byte) 0xFF, 0x0F, 0, 0}}, // fldcw [rbx+16]; fnstcw [rbx]; mov eax,[rbx]; add rbx; fnstcw [rbx+0xfff] (#PF)
            {{0x48, (byte) 0x83, (byte) 0xE3, (byte) 0xF0}, {0x66, 0x0F, 0x70, (byte) 0xCA, 0x1B}, {0x66, 0x0F, 0x60,
                (byte) 0xDC}, {0x66, 0x0F, 0x61, 0x2B}, {0x66, 0x0F, 0x62, (byte) 0xF7}, {0x66, 0x44, 0x0F, 0x6C, (byte) 0xC1},
                {0x66, 0x0F, 0x3A, 0x0F, 0x53, 0x10, 0x05}, {(byte) 0xF2, 0x44, 0x0F, 0x2A, (byte) 0xC8}, {(byte) 0xF2, 0x4C,
                0x0F, 0x2A, 0x13}, {(byte) 0xF2, 0x4C, 0x0F, 0x2A, (byte) 0xDA}, addRbx, {0x66, 0x0F, 0x70, 0x23,
                (byte) 0xE4}},
            // and rbx,-16; pshufd xmm1,xmm2,0x1b; punpcklbw xmm3,xmm4; punpcklwd xmm5,[rbx]; punpckldq xmm6,xmm7;
            // punpcklqdq xmm8,xmm1; palignr xmm2,[rbx+16],5; cvtsi2sd xmm9,eax; cvtsi2sd xmm10,qword [rbx];
            // cvtsi2sd xmm11,rdx; add rbx,0x1000; pshufd xmm4,[rbx],0xe4 (#PF past the data)
            {{0x66, 0x0F, 0x70, (byte) 0xCA, 0x1B}, {(byte) 0xF2, 0x0F, 0x2A, 0x03}, {0x66, 0x0F, 0x61, 0x6B, 0x01}},
            // pshufd xmm1,xmm2,0x1b; cvtsi2sd xmm0,dword [rbx]; punpcklwd xmm5,[rbx+1] (#GP: not 16-byte aligned)
            {{0x48, (byte) 0x83, (byte) 0xE3, (byte) 0xF0}, {0x0F, 0x2B, 0x13}, {0x66, 0x0F, (byte) 0xE7, 0x4B, 0x10},
                {0x66, 0x0F, 0x2B, 0x63, 0x20}, {(byte) 0x8B, 0x03}, addRbx, {0x0F, 0x2B, 0x53, 0x08}},
            // and rbx,-16; movntps [rbx],xmm2; movntdq [rbx+16],xmm1; movntpd [rbx+32],xmm4; mov eax,[rbx];
            // add rbx,0x1000; movntps [rbx+8],xmm2 (#GP: misaligned)
            {{(byte) 0x87, 0x03}, {0x48, (byte) 0x87, 0x53, 0x08}, {(byte) 0x86, 0x63, 0x03}, {0x66, (byte) 0x87, 0x4B, 0x05},
                addRbx, {0x48, (byte) 0x87, (byte) 0xB3, (byte) 0xFC, 0x0F, 0, 0}},
            // xchg [rbx],eax; xchg [rbx+8],rdx; xchg [rbx+3],ah; xchg [rbx+5],cx; add rbx; xchg [rbx+0xffc],rsi (#PF)
            // ucomisd xmm7,xmm8; setp cl; ucomiss xmm9,xmm10; sete dl; comisd xmm10,xmm11; add rbx; mov eax,[rbx]
            // cmp eax,ecx; divss xmm5,[rbx]; ucomiss xmm5,[rbx+4]; minsd xmm2,xmm4; seta cl; maxss xmm6,xmm1;
            // addss xmm1,xmm6; mulss xmm6,[rbx]; add rbx,0x1000; ucomisd xmm2,xmm3; jae +2; inc eax
            // cmp eax,edx; mov ecx,eax; setl cl; setb dl; cmovbe esi,eax; add rbx; mov edi,[rbx]; jg +2; xor eax,eax;
            // test rsi,rsi; mov ecx,edx; setle al; add rsi,rdx; mov ecx,eax; sets cl; neg edx; mov ecx,eax; setne cl
        };
        for (byte[][] insns : programs) {
            for (int seed = 1; seed <= 24; seed++) {
                check(BlockSequences.fixed(insns, 1 + seed % 9), 1 + seed % 9, seed);
            }
        }
    }

    /**
     * REP MOVS / STOS runs (which move whole pages through the host arrays) against the
     * reference interpreter's element-by-element loop: across pages, elements straddling a
     * page, DF = 1, overlapping source and destination, and page faults part-way (RDI walks
     * off the mapped data pages as RBX grows), where RCX/RSI/RDI must show the completed
     * elements.
     */
    @Test
    void repeatedStringOpsMatchTheElementLoop() {
        byte[] addRbx = {0x48, (byte) 0x81, (byte) 0xC3, 0, 0x10, 0, 0}; // add rbx, 0x1000
        byte[] subRbx = {0x48, (byte) 0x81, (byte) 0xEB, 0, 0x10, 0, 0}; // sub rbx, 0x1000
        byte[] rdiRbx = {0x48, (byte) 0x89, (byte) 0xDF}, rsiRbp = {0x48, (byte) 0x89, (byte) 0xEE};
        byte[] rsiRbx = {0x48, (byte) 0x89, (byte) 0xDE};
        byte[] std = {(byte) 0xFD}, cld = {(byte) 0xFC};
        byte[][][] programs = {
            {rdiRbx, rsiRbp, {(byte) 0xB9, 0, 0x18, 0, 0}, {(byte) 0xF3, (byte) 0xA4}, addRbx}, // rep movsb 0x1800
            {rdiRbx, rsiRbp, {(byte) 0xB9, 0x01, 0x03, 0, 0}, {(byte) 0xF3, 0x48, (byte) 0xA5}, addRbx}, // rep movsq
            {rdiRbx, {(byte) 0xB9, 0x33, 0x13, 0, 0}, {(byte) 0xF3, (byte) 0xAA}, addRbx}, // rep stosb 0x1333
            {std, rdiRbx, {(byte) 0xB9, 0x10, 0x03, 0, 0}, {(byte) 0xF3, 0x48, (byte) 0xAB}, cld, subRbx}, // DF=1 stosq
            {std, rdiRbx, rsiRbp, {(byte) 0xB9, 0x00, 0x07, 0, 0}, {(byte) 0xF3, (byte) 0xA5}, cld, addRbx}, // DF=1 movsd
            {rdiRbx, {0x48, (byte) 0x8D, 0x77, 0x03}, {(byte) 0xB9, 0x00, 0x03, 0, 0}, {(byte) 0xF3, 0x48, (byte) 0xA5},
                addRbx}, // lea rsi,[rdi+3]; rep movsq (source above destination, overlapping)
            {rsiRbx, {0x48, (byte) 0x8D, 0x7E, 0x01}, {(byte) 0xB9, 0x00, 0x09, 0, 0}, {0x66, (byte) 0xF3, (byte) 0xA5},
                addRbx}, // lea rdi,[rsi+1]; rep movsw (destination one byte above: element order matters)
            {std, rsiRbx, {0x48, (byte) 0x8D, 0x7E, (byte) 0xFD}, {(byte) 0xB9, 0x00, 0x05, 0, 0}, {(byte) 0xF3,
                (byte) 0xAB}, {(byte) 0xF3, (byte) 0xA5}, cld, addRbx}, // DF=1: lea rdi,[rsi-3]; rep stosd; rep movsd
            {rdiRbx, {0x48, (byte) 0x81, (byte) 0xC7, (byte) 0xF0, 0x2F, 0, 0}, {(byte) 0xB9, 0x00, 0x02, 0, 0},
                {(byte) 0xF3, 0x66, (byte) 0xAB}, {0x48, (byte) 0x8D, 0x37}, {(byte) 0xF3, 0x48, (byte) 0xA5}, addRbx},
            // add rdi,0x2ff0; rep stosw (crosses into unmapped pages: #PF part-way); lea rsi,[rdi]; rep movsq
            {rdiRbx, rsiRbp, {(byte) 0xB9, 0x21, 0, 0, 0}, {(byte) 0xF2, (byte) 0xAA}, {(byte) 0xAA}, {0x66, (byte) 0xA5},
                {0x2E, (byte) 0xF3, (byte) 0xA4}, {0x48, 0x01, (byte) 0xC8}, addRbx},
            // mov ecx,0x21; repne stosb (F2 = REP); stosb; movsw; rep movsb cs:; add rax,rcx (RCX after the REPs)
        };
        for (byte[][] insns : programs) {
            for (int seed = 1; seed <= 24; seed++) {
                check(BlockSequences.fixed(insns, 1 + seed % 4), 1 + seed % 4, seed);
            }
        }
    }
}
