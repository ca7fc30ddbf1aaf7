package org.hot86.conformance.host;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Feature;
import org.hot86.decoder.Flags;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.hot86.decoder.table.Encoding;
import org.hot86.decoder.table.OperandSpec;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generator of random instruction sequences for the host-CPU differential
 * test, drawn from the decoder's instruction table ({@link Form}) and encoded from each
 * form's {@link Encoding}s and operand specifications.
 *
 * <p>A case is a few "groups": fix-up instructions (plain {@code MOV r, imm32} or
 * {@code MOV [rSP], imm32}) that point the registers a memory operand, a string instruction
 * or an indirect branch uses into the data page (or at a later instruction), followed by one
 * randomly drawn instruction. Branches only go forward, to the start of a later group or to
 * the end, so every case terminates. The generator tracks which flags are undefined
 * (table column {@code u=}) along every path and never draws an instruction that reads an
 * undefined flag; the comparison masks exactly the flags still undefined at the point where
 * the case ends or faults.
 *
 * <p>Forms left out, with the reason, are in {@link #EXCLUDED}; forms the interpreter does not
 * implement are left out too and listed by the coverage report.
 */
final class SequenceGen {
    /** Forms never drawn, and why. */
    static final Map<Form, String> EXCLUDED = new EnumMap<>(Form.class);

    static {
        EXCLUDED.put(Form.CPUID, "result is the host's CPU model");
        EXCLUDED.put(Form.RDTSC, "result is the host's time");
        EXCLUDED.put(Form.SYSCALL, "a Linux system call on the host");
        EXCLUDED.put(Form.INT_Ib, "INT 80h is a Linux system call; other vectors depend on the host IDT");
        EXCLUDED.put(Form.INT1, "ICEBP: #DB delivery differs by host kernel");
        EXCLUDED.put(Form.MASKMOVDQU_Vx_Ux, "XMM registers are zero in this campaign: an all-zero mask, whose faults"
                + " the SDM leaves implementation-specific (the host faults at some addresses, not at others);"
                + " SseVsHostTest covers it");
        for (Form f : new Form[] {Form.SGDT_Ms, Form.SIDT_Ms, Form.SLDT_Ev, Form.STR_Ev, Form.SMSW_Ev}) {
            EXCLUDED.put(f, "CR4.UMIP #GP at CPL 3 is emulated by the host kernel (arch/x86/kernel/umip.c, spoofed"
                    + " values): the hardware result is not observable; covered by cpu FarTransferTest");
        }
        for (Form f : new Form[] {Form.RCPPS_Vps_Wps, Form.RCPSS_Vss_Wss, Form.RSQRTPS_Vps_Wps, Form.RSQRTSS_Vss_Wss}) {
            EXCLUDED.put(f, "approximation: the host's (AMD) tables differ from Intel's (see SseSequenceGen)");
        }
        for (Form f : Form.values()) {
            if (X87SequenceGen.inScope(f)) {
                // this campaign does not load MMX/x87 state into the host; X87VsHostTest does
                EXCLUDED.put(f, "MMX/x87 state: covered by X87VsHostTest");
            }
        }
    }

    /** CPUID features the emulated model has, so their forms are fair game. */
    static final Set<Feature> FEATURES = EnumSet.of(Feature.BASE, Feature.CMOV, Feature.POPCNT, Feature.LZCNT,
            Feature.BMI1, Feature.MOVBE, Feature.CX8, Feature.CX16, Feature.SSE, Feature.SSE2, Feature.PREFETCHW,
            Feature.CET, Feature.CLFLUSH);

    static final long DATA = HostCpu.DATA_PAGE;

    /** One generated instruction (fix-up or drawn). */
    static final class Insn {
        byte[] bytes;
        Form form;
        boolean fixup;
        /** Patch: J displacement (size 1/2/4) or absolute address (size -4) of group {@link #target}. */
        int patchAt = -1, patchSize;
        int target = -1;
        /** Undefined flags before and after this instruction (for comparing at a fault or trap). */
        int taintBefore, taintAfter;
        /** RIP-relative memory operand: offset of its disp32 in {@link #bytes} and the linear address it must reach. */
        int ripRelAt = -1;
        long ripRelTarget;
        long address;
    }

    /** A whole case. */
    static final class Case {
        boolean bits64;
        List<Insn> insns = new ArrayList<>();
        byte[] code;
        long codeStart;
        long[] regs = new long[16];
        long flags;
        long dataSeed;
        int taintAtEnd;

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(bits64 ? "64-bit" : "32-bit").append(" case, code at 0x").append(Long.toHexString(codeStart))
                    .append(", data seed 0x").append(Long.toHexString(dataSeed)).append('\n');
            Decoder d = new Decoder(bits64 ? Mode.BITS64 : Mode.BITS32);
            for (Insn i : insns) {
                Instruction ins = d.decode(i.bytes, 0, i.bytes.length);
                StringBuilder hex = new StringBuilder();
                for (byte x : i.bytes) {
                    hex.append(String.format("%02x ", x & 0xFF));
                }
                String asm = ins.isValid() ? org.hot86.decoder.format.IntelFormatter.format(ins, i.address) : "(invalid)";
                b.append(String.format("  %08x: %-36s %-40s %s%s%n", i.address, hex, asm, i.form,
                        i.fixup ? " [fixup]" : ""));
            }
            String[] names = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
                    "r13", "r14", "r15"};
            b.append("  initial:");
            for (int r = 0; r < (bits64 ? 16 : 8); r++) {
                b.append(' ').append(names[r]).append("=0x").append(Long.toHexString(regs[r]));
            }
            b.append(" rflags=0x").append(Long.toHexString(flags)).append('\n');
            return b.toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private final boolean bits64;
    private final Mode mode;
    private final Decoder decoder;
    final List<Form> forms = new ArrayList<>();

    SequenceGen(boolean bits64) {
        this.bits64 = bits64;
        this.mode = bits64 ? Mode.BITS64 : Mode.BITS32;
        this.decoder = new Decoder(mode);
        Set<Form> impl = Interpreter.implementedForms();
        for (Form f : Form.values()) {
            if (f == Form.INVALID || f == Form.VEX_INSTRUCTION || f == Form.EVEX_INSTRUCTION || EXCLUDED.containsKey(f)) {
                continue;
            }
            boolean gp = f.privileged() && f.feature() == Feature.BASE; // #GP(0) at CPL 3
            if (!(impl.contains(f) && FEATURES.contains(f.feature())) && !gp) {
                continue;
            }
            if (encodingsFor(f).isEmpty()) {
                continue;
            }
            forms.add(f);
        }
    }

    /** Forms the generator may draw in this mode. */
    List<Form> forms() {
        return forms;
    }

    List<Encoding> encodingsFor(Form f) {
        List<Encoding> r = new ArrayList<>();
        for (Encoding e : f.encodings()) {
            if ((bits64 && e.i64) || (!bits64 && (e.o64 || e.w == 1))) { // no REX.W outside 64-bit mode
                continue;
            }
            r.add(e);
        }
        return r;
    }

    // ---- randomness helpers -------------------------------------------------------------

    private RandomnessSource in;

    private int pick(int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    private boolean chance(int oneIn) {
        return pick(0, oneIn - 1) == 0;
    }

    private long interesting() {
        long[] edge = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
                Long.MAX_VALUE, Long.MIN_VALUE, -1, 9, 0x99, 0x10, 63, 64, 31, 32, 17, 16, 15, 8, 7};
        return switch (pick(0, 3)) {
            case 0 -> edge[pick(0, edge.length - 1)];
            case 1 -> in.next(Constraint.between(-300, 300));
            default -> in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
        };
    }

    Gen<Case> cases() {
        return src -> {
            this.in = src;
            return generate();
        };
    }

    // ---- the case ---------------------------------------------------------------------------

    private Case generate() {
        Case c = new Case();
        c.bits64 = bits64;
        for (int r = 0; r < 16; r++) {
            long v = interesting();
            c.regs[r] = bits64 ? v : v & 0xFFFFFFFFL;
        }
        c.regs[4] = DATA + 0x700 + pick(0, 64) * 4L;
        c.flags = (pick(0, 0xFFF) & (Flags.STATUS | Flags.DF)) | Flags.IF | 2;
        c.dataSeed = in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
        int groups = forced != null ? 1 : pick(1, 6);
        int[] incoming = new int[groups + 1];
        List<Integer> groupStart = new ArrayList<>();
        int taint = 0;
        for (int g = 0; g < groups; g++) {
            taint |= incoming[g];
            groupStart.add(c.insns.size());
            List<Insn> group = null;
            for (int attempt = 0; attempt < (forced != null ? 200 : 30) && group == null; attempt++) {
                group = drawGroup(g, groups, taint);
            }
            if (group == null) {
                group = List.of(fixed(Form.NOP, new byte[] {(byte) 0x90}));
            }
            Insn main = group.get(group.size() - 1);
            for (Insn i : group) {
                i.taintBefore = taint;
            }
            c.insns.addAll(group);
            int after = taintAfter(main, taint);
            for (Insn i : group) {
                i.taintAfter = i == main ? after : taint;
            }
            for (Insn i : group) {
                if (i.target >= 0) { // a J displacement, or the address a fix-up loads for JMP/CALL r or RET
                    incoming[i.target] |= after;
                }
            }
            taint = after;
        }
        c.taintAtEnd = taint | incoming[groups];
        groupStart.add(c.insns.size());
        layout(c, groupStart);
        return c;
    }

    /** Flags undefined after {@code i}, given those undefined before. */
    private static int taintAfter(Insn i, int before) {
        Form f = i.form;
        int undef = f.flagsUndefined();
        int kill = f.flagsWritten() & ~undef;
        if (f.flagsConditional() || f.repeatable() || f == Form.POPF) {
            kill = f == Form.POPF ? Flags.ALL : 0;
        }
        return (before & ~kill) | undef;
    }

    private Insn fixed(Form f, byte[] bytes) {
        Insn i = new Insn();
        i.form = f;
        i.bytes = bytes;
        return i;
    }

    /** Places the code so it ends at EXIT_AT and patches branch displacements and absolute targets. */
    private void layout(Case c, List<Integer> groupStart) {
        int len = 0;
        for (Insn i : c.insns) {
            len += i.bytes.length;
        }
        c.codeStart = HostCpu.EXIT_AT - len;
        long a = c.codeStart;
        for (Insn i : c.insns) {
            i.address = a;
            a += i.bytes.length;
        }
        for (Insn i : c.insns) {
            if (i.ripRelAt >= 0) {
                put(i.bytes, i.ripRelAt, 4, i.ripRelTarget - (i.address + i.bytes.length));
            }
            if (i.target < 0) {
                continue;
            }
            int idx = groupStart.get(i.target);
            long t = idx < c.insns.size() ? c.insns.get(idx).address : HostCpu.EXIT_AT;
            if (i.patchSize < 0) {
                put(i.bytes, i.patchAt, 4, t);
            } else {
                long disp = t - (i.address + i.bytes.length);
                if (i.patchSize == 1 && (disp < -128 || disp > 127)) {
                    disp = 127; // out of reach: lands somewhere later (possibly mid-instruction); both sides agree
                }
                put(i.bytes, i.patchAt, i.patchSize, disp);
            }
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Insn i : c.insns) {
            o.write(i.bytes, 0, i.bytes.length);
        }
        c.code = o.toByteArray();
    }

    private static void put(byte[] b, int at, int size, long v) {
        for (int k = 0; k < size; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    // ---- one group: fix-ups and a drawn instruction -------------------------------------

    /** Byte builder for one instruction. */
    private static final class Bytes {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();

        void b(int v) {
            o.write(v);
        }

        void n(long v, int size) {
            for (int k = 0; k < size; k++) {
                o.write((int) (v >>> (8 * k)));
            }
        }

        int pos() {
            return o.size();
        }

        byte[] get() {
            return o.toByteArray();
        }
    }

    /** {@code MOV r, imm32}: C7 /0 (REX.W: sign-extended to 64 bits). */
    private Insn movImm(int reg, long value, boolean wide) {
        Bytes b = new Bytes();
        int rex = (wide && bits64 ? 0x48 : 0) | (reg >= 8 ? 0x41 : 0);
        if (rex != 0) {
            b.b(rex | 0x40);
        }
        b.b(0xC7);
        b.b(0xC0 | (reg & 7));
        b.n(value, 4);
        Insn i = fixed(Form.MOV_Ev_Iz, b.get());
        i.fixup = true;
        return i;
    }

    /** {@code MOV [rSP], imm32} whose immediate is patched to the address of a later group. */
    private Insn movStackTop(int target) {
        Bytes b = new Bytes();
        if (bits64) {
            b.b(0x48);
        }
        b.b(0xC7);
        b.b(0x04);
        b.b(0x24);
        Insn i = fixed(Form.MOV_Ev_Iz, null);
        i.patchAt = b.pos();
        i.patchSize = -4;
        i.target = target;
        b.n(0, 4);
        i.bytes = b.get();
        i.fixup = true;
        return i;
    }

    static final int[] SELECTORS = {0, 1, 3, 0x10, 0x18, 0x1B, 0x23, 0x28, 0x2B, 0x2B, 0x2B, 0x33, 0x3B, 0x43, 0x53,
            0x6B, 0x80, 0x83, 0x07, 0x2F, 0xFFFF};

    /** {@code MOV [rSP], imm32}. */
    private Insn movStackTopValue(long v) {
        Bytes b = new Bytes();
        if (bits64) {
            b.b(0x48);
        }
        b.b(0xC7);
        b.b(0x04);
        b.b(0x24);
        b.n(v, 4);
        Insn i = fixed(Form.MOV_Ev_Iz, b.get());
        i.fixup = true;
        return i;
    }

    /**
     * {@code MOV [rSP+disp8], imm} of {@code size} bits (16: imm16, 32: imm32, 64: REX.W
     * imm32 sign-extended). With {@code target >= 0} the imm32 is patched to that group's address.
     */
    private Insn movStackAt(int disp, int size, long v, int target) {
        Bytes b = new Bytes();
        if (size == 16) {
            b.b(0x66);
        } else if (size == 64) {
            b.b(0x48);
        }
        b.b(0xC7);
        b.b(0x44);
        b.b(0x24);
        b.b(disp);
        Insn i = fixed(Form.MOV_Ev_Iz, null);
        if (target >= 0 && size != 16) {
            i.patchAt = b.pos();
            i.patchSize = -4;
            i.target = target;
        }
        b.n(v, size == 16 ? 2 : 4);
        i.bytes = b.get();
        i.fixup = true;
        return i;
    }

    /** {@code MOV DWORD [abs32], imm32} patched to the address of group {@code target}. */
    private Insn storeAbs32Target(long addr, int target) {
        Bytes b = new Bytes();
        b.b(0xC7);
        b.b(0x04);
        b.b(0x25);
        b.n(addr, 4);
        Insn i = fixed(Form.MOV_Ev_Iz, null);
        i.patchAt = b.pos();
        i.patchSize = -4;
        i.target = target;
        b.n(0, 4);
        i.bytes = b.get();
        i.fixup = true;
        return i;
    }

    /**
     * A code selector for a far transfer: mostly the user code segment of this mode (0x33 or
     * 0x23, the one the helper runs in), else one from {@link #SELECTORS} (faults: #GP(sel),
     * #NP(sel), #GP(0)). The other mode's code segment is never drawn: the helper cannot
     * return from code running in the other mode.
     */
    private int codeSelector() {
        int own = bits64 ? 0x33 : 0x23;
        if (chance(2)) {
            return own;
        }
        while (true) {
            int sel = chance(6) ? pick(0, 0xFFFF) : SELECTORS[pick(0, SELECTORS.length - 1)];
            int idx = sel & 0xFFF8;
            if ((sel & 4) == 0 && (idx == (bits64 ? 0x20 : 0x30) || idx == 0x60 || idx == 0x78)) {
                continue; // other mode's code, glibc TLS (32-bit), per-CPU segment
            }
            return sel;
        }
    }

    /** {@code MOV WORD [abs32], imm16} (SIB form without base or index). */
    private Insn storeAbs16(long addr, int v) {
        Bytes b = new Bytes();
        b.b(0x66);
        b.b(0xC7);
        b.b(0x04);
        b.b(0x25);
        b.n(addr, 4);
        b.n(v, 2);
        Insn i = fixed(Form.MOV_Ev_Iz, b.get());
        i.fixup = true;
        return i;
    }

    private int dataReg(int avoid1, int avoid2) {
        while (true) {
            int r = pick(0, bits64 ? 15 : 7);
            if (r != 4 && r != avoid1 && r != avoid2) {
                return r;
            }
        }
    }

    /** Forms that always fault at CPL 3; drawn at 1/8 weight so that most cases run to the end. */
    static boolean alwaysFaults(Form f) {
        return f.privileged() || f == Form.UD2 || f == Form.UD0_Gv_Ev || f == Form.UD1_Gv_Ev || f == Form.INT3
                || f == Form.CLI || f == Form.STI || f.name().startsWith("IN_") || f.name().startsWith("OUT_")
                || f.name().startsWith("INS_") || f.name().startsWith("OUTS_");
    }

    /** When set, every case is this one form (after its fix-ups); for the undefined-flags survey. */
    Form forced;

    private List<Insn> drawGroup(int g, int groups, int taint) {
        Form f = forced != null ? forced : forms.get(pick(0, forms.size() - 1));
        if (forced == null && alwaysFaults(f) && !chance(8)) {
            return null;
        }
        List<Encoding> encs = encodingsFor(f);
        Encoding e = encs.get(pick(0, encs.size() - 1));
        List<Insn> fix = new ArrayList<>();
        Insn main = encode(f, e, g, groups, fix);
        if (main == null) {
            return null;
        }
        Instruction d = new Instruction();
        int r = decoder.decode(main.bytes, 0, main.bytes.length, d);
        boolean intendedInvalid = main.form == Form.INVALID;
        if (!intendedInvalid && (r != main.bytes.length || d.form() != f)) {
            encoderMismatches++;
            synchronized (MISMATCHES) {
                MISMATCHES.merge(f + " -> " + (r < 0 ? "decode error " + r : d.form().toString()), 1, Integer::sum);
            }
            return null;
        }
        if (!intendedInvalid) {
            int reads = f == Form.INT3 ? 0 : d.flagsRead();
            if ((reads & taint) != 0) {
                return null;
            }
        }
        fix.add(main);
        return fix;
    }

    /** Encodings the generator produced that the decoder read as another form (should stay 0). */
    static volatile int encoderMismatches;
    /** RIP-relative memory operands drawn (64-bit), reported by the campaign. */
    static volatile int ripRelativeDrawn;
    /** What they decoded as (generator, form) -> count; printed by the campaign. */
    static final Map<String, Integer> MISMATCHES = new java.util.TreeMap<>();

    private Insn encode(Form f, Encoding e, int g, int groups, List<Insn> fix) {
        Bytes b = new Bytes();
        int opsize = bits64 ? 32 : 32;
        boolean p66 = false, rexW = false;
        boolean branch = f.forcedOperandSize64();
        boolean byteOp = false, regByte = false, rmByte = false, zByte = false;
        for (int k = 0; k < f.operandCount(); k++) {
            OperandSpec o = f.operand(k);
            if (o.size != OperandSpec.Size.B) {
                continue;
            }
            switch (o.method) {
                case G -> regByte = true;
                case E, R -> rmByte = true;
                case Z -> zByte = true;
                default -> { }
            }
        }
        byteOp = regByte || rmByte || zByte;
        if (e.prefix == Encoding.PFX_ANY || e.prefix == Encoding.PFX_F3 || e.prefix == Encoding.PFX_F2) {
            p66 = chance(4) && !(branch && bits64) && f != Form.BSWAP_Zy && f != Form.CMPXCHG8B_Mq
                    && f != Form.CMPXCHG16B_Mdq;
        }
        if (bits64) {
            rexW = e.w == 1 || (e.w != 0 && chance(3));
            if (f == Form.LSS_Gv_Mp || f == Form.LFS_Gv_Mp || f == Form.LGS_Gv_Mp || f == Form.JMPF_Mp
                    || f == Form.CALLF_Mp) {
                rexW = false; // REX.W LxS: 64-bit offset on Intel, ignored on AMD
            }
        }
        if (p66) {
            opsize = 16;
        }
        if (rexW) {
            opsize = 64;
        }
        if (bits64 && (f.defaultOperandSize64() || branch) && !p66) {
            opsize = 64;
        }
        boolean memOp = false;
        boolean hasRm = e.hasModrm && e.rm < 0;
        if (e.hasModrm) {
            memOp = e.mod == Encoding.MOD_MEM || (e.mod == Encoding.MOD_ANY && e.rm < 0 && chance(2));
        }
        if (f == Form.CMPXCHG8B_Mq || f == Form.CMPXCHG16B_Mdq || f == Form.LEA_Gv_M) {
            memOp = true;
        }
        for (int k = 0; k < f.operandCount(); k++) {
            OperandSpec o = f.operand(k);
            if (o.method == OperandSpec.Method.M) {
                memOp = true;
            }
            if (o.method == OperandSpec.Method.R) {
                memOp = false;
            }
        }
        // Branch-to-register forms always jump forward within the case.
        if (f == Form.JMP_Ev || f == Form.CALL_Ev) {
            memOp = false;
        }
        boolean p67 = memOp && chance(16);
        int asize = bits64 ? (p67 ? 32 : 64) : (p67 ? 16 : 32);
        if (f.repeatable() && chance(12)) {
            p67 = true;
            asize = bits64 ? 32 : 16;
        }
        boolean lock = false;
        boolean badLock = false;
        if (f.lockable() && memOp && chance(6)) {
            lock = true;
        } else if (chance(200) && f != Form.MOV_Ry_Cy && f != Form.MOV_Cy_Ry && f != Form.VERR_Ew && f != Form.VERW_Ew) {
            // (LOCK MOV CRn is AMD's alternative encoding of CR8 and #GPs there; #UD on Intel.
            // LOCK VERR/VERW with a faulting memory operand reports the #PF first on the AMD host.)
            lock = true;
            badLock = !(f.lockable() && memOp);
        }
        int rep = 0;
        if (f.repeatable()) {
            rep = switch (pick(0, 3)) {
                case 0 -> 0xF3;
                case 1 -> 0xF2;
                default -> 0;
            };
        }
        int seg = -1;
        if (memOp && chance(8)) {
            seg = new int[] {0x26, 0x2E, 0x36, 0x3E}[pick(0, 3)];
        }

        // Registers.
        int regField = e.reg >= 0 ? e.reg : pickReg(regByte);
        int rmReg = e.rm >= 0 ? e.rm : pickReg(rmByte);
        int zReg = pickReg(zByte);
        int cc = pick(0, 15);
        boolean rexNeeded = false;
        if (f == Form.MOV_Ev_Sw) {
            regField = pick(0, 5);
        }

        // Per-form fix-ups of implicit registers and values come first, so that the address
        // fix-ups below (which must be last) cannot be overwritten by them.
        List<Integer> protectedRegs = new ArrayList<>();
        long imm1Override = Long.MIN_VALUE;
        boolean string = f.repeatable();
        if (string) {
            fix.add(movImm(6, DATA + pick(0x100, 0xF00), false));
            fix.add(movImm(7, DATA + pick(0x100, 0xF00), false));
            fix.add(movImm(1, chance(8) ? pick(0, 600) : pick(0, 8), false));
        }
        switch (f) {
            case XLAT -> fix.add(movImm(3, DATA + pick(0, 0xF00), false));
            case LEAVE, ENTER_Iw_Ib -> fix.add(movImm(5, DATA + pick(0x400, 0xC00), false));
            case DIV_Eb, DIV_Ev, IDIV_Eb, IDIV_Ev -> {
                if (chance(2)) {
                    fix.add(movImm(2, chance(2) ? 0 : pick(-3, 3), true));
                }
            }
            case BT_Ev_Gv, BTS_Ev_Gv, BTR_Ev_Gv, BTC_Ev_Gv -> {
                if (memOp) {
                    fix.add(movImm(regField, pick(-300, 300), true));
                    protectedRegs.add(regField);
                }
            }
            case SHLD_Ev_Gv_CL, SHRD_Ev_Gv_CL -> {
                if (opsize == 16) {
                    fix.add(movImm(1, pick(0, 16), false));
                    protectedRegs.add(1);
                }
            }
            case SHLD_Ev_Gv_Ib, SHRD_Ev_Gv_Ib -> {
                if (opsize == 16) {
                    imm1Override = pick(0, 16);
                }
            }
            case POPF -> {
                Bytes a = new Bytes();
                if (bits64) {
                    a.b(0x48);
                }
                a.b(0x81);
                a.b(0x24);
                a.b(0x24);
                a.n(~(Flags.TF | Flags.AC) & 0xFFFFFFFFL, 4); // AND [rSP], ~(TF|AC): no single-step, no #AC
                Insn x = fixed(Form.AND_Ev_Iz, a.get());
                x.fixup = true;
                fix.add(x);
            }
            case RET, RET_Iw -> {
                if (!bits64 || chance(2)) {
                    fix.add(movStackTop(pick(g + 1, groups)));
                }
            }
            case RETF, RETF_Iw, IRET -> {
                // A far-return / IRET frame at [rSP]: offset (a later group, or a random 16-bit
                // offset), CS, and for IRET RFLAGS (+ RSP, SS in 64-bit mode).
                int w = opsize / 8;
                int target = pick(g + 1, groups);
                fix.add(movStackAt(0, opsize, opsize == 16 ? pick(0, 0xFFFF) : 0, target));
                fix.add(movStackAt(w, opsize, codeSelector(), -1));
                if (f == Form.IRET) {
                    long fl = in.next(Constraint.between(0, 0xFFFFFFFFL)) & ~(Flags.TF | Flags.AC | Flags.RF);
                    fix.add(movStackAt(2 * w, opsize, fl, -1));
                    if (bits64) {
                        fix.add(movStackAt(3 * w, opsize, DATA + pick(0x600, 0x900) * (opsize == 16 ? 0 : 1), -1));
                        int ss = chance(2) ? 0x2B : SELECTORS[pick(0, SELECTORS.length - 1)];
                        fix.add(movStackAt(4 * w, opsize, ss, -1));
                    }
                }
            }
            default -> { }
        }

        // Memory operand.
        int modrm = -1, sib = -1, dispSize = 0;
        long disp = 0;
        int ripRelPos = -1;
        long ripRelTarget = 0;
        long memWant = -1; // data-page offset the memory operand reaches, when known
        boolean selForm = f == Form.MOV_Sw_Ew || f.name().startsWith("POP_") && f.name().length() == 6
                || f == Form.LES_Gz_Mp || f == Form.LDS_Gz_Mp || f == Form.LSS_Gv_Mp || f == Form.LFS_Gv_Mp
                || f == Form.LGS_Gv_Mp || f == Form.LAR_Gv_Ew || f == Form.LSL_Gv_Ew || f == Form.VERR_Ew
                || f == Form.VERW_Ew;
        int rexB = 0, rexX = 0, rexR = 0;
        if (e.hasModrm) {
            if (e.reg < 0) {
                rexR = regField >> 3;
            }
            int reg3 = regField & 7;
            if (!memOp) {
                int rm = e.rm >= 0 ? e.rm : rmReg;
                rexB = rm >> 3;
                modrm = 0xC0 | reg3 << 3 | (rm & 7);
                if (f == Form.JMP_Ev || f == Form.CALL_Ev) {
                    Insn fx = movImm(rm, 0, false);
                    fx.patchAt = 3 + (rm >= 8 ? 1 : 0) - 1;
                    fx.patchAt = fx.bytes.length - 4;
                    fx.patchSize = -4;
                    fx.target = pick(g + 1, groups);
                    fix.add(fx);
                }
            } else if (bits64 && chance(6)) {
                // RIP-relative: mod=00 r/m=101; the displacement is patched once the layout is known.
                modrm = reg3 << 3 | 5;
                dispSize = 4;
                ripRelPos = 0; // marks "patch later"
                boolean wild = chance(24);
                long want = wild ? pick(-0x10000, 0x10000) : pick(0, 0xFF0);
                ripRelTarget = DATA + want;
                if (!wild) {
                    memWant = want;
                }
            } else if (asize == 16) {
                int mod = pick(0, 2);
                int rm = pick(0, 7);
                modrm = mod << 6 | reg3 << 3 | rm;
                dispSize = mod == 1 ? 1 : mod == 2 ? 2 : (rm == 6 ? 2 : 0);
                disp = pick(0, 0xFFFF);
            } else {
                int base = chance(10) ? -1 : pick(0, bits64 ? 15 : 7);
                int index = chance(2) ? -1 : dataReg(-1, -1);
                if (index == base && index >= 0) {
                    index = -1;
                }
                if ((base >= 0 && protectedRegs.contains(base)) || (index >= 0 && protectedRegs.contains(index))) {
                    return null; // an address fix-up would overwrite a value another fix-up set
                }
                int scaleBits = pick(0, 3);
                long baseOff = 0;
                if (base >= 0 && base != 4) {
                    baseOff = pick(0, 0xFFF);
                    fix.add(movImm(base, DATA + baseOff, false));
                } else if (base == 4) {
                    baseOff = 0x700;
                }
                long idxVal = 0;
                if (index >= 0) {
                    idxVal = pick(0, 32);
                    fix.add(movImm(index, idxVal, true));
                }
                boolean wild = chance(24);
                long want = wild ? pick(-0x10000, 0x10000) : pick(0, 0xFF0);
                if (!wild && base != 4) {
                    memWant = want;
                }
                long partial = (base < 0 ? DATA : 0) + baseOff + (idxVal << scaleBits);
                disp = want - partial;
                if (base < 0) {
                    disp = DATA + want - (idxVal << scaleBits);
                }
                int mod;
                if (base < 0) {
                    mod = 0;
                    dispSize = 4;
                } else if (disp >= -128 && disp <= 127 && chance(2)) {
                    mod = 1;
                    dispSize = 1;
                } else if (disp == 0 && (base & 7) != 5) {
                    mod = 0;
                    dispSize = 0;
                } else {
                    mod = 2;
                    dispSize = 4;
                }
                if (base == 4 && mod != 0) {
                    disp = pick(-64, 64);
                    if (mod == 1) {
                        disp = Math.max(-128, Math.min(127, disp));
                    }
                }
                boolean needSib = index >= 0 || (base < 0 && (bits64 || chance(2))) || (base >= 0 && (base & 7) == 4);
                if (needSib) {
                    modrm = mod << 6 | reg3 << 3 | 4;
                    int idx3 = index >= 0 ? index & 7 : 4;
                    int base3 = base >= 0 ? base & 7 : 5;
                    sib = scaleBits << 6 | idx3 << 3 | base3;
                    rexX = index >= 0 ? index >> 3 : 0;
                    rexB = base >= 0 ? base >> 3 : 0;
                } else {
                    modrm = mod << 6 | reg3 << 3 | (base < 0 ? 5 : base & 7);
                    rexB = base < 0 ? 0 : base >> 3;
                }
            }
        }
        if (e.regInOpcode) {
            rexB = zReg >> 3;
        }

        // Segment loads get a selector from a pool of interesting ones (valid, DPL 0, system,
        // beyond the GDT limit, LDT); never glibc's TLS (0x63: base unknown here) or the per-CPU
        // segment (0x7B: its limit is the host CPU number).
        if (selForm) {
            int sel = SELECTORS[pick(0, SELECTORS.length - 1)];
            if ((f == Form.MOV_Sw_Ew || f == Form.LAR_Gv_Ew || f == Form.LSL_Gv_Ew || f == Form.VERR_Ew
                    || f == Form.VERW_Ew) && !memOp) {
                fix.add(movImm(rmReg, sel, false));
            } else if (!memOp) {
                fix.add(movStackTopValue(sel));
            } else if (asize != 16) {
                if (memWant < 0) {
                    return null;
                }
                boolean farPointer = f.name().startsWith("L") && f.name().endsWith("_Mp");
                fix.add(storeAbs16(DATA + memWant + (farPointer ? opsize / 8 : 0), sel));
            }
        }

        if (f == Form.JMPF_Mp || f == Form.CALLF_Mp) {
            if (!memOp || asize == 16 || memWant < 0) {
                return null;
            }
            int target = pick(g + 1, groups);
            fix.add(opsize == 16 ? storeAbs16(DATA + memWant, pick(0, 0xFFFF)) : storeAbs32Target(DATA + memWant, target));
            fix.add(storeAbs16(DATA + memWant + opsize / 8, codeSelector()));
        }

        // Emit prefixes.
        if (lock) {
            b.b(0xF0);
        }
        if (seg >= 0) {
            b.b(seg);
        }
        if (p66) {
            b.b(0x66);
        }
        if (p67) {
            b.b(0x67);
        }
        if (rep != 0) {
            b.b(rep);
        }
        if (e.prefix == Encoding.PFX_F3) {
            b.b(0xF3);
        } else if (e.prefix == Encoding.PFX_F2) {
            b.b(0xF2);
        } else if (e.prefix == Encoding.PFX_66) {
            b.b(0x66);
        }
        if (bits64) {
            int rex = (rexW ? 8 : 0) | rexR << 2 | rexX << 1 | rexB;
            boolean wantRex = rex != 0 || rexNeeded || (byteOp && chance(4));
            if (e.noRexB && (rex & 1) != 0) {
                return null;
            }
            if (wantRex) {
                b.b(0x40 | rex);
            }
        }
        if (e.map == Encoding.MAP_0F) {
            b.b(0x0F);
        } else if (e.map == Encoding.MAP_0F38) {
            b.b(0x0F);
            b.b(0x38);
        } else if (e.map == Encoding.MAP_0F3A) {
            b.b(0x0F);
            b.b(0x3A);
        }
        int op = e.opcode;
        if (e.regInOpcode) {
            op |= zReg & 7;
        }
        if (e.condInOpcode) {
            op |= cc;
        }
        b.b(op);
        if (e.hasModrm) {
            if (e.rm >= 0 && e.reg >= 0 && modrm < 0) {
                modrm = 0xC0 | e.reg << 3 | e.rm;
            }
            if (e.rm >= 0) {
                modrm = 0xC0 | (e.reg >= 0 ? e.reg : regField & 7) << 3 | e.rm;
            }
            b.b(modrm);
            if (sib >= 0) {
                b.b(sib);
            }
            if (ripRelPos == 0) {
                ripRelPos = b.pos();
            }
            b.n(disp, dispSize);
        }
        Insn main = new Insn();
        if (ripRelPos > 0) {
            ripRelativeDrawn++;
            main.ripRelAt = ripRelPos;
            main.ripRelTarget = ripRelTarget;
        }
        main.form = badLock ? Form.INVALID : f;
        // Immediates and relative targets, in operand order.
        boolean firstImm = true;
        for (int k = 0; k < f.operandCount(); k++) {
            OperandSpec o = f.operand(k);
            switch (o.method) {
                case I -> {
                    int size = switch (o.size) {
                        case B, BS -> 1;
                        case W -> 2;
                        case Z -> opsize == 16 ? 2 : 4;
                        case V -> opsize / 8;
                        default -> 4;
                    };
                    long v;
                    if (firstImm && imm1Override != Long.MIN_VALUE) {
                        v = imm1Override;
                    } else if (f == Form.ENTER_Iw_Ib) {
                        v = firstImm ? pick(0, 64) : pick(0, 4);
                    } else if (f == Form.RET_Iw || f == Form.RETF_Iw) {
                        v = pick(0, 32) * 2;
                    } else {
                        v = interesting();
                    }
                    b.n(v, size);
                    firstImm = false;
                }
                case J -> {
                    int size = o.size == OperandSpec.Size.B ? 1 : (opsize == 16 ? 2 : 4);
                    main.patchAt = b.pos();
                    main.patchSize = size;
                    main.target = pick(g + 1, groups);
                    b.n(0, size);
                }
                case O -> b.n(DATA + pick(0, 0xFF0), asize / 8);
                case A -> {
                    if (opsize == 16) {
                        b.n(pick(0, 0xFFFF), 2);
                    } else {
                        main.patchAt = b.pos();
                        main.patchSize = -4;
                        main.target = pick(g + 1, groups);
                        b.n(0, 4);
                    }
                    b.n(codeSelector(), 2);
                }
                default -> { }
            }
        }
        main.bytes = b.get();
        if (main.bytes.length > 15) {
            return null;
        }
        return main;
    }

    /**
     * A register number for a register operand: never RSP (so the stack stays in the data
     * page), except that number 4 of a byte operand without REX is AH.
     */
    private int pickReg(boolean byteOp) {
        while (true) {
            int r = pick(0, bits64 ? 15 : 7);
            if (r != 4 || byteOp) {
                if (r == 4 && byteOp && bits64) {
                    continue; // with a possible REX it would be SPL
                }
                return r;
            }
        }
    }
}
