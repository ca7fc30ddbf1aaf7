package org.hot86.cpu.interp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Feature;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.table.OperandSpec;

/**
 * The reference interpreter: executes guest code from pre-decoded basic blocks, cached by
 * (mode, linear address). It is the semantics oracle for the translator and runs on its
 * own for {@code --no-jit}.
 *
 * <p>Use: set up a {@link CpuState} (registers, mode, {@code mem}), then call
 * {@link #run} repeatedly; each call returns an {@link ExitReason}. Guest exceptions never
 * escape as Java exceptions: they end the run with {@link ExitReason#EXCEPTION} and the
 * event in {@code CpuState.eventVector/eventErrorCode/eventAddress/eventRip}. For a fault
 * the architectural state is exactly that before the faulting instruction (registers and
 * flags are restored from a per-instruction snapshot; memory writes are ordered after
 * every check that can fault), except that a REP string instruction keeps the iterations
 * it completed, as the hardware does. Delivering the event through the IDT, or turning it
 * into a signal in user mode, is the caller's job.
 *
 * <p>When guest code is modified, call {@link #invalidate} (or {@link #invalidateAll}).
 * Not thread-safe: one interpreter per guest CPU.
 */
public final class Interpreter {
    /** Maximum instructions in one block. */
    public static final int MAX_BLOCK = 64;

    /**
     * The executors, by form ordinal, in one table per group of {@code register} methods,
     * each built on first use (lazy holder classes). Building a table links one lambda
     * call site per executor, ~0.2 ms each even with the launcher's CDS archive; most
     * programs never run an x87 or MMX instruction, so those ~110 sites are linked only
     * when a block needs one. A form's group is chosen from its feature and operands
     * ({@link #group}); a form missing from its group's table is looked up in
     * {@link AllExecs}, which registers every group, so the grouping decides only when
     * tables are built, never which executor runs (ExecGroupsTest checks that the groups
     * are disjoint and that {@link #group} picks the registering group).
     */
    static final class BaseExecs {
        static final Exec[] TABLE;

        static {
            Map<Form, Exec> m = new EnumMap<>(Form.class);
            ArithmeticExec.register(m);
            DataMovementExec.register(m);
            StackExec.register(m);
            ShiftBitExec.register(m);
            ControlExec.register(m);
            SystemExec.register(m);
            StringExec.register(m);
            SseExec.register(m);
            TABLE = table(m);
        }

        private BaseExecs() {}
    }

    /** The x87 executors ({@link Form#feature()} {@code X87}): see {@link BaseExecs}. */
    static final class X87Execs {
        static final Exec[] TABLE = table(X87Exec::register);

        private X87Execs() {}
    }

    /** The MMX executors ({@link Form#feature()} {@code MMX}): see {@link BaseExecs}. */
    static final class MmxExecs {
        static final Exec[] TABLE = table(MmxExec::register);

        private MmxExecs() {}
    }

    /**
     * Every group's executors, and for the forms no group implements one that raises #UD,
     * or #GP(0) at CPL &gt; 0 for a privileged form.
     */
    static final class AllExecs {
        static final Exec[] TABLE = new Exec[Form.values().length];
        static final Set<Form> IMPLEMENTED;

        static {
            Set<Form> impl = EnumSet.noneOf(Form.class);
            for (Form f : Form.values()) {
                // later groups win, as when all registered into one map in this order
                Exec e = MmxExecs.TABLE[f.ordinal()];
                if (e == null) {
                    e = X87Execs.TABLE[f.ordinal()];
                }
                if (e == null) {
                    e = BaseExecs.TABLE[f.ordinal()];
                }
                if (e != null) {
                    impl.add(f);
                } else if (f.privileged()) {
                    e = (s, i) -> {
                        if (s.cpl > 0) {
                            throw CpuFault.GP0;
                        }
                        throw CpuFault.INVALID_OPCODE; // system instruction not implemented yet
                    };
                } else {
                    e = (s, i) -> {
                        throw CpuFault.INVALID_OPCODE;
                    };
                }
                TABLE[f.ordinal()] = e;
            }
            IMPLEMENTED = Collections.unmodifiableSet(impl);
        }

