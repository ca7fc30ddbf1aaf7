package org.hot86.conformance.decoder;

import java.util.ArrayList;
import java.util.List;
import org.hot86.decoder.Form;
import org.hot86.decoder.Mode;
import org.hot86.decoder.table.Encoding;

/**
 * Builds valid encodings from the instruction table ({@link Form} and its {@link Encoding}s):
 * prefixes, mandatory prefix, REX, escape, opcode and a ModRM that meets the encoding's
 * constraints, followed by random bytes for SIB, displacement and immediates. All choices
 * come from an int array so QuickTheories can shrink them.
 */
final class TableEncodings {
    /** Every (form, encoding) pair of the table. */
    static final List<Object[]> ALL = new ArrayList<>();

    static {
        for (Form f : Form.values()) {
            for (Encoding e : f.encodings()) {
                ALL.add(new Object[] {f, e});
            }
        }
    }

    private TableEncodings() {}

    private static final int[] SEGS = {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65};

    /** The bytes for pair {@code which} in {@code mode}, or null if the pair is not valid in this mode. */
    static byte[] build(Mode mode, int which, int[] r) {
        Form f = (Form) ALL.get(which % ALL.size())[0];
        Encoding e = (Encoding) ALL.get(which % ALL.size())[1];
        boolean m64 = mode == Mode.BITS64;
        if ((m64 && e.i64) || (!m64 && e.o64) || (!m64 && e.w == 1)) {
            return null;
        }
        byte[] out = new byte[15];
        int n = 0;
        if (r[0] % 8 == 0) {
            out[n++] = (byte) SEGS[r[1] % SEGS.length];
        }
        if (r[2] % 6 == 0) {
            out[n++] = 0x67;
        }
        if (e.prefix == Encoding.PFX_ANY && r[3] % 5 == 0) {
            out[n++] = 0x66;
        }
        boolean lock = f.lockable() && e.hasModrm && e.mod != Encoding.MOD_REG && r[4] % 3 == 0;
        if (lock) {
            out[n++] = (byte) 0xF0;
        }
        switch (e.prefix) {
            case Encoding.PFX_66 -> out[n++] = 0x66;
            case Encoding.PFX_F3 -> out[n++] = (byte) 0xF3;
            case Encoding.PFX_F2 -> out[n++] = (byte) 0xF2;
            default -> { }
        }
        if (m64 && (r[5] % 2 == 0 || e.w == 1)) {
            int rex = 0x40 | (r[6] & 0xF);
            if (e.w == 0) rex &= ~8;
            if (e.w == 1) rex |= 8;
            if (e.noRexB) rex &= ~1;
            out[n++] = (byte) rex;
        }
        switch (e.map) {
            case Encoding.MAP_0F -> out[n++] = 0x0F;
            case Encoding.MAP_0F38 -> { out[n++] = 0x0F; out[n++] = 0x38; }
            case Encoding.MAP_0F3A -> { out[n++] = 0x0F; out[n++] = 0x3A; }
            default -> { }
        }
        out[n++] = (byte) (e.opcode + (r[7] % e.opcodeCount));
        if (e.hasModrm) {
            int modrm = r[8] & 0xff;
            if (e.reg >= 0) modrm = (modrm & ~0x38) | (e.reg << 3);
            if (e.rm >= 0) modrm = (modrm & ~7) | e.rm;
            int mod = modrm >> 6;
            boolean needMem = e.mod == Encoding.MOD_MEM || lock || needsMemory(f);
            boolean needReg = e.mod == Encoding.MOD_REG || needsRegister(f);
            if (needMem && mod == 3) mod = r[9] % 3;
            if (needReg) mod = 3;
            modrm = (modrm & 0x3F) | (mod << 6);
            out[n++] = (byte) modrm;
        }
        for (int i = 10; n < 15; i++, n++) {
            out[n] = (byte) r[i % r.length];
        }
        return out;
    }

    private static boolean needsMemory(Form f) {
        for (int i = 0; i < f.operandCount(); i++) {
            if (f.operand(i).method == org.hot86.decoder.table.OperandSpec.Method.M) return true;
        }
        return false;
    }

    private static boolean needsRegister(Form f) {
        for (int i = 0; i < f.operandCount(); i++) {
            switch (f.operand(i).method) {
                case R, N, U -> { return true; }
                default -> { }
            }
        }
        return false;
    }
}
