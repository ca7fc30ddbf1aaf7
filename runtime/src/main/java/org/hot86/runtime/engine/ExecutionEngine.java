package org.hot86.runtime.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.cpu.jit.BlockCompiler;
import org.hot86.cpu.jit.CompiledBlock;
import org.hot86.cpu.jit.JitContext;
import org.hot86.softmmu.MappingListener;
import org.hot86.softmmu.MemoryFault;
import org.hot86.softmmu.Mmu;
import org.hot86.translator.BlockTranslator;
import org.hot86.translator.CodeCache;

/**
 * Runs guest code on one {@link CpuState}, tiering between the reference interpreter and
 * compiled blocks (architecture.md decision 8).
 *
 * <p>Blocks are decoded once (the interpreter's decoder), cached by (physical PC, mode
 * bits), and interpreted with the interpreter's executors until they have run
 * {@link EngineOptions#threshold()} times; then the {@link BlockCompiler} compiles them
 * and the compiled code runs from then on. Every block can fall back to the interpreter:
 * a block the compiler refuses stays interpreted, and a block longer than the remaining
 * instruction budget is interpreted so that the budget is exact.
 *
 * <p>Use:
 * <pre>
 *   ExecutionEngine e = new ExecutionEngine(state, EngineOptions.defaults());  // state.mem: an Mmu
 *   StopReason r = e.run(maxInsns);   // SYSCALL, HALT, EXCEPTION, INSN_LIMIT, STOP_REQUESTED
 *   ... handle r (perform the syscall, deliver the exception ...), then run again
 *   e.stats().format()
 * </pre>
 * {@link #requestStop()} may be called from any thread (a timeout); the engine returns at
 * the next block boundary, so a guest looping forever inside one block is stopped too.
 *
 * <p><b>Self-modifying code.</b> When {@code state.mem} is an {@link Mmu}, the physical
 * pages of decoded blocks are marked as code pages; a write to one invalidates the blocks
 * of that page (decoded and compiled) and makes the running block stop right after the
 * store. With another {@code GuestMemory} (tests), linear addresses are treated as
 * physical and code writes are not detected.
 *
 * <p><b>Finding the next block.</b> Compiled code first continues into its successors'
 * code itself while it can (direct chaining: {@link CompiledBlock#chainTarget}, slots filled
 * by this loop, emptied by {@code unchainAll} on every code death or mapping change, at most
 * {@link #CHAIN_INSNS} instructions per call). When it returns, three levels, cheapest first:
 * <ol>
 *   <li>links: each block remembers up to two successors (direct branches, fall-through,
 *       the first targets of an indirect branch); valid while the target is alive and
 *       starts at the new RIP, the mode is the block's, and the block's link epoch is the
 *       engine's (bumped whenever linear-to-physical mappings of code may have changed);</li>
 *   <li>the jump cache: a direct-mapped array of blocks indexed by a hash of the guest
 *       RIP (indirect jumps, calls through tables, returns), valid while the block is
 *       alive and matches RIP and mode; cleared when mappings of code change;</li>
 *   <li>the block map: translate RIP to a physical address through the MMU (a fault here
 *       is a guest fetch fault) and look (physical PC, mode) up in a hash map; decode on
 *       a miss.</li>
 * </ol>
 * Mapping changes come from the {@link Mmu}'s {@link MappingListener} (CR3 writes, TLB
 * flushes, INVLPG of a linear page that holds decoded code) and from
 * {@link #mappingChanged()}, which an owner editing page tables without telling the MMU
 * must call.
 *
 * <p>Not thread-safe except {@link #requestStop()}.
 */
public final class ExecutionEngine implements AutoCloseable {
    /** Jump-cache entries (a power of two). */
    static final int JUMP_CACHE_SIZE = 4096;

