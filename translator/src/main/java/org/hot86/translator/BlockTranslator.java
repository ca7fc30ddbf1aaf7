package org.hot86.translator;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.jit.BlockCompiler;
import org.hot86.cpu.jit.CompiledBlock;
import org.hot86.translator.emit.BlockEmitter;

/**
 * The translator's {@link BlockCompiler}: one hidden class per block (ASM, see
 * {@link BlockEmitter}), defined by {@link HiddenClassDefiner} so that dropped blocks
 * unload.
 *
 * <p>Options: {@code dump} prints each class's bytecode ({@link ClassDump#text}) to the
 * given stream ({@code -Dhot86.dump=out_asm} in the engine); {@code verify} runs ASM's
 * verifier on each class before defining it and refuses classes that fail (tests turn it
 * on). A class the JVM rejects yields null, so the block stays interpreted.
 */
public final class BlockTranslator implements BlockCompiler {
    private final HiddenClassDefiner definer = new HiddenClassDefiner();
    private final PrintStream dump;
    private final boolean verify;
    private final boolean inlineTlb;
    private long compiled, rejected, bytecodeBytes, regions;
    private String lastVerifyError;

    public BlockTranslator() {
        this(null, false);
    }

    public BlockTranslator(PrintStream dump, boolean verify) {
        this(dump, verify, false);
    }

    /**
     * @param inlineTlb emit the TLB fast path in line; only when the guest memory
     *     ({@code CpuState.mem}) is an {@code org.hot86.softmmu.Mmu}
     */
    public BlockTranslator(PrintStream dump, boolean verify, boolean inlineTlb) {
        this.dump = dump;
        this.verify = verify;
        this.inlineTlb = inlineTlb;
    }

    /** The class bytes for {@code block} (for tests and golden files). */
    public static byte[] generate(DecodedBlock block, String internalName) {
        return BlockEmitter.emit(block, internalName).classBytes();
    }

    @Override
    public CompiledBlock compile(DecodedBlock block) {
        String name = definer.nextName("Block$" + Long.toHexString(block.start()));
        BlockEmitter.Result r;
        try {
            r = BlockEmitter.emit(block, name, inlineTlb);
        } catch (RuntimeException e) {
            rejected++;
            lastVerifyError = String.valueOf(e);
            return null;
        }
        if (dump != null) {
            dump.println("---- block 0x" + Long.toHexString(block.start()) + " (" + r.instructions() + " of "
                    + block.size() + " instructions, " + r.codeBytes() + " bytes of bytecode)");
            dump.print(ClassDump.text(r.classBytes()));
        }
        return define(r.classBytes(), r.codeBytes(), DecodedBlock.class, block);
    }

    /**
     * Compiles a region (see {@link BlockCompiler#compileRegion}) with
     * {@link BlockEmitter#emitRegion}: one hidden class whose run() holds every member; the
     * list is cut to a prefix when the method would be too large.
     */
    @Override
    public CompiledBlock compileRegion(java.util.List<DecodedBlock> blocks) {
        if (blocks.size() < 2) {
            return null;
        }
        DecodedBlock head = blocks.get(0);
        String name = definer.nextName("Region$" + Long.toHexString(head.start()));
        BlockEmitter.RegionResult r;
        try {
            r = BlockEmitter.emitRegion(blocks.toArray(new DecodedBlock[0]), name, inlineTlb);
        } catch (RuntimeException e) {
            rejected++;
            lastVerifyError = String.valueOf(e);
            return null;
        }
        if (r == null) {
            return null;
        }
        DecodedBlock[] members = blocks.subList(0, r.members()).toArray(new DecodedBlock[0]);
        if (dump != null) {
            StringBuilder sb = new StringBuilder();
            for (DecodedBlock b : members) {
                sb.append(" 0x").append(Long.toHexString(b.start()));
            }
            dump.println("---- region 0x" + Long.toHexString(head.start()) + " (" + members.length + " blocks:" + sb
                    + "; " + r.instructions() + " instructions, " + r.codeBytes() + " bytes of bytecode)");
            dump.print(ClassDump.text(r.classBytes()));
        }
        CompiledBlock c = define(r.classBytes(), r.codeBytes(), DecodedBlock[].class, members);
        if (c != null) {
            regions++;
        }
        return c;
    }

    /**
     * Verifies (when asked) and defines generated class {@code classBytes} and constructs it
     * with {@code arg} (its constructor takes one {@code argType}); counts it as compiled, or
     * as rejected with the reason in {@link #lastVerifyError} and null.
     */
    private CompiledBlock define(byte[] classBytes, int codeBytes, Class<?> argType, Object arg) {
        if (verify) {
            String err = ClassDump.verify(classBytes);
            if (err != null) {
                rejected++;
                lastVerifyError = err;
                return null;
            }
        }
        try {
            Constructor<?> k = definer.define(classBytes).getDeclaredConstructor(argType);
            CompiledBlock c = (CompiledBlock) k.newInstance(arg);
            compiled++;
            bytecodeBytes += codeBytes;
            return c;
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            rejected++;
            lastVerifyError = String.valueOf(e);
            return null;
        }
    }

    /** Regions compiled successfully (included in {@link #compiledCount()}). */
    public long regionCount() {
        return regions;
    }

    /** Blocks compiled successfully. */
    public long compiledCount() {
        return compiled;
    }

    /** Blocks whose class was refused (by the verifier or the JVM); they stay interpreted. */
    public long rejectedCount() {
        return rejected;
    }

    /** Total bytecode size of the compiled run() methods. */
    public long bytecodeBytes() {
        return bytecodeBytes;
    }

    /** The last refusal's report (verifier text or exception), or null. */
    public String lastError() {
        return lastVerifyError;
    }
}
