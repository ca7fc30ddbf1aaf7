package org.hot86.conformance.host;

import static org.hot86.cpu.Flags.*;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.semantics.Arithmetic;
import org.hot86.cpu.semantics.Bcd;
import org.hot86.cpu.semantics.BitOps;
import org.hot86.cpu.semantics.Logical;
import org.hot86.cpu.semantics.MulDiv;
import org.hot86.cpu.semantics.ShiftRotate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Decoder-independent check of the semantics methods against the host CPU: each case
 * is one register-register instruction (RAX op RBX, counts in CL), encoded here from the
 * SDM opcode maps, run natively and through the corresponding semantics method. Flags the
 * SDM calls undefined for the instruction are masked. The table-driven random-sequence
 * campaign ({@code InterpreterVsHostTest}) supersedes this once the interpreter runs; this
 * one pins the semantics layer on its own.
 */
class SemanticsVsHostTest {
    interface Apply {
        void apply(CpuState s, int size);
    }

    interface Undef {
        long mask(CpuState before, int size);
    }

    record Op(String name, int[] sizes, boolean only32, java.util.function.IntFunction<byte[]> enc, Apply apply,
            Undef undef) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final long ALL = CF | PF | AF | ZF | SF | OF;

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    /** Prefixes for an operand size (66 / REX.W) followed by the opcode bytes. */
    static byte[] sized(int size, int op8, int op, int... rest) {
        List<Integer> l = new ArrayList<>();
        if (size == 16) {
            l.add(0x66);
        }
        if (size == 64) {
            l.add(0x48);
        }
        l.add(size == 8 ? op8 : op);
        for (int r : rest) {
            l.add(r);
        }
        return bytes(l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** 0F-map instruction with an optional mandatory F3 prefix. */
    static byte[] of0f(int size, boolean f3, int op, int modrm) {
        List<Integer> l = new ArrayList<>();
        if (size == 16) {
            l.add(0x66);
        }
        if (f3) {
            l.add(0xF3);
        }
        if (size == 64) {
            l.add(0x48);
        }
        l.add(0x0F);
        l.add(op);
        l.add(modrm);
        return bytes(l.stream().mapToInt(Integer::intValue).toArray());
    }

    interface Bin {
        long op(CpuState s, int size, long d, long src);
    }

    static long reg(CpuState s, int r, int size) {
        return s.gpr[r] & mask(size);
    }

    static Apply binary(Bin b, boolean writes) {
        return (s, size) -> {
            long r = b.op(s, size, reg(s, 0, size), reg(s, 3, size));
            if (writes) {
                s.writeReg(0, size, false, r);
            }
        };
    }

    /** Undefined-flag mask, or -1 when the SDM leaves the result itself undefined. */
    static long shiftUndef(CpuState b, int size, boolean cfUndefAtSize, boolean rotate) {
        int c = ShiftRotate.maskCount(size, b.gpr[1]);
        if (!cfUndefAtSize && !rotate && size == 16 && c > 16) {
            return -1; // SHLD/SHRD: "If the count is greater than the operand size, the result is undefined"
        }
        if (c == 0) {
            return 0;
        }
        long m = rotate ? 0 : AF;
        if (c != 1) {
            m |= OF;
        }
        if (cfUndefAtSize && c >= size) {
            m |= CF;
        }
        return m;
    }

    static final int[] ALL_SIZES = {8, 16, 32, 64};
    static final int[] WIDE = {16, 32, 64};
    static final List<Op> OPS = new ArrayList<>();

    static {
        Object[][] alu = {{"ADD", 0x00, (Bin) Arithmetic::add, true}, {"OR", 0x08, (Bin) Logical::or, true},
                {"ADC", 0x10, (Bin) Arithmetic::adc, true}, {"SBB", 0x18, (Bin) Arithmetic::sbb, true},
                {"AND", 0x20, (Bin) Logical::and, true}, {"SUB", 0x28, (Bin) Arithmetic::sub, true},
                {"XOR", 0x30, (Bin) Logical::xor, true}, {"CMP", 0x38, (Bin) Arithmetic::sub, false}};
        for (Object[] a : alu) {
            int base = (Integer) a[1];
            boolean logic = a[0].equals("OR") || a[0].equals("AND") || a[0].equals("XOR");
            OPS.add(new Op((String) a[0], ALL_SIZES, false, size -> sized(size, base, base + 1, 0xD8),
                    binary((Bin) a[2], (Boolean) a[3]), (s, z) -> logic ? AF : 0));
        }
        OPS.add(new Op("TEST", ALL_SIZES, false, size -> sized(size, 0x84, 0x85, 0xD8),
                binary(Logical::and, false), (s, z) -> AF));
        OPS.add(new Op("INC", ALL_SIZES, false, size -> sized(size, 0xFE, 0xFF, 0xC0),
                (s, z) -> s.writeReg(0, z, false, Arithmetic.inc(s, z, reg(s, 0, z))), (s, z) -> 0));
        OPS.add(new Op("DEC", ALL_SIZES, false, size -> sized(size, 0xFE, 0xFF, 0xC8),
                (s, z) -> s.writeReg(0, z, false, Arithmetic.dec(s, z, reg(s, 0, z))), (s, z) -> 0));
        OPS.add(new Op("NEG", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xD8),
                (s, z) -> s.writeReg(0, z, false, Arithmetic.neg(s, z, reg(s, 0, z))), (s, z) -> 0));
        OPS.add(new Op("NOT", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xD0),
                (s, z) -> s.writeReg(0, z, false, Logical.not(z, reg(s, 0, z))), (s, z) -> 0));
        long mulUndef = SF | ZF | AF | PF;
        OPS.add(new Op("MUL", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xE3),
                (s, z) -> MulDiv.mul(s, z, reg(s, 3, z)), (s, z) -> mulUndef));
        OPS.add(new Op("IMUL1", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xEB),
                (s, z) -> MulDiv.imul1(s, z, reg(s, 3, z)), (s, z) -> mulUndef));
        OPS.add(new Op("DIV", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xF3),
                (s, z) -> MulDiv.div(s, z, reg(s, 3, z)), (s, z) -> ALL));
        OPS.add(new Op("IDIV", ALL_SIZES, false, size -> sized(size, 0xF6, 0xF7, 0xFB),
                (s, z) -> MulDiv.idiv(s, z, reg(s, 3, z)), (s, z) -> ALL));
        OPS.add(new Op("IMUL2", WIDE, false, size -> of0f(size, false, 0xAF, 0xC3),
                (s, z) -> s.writeReg(0, z, false, MulDiv.imul(s, z, reg(s, 0, z), reg(s, 3, z))),
                (s, z) -> mulUndef));
        String[] shifts = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", null, "SAR"};
        for (int n = 0; n < 8; n++) {
            if (shifts[n] == null) {
                continue;
            }
            int ext = n;
            String name = shifts[n];
            boolean rotate = n < 4;
            Bin f = switch (n) {
                case 0 -> ShiftRotate::rol;
                case 1 -> ShiftRotate::ror;
                case 2 -> ShiftRotate::rcl;
                case 3 -> ShiftRotate::rcr;
                case 4 -> ShiftRotate::shl;
                case 5 -> ShiftRotate::shr;
                default -> ShiftRotate::sar;
            };
            OPS.add(new Op(name, ALL_SIZES, false, size -> sized(size, 0xD2, 0xD3, 0xC0 | ext << 3),
                    (s, z) -> s.writeReg(0, z, false, f.op(s, z, reg(s, 0, z), s.gpr[1] & 0xFF)),
                    (s, z) -> shiftUndef(s, z, ext == 4 || ext == 5, rotate)));
        }
        OPS.add(new Op("SHLD", WIDE, false, size -> of0f(size, false, 0xA5, 0xD8),
                (s, z) -> s.writeReg(0, z, false, ShiftRotate.shld(s, z, reg(s, 0, z), reg(s, 3, z), s.gpr[1])),
                (s, z) -> shiftUndef(s, z, false, false)));
        OPS.add(new Op("SHRD", WIDE, false, size -> of0f(size, false, 0xAD, 0xD8),
                (s, z) -> s.writeReg(0, z, false, ShiftRotate.shrd(s, z, reg(s, 0, z), reg(s, 3, z), s.gpr[1])),
                (s, z) -> shiftUndef(s, z, false, false)));
        int[] btOps = {0xA3, 0xAB, 0xB3, 0xBB};
        String[] btNames = {"BT", "BTS", "BTR", "BTC"};
        for (int i = 0; i < 4; i++) {
            int i2 = i;
            OPS.add(new Op(btNames[i], WIDE, false, size -> of0f(size, false, btOps[i2], 0xD8), (s, z) -> {
                long d = reg(s, 0, z), b = reg(s, 3, z);
                switch (i2) {
                    case 0 -> BitOps.bt(s, z, d, b);
                    case 1 -> s.writeReg(0, z, false, BitOps.bts(s, z, d, b));
                    case 2 -> s.writeReg(0, z, false, BitOps.btr(s, z, d, b));
                    default -> s.writeReg(0, z, false, BitOps.btc(s, z, d, b));
                }
            }, (s, z) -> OF | SF | AF | PF));
        }
        OPS.add(new Op("BSF", WIDE, false, size -> of0f(size, false, 0xBC, 0xC3),
                (s, z) -> {
                    long r = BitOps.bsf(s, z, reg(s, 3, z));
                    if (r != BitOps.NO_WRITE) {
                        s.writeReg(0, z, false, r);
                    }
                },
                (s, z) -> CF | OF | SF | AF | PF));
        OPS.add(new Op("BSR", WIDE, false, size -> of0f(size, false, 0xBD, 0xC3),
                (s, z) -> {
                    long r = BitOps.bsr(s, z, reg(s, 3, z));
                    if (r != BitOps.NO_WRITE) {
                        s.writeReg(0, z, false, r);
                    }
                },
                (s, z) -> CF | OF | SF | AF | PF));
        OPS.add(new Op("POPCNT", WIDE, false, size -> of0f(size, true, 0xB8, 0xC3),
                (s, z) -> s.writeReg(0, z, false, BitOps.popcnt(s, z, reg(s, 3, z))), (s, z) -> 0));
        OPS.add(new Op("LZCNT", WIDE, false, size -> of0f(size, true, 0xBD, 0xC3),
                (s, z) -> s.writeReg(0, z, false, BitOps.lzcnt(s, z, reg(s, 3, z))), (s, z) -> OF | SF | AF | PF));
        OPS.add(new Op("TZCNT", WIDE, false, size -> of0f(size, true, 0xBC, 0xC3),
                (s, z) -> s.writeReg(0, z, false, BitOps.tzcnt(s, z, reg(s, 3, z))), (s, z) -> OF | SF | AF | PF));
        int[] b32 = {32};
        OPS.add(new Op("DAA", b32, true, z -> bytes(0x27), (s, z) -> Bcd.daa(s), (s, z) -> OF));
        OPS.add(new Op("DAS", b32, true, z -> bytes(0x2F), (s, z) -> Bcd.das(s), (s, z) -> OF));
        OPS.add(new Op("AAA", b32, true, z -> bytes(0x37), (s, z) -> Bcd.aaa(s), (s, z) -> OF | SF | ZF | PF));
        OPS.add(new Op("AAS", b32, true, z -> bytes(0x3F), (s, z) -> Bcd.aas(s), (s, z) -> OF | SF | ZF | PF));
        OPS.add(new Op("AAM10", b32, true, z -> bytes(0xD4, 10), (s, z) -> Bcd.aam(s, 10), (s, z) -> OF | AF | CF));
        OPS.add(new Op("AAM0", b32, true, z -> bytes(0xD4, 0), (s, z) -> Bcd.aam(s, 0), (s, z) -> OF | AF | CF));
        OPS.add(new Op("AAD10", b32, true, z -> bytes(0xD5, 10), (s, z) -> Bcd.aad(s, 10), (s, z) -> OF | AF | CF));
        OPS.add(new Op("AAD7", b32, true, z -> bytes(0xD5, 7), (s, z) -> Bcd.aad(s, 7), (s, z) -> OF | AF | CF));
    }

    record Case(Op op, int size, boolean bits64, long[] regs, long flags) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(op.name + " size " + size + (bits64 ? " (64-bit)" : " (32-bit)")
                    + " flags=0x" + Long.toHexString(flags));
            String[] names = {"rax", "rcx", "rdx", "rbx"};
            for (int i = 0; i < 4; i++) {
                b.append(' ').append(names[i]).append("=0x").append(Long.toHexString(regs[i]));
            }
            return b.toString();
        }
    }

    static long interesting(org.quicktheories.core.RandomnessSource in) {
        long[] edge = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
                Long.MAX_VALUE, Long.MIN_VALUE, -1, 9, 0x99, 0x0A, 0x10, 63, 64, 31, 32, 17, 16, 15, 8, 7};
        int kind = (int) in.next(Constraint.between(0, 3));
        return switch (kind) {
            case 0 -> edge[(int) in.next(Constraint.between(0, edge.length - 1))];
            case 1 -> in.next(Constraint.between(-300, 300));
            default -> in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
        };
    }

    static Gen<Case> cases(boolean bits64) {
        List<Op> ops = OPS.stream().filter(o -> bits64 ? !o.only32 : true).toList();
        return in -> {
            Op op = ops.get((int) in.next(Constraint.between(0, ops.size() - 1)));
            int size = op.sizes[(int) in.next(Constraint.between(0, op.sizes.length - 1))];
            if (!bits64 && size == 64) {
                size = 32;
            }
            long[] regs = new long[16];
            for (int i = 0; i < 4; i++) {
                regs[i] = interesting(in);
            }
            if (!bits64) {
                for (int i = 0; i < 4; i++) {
                    regs[i] &= 0xFFFFFFFFL;
                }
            }
            regs[4] = HostCpu.DATA_PAGE + 0x800;
            long flags = in.next(Constraint.between(0, 0xFFF)) & (ALL | DF);
            return new Case(op, size, bits64, regs, flags | IF | FIXED1);
        };
    }

    static HostCpu host64, host32;

    @BeforeAll
    static void start() throws IOException {
        host64 = HostCpu.start(true);
        host32 = HostCpu.start(false);
    }

    @AfterAll
    static void stop() throws IOException {
        host64.close();
        host32.close();
    }

    static void check(Case c) {
        HostCpu host = c.bits64 ? host64 : host32;
        byte[] code = c.op.enc.apply(c.size);
        HostCpu.HostResult h;
        try {
            h = host.run(code, 1, c.regs, c.flags);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CpuState s = new CpuState();
        s.resetUserMode(c.bits64);
        System.arraycopy(c.regs, 0, s.gpr, 0, 16);
        s.setRflags(c.flags);
        CpuState before = new CpuState();
        before.copyFrom(s);
        int vector = -1;
        try {
            c.op.apply.apply(s, c.size);
        } catch (CpuFault f) {
            vector = f.vector;
        }
        int hostVector = h.faulted() ? h.trapno : -1;
        if (vector != hostVector) {
            fail(c + ": vector interp " + vector + " host " + hostVector + " (signal " + h.signal + ")");
        }
        if (vector >= 0) {
            return;
        }
        long undef = c.op.undef.mask(before, c.size);
        if (undef == -1) {
            return;
        }
        long mine = s.getRflags() & ~undef & 0xFFF;
        long theirs = h.flags & ~undef & 0xFFF;
        long regMask = c.bits64 ? -1L : 0xFFFFFFFFL;
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if ((s.gpr[i] & regMask) != (h.regs[i] & regMask)) {
                diff.append(String.format(" r%d interp=0x%x host=0x%x;", i, s.gpr[i], h.regs[i]));
            }
        }
        if (mine != theirs) {
            diff.append(String.format(" flags interp=0x%x host=0x%x (undefined mask 0x%x);", mine, theirs, undef));
        }
        if (diff.length() > 0) {
            fail(c + ":" + diff);
        }
    }

    static long seed() {
        return Long.getLong("hot86.conformance.seed", System.nanoTime());
    }

    static int examples() {
        return Integer.getInteger("hot86.semantics.cases", 20000);
    }

    @Test
    void semantics64MatchHost() {
        long seed = seed();
        System.out.println("SemanticsVsHostTest 64-bit seed " + seed + " (rerun with -Dhot86.conformance.seed=" + seed + ")");
        qt().withFixedSeed(seed).withExamples(examples()).forAll(cases(true)).checkAssert(SemanticsVsHostTest::check);
    }

    @Test
    void semantics32MatchHost() {
        long seed = seed();
        System.out.println("SemanticsVsHostTest 32-bit seed " + seed + " (rerun with -Dhot86.conformance.seed=" + seed + ")");
        qt().withFixedSeed(seed).withExamples(examples()).forAll(cases(false)).checkAssert(SemanticsVsHostTest::check);
    }
}