    private final CpuState s;
    private final EngineOptions opts;
    private final int threshold;
    private final BlockCompiler compiler;
    private final Interpreter decoderHost = new Interpreter();
    private final JitContext ctx = new JitContext();
    private final CodeCache<Block> codeCache;
    private final Map<Long, Block> blocks = new HashMap<>();
    private final Map<Long, List<Block>> byPage = new HashMap<>();
    /** Linear pages (page numbers) holding the first or last byte of some decoded block: a superset. */
    private final Set<Long> codeLinearPages = new HashSet<>();
    private final Block[] jumpCache = new Block[JUMP_CACHE_SIZE];
    private final Mmu mmu;
    private final org.hot86.softmmu.CodeWriteListener listener = this::codePageWritten;
    private final MappingListener mappingListener = new MappingListener() {
        @Override
        public void allMappingsChanged() {
            ExecutionEngine.this.mappingChanged();
        }

        @Override
        public void mappingChanged(long linearPage) {
            if (codeLinearPages.contains(linearPage >>> 12)) {
                ExecutionEngine.this.mappingChanged();
            }
        }
    };
    /** Compiled code with a filled chaining slot (see {@link CompiledBlock#chainTo}). */
    private final List<CompiledBlock> chainedCodes = new ArrayList<>();
    /** Link epoch: links made under another epoch are dead. */
    private int linkEpoch;

    private long interpretedRuns, compiledRuns, compiled, rejected, invalidated, chained, directTransfers,
            jumpCacheHits, compileNanos, retired, runNanos;

    /** One decoded block and, once hot, its compiled code. */
    private static final class Block {
        final DecodedBlock db;
        final long key;
        final long rip;
        final int modeKey;
        final int size;
        final long firstPage, lastPage;
        int executions;
        /** False once dropped (self-modifying code, invalidateAll): links and jump-cache entries to it are dead. */
        boolean alive = true;
        boolean uncompilable;
        /** The compiled code while it is in the code cache, else null. */
        CompiledBlock code;
        /** When {@link #code} is a region: its members (head first), and the link epoch its mapping was checked in. */
        Block[] members;
        int codeEpoch;
        /** Attempts to replace this block's single-block code with a region. */
        int regionTries;
        /** Successors, valid while {@link #epoch} is the engine's link epoch. */
        Block link0, link1;
        int epoch;

        Block(DecodedBlock db, long key, long rip, int modeKey, long firstPage, long lastPage) {
            this.db = db;
            this.key = key;
            this.rip = rip;
            this.modeKey = modeKey;
            this.size = db.size();
            this.firstPage = firstPage;
            this.lastPage = lastPage;
        }
    }

    /** An engine with the default translator (when {@code opts.jit()}). */
    public ExecutionEngine(CpuState s, EngineOptions opts) {
        this(s, opts, opts.jit() ? new BlockTranslator(opts.dump(), opts.verify(), s.mem instanceof Mmu) : null);
    }

    /** An engine with the given compiler (null: interpret only). */
    public ExecutionEngine(CpuState s, EngineOptions opts, BlockCompiler compiler) {
        this.s = s;
        this.opts = opts;
        this.threshold = opts.threshold();
        this.compiler = opts.jit() ? compiler : null;
        this.codeCache = new CodeCache<>(opts.codeCacheCapacity(), this::codeDied);
        this.mmu = s.mem instanceof Mmu m ? m : null;
        if (mmu != null) {
            mmu.physical().addCodeWriteListener(listener);
            mmu.addMappingListener(mappingListener);
        }
    }

    /** Asks {@link #run} to return {@link StopReason#STOP_REQUESTED} at the next block boundary. Thread-safe. */
    public void requestStop() {
        ctx.stopRequested = true;
    }

    /** Detaches the engine from guest memory (its code-write and mapping listeners). */
    @Override
    public void close() {
        if (mmu != null) {
            mmu.physical().removeCodeWriteListener(listener);
            mmu.removeMappingListener(mappingListener);
        }
    }

