package org.hot86.conformance.host;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Feature;
import org.hot86.decoder.Flags;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generator of random x87/MMX instruction sequences (64-bit mode) for {@link X87VsHostTest}, drawn
 * from the decoder's table: every form of feature X87, MMX or FXSR, FWAIT, and the SSE-family forms with an MMX
 * register operand ({@link #inScope}). The encoding of each form is built from its table encoding
 * ({@link Form#encoding()}): ModRM register fields are random (general registers only among RAX, RCX, RDX, RBP,
 * RSI so that RBX, the data-page base, and RSP survive), memory operands are [RBX + disp32] into the 4 KiB data
 * page, sometimes reaching past its end (#PF), and sometimes misaligned; 66 (16-bit environment layouts) and
 * REX.W (MOVQ, FXSAVE64) are added at random where they change the form's behaviour.
 *
 * <p>Values favour the edges: x87 registers and m80 operands hold zeros, denormals, pseudo-denormals,
 * unnormals, pseudo-infinities and pseudo-NaNs (unsupported encodings), infinities, QNaN/SNaN, values next to
 * rounding boundaries and integer limits; m32/m64 operands the binary32/binary64 edges; integer and BCD
 * operands their limits and invalid digits. The control word is random (precision, rounding, masks; one case in
 * four has unmasked exceptions), and the initial status word may carry sticky flags or, rarely, a pending
 * unmasked exception (so the first waiting instruction raises #MF). A case is 1-4 instructions; a
 * transcendental is drawn alone ({@link Case#transcendental}) so the campaign can report its exact rate.
 */
final class X87SequenceGen {
    static final long DATA = HostCpu.DATA_PAGE;
    static final Set<Feature> SSE_FAMILY = EnumSet.of(Feature.SSE, Feature.SSE2, Feature.SSE3, Feature.SSSE3,
            Feature.SSE41, Feature.SSE42);
    static final Set<Form> TRANSCENDENTAL = EnumSet.of(Form.FSIN, Form.FCOS, Form.FSINCOS, Form.FPTAN, Form.FPATAN,
            Form.F2XM1, Form.FYL2X, Form.FYL2XP1);

    /** True for the forms this campaign covers. */
    static boolean inScope(Form f) {
        if (f.feature() == Feature.X87 || f.feature() == Feature.MMX || f.feature() == Feature.FXSR
                || f == Form.FWAIT) {
            return true;
        }
        if (!SSE_FAMILY.contains(f.feature())) {
            return false;
        }
        String[] parts = f.name().split("_");
        for (int k = 1; k < parts.length; k++) {
            char c = parts[k].charAt(0);
            if (c == 'P' || c == 'N' || c == 'Q') {
                return true;
            }
        }
        return false;
    }

    static final class Insn {
        Form form;
        byte[] bytes;
        long address;
        /** Data-page offset of the memory operand, or -1. */
        int memOffset = -1;
    }

    static final class Case {
        final List<Insn> insns = new ArrayList<>();
        byte[] code;
        long codeStart;
        long dataSeed;
        final long[] regs = new long[16];
        long flags;
        int mxcsr;
        final long[] xmmLo = new long[16], xmmHi = new long[16];
        byte[] page;
        /** The initial FXSAVE64 image (x87 part; MXCSR field = {@link #mxcsr}). */
        final byte[] fx = new byte[512];
        boolean transcendental;
        /**
         * For a transcendental: true when its operands were drawn inside the SDM's defined domain
         * ({@link X87SequenceGen#inRange}), false for the edge-valued state of any other case.
         */
        boolean inDomain;

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("64-bit x87/MMX case, code at 0x" + Long.toHexString(codeStart) + "\n");
            for (Insn i : insns) {
                Instruction ins = new Instruction();
                new Decoder(Mode.BITS64).decode(i.bytes, 0, i.bytes.length, ins);
                StringBuilder hex = new StringBuilder();
                for (byte x : i.bytes) {
                    hex.append(String.format("%02x ", x & 0xFF));
                }
                String asm = ins.isValid() ? org.hot86.decoder.format.IntelFormatter.format(ins, i.address) : "(invalid)";
                b.append(String.format("  %08x: %-36s %-40s %s%n", i.address, hex, asm, i.form));
            }
            ByteBuffer f = ByteBuffer.wrap(fx).order(ByteOrder.LITTLE_ENDIAN);
            b.append(String.format("  fcw=%04x fsw=%04x ftw(abridged)=%02x mxcsr=%08x rflags=%x dataSeed=%d%n",
                    f.getShort(0) & 0xFFFF, f.getShort(2) & 0xFFFF, fx[4] & 0xFF, mxcsr, flags, dataSeed));
            for (int k = 0; k < 8; k++) {
                b.append(String.format("    st%d=%04x_%016x  r%-2d=0x%016x  xmm%d=%016x_%016x%n", k,
                        f.getShort(32 + 16 * k + 8) & 0xFFFF, f.getLong(32 + 16 * k), k, regs[k], k, xmmHi[k], xmmLo[k]));
            }
            return b.toString();
        }
    }

    final List<Form> forms = new ArrayList<>();
    private final List<Form> plain = new ArrayList<>();
    private RandomnessSource in;

    X87SequenceGen() {
        for (Form f : Form.values()) {
            if (inScope(f) && !f.encoding().isEmpty()) {
                forms.add(f);
                if (!TRANSCENDENTAL.contains(f)) {
                    plain.add(f);
                }
            }
        }
    }

    private int pick(int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    private long any() {
        return in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private boolean chance(int oneIn) {
        return pick(0, oneIn - 1) == 0;
    }

    Gen<Case> cases() {
        return src -> {
            this.in = src;
            return generate();
        };
    }

    // ---- values -------------------------------------------------------------------------------

    /** An edge-biased 80-bit value: {se, significand}. */
    long[] f80() {
        int sign = chance(2) ? 0x8000 : 0;
        long m = any();
        int e;
        switch (pick(0, 13)) {
            case 0 -> { e = 0; m = 0; }                                      // zero
            case 1 -> { e = 0; m &= Long.MAX_VALUE; }                        // denormal
            case 2 -> { e = 0; m |= Long.MIN_VALUE; }                        // pseudo-denormal
            case 3 -> { e = pick(1, 0x7FFE); m &= Long.MAX_VALUE; }          // unnormal (unsupported)
            case 4 -> { e = 0x7FFF; m = Long.MIN_VALUE; }                    // infinity
            case 5 -> { e = 0x7FFF; m = chance(2) ? 0xC000000000000000L : m | 0xC000000000000000L; } // QNaN
            case 6 -> { e = 0x7FFF; m = (m & 0x3FFFFFFFFFFFFFFFL | 1) | Long.MIN_VALUE; } // SNaN
            case 7 -> { e = 0x7FFF; m &= Long.MAX_VALUE; }                   // pseudo-NaN / pseudo-infinity
            case 8 -> { e = 0x3FFF + pick(-3, 64); m = chance(2) ? Long.MIN_VALUE | (m >>> pick(1, 63)) << 0 : m | Long.MIN_VALUE; }
            case 9 -> { e = 0x3FFF + pick(0, 70); m = Long.MIN_VALUE | (1L << pick(0, 62)) | (chance(2) ? 1 : 0); } // .5 boundaries
            case 10 -> { e = chance(2) ? pick(1, 40) : pick(0x7FFE - 40, 0x7FFE); m |= Long.MIN_VALUE; } // range ends
            case 11 -> { e = 0x3FFF + pick(-70, 70); m = chance(2) ? -1L : Long.MIN_VALUE; }
            case 12 -> { e = pick(0x3FFF - 16400, 0x3FFF + 16400) & 0x7FFF; m |= Long.MIN_VALUE; }
            default -> { e = 0x3FFF + pick(-20, 20); m |= Long.MIN_VALUE; }
        }
        return new long[] {sign | (e & 0x7FFF), m};
    }

    long f32() {
        int s = chance(2) ? 0x80000000 : 0;
        int r = (int) any();
        return (s | switch (pick(0, 9)) {
            case 0 -> 0;
            case 1 -> r & 0x7FFFFF;
            case 2 -> 0x7F800000;
            case 3 -> 0x7FC00000 | (r & 0x3FFFFF);
            case 4 -> 0x7F800000 | (r & 0x3FFFFF | 1);
            case 5 -> 0x3F800000 + pick(-8, 8);
            case 6 -> (pick(0x3F, 0x5F) << 23) | (r & 0x7FFFFF);
            default -> r & 0x7FFFFFFF;
        }) & 0xFFFFFFFFL;
    }

    long f64() {
        long s = chance(2) ? Long.MIN_VALUE : 0;
        long r = any();
        long frac = r & 0xFFFFFFFFFFFFFL;
        return s | switch (pick(0, 9)) {
            case 0 -> 0;
            case 1 -> frac;
            case 2 -> 0x7FF0000000000000L;
            case 3 -> 0x7FF8000000000000L | frac;
            case 4 -> 0x7FF0000000000000L | (frac & 0x7FFFFFFFFFFFFL | 1);
            case 5 -> 0x3FF0000000000000L + pick(-8, 8);
            case 6 -> ((long) pick(0x3FF, 0x43F) << 52) | frac;
            default -> r & Long.MAX_VALUE;
        };
    }

    long int64(int bits) {
        long[] e = {0, 1, -1, 2, -2, 0x7FFF, -0x8000, 0x7FFFFFFFL, -0x80000000L, Long.MAX_VALUE, Long.MIN_VALUE};
        long v = chance(2) ? e[pick(0, e.length - 1)] : chance(2) ? pick(-1000, 1000) : any();
        return v;
    }

    /** An 80-bit packed BCD operand: valid 18-digit values, invalid digits, the indefinite encoding. */
    byte[] bcd() {
        byte[] b = new byte[10];
        int digits = pick(0, 18);
        for (int k = 0; k < 9; k++) {
            int lo = 2 * k < digits ? pick(0, 9) : 0;
            int hi = 2 * k + 1 < digits ? pick(0, 9) : 0;
            b[k] = (byte) (lo | hi << 4);
        }
        if (chance(6)) {
            b[pick(0, 8)] |= (byte) (pick(10, 15) << (chance(2) ? 4 : 0));
        }
        b[9] = (byte) (chance(2) ? 0x80 : 0);
        if (chance(10)) {
            b[9] = (byte) pick(0, 255);
        }
        if (chance(20)) {
            for (int k = 0; k < 10; k++) {
                b[k] = (byte) (k >= 7 ? 0xFF : 0);
            }
            b[7] = (byte) 0xC0;
        }
        return b;
    }

    int controlWord() {
        int pc = chance(5) ? pick(0, 3) : chance(2) ? 3 : chance(2) ? 2 : 0;
        int rc = pick(0, 3);
        int masks = chance(4) ? pick(0, 0x3F) : 0x3F;
        return 0x40 | masks | pc << 8 | rc << 10 | (chance(8) ? 0x1000 : 0);
    }

    // ---- a case -------------------------------------------------------------------------------

    private Case generate() {
        Case c = new Case();
        long[] ints = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
                Long.MAX_VALUE, Long.MIN_VALUE, -1, 16, 8};
        for (int r = 0; r < 16; r++) {
            c.regs[r] = chance(2) ? ints[pick(0, ints.length - 1)] : any();
        }
        c.regs[3] = DATA;                        // RBX: base of every memory operand
        c.regs[4] = DATA + 0x800;                // RSP
        c.regs[7] = DATA + pick(0, 0xFFF);       // RDI: MASKMOVQ destination
        c.flags = (pick(0, 0xFFF) & Flags.STATUS) | Flags.IF | 2;
        c.dataSeed = any();
        c.page = HostCpu.dataPage(c.dataSeed);
        c.mxcsr = 0x1F80 | pick(0, 3) << 13 | (chance(4) ? pick(0, 0x3F) : 0) | (chance(8) ? 0x8040 : 0);
        if (chance(8)) {
            c.mxcsr &= ~(pick(0, 0x3F) << 7);
        }
        for (int r = 0; r < 16; r++) {
            c.xmmLo[r] = chance(2) ? f32() | f32() << 32 : chance(2) ? f64() : any();
            c.xmmHi[r] = chance(2) ? f32() | f32() << 32 : chance(2) ? f64() : any();
        }
        initialFpu(c);
        if (chance(12)) {
            c.transcendental = true;
            Form f = TRANSCENDENTAL.toArray(new Form[0])[pick(0, TRANSCENDENTAL.size() - 1)];
            c.inDomain = !chance(5);
            if (c.inDomain) {
                inRange(c, f);
            }
            c.insns.add(encode(c, f));
        } else {
            int n = pick(1, 4);
            for (int k = 0; k < n; k++) {
                c.insns.add(encode(c, plain.get(pick(0, plain.size() - 1))));
            }
        }
        layout(c);
        return c;
    }

    /** 1 - sqrt(2)/2, the bound of FYL2XP1's domain, as the fraction bits of a significand at exponent -2. */
    private static final long FYL2XP1_FRACTION = (long) (0.1715728752538097 * 0x1p63);

    /**
     * ST(0) and ST(1) of a transcendental case: valid normal values inside the SDM's defined domain (the
     * "random in-range inputs" of the issue): trigonometric arguments and FPATAN operands of magnitude
     * 2^-70..2^70 (arguments of 2^63 and more report C2, which is defined), FYL2X x &gt; 0, F2XM1
     * -1 &lt;= x &lt;= 1, FYL2XP1 |x| &lt; 1 - sqrt(2)/2.
     */
    private void inRange(Case c, Form f) {
        ByteBuffer b = ByteBuffer.wrap(c.fx).order(ByteOrder.LITTLE_ENDIAN);
        int top = (b.getShort(2) >>> 11) & 7;
        for (int k = 0; k < 2; k++) {
            int e = pick(-70, 70);
            long m = any() | Long.MIN_VALUE;
            int sign = chance(2) ? 0x8000 : 0;
            if (k == 0 && f == Form.FYL2X) {
                sign = 0;
            } else if (k == 0 && f == Form.F2XM1) {
                e = pick(-66, 0);
                if (e == 0) {
                    m = Long.MIN_VALUE; // +-1 exactly
                }
            } else if (k == 0 && f == Form.FYL2XP1) {
                e = pick(-66, -2);
                if (e == -2) {
                    m = Long.MIN_VALUE | Long.remainderUnsigned(m, FYL2XP1_FRACTION);
                }
            }
            b.putLong(32 + 16 * k, m).putShort(40 + 16 * k, (short) ((0x3FFF + e) | sign));
            b.put(4, (byte) (b.get(4) | 1 << ((top + k) & 7)));
        }
    }

    private void initialFpu(Case c) {
        ByteBuffer f = ByteBuffer.wrap(c.fx).order(ByteOrder.LITTLE_ENDIAN);
        int cw = controlWord();
        int top = pick(0, 7);
        int cc = pick(0, 15);
        int sw = (cc & 1) << 8 | (cc & 2) << 8 | (cc & 4) << 8 | (cc & 8) << 11 | top << 11;
        if (chance(4)) {
            sw |= pick(0, 0x3F) & cw & 0x3F; // sticky flags of masked exceptions
        }
        if (chance(24)) {
            int un = ~cw & 0x3F;
            if (un != 0) {
                sw |= (un & -un) | 0x80 | 0x8000; // a pending unmasked exception: ES and B
            }
        }
        int tags = chance(3) ? 0xFF : chance(2) ? 0 : pick(0, 255);
        f.putShort(0, (short) cw).putShort(2, (short) sw).put(4, (byte) tags);
        f.putInt(24, c.mxcsr).putInt(28, 0xFFFF);
        for (int k = 0; k < 8; k++) {
            long[] v = f80();
            f.putLong(32 + 16 * k, v[1]).putShort(40 + 16 * k, (short) v[0]);
        }
        for (int r = 0; r < 16; r++) {
            f.putLong(160 + 16 * r, c.xmmLo[r]).putLong(168 + 16 * r, c.xmmHi[r]);
        }
    }

    /** Memory operand size in bytes of a form (its memory operand's kind), 0 when it has none. */
    static int memBytes(Form f, int opSize) {
        String n = f.name();
        if (n.startsWith("FXSAVE") || n.startsWith("FXRSTOR")) {
            return 512;
        }
        if (n.startsWith("FLDENV") || n.startsWith("FNSTENV")) {
            return opSize == 16 ? 14 : 28;
        }
        if (n.startsWith("FNSAVE") || n.startsWith("FRSTOR")) {
            return opSize == 16 ? 94 : 108;
        }
        for (String p : n.substring(n.indexOf('_') + 1).split("_")) {
            switch (p) {
                case "Mw", "Ew": return 2;
                case "Md": return 4;
                case "Mq", "Qq", "Wq": return 8;
                case "Mt": return 10;
                case "Wpd": return 16;
                case "Ey": return opSize == 64 ? 8 : 4;
                default: break;
            }
        }
        return 0;
    }

    private static final int[] SAFE_GPR = {0, 1, 2, 5, 6};

    private Insn encode(Case c, Form f) {
        String enc = f.encoding().split("\\|")[0].trim();
        String[] tok = enc.split("\\s+");
        String name = f.name();
        boolean memOnly = enc.endsWith("mem") || name.contains("_M");
        boolean regOnly = name.contains("_N") || name.contains("_U");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        boolean rexW = false;
        int opSize = 32;
        if ((name.startsWith("MOVD_") || name.startsWith("PEXTRW") || name.startsWith("PMOVMSKB")
                || name.startsWith("FXSAVE") || name.startsWith("FXRSTOR")) && chance(2)) {
            rexW = true;
            opSize = 64;
        }
        int k = 0;
        int legacy = -1;
        if (tok[0].equals("NP")) {
            k = 1;
        } else if (tok[0].equals("66") || tok[0].equals("F3") || tok[0].equals("F2")) {
            if (tok.length > 1 && tok[1].equals("0F")) {
                legacy = Integer.parseInt(tok[0], 16);
                k = 1;
            }
        }
        if ((name.startsWith("FLDENV") || name.startsWith("FNSTENV") || name.startsWith("FNSAVE")
                || name.startsWith("FRSTOR")) && chance(3)) {
            legacy = 0x66;
            opSize = 16;
        }
        if (legacy >= 0) {
            o.write(legacy);
        }
        if (rexW) {
            o.write(0x48);
        }
        int memOffset = -1;
        int bytes = memBytes(f, opSize);
        for (; k < tok.length; k++) {
            String t = tok[k];
            if (t.equals("mem")) {
                continue;
            }
            if (t.endsWith("+i")) {
                o.write(Integer.parseInt(t.substring(0, 2), 16) + pick(0, 7));
            } else if (t.startsWith("/")) {
                int reg = t.equals("/r") ? (name.contains("_G") ? SAFE_GPR[pick(0, 4)] : pick(0, 7)) : t.charAt(1) - '0';
                boolean mem = memOnly || (!regOnly && bytes > 0 && chance(2));
                if (mem) {
                    o.write(0x80 | reg << 3 | 3); // [rbx + disp32]
                    memOffset = offset(c, f, bytes);
                    for (int b = 0; b < 4; b++) {
                        o.write(memOffset >>> (8 * b));
                    }
                } else {
                    int rm = name.contains("_E") ? SAFE_GPR[pick(0, 4)] : pick(0, 7);
                    o.write(0xC0 | reg << 3 | rm);
                }
            } else {
                o.write(Integer.parseInt(t, 16));
            }
        }
        if (name.endsWith("_Ib")) {
            o.write(pick(0, 255));
        }
        if (memOffset >= 0) {
            patch(c, f, memOffset, bytes);
        }
        Insn i = new Insn();
        i.form = f;
        i.bytes = o.toByteArray();
        i.memOffset = memOffset;
        return i;
    }

    /** A data-page offset for a {@code bytes}-wide operand: mostly inside and 16-aligned, sometimes crossing the end. */
    private int offset(Case c, Form f, int bytes) {
        if (chance(20) && (bytes <= 10 || bytes == 16)) {
            // Page-crossing operands only up to 16 bytes (no 14-byte environment): the order in which the host touches a page-crossing
            // environment/FSAVE/FXSAVE image (hence CR2) is not modelled exactly (see X87VsHostTest).
            return HostCpu.PAGE - bytes + pick(1, bytes - 1);
        }
        if (f == Form.FXSAVE_M) {
            // FXSAVE images live in [0xC00, 0xF00), other operands below 0xC00 (or crossing the page end): the
            // MXCSR_MASK an FXSAVE writes is model-specific and must not flow into compared registers
            return 0xC00 + (pick(0, 0x100) & (chance(8) ? ~0 : ~15));
        }
        // The whole operand stays below 0xC00, so no load (a 94/108-byte FRSTOR image included)
        // reads an FXSAVE image's model-specific fields.
        int o = pick(0, 0xC00 - (f == Form.FXRSTOR_M ? 512 : bytes));
        if (!chance(8)) {
            o &= ~15;
        }
        return o;
    }

    /** Writes an edge value of the operand's format at the operand (loads), as the initial data page. */
    private void patch(Case c, Form f, int off, int bytes) {
        if (off + bytes > HostCpu.PAGE || chance(5)) {
            return;
        }
        ByteBuffer p = ByteBuffer.wrap(c.page).order(ByteOrder.LITTLE_ENDIAN);
        String n = f.name();
        boolean intOp = n.startsWith("FI") && !n.startsWith("FINCSTP") || n.startsWith("FBLD");
        if (n.startsWith("FXRSTOR")) {
            if (!chance(4)) {
                p.putInt(off + 24, 0x1F80 | pick(0, 3) << 13);
            }
            return;
        }
        if (n.startsWith("FLDCW")) {
            p.putShort(off, (short) controlWord());
            return;
        }
        switch (bytes) {
            case 2 -> p.putShort(off, (short) (n.startsWith("FI") ? int64(16) : any()));
            case 4 -> p.putInt(off, (int) (intOp ? int64(32) : f32()));
            case 8 -> p.putLong(off, intOp ? int64(64) : n.startsWith("F") ? f64() : any());
            case 10 -> {
                if (n.startsWith("FBLD")) {
                    byte[] b = bcd();
                    System.arraycopy(b, 0, c.page, off, 10);
                } else {
                    long[] v = f80();
                    p.putLong(off, v[1]).putShort(off + 8, (short) v[0]);
                }
            }
            case 16 -> p.putLong(off, f64()).putLong(off + 8, f64());
            default -> { }
        }
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
    }
}
