package org.hot86.translator.emit;

import static org.objectweb.asm.Opcodes.*;

import org.hot86.cpu.CpuMode;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits the JVM class of one guest basic block: a subclass of
 * {@link org.hot86.cpu.jit.CompiledBlock} whose {@code run(CpuState, JitContext)} executes
 * the block's first {@code count} instructions.
 *
 * <p>Shape of {@code run}:
 * <pre>
 *   prologue   retiredAtEntry = s.instructionsRetired; idx = 0; load used guest GPRs into locals
 *   body       per instruction: [idx = k]  native bytecode (forms in {@link FormEmitter})
 *                               or spill / DecodedBlock.step(k, s) / reload (fallback)
 *                               [after a store: if ctx.codeDirty, exit after it]
 *   exits      store written GPRs, s.rip, s.instructionsRetired; return code (CONTINUE: through
 *              the chain tail, which may run the successor's code directly)
 *   handler    catch CpuFault: store GPRs (they hold the values before instruction idx),
 *              CompiledBlock.fault(...) sets RIP, retired count and the event
 * </pre>
 * Native forms only change locals after their last possible fault, so at the handler the
 * locals are the state before the faulting instruction.
 *
 * <p>Generation runs twice: a dry pass into a throw-away method collects the GPRs the
 * native code reads and writes; the real pass loads and stores exactly those.
 */
public final class BlockEmitter {
    static final String STATE = "org/hot86/cpu/CpuState";
    static final String CTX = "org/hot86/cpu/jit/JitContext";
    static final String BLOCK = "org/hot86/cpu/interp/DecodedBlock";
    static final String COMPILED = "org/hot86/cpu/jit/CompiledBlock";
    static final String FAULT = "org/hot86/cpu/CpuFault";

    // Local variable slots of run().
    static final int THIS = 0, S = 1, CTX_SLOT = 2, IDX = 3, BASE = 4, REG0 = 6;
    static final int T_EA = REG0 + 32, T_A = T_EA + 2, T_B = T_A + 2, T_R = T_B + 2, T_F = T_R + 2, T_C = T_F + 1,
            TLB = T_C + 1, T_E = TLB + 1;
    /**
     * The flag record kept in locals (see {@link #flagState}): kind ({@code CompiledBlock.FLAGS_*}),
     * FlagOp, size, src, dst, res.
     */
    static final int F_KIND = T_E + 1, F_OP = F_KIND + 1, F_SIZE = F_OP + 1, F_SRC = F_SIZE + 1, F_DST = F_SRC + 2,
            F_RES = F_DST + 2;
    /** The MMU's TLB arrays cached in locals (they change only with the privilege level, i.e. in fallbacks). */
    static final int TAG_R = F_RES + 2, TAG_W = TAG_R + 1, HOST = TAG_W + 1;
    /** JitContext.insnLimit, read once at entry (the engine sets it before running a block). */
    static final int LIMIT = HOST + 1;
    /** The overlay of the flag record (CompiledBlock.FLAGS_OVERLAY: ROL/ROR/INC/DEC): operand size, result. */
    static final int F_RSIZE = LIMIT + 2, F_RRES = F_RSIZE + 1;
    /** A region's exit sequence: the RIP to leave at, instructions of the current member retired. */
    static final int X_RIP = F_RRES + 2, X_N = X_RIP + 2;
    /** {@link #flagState} value: the kind in F_KIND is only known at run time. */
    static final int FLAGS_DYNAMIC = -1;
    static final String MMU = "org/hot86/softmmu/Mmu";

    /** Methods above this many bytes of bytecode are cut short (HotSpot does not compile methods over 8000). */
    public static final int MAX_CODE_BYTES = 6000;

    final DecodedBlock block;
    /** Instructions compiled (a region: all members' instructions, numbered member after member). */
    final int count;
    /** The blocks compiled into this method: {@code {block}}, or a region's members (head first). */
    final DecodedBlock[] members;
    /** Region-global index of each member's first instruction. */
    final int[] startIdx;
    /** Member of each region-global instruction index. */
    final int[] memberOf;
    /** Several blocks in one method (the class takes the member array; branches to members are GOTOs). */
    final boolean region;
    /** The member being emitted. */
    int cur;
    /** Entry label of each member (member 0: {@link #loopHead}). */
    final Label[] memberHead;
    /** Status flags live at each member's start (all flags live at its end). */
    int[] liveIn;
    /** Per instruction: the codeDirty check follows it. */
    boolean[] exitAfter;
    /**
     * Members that an indirect transfer (RET, JMP/CALL r/m) is compared against before it
     * leaves the method: return sites of the region's CALLs, and members that no member
     * reaches directly (the engine added them as observed targets of an indirect branch).
     */
    int[] dynamicTargets = new int[0];
    MethodVisitor mv;
    /** GPR numbers read / written by native code (bit r). */
    int used, written;
    /** Whether the in-line TLB path reads / writes (found by the dry pass: which arrays to cache). */
    boolean tlbRead, tlbWrite;
    /** The status flags live after each instruction. */
    int[] liveAfter;
    boolean[] faultOrFallback;
    /** Whether some instruction may fault (else no exception handler is emitted). */
    boolean anyFault;
    final FormEmitter forms;
    /**
     * Index of the flag producer whose record is emitted in the exits instead of in line
     * (-1: none). Only the second-to-last instruction qualifies, when the last is a branch
     * that compares directly ({@link FormEmitter#deferrable}); a back edge to the block's own
     * start skips the record when the block's first instructions overwrite those flags
     * before anything can observe them, so a counted loop records its flags once, on exit.
     */
    int deferFlagsOf = -1;
    /** Emits the deferred flag record (set while emitting {@link #deferFlagsOf}). */
    Runnable deferredFlags;
    /** Status flags live at the block start when reached by its own back edge. */
    int liveInStart;
    int deferredWritten;

    /**
     * What the flag locals hold at the current emission point: {@code CompiledBlock.FLAGS_NONE}
     * (the state's flags are exact), a known kind (the locals hold the newest record, the
     * state's is stale), or {@link #FLAGS_DYNAMIC} (right after the loop head: F_KIND says).
     * The flag producers ALU/CMP/TEST/NEG and shifts by a non-zero immediate write the
     * locals instead of the state; they are flushed at every exit, before every call that
     * reads or writes the state's flags, and in the exception handler (precise flags).
     */
    int flagState;

    /** The head of the block body, target of back edges (branches to the block's own start). */
    final Label loopHead = new Label();

    /** Emit the TLB fast path in line (guest memory is an {@code Mmu}, 64-bit mode). */
    final boolean inlineTlb;

    private BlockEmitter(DecodedBlock block, int count, boolean inlineTlb) {
        this(new DecodedBlock[] {block}, count, inlineTlb, false);
    }

    private BlockEmitter(DecodedBlock[] members, int count, boolean inlineTlb, boolean region) {
        this.block = members[0];
        this.members = members;
        this.count = count;
        this.region = region;
        this.inlineTlb = inlineTlb && block.mode() == CpuMode.LONG_64;
        this.forms = new FormEmitter(this);
        this.startIdx = new int[members.length];
        this.memberOf = new int[count];
        this.memberHead = new Label[members.length];
        int n = 0;
        for (int m = 0; m < members.length; m++) {
            startIdx[m] = n;
            int size = region ? members[m].size() : count;
            for (int k = 0; k < size; k++) {
                memberOf[n + k] = m;
            }
            n += size;
            memberHead[m] = m == 0 ? loopHead : new Label();
        }
    }

    /** The address of region-global instruction {@code k}. */
    long addr(int k) {
        int m = memberOf[k];
        return members[m].addr(k - startIdx[m]);
    }

    /** Region-global instruction {@code k}. */
    Instruction insn(int k) {
        int m = memberOf[k];
        return members[m].insn(k - startIdx[m]);
    }

    /** The address after region-global instruction {@code k}. */
    long next(int k) {
        int m = memberOf[k];
        return members[m].next(k - startIdx[m]);
    }

    /** True when this method compiles several blocks. */
    boolean isRegion() {
        return region;
    }

    /** The result of {@link #emit}: class bytes, instructions compiled, bytecode size of run(). */
    public record Result(byte[] classBytes, int instructions, int codeBytes) {
    }

    /** The result of {@link #emitRegion}: class bytes, members compiled (a prefix of the list), bytecode size. */
    public record RegionResult(byte[] classBytes, int members, int instructions, int codeBytes) {
    }

    /**
     * Whether a region can be entered at every member ({@code -Dhot86.jit.regionEntries=head}:
     * only at the head, which keeps the method's loops reducible for HotSpot).
     */
    public static final boolean REGION_ENTRIES = !"head".equals(System.getProperty("hot86.jit.regionEntries"));

    /** Most blocks in one region method ({@code -Dhot86.jit.regionBlocks}). */
    public static final int MAX_REGION_MEMBERS = Integer.getInteger("hot86.jit.regionBlocks", 8);

    /**
     * Largest region method, in bytes of bytecode ({@code -Dhot86.jit.regionBytes}). Small on
     * purpose: C2's compile time grows quickly with method size and live values (a region
     * keeps 16 GPRs, the flag record and the TLB arrays live across all its blocks), and on
     * a busy machine big regions spend their time waiting for, and in, the JIT compiler.
     */
    public static final int MAX_REGION_BYTES = Math.min(MAX_CODE_BYTES, Integer.getInteger("hot86.jit.regionBytes",
            3000));

    /**
     * Generates the class of a region: {@code blocks[0]} is the entry, every other block a
     * direct successor of an earlier one (so every prefix is connected). The class's
     * constructor takes the member array ({@code CompiledBlock(DecodedBlock[])}). When the
     * method would exceed {@link #MAX_CODE_BYTES}, the region is cut to a prefix (halving);
     * returns null when not even two members fit (compile the head alone instead).
     */
    public static RegionResult emitRegion(DecodedBlock[] blocks, String internalName, boolean inlineTlb) {
        int n = Math.min(blocks.length, MAX_REGION_MEMBERS);
        while (n >= 2) {
            DecodedBlock[] ms = java.util.Arrays.copyOf(blocks, n);
            int total = 0;
            for (DecodedBlock b : ms) {
                total += b.size();
            }
            int count = total;
            Result r = twoPass(() -> new BlockEmitter(ms, count, inlineTlb, true), internalName);
            if (r.codeBytes <= MAX_REGION_BYTES) {
                return new RegionResult(r.classBytes(), n, total, r.codeBytes());
            }
            n = n / 2;
        }
        return null;
    }

    /**
     * Generates the class for {@code block} named {@code internalName}; compiles fewer
     * instructions than the block has when the method would exceed {@link #MAX_CODE_BYTES}.
     */
    public static Result emit(DecodedBlock block, String internalName) {
        return emit(block, internalName, false);
    }

    /**
     * As {@link #emit(DecodedBlock, String)}; with {@code inlineTlb} (only when the guest
     * memory is an {@code Mmu}) 64-bit code gets the TLB fast path in its own bytecode
     * ({@link org.hot86.softmmu.tlb.Tlb}), with {@code Memory.read/write} as the slow path.
     */
    public static Result emit(DecodedBlock block, String internalName, boolean inlineTlb) {
        int n = block.size();
        while (true) {
            int count = n;
            Result r = twoPass(() -> new BlockEmitter(block, count, inlineTlb), internalName);
            if (r.codeBytes <= MAX_CODE_BYTES || n == 1) {
                return r;
            }
            n = Math.max(1, n / 2);
        }
    }

    /**
     * Generates with two emitters from {@code make}: a dry run of the body into a throw-away
     * method finds the registers used and written, whether anything may fault and which TLB
     * arrays are read, so the real pass loads and keeps only those.
     */
    private static Result twoPass(java.util.function.Supplier<BlockEmitter> make, String internalName) {
        BlockEmitter dry = make.get();
        dry.mv = new MethodNode();
        dry.body(new Label());
        BlockEmitter e = make.get();
        e.used = dry.used | dry.written;
        e.written = dry.written;
        e.anyFault = dry.anyFault;
        e.tlbRead = dry.tlbRead;
        e.tlbWrite = dry.tlbWrite;
        return e.generate(internalName);
    }

    private Result generate(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, COMPILED, null);
        cw.visitSource("guest@" + Long.toHexString(block.start()), null);
        String initDesc = region ? "([L" + BLOCK + ";)V" : "(L" + BLOCK + ";)V";
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", initDesc, null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitMethodInsn(INVOKESPECIAL, COMPILED, "<init>", initDesc, false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + STATE + ";L" + CTX + ";)I", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "instructionsRetired", "J");
        mv.visitVarInsn(LSTORE, BASE);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, IDX);
        reload();
        mv.visitVarInsn(ALOAD, CTX_SLOT);
        mv.visitFieldInsn(GETFIELD, CTX, "insnLimit", "J");
        mv.visitVarInsn(LSTORE, LIMIT);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, F_KIND);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, F_OP);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, F_SIZE);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, F_RSIZE);
        for (int f : new int[] {F_SRC, F_DST, F_RES, F_RRES}) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, f);
        }
        if (region && REGION_ENTRIES) {
            entrySwitch();
        }
        Label tryStart = new Label(), tryEnd = new Label(), handler = new Label(), end = new Label();
        if (!anyFault) {
            mv.visitLabel(loopHead);
            body(tryEnd);
            emitChainTail();
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return new Result(cw.toByteArray(), count, end.getOffset());
        }
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, FAULT);
        mv.visitLabel(tryStart);
        mv.visitLabel(loopHead);
        body(tryEnd);
        mv.visitLabel(handler);
        mv.visitVarInsn(ASTORE, T_F);
        Label skip = new Label();
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitJumpInsn(IFLT, skip);
        writeback();
        mv.visitLabel(skip);
        flagState = FLAGS_DYNAMIC;
        emitFlush();
        if (region) {
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitVarInsn(ALOAD, S);
            mv.visitVarInsn(ILOAD, IDX);
            mv.visitVarInsn(LLOAD, BASE);
            mv.visitVarInsn(ALOAD, T_F);
            mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "regionFault", "(L" + STATE + ";IJL" + FAULT + ";)I", false);
            mv.visitInsn(IRETURN);
            emitChainTail();
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return new Result(cw.toByteArray(), count, end.getOffset());
        }
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, COMPILED, "block", "L" + BLOCK + ";");
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitVarInsn(LLOAD, BASE);
        mv.visitVarInsn(ALOAD, T_F);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "fault", "(L" + STATE + ";L" + BLOCK + ";IJL" + FAULT + ";)I", false);
        mv.visitInsn(IRETURN);
        emitChainTail();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        return new Result(bytes, count, end.getOffset());
    }

    /** The block body: instructions 0..count-1 and the fall-through exit; ends with label {@code tryEnd}. */
    void body(Label tryEnd) {
        Instruction[] insns = new Instruction[count];
        faultOrFallback = new boolean[count];
        boolean[] nat = new boolean[count];
        for (int k = 0; k < count; k++) {
            int m = memberOf[k];
            insns[k] = members[m].insn(k - startIdx[m]);
            nat[k] = forms.isNative(insns[k], block.mode())
                    && !FormEmitter.nonCanonicalTarget(insns[k], addr(k), block.mode());
            faultOrFallback[k] = !nat[k] || forms.mayFault(insns[k]);
            anyFault |= faultOrFallback[k];
        }
        exitAfter = new boolean[count];
        for (int k = 0; k < count; k++) {
            boolean lastOfMember = k == count - 1 || memberOf[k + 1] != memberOf[k];
            // in a region the fall-through at a member's end may continue inside the method
            exitAfter[k] = (!lastOfMember || region) && (!nat[k] || forms.mayStore(insns[k]));
        }
        liveAfter = new int[count];
        liveIn = new int[members.length];
        for (int m = 0; m < members.length; m++) {
            int from = startIdx[m];
            int n = (m + 1 < members.length ? startIdx[m + 1] : count) - from;
            Instruction[] mi = java.util.Arrays.copyOfRange(insns, from, from + n);
            boolean[] mf = java.util.Arrays.copyOfRange(faultOrFallback, from, from + n);
            boolean[] me = java.util.Arrays.copyOfRange(exitAfter, from, from + n);
            System.arraycopy(FlagLiveness.liveAfter(mi, n, mf, me), 0, liveAfter, from, n);
            liveIn[m] = FlagLiveness.liveIn(mi, n, mf, me);
        }
        liveInStart = liveIn[0];
        if (region) {
            dynamicTargets = dynamicTargets(insns);
        }
        // A single block's deferred producer (see deferFlagsOf) writes its record only at the exits, so a
        // self-loop whose only producer it is starts with exact state flags; a region keeps every producer.
        int deferredSingle = !region && count >= 2 && nat[count - 1] && nat[count - 2]
                && forms.deferrable(insns[count - 2], insns[count - 1]) ? count - 2 : -1;
        boolean anyInLocals = false;
        for (int k = 0; k < count; k++) {
            anyInLocals |= nat[k] && k != deferredSingle && FormEmitter.recordsInLocals(insns[k]);
        }
        boolean exited = false;
        for (int m = 0; m < members.length; m++) {
            cur = m;
            int from = startIdx[m];
            int to = m + 1 < members.length ? startIdx[m + 1] : count;
            deferFlagsOf = -1;
            deferredFlags = null;
            forms.resetFusion();
            if (to - from >= 2 && nat[to - 1] && nat[to - 2] && forms.deferrable(insns[to - 2], insns[to - 1])) {
                deferFlagsOf = to - 2;
                deferredWritten = insns[to - 2].flagsWritten() & org.hot86.decoder.Flags.STATUS;
            }
            if (region) {
                if (m > 0) {
                    mv.visitLabel(memberHead[m]);
                }
                flagState = anyInLocals ? FLAGS_DYNAMIC : org.hot86.cpu.jit.CompiledBlock.FLAGS_NONE;
            } else {
                Instruction lastI = insns[count - 1];
                boolean selfLoop = nat[count - 1]
                        && isForm(lastI, Form.JCC_Jb, Form.JCC_Jz, Form.JMP_Jb, Form.JMP_Jz)
                        && lastI.branchTarget(addr(count - 1)) == block.start();
                flagState = selfLoop && anyInLocals ? FLAGS_DYNAMIC : org.hot86.cpu.jit.CompiledBlock.FLAGS_NONE;
            }
            exited = false;
            for (int k = from; k < to; k++) {
                Instruction i = insns[k];
                boolean last = k == to - 1;
                if (faultOrFallback[k]) {
                    setIdx(nat[k] ? k : -k - 1);
                }
                if (nat[k]) {
                    exited = forms.emit(k, i, last);
                } else {
                    exited = fallback(k, last && i.endsBlock());
                }
                if (exitAfter[k] && !exited) {
                    Label ok = new Label();
                    mv.visitVarInsn(ALOAD, CTX_SLOT);
                    mv.visitFieldInsn(GETFIELD, CTX, "codeDirty", "Z");
                    mv.visitJumpInsn(IFEQ, ok);
                    exitConst(next(k), k + 1);
                    mv.visitLabel(ok);
                }
            }
            if (!exited) {
                if (region) {
                    branch(next(to - 1), to);
                } else {
                    exitConst(next(count - 1), count);
                }
            }
        }
        if (region) {
            emitExitStub();
        }
        mv.visitLabel(tryEnd);
    }

    /**
     * A region can be entered at any member's start: switch on {@code (int) (s.rip - head)}
     * (the engine keeps members within 2^31 bytes of the head) to the member's label; the
     * default is the head.
     */
    private void entrySwitch() {
        int n = members.length - 1;
        long[][] keyed = new long[n][];
        for (int m = 1; m <= n; m++) {
            keyed[m - 1] = new long[] {members[m].start() - block.start(), m};
        }
        java.util.Arrays.sort(keyed, (x, y) -> Long.compare(x[0], y[0]));
        int[] keys = new int[n];
        Label[] labels = new Label[n];
        for (int i = 0; i < n; i++) {
            if (keyed[i][0] != (int) keyed[i][0]) {
                throw new IllegalArgumentException("region member too far from its head");
            }
            keys[i] = (int) keyed[i][0];
            labels[i] = memberHead[(int) keyed[i][1]];
        }
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, "rip", "J");
        pushLong(block.start());
        mv.visitInsn(LSUB);
        mv.visitInsn(L2I);
        mv.visitLookupSwitchInsn(loopHead, keys, labels);
    }

    /** See {@link #dynamicTargets}; at most four, in member order. */
    private int[] dynamicTargets(Instruction[] insns) {
        java.util.Set<Long> direct = new java.util.HashSet<>();
        java.util.Set<Long> returnSites = new java.util.HashSet<>();
        for (int k = 0; k < count; k++) {
            Instruction i = insns[k];
            boolean lastOfMember = k == count - 1 || memberOf[k + 1] != memberOf[k];
            if (!i.isValid()) {
                continue;
            }
            switch (i.form()) {
                case JCC_Jb, JCC_Jz -> {
                    direct.add(i.branchTarget(addr(k)));
                    direct.add(next(k));
                }
                case JMP_Jb, JMP_Jz -> direct.add(i.branchTarget(addr(k)));
                case CALL_Jz -> {
                    direct.add(i.branchTarget(addr(k)));
                    returnSites.add(next(k));
                }
                case CALL_Ev -> returnSites.add(next(k));
                default -> {
                    if (lastOfMember && !i.endsBlock()) {
                        direct.add(next(k));
                    }
                }
            }
        }
        int[] r = new int[4];
        int n = 0;
        for (int m = 0; m < members.length && n < r.length; m++) {
            long start = members[m].start();
            if (returnSites.contains(start) || (m > 0 && !direct.contains(start))) {
                r[n++] = m;
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }

    /**
     * Instruction {@code k} through the interpreter's executor: spill, call, reload.
     *
     * @return true if this ends the block (the executor set RIP)
     */
    private boolean fallback(int k, boolean endsBlock) {
        flush();
        writeback();
        setRetired(k);
        if (FallbackStats.ENABLED) {
            Instruction i = insn(k);
            mv.visitLdcInsn(i.form().name() + (i.hasMemory() ? " m" : "") + (i.repPrefix() != 0 ? " rep" + Integer.toHexString(i.repPrefix()) : "") + "/" + i.operandSize());
            mv.visitMethodInsn(INVOKESTATIC, "org/hot86/translator/emit/FallbackStats", "count",
                    "(Ljava/lang/String;)V", false);
        }
        mv.visitVarInsn(ALOAD, THIS);
        if (region) {
            mv.visitFieldInsn(GETFIELD, COMPILED, "members", "[L" + BLOCK + ";");
            push(cur);
            mv.visitInsn(AALOAD);
            push(k - startIdx[cur]);
        } else {
            mv.visitFieldInsn(GETFIELD, COMPILED, "block", "L" + BLOCK + ";");
            push(k);
        }
        mv.visitVarInsn(ALOAD, S);
        mv.visitMethodInsn(INVOKEVIRTUAL, BLOCK, "step", "(IL" + STATE + ";)I", false);
        mv.visitVarInsn(ISTORE, T_C);
        reload();
        Label cont = new Label();
        mv.visitVarInsn(ILOAD, T_C);
        mv.visitJumpInsn(IFEQ, cont);
        setRetired(k + 1);
        mv.visitVarInsn(ILOAD, T_C);
        mv.visitInsn(IRETURN);
        mv.visitLabel(cont);
        if (endsBlock) {
            setRetired(k + 1);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
            return true;
        }
        return false;
    }

    // ---- state transfer ----------------------------------------------------------------

    static int slot(int r) {
        return REG0 + 2 * r;
    }

    void setIdx(int v) {
        push(v);
        mv.visitVarInsn(ISTORE, IDX);
    }

    /** Stores the written GPR locals into {@code s.gpr}. */
    void writeback() {
        for (int r = 0; r < 16; r++) {
            if ((written & 1 << r) != 0) {
                mv.visitVarInsn(ALOAD, S);
                mv.visitFieldInsn(GETFIELD, STATE, "gpr", "[J");
                push(r);
                mv.visitVarInsn(LLOAD, slot(r));
                mv.visitInsn(LASTORE);
            }
        }
    }

    /** Loads the used GPR locals from {@code s.gpr} (and the TLB array when the fast path is in line). */
    void reload() {
        if (inlineTlb) {
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "mem", "Lorg/hot86/softmmu/GuestMemory;");
            mv.visitTypeInsn(CHECKCAST, MMU);
            mv.visitVarInsn(ASTORE, TLB);
            if (tlbRead) {
                mv.visitVarInsn(ALOAD, TLB);
                mv.visitFieldInsn(GETFIELD, MMU, "readTag", "[J");
                mv.visitVarInsn(ASTORE, TAG_R);
            }
            if (tlbWrite) {
                mv.visitVarInsn(ALOAD, TLB);
                mv.visitFieldInsn(GETFIELD, MMU, "writeTag", "[J");
                mv.visitVarInsn(ASTORE, TAG_W);
            }
            if (tlbRead || tlbWrite) {
                mv.visitVarInsn(ALOAD, TLB);
                mv.visitFieldInsn(GETFIELD, MMU, "host", "[[B");
                mv.visitVarInsn(ASTORE, HOST);
            }
        }
        for (int r = 0; r < 16; r++) {
            if ((used & 1 << r) != 0) {
                mv.visitVarInsn(ALOAD, S);
                mv.visitFieldInsn(GETFIELD, STATE, "gpr", "[J");
                push(r);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, slot(r));
            }
        }
    }

    /** Stores BASE plus the instructions of the current member before region-global index {@code n}. */
    void setRetired(int n) {
        n -= startIdx[cur];
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, BASE);
        if (n != 0) {
            pushLong(n);
            mv.visitInsn(LADD);
        }
        mv.visitFieldInsn(PUTFIELD, STATE, "instructionsRetired", "J");
    }

    /** Leaves the block at constant {@code rip} after {@code retired} instructions. */
    void exitConst(long rip, int retired) {
        if (region) {
            pushLong(rip);
            mv.visitVarInsn(LSTORE, X_RIP);
            toExitStub(retired);
            return;
        }
        emitFlush();
        if (deferredFlags != null) {
            deferredFlags.run();
        }
        writeback();
        mv.visitVarInsn(ALOAD, S);
        pushLong(rip);
        mv.visitFieldInsn(PUTFIELD, STATE, "rip", "J");
        setRetired(retired);
        mv.visitJumpInsn(GOTO, chainTail);
    }

    /**
     * A region's exit (RIP already in X_RIP): the deferred flag record if any, the count of
     * the current member's instructions in X_N, then a GOTO to the one shared exit sequence
     * ({@link #exitStub}), which keeps region methods small.
     */
    private void toExitStub(int retired) {
        if (deferredFlags != null) {
            int saved = flagState;
            flush();
            deferredFlags.run();
            flagState = saved;
        }
        push(retired - startIdx[cur]);
        mv.visitVarInsn(ISTORE, X_N);
        mv.visitJumpInsn(GOTO, exitStub);
    }

    /**
     * The shared exit of a region: flag locals (by F_KIND at run time), written GPRs,
     * {@code s.rip = X_RIP}, {@code s.instructionsRetired = BASE + X_N}, CONTINUE.
     */
    private void emitExitStub() {
        mv.visitLabel(exitStub);
        int saved = flagState;
        flagState = FLAGS_DYNAMIC;
        emitFlush();
        flagState = saved;
        writeback();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, X_RIP);
        mv.visitFieldInsn(PUTFIELD, STATE, "rip", "J");
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, BASE);
        mv.visitVarInsn(ILOAD, X_N);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, STATE, "instructionsRetired", "J");
        mv.visitJumpInsn(GOTO, chainTail);
    }

    /** Target of every exit of a region method. */
    final Label exitStub = new Label();

    /** Target of every CONTINUE exit once the state is stored: see {@link #emitChainTail}. */
    final Label chainTail = new Label();

    /**
     * The one chaining exit of the method (outside the exception handler's range):
     * {@code return this.chainTarget(s, ctx).run(s, ctx)}, the successor's code or the one
     * that returns CONTINUE to the engine. That call site is this class's own, so its type
     * profile holds only this code's successors (HotSpot calls them directly behind a type
     * check, or through a well-predicted virtual call, instead of the engine loop's one
     * megamorphic call).
     */
    private void emitChainTail() {
        mv.visitLabel(chainTail);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, CTX_SLOT);
        mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "chainTarget",
                "(L" + STATE + ";L" + CTX + ";)L" + COMPILED + ";", false);
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, CTX_SLOT);
        mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "run", "(L" + STATE + ";L" + CTX + ";)I", false);
        mv.visitInsn(IRETURN);
    }

    /**
     * Leaves the block to {@code rip} after region-global instruction {@code retired - 1}; a
     * branch to the start of a block compiled in this method (the block's own start, or a
     * region member's) becomes a GOTO inside the method (so HotSpot sees the guest loop and
     * keeps the registers in locals), taken while the next block fits in
     * {@link org.hot86.cpu.jit.JitContext#insnLimit} and, for a backward edge (to a member
     * emitted no later than the current one), no stop is requested.
     */
    void branch(long rip, int retired) {
        int t = -1;
        for (int m = 0; m < members.length; m++) {
            if (members[m].start() == rip) {
                t = m;
                break;
            }
        }
        if (t < 0 || (!region && retired != count)) {
            exitConst(rip, retired);
            return;
        }
        int k = retired - 1;
        if (region && !exitAfter[k] && forms.mayStore(members[cur].insn(k - startIdx[cur]))) {
            Label ok = new Label(); // a CALL's push may have written code
            mv.visitVarInsn(ALOAD, CTX_SLOT);
            mv.visitFieldInsn(GETFIELD, CTX, "codeDirty", "Z");
            mv.visitJumpInsn(IFEQ, ok);
            exitConst(rip, retired);
            mv.visitLabel(ok);
        }
        int n = retired - startIdx[cur];
        int size = region ? members[t].size() : count;
        Label out = new Label();
        int savedState = flagState;
        if (deferredFlags != null && (liveIn[t] & deferredWritten) != 0) {
            flush();
            deferredFlags.run();
        }
        mv.visitVarInsn(LLOAD, BASE);
        pushLong(n);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, BASE);
        if (t <= cur) {
            mv.visitVarInsn(ALOAD, CTX_SLOT);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "stopPolled", "()Z", false);
            mv.visitJumpInsn(IFNE, out);
        }
        mv.visitVarInsn(LLOAD, BASE);
        pushLong(size);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LLOAD, LIMIT);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, out);
        mv.visitJumpInsn(GOTO, memberHead[t]);
        mv.visitLabel(out);
        exitConst(rip, startIdx[cur]);
        flagState = savedState;
    }

    // ---- flag record in locals ----------------------------------------------------------------

    /** Records that the flag locals now hold a record of {@code kind} (sets F_KIND). */
    void flagsInLocals(int kind) {
        push(kind);
        mv.visitVarInsn(ISTORE, F_KIND);
        flagState = kind;
    }

    /**
     * Makes the state's flags exact before code that reads or writes them through the state
     * (straight-line code: afterwards the locals hold nothing).
     */
    void flush() {
        if (flagState == org.hot86.cpu.jit.CompiledBlock.FLAGS_NONE) {
            return;
        }
        emitFlush();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, F_KIND);
        flagState = org.hot86.cpu.jit.CompiledBlock.FLAGS_NONE;
    }

    /** Emits the store of the flag locals into the state without changing {@link #flagState} (exit paths). */
    void emitFlush() {
        if (flagState == FLAGS_DYNAMIC) {
            Label none = new Label();
            mv.visitVarInsn(ILOAD, F_KIND);
            mv.visitJumpInsn(IFEQ, none);
            mv.visitVarInsn(ALOAD, S);
            mv.visitVarInsn(ILOAD, F_KIND);
            mv.visitVarInsn(ALOAD, F_OP);
            mv.visitVarInsn(ILOAD, F_SIZE);
            mv.visitVarInsn(LLOAD, F_SRC);
            mv.visitVarInsn(LLOAD, F_DST);
            mv.visitVarInsn(LLOAD, F_RES);
            mv.visitVarInsn(ILOAD, F_RSIZE);
            mv.visitVarInsn(LLOAD, F_RRES);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "flushFlags",
                    "(L" + STATE + ";ILorg/hot86/cpu/FlagOp;IJJJIJ)V", false);
            mv.visitLabel(none);
            return;
        }
        switch (flagState & org.hot86.cpu.jit.CompiledBlock.FLAGS_BASE) {
            case org.hot86.cpu.jit.CompiledBlock.FLAGS_NONE -> { }
            case org.hot86.cpu.jit.CompiledBlock.FLAGS_LAZY -> {
                mv.visitVarInsn(ALOAD, S);
                mv.visitVarInsn(ALOAD, F_OP);
                mv.visitVarInsn(ILOAD, F_SIZE);
                mv.visitVarInsn(LLOAD, F_SRC);
                mv.visitVarInsn(LLOAD, F_DST);
                mv.visitVarInsn(LLOAD, F_RES);
                mv.visitMethodInsn(INVOKEVIRTUAL, STATE, "setLazy", "(Lorg/hot86/cpu/FlagOp;IJJJ)V", false);
            }
            default -> {
                int base = flagState & org.hot86.cpu.jit.CompiledBlock.FLAGS_BASE;
                mv.visitVarInsn(ALOAD, S);
                mv.visitVarInsn(ILOAD, F_SIZE);
                mv.visitVarInsn(LLOAD, F_DST);
                mv.visitVarInsn(LLOAD, F_SRC);
                String name = base == org.hot86.cpu.jit.CompiledBlock.FLAGS_SHL ? "shl"
                        : base == org.hot86.cpu.jit.CompiledBlock.FLAGS_SHR ? "shr" : "sar";
                mv.visitMethodInsn(INVOKESTATIC, "org/hot86/cpu/semantics/ShiftRotate", name,
                        "(L" + STATE + ";IJJ)J", false);
                mv.visitInsn(POP2);
            }
        }
        int ovl = flagState & org.hot86.cpu.jit.CompiledBlock.FLAGS_OVERLAY;
        if (ovl != 0) {
            mv.visitVarInsn(ALOAD, S);
            mv.visitVarInsn(ILOAD, F_RSIZE);
            mv.visitVarInsn(LLOAD, F_RRES);
            push(ovl);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "flushOverlay", "(L" + STATE + ";IJI)V", false);
        }
    }

    /**
     * Puts overlay {@code ovl} ({@code CompiledBlock.FLAGS_ROL/ROR/INC/DEC/BT/BSF}) of the
     * result in long local {@code resSlot} at {@code size} bits on top of the current record
     * (F_RRES / F_RSIZE). An overlay replaces one of its own class (a rotate's CF/OF, an
     * INC/DEC's other five flags); on top of another class, or of a kind known only at run
     * time, the current record is flushed first (the state then holds it exactly).
     */
    void overlay(int ovl, int size, int resSlot) {
        int cur = flagState & org.hot86.cpu.jit.CompiledBlock.FLAGS_OVERLAY;
        if (flagState == FLAGS_DYNAMIC || (cur != 0 && overlayClass(cur) != overlayClass(ovl))) {
            flush();
        }
        mv.visitVarInsn(LLOAD, resSlot);
        mv.visitVarInsn(LSTORE, F_RRES);
        push(size);
        mv.visitVarInsn(ISTORE, F_RSIZE);
        flagsInLocals((flagState & org.hot86.cpu.jit.CompiledBlock.FLAGS_BASE) | ovl);
    }

    /** Overlays of one class set the same flags from their own result alone, so one replaces another. */
    private static int overlayClass(int ovl) {
        return switch (ovl) {
            case org.hot86.cpu.jit.CompiledBlock.FLAGS_ROL, org.hot86.cpu.jit.CompiledBlock.FLAGS_ROR -> 1;
            case org.hot86.cpu.jit.CompiledBlock.FLAGS_INC, org.hot86.cpu.jit.CompiledBlock.FLAGS_DEC -> 2;
            default -> ovl;
        };
    }

    /** Leaves the block at the RIP held in long local {@code slot}. */
    void exitDynamic(int slot, int retired) {
        if (region) {
            for (int t : dynamicTargets) {
                Label no = new Label();
                mv.visitVarInsn(LLOAD, slot);
                pushLong(members[t].start());
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFNE, no);
                branch(members[t].start(), retired);
                mv.visitLabel(no);
            }
        }
        if (region) {
            mv.visitVarInsn(LLOAD, slot);
            mv.visitVarInsn(LSTORE, X_RIP);
            toExitStub(retired);
            return;
        }
        emitFlush();
        if (deferredFlags != null) {
            deferredFlags.run();
        }
        writeback();
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, slot);
        mv.visitFieldInsn(PUTFIELD, STATE, "rip", "J");
        setRetired(retired);
        mv.visitJumpInsn(GOTO, chainTail);
    }

    // ---- constants -----------------------------------------------------------------------

    void push(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            push((int) v);
            mv.visitInsn(I2L);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    boolean is64() {
        return block.mode() == CpuMode.LONG_64;
    }

    /** True if {@code f} is one of the forms whose flag work the liveness pass can drop. */
    static boolean isForm(Instruction i, Form... fs) {
        for (Form f : fs) {
            if (i.form() == f) {
                return true;
            }
        }
        return false;
    }
}