    /**
     * Drops all block links and the jump cache; call after changing the linear-to-physical
     * mapping of code without telling the MMU (its INVLPG, CR3 writes and flushes already
     * do this).
     */
    public void mappingChanged() {
        linkEpoch++;
        unchainAll();
        Arrays.fill(jumpCache, null);
    }

    /** Drops every decoded and compiled block. */
    public void invalidateAll() {
        for (Block b : blocks.values()) {
            b.alive = false;
        }
        invalidated += blocks.size();
        blocks.clear();
        byPage.clear();
        codeLinearPages.clear();
        codeCache.clear();
        mappingChanged();
    }

    /** The compiler in use (null with --no-jit). */
    public BlockCompiler compiler() {
        return compiler;
    }

    public EngineStats stats() {
        return new EngineStats(interpretedRuns, compiledRuns, compiled, rejected, invalidated, codeCache.evicted(),
                chained, directTransfers, jumpCacheHits, compileNanos, retired, runNanos);
    }

    /**
     * Runs until {@code maxInsns} more instructions have retired, or SYSCALL, HLT, a guest
     * exception or a stop request.
     */
    public StopReason run(long maxInsns) {
        long t0 = System.nanoTime();
        long r0 = s.instructionsRetired;
        long limit = maxInsns > Long.MAX_VALUE - r0 ? Long.MAX_VALUE : r0 + maxInsns;
        try {
            return loop(limit);
        } finally {
            runNanos += System.nanoTime() - t0;
            retired += s.instructionsRetired - r0;
        }
    }

    /*
     * The dispatch loop (entered once per chain of direct transfers). The common path (a
     * compiled block whose successor is linked) is: stop flag, budget, one mode compare,
     * link compares (RIP, alive, epoch), the call. Counters live in locals and are added to
     * the fields on the way out. Rare events are handled where they happen: mapping changes bump the link epoch (listener), eviction clears
     * the block's code (CodeCache callback), self-modifying code kills blocks.
     */
    private StopReason loop(long limit) {
        s.eventVector = -1;
        ctx.insnLimit = limit;
        final CpuState s = this.s;
        final JitContext ctx = this.ctx;
        long nChained = 0, nCompiledRuns = 0, nInterpreted = 0, nDirect = 0;
        final long chainLimit = limit - Interpreter.MAX_BLOCK; // a successor run directly fits in the budget
        Block prev = null;
        /* The compiled code whose chaining exit returned last (after direct transfers: the last block run). */
        CompiledBlock last = null;
        int lastMode = -1;
        try {
            while (true) {
                if (ctx.stopRequested) {
                    ctx.stopRequested = false;
                    return StopReason.STOP_REQUESTED;
                }
                long remaining = limit - s.instructionsRetired;
                if (remaining <= 0) {
                    return StopReason.INSN_LIMIT;
                }
                long rip = s.rip;
                int mk = modeKey(s);
                Block b = null;
                if (prev != null && prev.epoch == linkEpoch && prev.modeKey == mk) {
                    Block t = prev.link0;
                    if (t != null && t.rip == rip && t.alive) {
                        b = t;
                    } else if ((t = prev.link1) != null && t.rip == rip && t.alive) {
                        b = t;
                    }
                }
                if (b != null) {
                    nChained++;
                } else {
                    try {
                        b = find(rip, mk);
                    } catch (CpuFault f) {
                        DecodedBlock.event(s, f, s.rip);
                        return StopReason.EXCEPTION;
                    }
                    if (prev != null && prev.alive && prev.modeKey == mk) {
                        link(prev, b);
                    }
                }
                ctx.codeDirty = false;
                CompiledBlock c = b.code;
                if (c != null && b.members != null && b.codeEpoch != linkEpoch && !stillMapped(b)) {
                    codeDied(b); // a region whose members no longer map to the code it was compiled from
                    c = null;
                }
                if (c == null && compiler != null && !b.uncompilable && ++b.executions > threshold
                        && (opts.jitLimit() < 0 || compiled < opts.jitLimit())) {
                    c = compile(b);
                } else if (REGION_AFTER > 0 && c != null && b.members == null && b.regionTries < 3
                        && ++b.executions > threshold + REGION_AFTER) {
                    c = promote(b, c);
                }
                int code;
                if (c != null && b.size <= remaining) {
                    if (last != null && lastMode == mk && last.chainTo(rip, c)) {
                        chainedCodes.add(last);
                    }
                    ctx.chainLast = null;
                    ctx.chainCount = 0;
                    ctx.chainEnd = CHAIN_INSNS == 0 ? Long.MIN_VALUE
                            : Math.min(chainLimit, s.instructionsRetired + CHAIN_INSNS);
                    code = c.run(s, ctx);
                    int direct = ctx.chainCount;
                    nCompiledRuns += 1 + direct;
                    last = ctx.chainLast;
                    lastMode = b.modeKey;
                    if (direct != 0) {
                        nDirect += direct;
                        nChained += direct;
                        b = null; // the engine does not know the block that ran last (ctx.chainLast has its code)
                    }
                } else {
                    nInterpreted++;
                    code = interpret(b.db, limit);
                    last = null;
                }
                if (code != CompiledBlock.CONTINUE) {
                    return switch (code) {
                        case CompiledBlock.SYSCALL -> StopReason.SYSCALL;
                        case CompiledBlock.HALT -> StopReason.HALT;
                        default -> StopReason.EXCEPTION;
                    };
                }
                prev = b;
            }
        } finally {
            directTransfers += nDirect;
            chained += nChained;
            compiledRuns += nCompiledRuns;
            interpretedRuns += nInterpreted;
        }
    }