        private AllExecs() {}
    }

    /**
     * The table that should hold {@code f}: x87 forms (feature X87, or an {@code F}
     * mnemonic: FWAIT, FXSAVE, FISTTP ...), MMX forms (feature MMX, or an MMX register
     * operand: P, Q, N), and the rest.
     */
    static Exec[] group(Form f) {
        if (f.feature() == Feature.X87 || f.name().charAt(0) == 'F') {
            return X87Execs.TABLE;
        }
        if (f.feature() == Feature.MMX) {
            return MmxExecs.TABLE;
        }
        for (int k = 0; k < f.operandCount(); k++) {
            OperandSpec.Method m = f.operand(k).method;
            if (m == OperandSpec.Method.P || m == OperandSpec.Method.Q || m == OperandSpec.Method.N) {
                return MmxExecs.TABLE;
            }
        }
        return BaseExecs.TABLE;
    }

    /** The table of the executors that {@code register} puts in a map. */
    private static Exec[] table(java.util.function.Consumer<Map<Form, Exec>> register) {
        Map<Form, Exec> m = new EnumMap<>(Form.class);
        register.accept(m);
        return table(m);
    }

    private static Exec[] table(Map<Form, Exec> m) {
        Exec[] t = new Exec[Form.values().length];
        m.forEach((f, e) -> t[f.ordinal()] = e);
        return t;
    }

    /** The executor of form {@code f}, building the table of its group on first use. */
    static Exec exec(Form f) {
        Exec e = group(f)[f.ordinal()];
        return e != null ? e : AllExecs.TABLE[f.ordinal()];
    }

    /** The forms this interpreter implements (all others raise #UD, or #GP(0) if privileged at CPL &gt; 0). */
    public static Set<Form> implementedForms() {
        return AllExecs.IMPLEMENTED;
    }

    private final Decoder[] decoders = {new Decoder(Mode.BITS16), new Decoder(Mode.BITS32), new Decoder(Mode.BITS64)};
    @SuppressWarnings("unchecked")
    private final Map<Long, Block>[] cache = new HashMap[CpuMode.values().length];
    private long stopAddress = -1;
    private long blocksDecoded;
    private final byte[] fetchBuf = new byte[16];
    private final StateSnapshot snapshot = new StateSnapshot();

    public Interpreter() {
        for (int k = 0; k < cache.length; k++) {
            cache[k] = new HashMap<>();
        }
    }

    /** Makes {@link #run} return {@link ExitReason#STOP_ADDRESS} when RIP reaches {@code rip} (-1: never). */
    public void setStopAddress(long rip) {
        stopAddress = rip;
        invalidateAll();
    }

    /** Drops every cached block. */
    public void invalidateAll() {
        for (Map<Long, Block> c : cache) {
            c.clear();
        }
    }

    /** Drops the cached blocks that start in the 4 KiB page containing {@code linear}. */
    public void invalidate(long linear) {
        long page = linear >>> 12;
        for (Map<Long, Block> c : cache) {
            c.values().removeIf(b -> (b.start >>> 12) == page || ((b.addrs[b.addrs.length - 1] + 15) >>> 12) == page);
        }
    }

    /** Blocks decoded since construction (a statistic). */
    public long blocksDecoded() {
        return blocksDecoded;
    }

