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
 * QuickTheories generator of random SSE-family instruction sequences (SSE .. SSE4.2, POPCNT, CRC32) for the
 * host-CPU campaign {@link SseVsHostTest}, drawn from the decoder's table ({@link Form}: every form with an
 * SSE-family CPUID feature and XMM/general-register operands that the interpreter implements) and encoded from
 * each form's {@link Encoding}.
 *
 * <p>A case is one to four groups: fix-ups ({@code MOV r, imm32}) pointing a base register into the data page
 * (16-byte aligned three times in four, so aligned forms mostly run and sometimes raise #GP; now and then at the
 * page end, so a 16-byte access crosses into the unmapped page) or setting the implicit registers of PCMPESTRx
 * (lengths in EAX/EDX) and MASKMOVDQU (RDI), then one drawn instruction. The initial XMM registers, the
 * operand bytes in the data page and MXCSR favour edge values: zeros of both signs, denormals, smallest and
 * largest normals, infinities, QNaN and SNaN with payloads, integers at conversion boundaries, halfway cases and
 * nearby values, and MXCSR with every rounding mode, FTZ/DAZ and random masks and sticky flags.
 *
 * <p>Forms left out are listed, with the reason, in {@link #EXCLUDED}.
 */
final class SseSequenceGen {
    static final Set<Feature> FAMILY = EnumSet.of(Feature.SSE, Feature.SSE2, Feature.SSE3, Feature.SSSE3,
            Feature.SSE41, Feature.SSE42, Feature.POPCNT);

    static final Map<Form, String> EXCLUDED = new EnumMap<>(Form.class);

    static {
        String approx = "approximation; the host's (AMD) tables differ from Intel's and are not documented: "
                + "bound-checked against the host in cpu's FpApproxConformanceTest";
        EXCLUDED.put(Form.RCPPS_Vps_Wps, approx);
        EXCLUDED.put(Form.RCPSS_Vss_Wss, approx);
        EXCLUDED.put(Form.RSQRTPS_Vps_Wps, approx);
        EXCLUDED.put(Form.RSQRTSS_Vss_Wss, approx);
    }

    /** True for the SSE-family forms with an MMX or x87 register operand (left to the x87/MMX part). */
    static boolean mmxOrX87(Form f) {
        for (int k = 0; k < f.operandCount(); k++) {
            switch (f.operand(k).method) {
                case P, Q, N, ST0, STI -> {
                    return true;
                }
                default -> { }
            }
        }
        return f.name().startsWith("FISTTP");
    }

    /** The SSE-family forms of the table this campaign is about. */
    static boolean sseFamily(Form f) {
        return FAMILY.contains(f.feature()) && !mmxOrX87(f);
    }

    static final long DATA = HostCpu.DATA_PAGE;

    static final class Insn {
        byte[] bytes;
        Form form;
        boolean fixup;
        long address;
        /** RIP-relative operand: offset of its disp32 in {@link #bytes} (-1: none) and the absolute target. */
        int ripPatchAt = -1;
        long ripTarget;
    }

    static final class Case {
        boolean bits64;
        List<Insn> insns = new ArrayList<>();
        byte[] code;
        long codeStart;
        long[] regs = new long[16];
        long flags;
        long dataSeed;
        byte[] page;
        final long[] xmmLo = new long[16], xmmHi = new long[16];
        int mxcsr;

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append(bits64 ? "64-bit" : "32-bit").append(" SSE case, code at 0x").append(Long.toHexString(codeStart))
                    .append(", data seed 0x").append(Long.toHexString(dataSeed)).append('\n');
            Decoder d = new Decoder(bits64 ? Mode.BITS64 : Mode.BITS32);
            for (Insn i : insns) {
                Instruction ins = d.decode(i.bytes, 0, i.bytes.length);
                StringBuilder hex = new StringBuilder();
                for (byte x : i.bytes) {
                    hex.append(String.format("%02x ", x & 0xFF));
                }
                String asm = ins.isValid() ? org.hot86.decoder.format.IntelFormatter.format(ins, i.address) : "(invalid)";
                b.append(String.format("  %08x: %-36s %-44s %s%s%n", i.address, hex, asm, i.form, i.fixup ? " [fixup]" : ""));
            }
            b.append("  initial: mxcsr=0x").append(Integer.toHexString(mxcsr)).append(" rflags=0x")
                    .append(Long.toHexString(flags)).append('\n');
            int n = bits64 ? 16 : 8;
            for (int r = 0; r < n; r++) {
                b.append(String.format("    r%-2d=0x%016x  xmm%-2d=%016x_%016x%n", r, regs[r], r, xmmHi[r], xmmLo[r]));
            }
            return b.toString();
        }
    }

    /** Memory operands drawn with RIP-relative, 32-bit (67h) and SIB addressing (statistics). */
    static volatile long ripRelative, addr32, withSib;

    final boolean bits64;
    private final Decoder decoder;
    final List<Form> forms = new ArrayList<>();

    SseSequenceGen(boolean bits64) {
        this.bits64 = bits64;
        this.decoder = new Decoder(bits64 ? Mode.BITS64 : Mode.BITS32);
        for (Form f : Form.values()) {
            if (sseFamily(f) && !EXCLUDED.containsKey(f) && Interpreter.implementedForms().contains(f)
                    && !encodingsFor(f).isEmpty()) {
                forms.add(f);
            }
        }
    }

    List<Encoding> encodingsFor(Form f) {
        List<Encoding> r = new ArrayList<>();
        for (Encoding e : f.encodings()) {
            if ((bits64 && e.i64) || (!bits64 && (e.o64 || e.w == 1))) {
                continue;
            }
            r.add(e);
        }
        return r;
    }

    // ---- randomness ----------------------------------------------------------------------------

    private RandomnessSource in;

    private int pick(int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    private long any() {
        return in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private boolean chance(int oneIn) {
        return pick(0, oneIn - 1) == 0;
    }

    /** An edge-biased binary32 bit pattern. */
    int edge32() {
        int sign = chance(2) ? 0x80000000 : 0;
        int v = switch (pick(0, 17)) {
            case 0 -> 0;                                        // zero
            case 1 -> pick(1, 0x7FFFFF);                        // denormal
            case 2 -> chance(2) ? 1 : 0x7FFFFF;                 // extreme denormals
            case 3 -> 0x00800000 + (chance(2) ? 0 : pick(0, 3)); // smallest normals
            case 4 -> 0x7F7FFFFF - pick(0, 3);                  // largest normals
            case 5 -> 0x7F800000;                               // infinity
            case 6 -> 0x7FC00000 | (chance(2) ? 0 : pick(1, 0x3FFFFF)); // QNaN (payload)
            case 7 -> 0x7F800000 | pick(1, 0x3FFFFF);           // SNaN
            case 8 -> 0x3F800000 + pick(-2, 2);                 // around 1
            case 9 -> new int[] {0x3F000000, 0x3FC00000, 0x40200000, 0x40600000, 0x3EFFFFFF, 0x3F000001}[pick(0, 5)]; // halves
            case 10 -> new int[] {0x4F000000, 0x4EFFFFFF, 0x5F000000, 0x5EFFFFFF, 0x4B000000, 0x4AFFFFFF}[pick(0, 5)]
                    + pick(-1, 1);                              // 2^31, 2^63, 2^23 boundaries
            case 11 -> (pick(100, 150) << 23) | pick(0, 0x7FFFFF); // moderate magnitudes
            case 12 -> (pick(1, 30) << 23) | pick(0, 0x7FFFFF);    // near underflow
            case 13 -> (pick(225, 254) << 23) | pick(0, 0x7FFFFF); // near overflow
            case 14 -> (pick(120, 135) << 23) | (chance(2) ? 0 : 0x7FFFFF ^ pick(0, 15)); // rounding patterns
            default -> (int) any() & 0x7FFFFFFF;
        };
        return v | sign;
    }

    /** An edge-biased binary64 bit pattern. */
    long edge64() {
        long sign = chance(2) ? Long.MIN_VALUE : 0;
        long frac = 0xFFFFFFFFFFFFFL;
        long v = switch (pick(0, 17)) {
            case 0 -> 0;
            case 1 -> any() & frac;
            case 2 -> chance(2) ? 1 : frac;
            case 3 -> 0x0010000000000000L + pick(0, 3);
            case 4 -> 0x7FEFFFFFFFFFFFFFL - pick(0, 3);
            case 5 -> 0x7FF0000000000000L;
            case 6 -> 0x7FF8000000000000L | (chance(2) ? 0 : any() & 0x7FFFFFFFFFFFFL);
            case 7 -> 0x7FF0000000000000L | ((any() & 0x7FFFFFFFFFFFFL) | 1);
            case 8 -> 0x3FF0000000000000L + pick(-2, 2);
            case 9 -> new long[] {0x3FE0000000000000L, 0x3FF8000000000000L, 0x4004000000000000L, 0x400C000000000000L,
                    0x3FDFFFFFFFFFFFFFL}[pick(0, 4)];
            case 10 -> new long[] {0x41E0000000000000L, 0x41DFFFFFFFC00000L, 0x41DFFFFFFFE00000L, 0x43E0000000000000L,
                    0x43DFFFFFFFFFFFFFL, 0x4330000000000000L, 0x41F0000000000000L}[pick(0, 6)] + pick(-1, 1);
            case 11 -> ((long) pick(900, 1150) << 52) | (any() & frac);
            case 12 -> ((long) pick(1, 60) << 52) | (any() & frac);
            case 13 -> ((long) pick(1990, 2046) << 52) | (any() & frac);
            case 14 -> ((long) pick(1015, 1040) << 52) | (chance(2) ? 0 : frac ^ pick(0, 15));
            case 15 -> Double.doubleToRawLongBits(edge32AsDouble()); // singles widened: exact for CVTSD2SS edges
            default -> any() & Long.MAX_VALUE;
        };
        return v | sign;
    }

    private double edge32AsDouble() {
        float f = Float.intBitsToFloat(edge32());
        return Float.isNaN(f) ? 1.0 : f;
    }

    /** A 64-bit lane pattern: two singles, a double, integers, or random bits. */
    long lane(int kind) {
        return switch (kind) {
            case 0 -> (edge32() & 0xFFFFFFFFL) | (long) edge32() << 32;
            case 1 -> edge64();
            case 2 -> {
                long[] small = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000L, 0x61};
                long r = 0;
                for (int k = 0; k < 4; k++) {
                    r |= (small[pick(0, small.length - 1)] & 0xFFFF) << (16 * k);
                }
                yield chance(2) ? r : r & 0x00FF00FF00FF00FFL;
            }
            case 3 -> { // text: bytes from a small alphabet with occasional terminators (PCMPxSTRx)
                long r = 0;
                for (int k = 0; k < 8; k++) {
                    int c = chance(10) ? 0 : "abcAZ09 ".charAt(pick(0, 7));
                    r |= (long) c << (8 * k);
                }
                yield r;
            }
            default -> any();
        };
    }

    /**
     * A value related to {@code v} lane by lane, to provoke cancellation and rounding at the last place: the same
     * value, its negation, a neighbour a few ulps away, or a value 2^k smaller (k around the precision, so the sum
     * lies next to a rounding boundary).
     */
    long related(long v, boolean single) {
        int how = pick(0, 4);
        if (single) {
            long r = 0;
            for (int k = 0; k < 2; k++) {
                int x = (int) (v >>> (32 * k));
                int y = switch (how) {
                    case 0 -> x;
                    case 1 -> x ^ 0x80000000;
                    case 2 -> x + pick(-3, 3);
                    case 3 -> (x & 0x807FFFFF) | Math.max(0, Math.min(0xFE, ((x >>> 23) & 0xFF) - pick(20, 27))) << 23;
                    default -> (x & 0x807FFFFF) ^ (chance(2) ? 0x80000000 : 0) | ((x >>> 23) & 0xFF) << 23;
                };
                r |= (y & 0xFFFFFFFFL) << (32 * k);
            }
            return r;
        }
        return switch (how) {
            case 0 -> v;
            case 1 -> v ^ Long.MIN_VALUE;
            case 2 -> v + pick(-3, 3);
            case 3 -> (v & 0x800FFFFFFFFFFFFFL)
                    | (long) Math.max(0, Math.min(0x7FE, (int) ((v >>> 52) & 0x7FF) - pick(49, 56))) << 52;
            default -> v ^ (any() & 0xFFFF);
        };
    }

    private static boolean singleForm(Form f) {
        String n = f.name();
        return !(n.contains("PD") || n.contains("SD"));
    }

    private static boolean fpForm(Form f) {
        String n = f.name();
        return n.contains("PS") || n.contains("PD") || n.contains("SS") || n.contains("SD");
    }

    int mxcsr() {
        int m = pick(0, 3) << 13;
        if (chance(4)) {
            m |= 1 << 15; // FTZ
        }
        if (chance(4)) {
            m |= 1 << 6; // DAZ
        }
        if (chance(2)) {
            m |= 0x3F << 7;
        } else {
            for (int k = 0; k < 6; k++) {
                if (!chance(4)) {
                    m |= 1 << (7 + k);
                }
            }
        }
        if (chance(4)) {
            m |= pick(0, 0x3F);
        }
        return m;
    }

    Gen<Case> cases() {
        return src -> {
            this.in = src;
            return generate();
        };
    }

    // ---- a case -------------------------------------------------------------------------------

    private Case generate() {
        Case c = new Case();
        c.bits64 = bits64;
        long[] ints = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
                Long.MAX_VALUE, Long.MIN_VALUE, -1, 16, 8, 15, 17};
        for (int r = 0; r < 16; r++) {
            long v = switch (pick(0, 2)) {
                case 0 -> ints[pick(0, ints.length - 1)];
                case 1 -> pick(-40, 40);
                default -> any();
            };
            c.regs[r] = bits64 ? v : v & 0xFFFFFFFFL;
        }
        c.regs[4] = DATA + 0x800;
        c.flags = (pick(0, 0xFFF) & Flags.STATUS) | Flags.IF | 2;
        c.dataSeed = any();
        c.page = HostCpu.dataPage(c.dataSeed);
        int kind = pick(0, 4);
        for (int r = 0; r < 16; r++) {
            int k = chance(3) ? pick(0, 4) : kind;
            c.xmmLo[r] = lane(k);
            c.xmmHi[r] = lane(k);
        }
        c.mxcsr = mxcsr();
        int groups = pick(1, 4);
        for (int g = 0; g < groups; g++) {
            List<Insn> group = null;
            for (int attempt = 0; attempt < 30 && group == null; attempt++) {
                group = drawGroup(c);
            }
            if (group != null) {
                c.insns.addAll(group);
            }
        }
        layout(c);
        return c;
    }

    private void layout(Case c) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Insn i : c.insns) {
            o.write(i.bytes, 0, i.bytes.length);
        }
        c.code = o.toByteArray();
        c.codeStart = HostCpu.EXIT_AT - c.code.length;
        long a = c.codeStart;
        for (Insn i : c.insns) {
            i.address = a;
            a += i.bytes.length;
        }
        int at = 0;
        for (Insn i : c.insns) {
            if (i.ripPatchAt >= 0) {
                long disp = i.ripTarget - (i.address + i.bytes.length);
                putBytes(i.bytes, i.ripPatchAt, disp, 4);
                System.arraycopy(i.bytes, 0, c.code, at, i.bytes.length);
            }
            at += i.bytes.length;
        }
    }

    private Insn movImm(int reg, long value, boolean wide) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int rex = (wide && bits64 ? 0x48 : 0) | (reg >= 8 ? 0x41 : 0);
        if (rex != 0) {
            b.write(rex | 0x40);
        }
        b.write(0xC7);
        b.write(0xC0 | (reg & 7));
        for (int k = 0; k < 4; k++) {
            b.write((int) (value >>> (8 * k)));
        }
        Insn i = new Insn();
        i.form = Form.MOV_Ev_Iz;
        i.bytes = b.toByteArray();
        i.fixup = true;
        return i;
    }

    private static void putBytes(byte[] page, int off, long v, int n) {
        for (int k = 0; k < n && off + k < page.length; k++) {
            page[off + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Fills 16 bytes of the data page at {@code off} with edge values suited to the form. */
    private void seedOperand(Case c, Form f, int off) {
        String n = f.name();
        int kind = n.contains("PD") || n.contains("SD") ? 1 : n.contains("PS") || n.contains("SS") ? 0
                : n.startsWith("PCMP") && n.contains("STR") ? 3 : pick(0, 4);
        if (off <= HostCpu.PAGE - 16) {
            putBytes(c.page, off, lane(kind), 8);
            putBytes(c.page, off + 8, lane(kind), 8);
        }
        if (f == Form.LDMXCSR_Md && off <= HostCpu.PAGE - 4) {
            long v = chance(8) ? any() & 0xFFFFFFFFL : mxcsr();
            if ((v >>> 16) == 2) {
                v &= ~(1L << 17); // AMD's MXCSR bit 17 (MM): the host accepts it, Intel's MXCSR_MASK (hot86) does not
            }
            putBytes(c.page, off, v, 4);
        }
    }

    private boolean has(Form f, OperandSpec.Method m) {
        for (int k = 0; k < f.operandCount(); k++) {
            if (f.operand(k).method == m) {
                return true;
            }
        }
        return false;
    }

    private List<Insn> drawGroup(Case c) {
        Form f = forms.get(pick(0, forms.size() - 1));
        List<Encoding> encs = encodingsFor(f);
        Encoding e = encs.get(pick(0, encs.size() - 1));
        List<Insn> fix = new ArrayList<>();
        int nregs = bits64 ? 16 : 8;
        // implicit registers
        boolean pcmpestr = f == Form.PCMPESTRI_Vx_Wx_Ib || f == Form.PCMPESTRM_Vx_Wx_Ib;
        List<Integer> reserved = new ArrayList<>(List.of(4));
        if (pcmpestr) {
            fix.add(movImm(0, chance(4) ? any() : pick(-20, 20), true));
            fix.add(movImm(2, chance(4) ? any() : pick(-20, 20), true));
            reserved.add(0);
            reserved.add(2);
        }
        if (f == Form.MASKMOVDQU_Vx_Ux) {
            int off = chance(16) ? pick(0xFF1, 0xFFF) : pick(0, 0xFF0);
            long at = !bits64 && chance(16) ? 0xFFFFFFE8L + pick(0, 23) : DATA + off; // 32-bit: across 4 GiB
            fix.add(movImm(7, at, false));
            reserved.add(7);
        }
        boolean rexW = bits64 && (e.w == 1 || (e.w != 0 && chance(3)));
        boolean p66 = (f == Form.CRC32_Gy_Ev || f == Form.POPCNT_Gv_Ev) && chance(4);
        boolean memOp;
        if (has(f, OperandSpec.Method.M) || e.mod == Encoding.MOD_MEM) {
            memOp = true;
        } else if (has(f, OperandSpec.Method.U) || has(f, OperandSpec.Method.R) || e.mod == Encoding.MOD_REG) {
            memOp = false;
        } else {
            memOp = e.hasModrm && chance(2);
        }
        int regField = e.reg >= 0 ? e.reg : pick(0, nregs - 1);
        if (has(f, OperandSpec.Method.G) && regField == 4) {
            regField = 5; // never write RSP
        }
        int modrm;
        int sib = -1;
        int disp8 = 0;
        boolean hasDisp = false;
        boolean disp32 = false;
        boolean p67 = false;
        long ripTarget = -1;
        int rexX = 0;
        int rexR = regField >> 3, rexB = 0;
        int ripPatchAt = -1;
        if (memOp) {
            int base;
            do {
                base = pick(0, nregs - 1);
            } while (reserved.contains(base));
            int off = chance(32) ? pick(0xFF1, 0xFFF) : chance(8) ? pick(0, 0xFF8) : pick(0, 0xFF) * 16;
            seedOperand(c, f, off);
            if (fpForm(f) && off <= HostCpu.PAGE - 16 && chance(3)) {
                int d = regField & (nregs - 1);
                putBytes(c.page, off, related(c.xmmLo[d], singleForm(f)), 8);
                putBytes(c.page, off + 8, related(c.xmmHi[d], singleForm(f)), 8);
            }
            int d = chance(2) ? 0 : pick(-4, 4) * 16;
            hasDisp = true;
            disp8 = d;
            int mode = pick(0, 7);
            long addr = DATA + off;
            if (!bits64 && chance(64)) {
                addr = 0xFFFFFFE8L + pick(0, 23); // an access reaching past the 4 GiB segment limit
            }
            if (bits64 && mode == 0) {
                // RIP-relative: disp32 from the end of the instruction (after any imm8)
                modrm = (regField & 7) << 3 | 5;
                disp32 = true;
                ripTarget = DATA + off;
                addr = DATA + off;
            } else if (mode <= 2) {
                // [base + index*scale + disp8]
                int index;
                do {
                    index = pick(0, nregs - 1);
                } while (reserved.contains(index) || index == base);
                int scale = pick(0, 3);
                long idx = pick(0, 8);
                fix.add(movImm(index, idx, true));
                fix.add(movImm(base, addr - d - (idx << scale), false));
                modrm = 0x44 | (regField & 7) << 3;
                sib = scale << 6 | (index & 7) << 3 | (base & 7);
                rexX = index >> 3;
                rexB = base >> 3;
            } else {
                fix.add(movImm(base, addr - d, false));
                modrm = 0x40 | (regField & 7) << 3 | (base & 7);
                if ((base & 7) == 4) {
                    sib = 0x20 | (base & 7);
                }
                rexB = base >> 3;
            }
            p67 = bits64 && mode == 7; // 32-bit addressing in 64-bit mode (the data page is below 4 GiB)
        } else {
            int rm = pick(0, nregs - 1);
            if (has(f, OperandSpec.Method.E) && rm == 4 && !has(f, OperandSpec.Method.V)) {
                rm = 3;
            }
            rexB = rm >> 3;
            modrm = 0xC0 | (regField & 7) << 3 | (rm & 7);
            if (fpForm(f) && rm != regField && chance(3)) {
                c.xmmLo[rm] = related(c.xmmLo[regField & (nregs - 1)], singleForm(f));
                c.xmmHi[rm] = related(c.xmmHi[regField & (nregs - 1)], singleForm(f));
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (p66) {
            b.write(0x66);
        }
        boolean lock = chance(128);
        if (lock) {
            b.write(0xF0); // never lockable: #UD
        }
        if (memOp && chance(10)) {
            b.write(new int[] {0x26, 0x2E, 0x36, 0x3E}[pick(0, 3)]); // ES/CS/SS/DS (CS is read-only outside 64-bit)
        }
        if (p67) {
            b.write(0x67);
        }
        switch (e.prefix) {
            case Encoding.PFX_66 -> b.write(0x66);
            case Encoding.PFX_F2 -> b.write(0xF2);
            case Encoding.PFX_F3 -> b.write(0xF3);
            default -> { }
        }
        if (bits64) {
            int rex = (rexW ? 8 : 0) | rexR << 2 | rexX << 1 | rexB;
            if (rex != 0 || chance(6)) {
                b.write(0x40 | rex);
            }
        }
        switch (e.map) {
            case Encoding.MAP_0F -> b.write(0x0F);
            case Encoding.MAP_0F38 -> {
                b.write(0x0F);
                b.write(0x38);
            }
            case Encoding.MAP_0F3A -> {
                b.write(0x0F);
                b.write(0x3A);
            }
            default -> { }
        }
        b.write(e.opcode);
        if (e.hasModrm) {
            if (e.rm >= 0) {
                modrm = 0xC0 | (regField & 7) << 3 | e.rm;
            }
            b.write(modrm);
            if (sib >= 0) {
                b.write(sib);
            }
            if (disp32) {
                ripPatchAt = b.size();
                b.write(0);
                b.write(0);
                b.write(0);
                b.write(0);
            } else if (hasDisp) {
                b.write(disp8);
            }
        }
        for (int k = 0; k < f.operandCount(); k++) {
            if (f.operand(k).method == OperandSpec.Method.I) {
                int imm = switch (pick(0, 3)) {
                    case 0 -> pick(0, 20);
                    case 1 -> new int[] {15, 16, 31, 32, 63, 64, 0x80, 0xFF, 0x0C, 0x08, 0x4C, 0x18}[pick(0, 11)];
                    default -> pick(0, 255);
                };
                b.write(imm);
            }
        }
        Insn main = new Insn();
        main.form = f;
        main.bytes = b.toByteArray();
        if (disp32) {
            main.ripPatchAt = ripPatchAt;
            main.ripTarget = ripTarget;
            ripRelative++;
        } else if (p67) {
            addr32++;
        } else if (sib >= 0) {
            withSib++;
        }
        Instruction d = new Instruction();
        int r = decoder.decode(main.bytes, 0, main.bytes.length, d);
        if (lock) {
            fix.add(main);
            return fix; // the decoder reports the LOCK violation; both sides raise #UD
        }
        if (r != main.bytes.length || d.form() != f) {
            return null; // e.g. an encoding whose register/memory split selects another form
        }
        fix.add(main);
        return fix;
    }
}