    private static int jumpCacheIndex(long rip) {
        return (int) (rip ^ (rip >>> 12)) & (JUMP_CACHE_SIZE - 1);
    }

    /** The block at {@code rip} in mode {@code mk}: from the jump cache, else translated, looked up or decoded. */
    private Block find(long rip, int mk) {
        int j = jumpCacheIndex(rip);
        Block b = jumpCache[j];
        if (b != null && b.rip == rip && b.modeKey == mk && b.alive) {
            jumpCacheHits++;
            return b;
        }
        b = lookup(rip, mk);
        jumpCache[j] = b;
        return b;
    }

    private void link(Block from, Block to) {
        if (from.epoch != linkEpoch) {
            from.epoch = linkEpoch;
            from.link0 = to;
            from.link1 = null;
        } else if (from.link0 == null || !from.link0.alive) {
            from.link0 = to;
        } else {
            from.link1 = to;
        }
    }

    /**
     * CodeCache callback (eviction, a written code page) and stale regions: the compiled code
     * of {@code b} is gone, for {@code b} and for the region members that run it; they run
     * interpreted and are counted again.
     */
    private void codeDied(Block b) {
        CompiledBlock dead = b.code;
        unchainAll(); // no code jumps to it directly any more

        Block[] members = b.members;
        if (members != null) {
            for (Block m : members) {
                if (m.code == dead) {
                    m.code = null;
                    m.members = null;
                    m.executions = 0;
                }
            }
        }
        b.code = null;
        b.members = null;
        b.executions = 0;
    }

    /**
     * Empties the chaining slots of all compiled code: after any code death or mapping change
     * no compiled code transfers directly any more until the engine has run the successor
     * again (and checked it). Rare events; proportional to the code that chained since the last one.
     */
    private void unchainAll() {
        for (CompiledBlock c : chainedCodes) {
            c.unchain();
        }
        chainedCodes.clear();
        ctx.chainLast = null;
    }