    /**
     * Runs until {@code maxInsns} instructions have retired, an exception or exit
     * instruction occurs, or RIP reaches the stop address.
     */
    public ExitReason run(CpuState s, long maxInsns) {
        long limit = s.instructionsRetired + maxInsns;
        if (limit < s.instructionsRetired) {
            limit = Long.MAX_VALUE; // no budget: run until an exit
        }
        s.eventVector = -1;
        while (true) {
            if (s.rip == stopAddress) {
                return ExitReason.STOP_ADDRESS;
            }
            if (s.instructionsRetired >= limit) {
                return ExitReason.INSN_LIMIT;
            }
            Block b;
            try {
                b = lookup(s);
            } catch (CpuFault f) {
                return event(s, f, s.rip);
            }
            b.executions++;
            Instruction[] insns = b.insns;
            Exec[] execs = b.execs;
            for (int k = 0; k < insns.length; k++) {
                Instruction i = insns[k];
                long start = b.addrs[k];
                long next = nextRip(s, start, i.length());
                boolean string = StringExec.isString(i.form());
                snapshot.save(s);
                s.rip = next;
                try {
                    execs[k].run(s, i);
                } catch (CpuFault f) {
                    if (f.isTrap()) {
                        s.instructionsRetired++;
                        return event(s, f, s.rip);
                    }
                    if (!string) {
                        snapshot.restore(s);
                    }
                    s.rip = start;
                    return event(s, f, start);
                } catch (ExitSignal e) {
                    s.instructionsRetired++;
                    return e.reason;
                }
                s.instructionsRetired++;
                if (s.rip != next || s.instructionsRetired >= limit) {
                    break;
                }
            }
        }
    }

    /** The next instruction's RIP: wraps at 4 GiB outside 64-bit mode, at 64 KiB in 16-bit code. */
    private static long nextRip(CpuState s, long start, int len) {
        long n = start + len;
        return switch (s.mode.decodeMode) {
            case BITS64 -> n;
            case BITS32 -> n & 0xFFFFFFFFL;
            case BITS16 -> n & 0xFFFF;
        };
    }

    private static ExitReason event(CpuState s, CpuFault f, long rip) {
        DecodedBlock.event(s, f, rip);
        return ExitReason.EXCEPTION;
    }

    private static long codeLinear(CpuState s, long rip) {
        return s.mode == CpuMode.LONG_64 ? rip : (s.seg[CpuState.CS].base + rip) & 0xFFFFFFFFL;
    }

    private Block lookup(CpuState s) {
        Map<Long, Block> c = cache[s.mode.ordinal()];
        long rip = s.rip;
        // Outside 64-bit mode RIP < 2^32 and the CS base is a 32-bit value: key blocks by
        // both, so a far transfer that changes the CS base never finds another segment's block.
        long key = s.mode == CpuMode.LONG_64 ? rip : (s.seg[CpuState.CS].base << 32) | rip;
        Block b = c.get(key);
        if (b == null) {
            b = decodeBlock(s, rip);
            c.put(key, b);
        }
        return b;
    }

    Block decodeBlock(CpuState s, long rip) {
        Decoder d = decoders[s.mode.decodeMode.ordinal()];
        List<Instruction> insns = new ArrayList<>();
        List<Exec> execs = new ArrayList<>();
        List<Long> addrs = new ArrayList<>();
        long pc = rip;
        long page = codeLinear(s, rip) >>> 12;
        while (insns.size() < MAX_BLOCK) {
            if (!insns.isEmpty() && (pc == stopAddress || (codeLinear(s, pc) >>> 12) != page)) {
                break;
            }
            int n = 0;
            CpuFault fetchFault = null;
            while (n < 15) {
                try {
                    fetchBuf[n] = (byte) Memory.fetch8(s, codeLinear(s, pc + n));
                    n++;
                } catch (CpuFault f) {
                    fetchFault = f;
                    break;
                }
            }
            Instruction i = new Instruction();
            int r = d.decode(fetchBuf, 0, n, i);
            Exec e;
            if (r == Decoder.TRUNCATED && fetchFault != null) {
                if (!insns.isEmpty()) {
                    break; // fault when this instruction is executed as the start of a block
                }
                throw fetchFault;
            } else if (r == Decoder.TOO_LONG) {
                e = (st, in) -> {
                    throw CpuFault.GP0;
                };
            } else if (r < 0) {
                e = (st, in) -> {
                    throw CpuFault.INVALID_OPCODE;
                };
            } else {
                e = exec(i.form());
            }
            insns.add(i);
            execs.add(e);
            addrs.add(pc);
            pc = nextRip(s, pc, Math.max(1, i.length()));
            if (r < 0 || i.endsBlock()) {
                break;
            }
        }
        blocksDecoded++;
        long[] a = new long[addrs.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = addrs.get(k);
        }
        return new Block(rip, s.mode, insns.toArray(new Instruction[0]), execs.toArray(new Exec[0]), a);
    }
}