    /** Interprets {@code db} from its start, instruction by instruction, exactly as the interpreter does. */
    private int interpret(DecodedBlock db, long limit) {
        int n = db.size();
        for (int k = 0; k < n; k++) {
            if (s.instructionsRetired >= limit) {
                return CompiledBlock.CONTINUE;
            }
            int code;
            try {
                code = db.step(k, s);
            } catch (CpuFault f) {
                return DecodedBlock.event(s, f, db.addr(k));
            }
            s.instructionsRetired++;
            if (code != CompiledBlock.CONTINUE) {
                return code;
            }
            if (ctx.codeDirty || s.rip != db.next(k)) {
                break;
            }
        }
        return CompiledBlock.CONTINUE;
    }

    /**
     * A compiled block that the engine keeps dispatching: compile its region (when its
     * successors are hot too) and use that instead of the single-block code.
     */
    private CompiledBlock promote(Block b, CompiledBlock single) {
        b.regionTries++;
        b.executions = opts.threshold() + 1;
        CompiledBlock r = compileRegion(b);
        return r != null ? r : single;
    }

    /** Compiles the region headed by {@code b} and installs it; null when there is none (fewer than two members). */
    private CompiledBlock compileRegion(Block b) {
        long t0 = System.nanoTime();
        CompiledBlock c = null;
        List<Block> region = region(b);
        if (region.size() > 1) {
            List<DecodedBlock> dbs = new ArrayList<>(region.size());
            for (Block m : region) {
                dbs.add(m.db);
            }
            try {
                c = compiler.compileRegion(dbs);
            } catch (RuntimeException | LinkageError e) {
                c = null; // the head alone, below
            }
        }
        if (c != null && c.memberCount() > 1) {
            compileNanos += System.nanoTime() - t0;
            compiled++;
            Block[] members = region.subList(0, c.memberCount()).toArray(new Block[0]);
            long[] pages = new long[2 * members.length];
            for (int m = 0; m < members.length; m++) {
                pages[2 * m] = members[m].firstPage;
                pages[2 * m + 1] = members[m].lastPage;
            }
            b.code = c;
            b.members = members;
            b.codeEpoch = linkEpoch;
            codeCache.put(b.key & ((1L << 52) - 1), b.modeKey, pages, b);
            if (b.code == null) {
                return null; // the cache was so small that it evicted the region at once
            }
            for (int m = 1; m < members.length && org.hot86.translator.emit.BlockEmitter.REGION_ENTRIES; m++) {
                Block x = members[m];
                if (x.members == null) { // every member is an entry: it runs the region too (unless it heads its own)
                    x.code = c;
                    x.members = members;
                    x.codeEpoch = linkEpoch;
                }
            }
            return c;
        }
        compileNanos += System.nanoTime() - t0;
        return null;
    }

    private CompiledBlock compile(Block b) {
        CompiledBlock c = REGION_AFTER == 0 ? compileRegion(b) : null;
        if (c != null) {
            return c;
        }
        long t0 = System.nanoTime();
        try {
            c = compiler.compile(b.db);
        } catch (RuntimeException | LinkageError e) {
            c = null; // a translator bug must not stop the guest: keep interpreting
        }
        compileNanos += System.nanoTime() - t0;
        if (c == null) {
            b.uncompilable = true;
            rejected++;
            return null;
        }
        compiled++;
        b.code = c;
        b.members = null;
        b.codeEpoch = linkEpoch;
        codeCache.put(b.key & ((1L << 52) - 1), b.modeKey, b.firstPage, b.lastPage, b);
        return b.code; // null if the cache was so small that it evicted b itself
    }

    /** {@code -Dhot86.jit.regions=false} compiles every block alone (to measure what regions bring). */
    private static final boolean REGIONS = !"false".equals(System.getProperty("hot86.jit.regions"));

    /**
     * Region promotion: a block compiled alone is recompiled with its region after the engine
     * has dispatched it this many more times ({@code -Dhot86.jit.regionAfter}; 0: regions
     * from the first compilation).
     */
    private static final int REGION_AFTER = Integer.getInteger("hot86.jit.regionAfter", 0);

    /**
     * Compiled code continues directly into its successors' code while fewer than this many
     * instructions have retired since the engine called it ({@code -Dhot86.jit.chainInsns};
     * 0: every transfer goes through the loop). This bounds the nesting depth (each block
     * retires at least one instruction) and the time before a stop request is seen. Region
     * promotion counts dispatches in the loop, so it turns chaining off.
     */
    static final int CHAIN_INSNS = REGION_AFTER > 0 ? 0 : Integer.getInteger("hot86.jit.chainInsns", 96);

    /** A successor joins a region when it has run this percentage of the threshold ({@code -Dhot86.jit.regionMinRuns}). */
    private static final int REGION_MIN_RUNS_PERCENT = Integer.getInteger("hot86.jit.regionMinRuns", 25);

    /** Most blocks in one region. */
    private static final int REGION_MAX_BLOCKS = 32;

    /**
     * The region to compile with hot block {@code head}: the head, then (breadth first) the
     * blocks its members branch or fall through to directly, as far as they are decoded,
     * alive, linked in the current epoch (so their RIP maps to the same physical code as
     * when they ran) and have run at least a quarter of the threshold.
     */
    private List<Block> region(Block head) {
        List<Block> r = new ArrayList<>(4);
        r.add(head);
        if (!REGIONS) {
            return r;
        }
        long minRuns = Math.max(1, opts.threshold() * REGION_MIN_RUNS_PERCENT / 100);
        List<int[]> edges = new ArrayList<>();
        for (int q = 0; q < r.size(); q++) {
            Block x = r.get(q);
            long[] targets = directSuccessors(x.db);
            if (targets == null) { // RET, JMP/CALL r/m: the targets it was seen to go to (the region compares)
                targets = new long[] {x.link0 != null ? x.link0.rip : -1, x.link1 != null ? x.link1.rip : -1};
            }
            for (long target : targets) {
                Block t = x.link0 != null && x.link0.rip == target && x.epoch == linkEpoch ? x.link0
                        : x.link1 != null && x.link1.rip == target && x.epoch == linkEpoch ? x.link1 : null;
                if (t != null && t.alive && t.modeKey == head.modeKey && !t.uncompilable
                        && Math.abs(t.rip - head.rip) < 1L << 30
                        && (t.executions >= minRuns || t.code != null)) {
                    int i = r.indexOf(t);
                    if (i < 0 && r.size() < REGION_MAX_BLOCKS) {
                        i = r.size();
                        r.add(t);
                    }
                    if (i >= 0) {
                        edges.add(new int[] {q, i});
                    }
                }
            }
        }
        if (!REGION_LOOPS_ONLY) {
            return r;
        }
        // keep the blocks on cycles through the head (those that can reach it again): loops
        boolean[] back = new boolean[r.size()];
        back[0] = true;
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int[] e : edges) {
                if (back[e[1]] && !back[e[0]]) {
                    back[e[0]] = true;
                    changed = true;
                }
            }
        }
        boolean cycle = false;
        for (int[] e : edges) {
            cycle |= e[1] == 0;
        }
        List<Block> loop = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            if (back[i] && cycle) {
                loop.add(r.get(i));
            }
        }
        return loop.isEmpty() ? List.of(head) : loop;
    }

    /**
     * Regions only of blocks on cycles through the head ({@code -Dhot86.jit.regionLoopsOnly=false}:
     * every hot successor): straight-line regions cost HotSpot compile time and save little.
     */
    private static final boolean REGION_LOOPS_ONLY = !"false".equals(System.getProperty("hot86.jit.regionLoopsOnly"));

    /**
     * The RIPs a block continues at without an indirect branch (Jcc: both, JMP/CALL rel: the
     * target, no branch: fall-through); null for an indirect branch (RET, JMP/CALL r/m).
     */
    private static long[] directSuccessors(DecodedBlock db) {
        int n = db.size();
        org.hot86.decoder.Instruction i = db.insn(n - 1);
        if (!i.isValid()) {
            return new long[0];
        }
        long next = db.next(n - 1);
        return switch (i.form()) {
            case JCC_Jb, JCC_Jz -> new long[] {i.branchTarget(db.addr(n - 1)), next};
            case JMP_Jb, JMP_Jz, CALL_Jz -> new long[] {i.branchTarget(db.addr(n - 1))};
            case RET, JMP_Ev, CALL_Ev -> null;
            default -> i.endsBlock() ? new long[0] : new long[] {next};
        };
    }

    /**
     * After a CR3 or mapping change: whether the members of {@code b}'s region still map to
     * the physical code they were compiled from (a single block: always; its own mapping is
     * checked by the lookup). Updates the block's epoch when they do.
     */
    private boolean stillMapped(Block b) {
        if (b.members != null && mmu != null) {
            for (Block m : b.members) {
                if (!m.alive || m.modeKey != b.modeKey) {
                    return false;
                }
                long p = mmu.probe(codeLinear(m.rip));
                if (p < 0 || p != (m.key & ((1L << 52) - 1))) {
                    return false;
                }
            }
        }
        b.codeEpoch = linkEpoch;
        return true;
    }


    /** Mode bits a block's code depends on: CPU mode and user/supervisor. */
    private static int modeKey(CpuState s) {
        return s.mode.ordinal() | (s.cpl == 3 ? 8 : 0);
    }

    private long codeLinear(long rip) {
        return s.mode == CpuMode.LONG_64 ? rip : (s.seg[CpuState.CS].base + rip) & 0xFFFFFFFFL;
    }

    private long physical(long linear) {
        if (mmu == null) {
            return linear;
        }
        try {
            return mmu.translate(linear, org.hot86.softmmu.Access.EXEC);
        } catch (MemoryFault f) {
            throw new CpuFault(f.vector(), f.errorCode(), f.address());
        }
    }

    private Block lookup(long rip, int mk) {
        long lin = codeLinear(rip);
        long phys = physical(lin);
        long key = phys | (long) mk << 52;
        Block b = blocks.get(key);
        if (b != null && b.rip == rip) {
            return b;
        }
        DecodedBlock db = DecodedBlock.decode(decoderHost, s, rip);
        int n = db.size();
        long endLin = codeLinear(db.addr(n - 1) + Math.max(1, db.insn(n - 1).length()) - 1);
        long first = phys >>> 12;
        long last = first;
        if (endLin >>> 12 != lin >>> 12) {
            long p = mmu == null ? endLin : mmu.probe(endLin);
            if (p >= 0) {
                last = p >>> 12;
            }
        }
        Block nb = new Block(db, key, rip, mk, Math.min(first, last), Math.max(first, last));
        if (b != null) {
            drop(b);
        }
        blocks.put(key, nb);
        codeLinearPages.add(lin >>> 12);
        codeLinearPages.add(endLin >>> 12);
        index(nb, first);
        if (last != first) {
            index(nb, last);
        }
        return nb;
    }

    private void index(Block b, long page) {
        List<Block> l = byPage.get(page);
        if (l == null) {
            l = new ArrayList<>(4);
            byPage.put(page, l);
            if (mmu != null) {
                mmu.markCodePage(page);
            }
        }
        l.add(b);
    }

    private void drop(Block b) {
        b.alive = false;
        unchainAll();
        blocks.remove(b.key, b);
        invalidated++;
    }

    /** CodeWriteListener: guest code on physical page {@code pfn} was written. */
    private void codePageWritten(long pfn) {
        List<Block> l = byPage.remove(pfn);
        if (l != null) {
            for (Block b : l) {
                if (b.alive) {
                    drop(b);
                }
            }
        }
        codeCache.invalidatePage(pfn);
        if (mmu != null) {
            mmu.unmarkCodePage(pfn);
        }
        unchainAll(); // chained code does not test codeDirty: the running block's exit returns to the engine
        ctx.codeDirty = true;
    }
}
