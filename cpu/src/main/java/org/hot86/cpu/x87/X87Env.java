package org.hot86.cpu.x87;

/**
 * Byte-level images of the x87 state (SDM Vol. 1, 8.1.10 Figures 8-9 to 8-12; Vol. 2
 * FSTENV/FLDENV/FSAVE/FRSTOR/FXSAVE/FXRSTOR). The caller moves the bytes to and from guest
 * memory (and does the alignment/#GP checks of FXSAVE); SSE fields of the FXSAVE image
 * (MXCSR at 24, MXCSR_MASK at 28, XMM registers from 160) belong to the SSE unit and are
 * neither written nor read here.
 *
 * <pre>
 * 32-bit protected-mode environment (28 bytes)      16-bit protected-mode (14 bytes)
 *  +0  FCW        | reserved (FFFF)                  +0 FCW  +2 FSW  +4 FTW
 *  +4  FSW        | reserved (FFFF)                  +6 FIP offset  +8 FCS
 *  +8  FTW        | reserved (FFFF)                  +10 FDP offset +12 FDS
 *  +12 FIP offset
 *  +16 FCS  | FOP (bits 26..16)                     real-mode forms: FIP/FDP are linear,
 *  +20 FDP offset                                    high bits beside FOP at +16 (+8) and
 *  +24 FDS        | reserved (FFFF)                  at +24 (+12), bits 31..12 (15..12)
 * </pre>
 * FSAVE/FRSTOR append ST(0)..ST(7), 10 bytes each. Tags are stored physically (tag i is
 * physical register i); on store the full tags are recomputed from the register contents
 * (SDM 8.1.7), on load only "empty" is kept.
 */
public final class X87Env {
    private X87Env() { }

    /** The four environment layouts. */
    public enum Format {
        REAL16(14), PROT16(14), REAL32(28), PROT32(28);

        /** Size of the environment image in bytes; FSAVE images add 80. */
        public final int size;

        Format(int size) {
            this.size = size;
        }

        boolean wide() {
            return size == 28;
        }

        boolean real() {
            return this == REAL16 || this == REAL32;
        }
    }

    /**
     * This host (AMD) writes FIP, FDP and FOP as zero in FXSAVE images unless an unmasked
     * exception is pending (ES = 1), as AMD documents for FXSAVE; Intel always writes them.
     */
    public static boolean fxsavePointersOnlyWhenPending = true;

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int o, long v) {
        put16(b, o, (int) v);
        put16(b, o + 2, (int) (v >>> 16));
    }

    static int get16(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    static long get32(byte[] b, int o) {
        return get16(b, o) | (long) get16(b, o + 2) << 16;
    }

    /** Writes the environment without side effects (FNSTENV minus the masking, FNSAVE's header). */
    public static void storeEnv(X87State s, Format f, byte[] b, int off) {
        if (f.wide()) {
            put32(b, off, 0xffff0000L | s.cw);
            put32(b, off + 4, 0xffff0000L | s.statusWord());
            put32(b, off + 8, 0xffff0000L | s.fullTagWord());
            if (f.real()) {
                put32(b, off + 12, 0xffff0000L | (s.fip & 0xffff));
                put32(b, off + 16, ((s.fip >>> 16) & 0xffff) << 12 | (s.fop & 0x7ff));
                put32(b, off + 20, 0xffff0000L | (s.fdp & 0xffff));
                put32(b, off + 24, ((s.fdp >>> 16) & 0xffff) << 12);
            } else {
                put32(b, off + 12, s.fip);
                put32(b, off + 16, (long) (s.fop & 0x7ff) << 16 | (s.fcs & 0xffff));
                put32(b, off + 20, s.fdp);
                put32(b, off + 24, 0xffff0000L | (s.fds & 0xffff));
            }
        } else {
            put16(b, off, s.cw);
            put16(b, off + 2, s.statusWord());
            put16(b, off + 4, s.fullTagWord());
            if (f.real()) {
                put16(b, off + 6, (int) s.fip);
                put16(b, off + 8, (int) ((s.fip >>> 16) & 0xf) << 12 | (s.fop & 0x7ff));
                put16(b, off + 10, (int) s.fdp);
                put16(b, off + 12, (int) ((s.fdp >>> 16) & 0xf) << 12);
            } else {
                put16(b, off + 6, (int) s.fip);
                put16(b, off + 8, s.fcs);
                put16(b, off + 10, (int) s.fdp);
                put16(b, off + 12, s.fds);
            }
        }
    }

    /** FLDENV. */
    public static void fldenv(X87State s, Format f, byte[] b, int off) {
        if (f.wide()) {
            s.cw = get16(b, off) & 0x1f7f | 0x40;
            s.setStatusWord(get16(b, off + 4));
            s.setFullTagWord(get16(b, off + 8));
            if (f.real()) {
                s.fip = get16(b, off + 12) | ((get32(b, off + 16) >>> 12) & 0xffff) << 16;
                s.fop = (int) get32(b, off + 16) & 0x7ff;
                s.fdp = get16(b, off + 20) | ((get32(b, off + 24) >>> 12) & 0xffff) << 16;
            } else {
                s.fip = get32(b, off + 12);
                s.fcs = get16(b, off + 16);
                s.fop = get16(b, off + 18) & 0x7ff;
                s.fdp = get32(b, off + 20);
                s.fds = get16(b, off + 24);
            }
        } else {
            s.cw = get16(b, off) & 0x1f7f | 0x40;
            s.setStatusWord(get16(b, off + 2));
            s.setFullTagWord(get16(b, off + 4));
            if (f.real()) {
                s.fip = get16(b, off + 6) | (long) ((get16(b, off + 8) >>> 12) & 0xf) << 16;
                s.fop = get16(b, off + 8) & 0x7ff;
                s.fdp = get16(b, off + 10) | (long) ((get16(b, off + 12) >>> 12) & 0xf) << 16;
            } else {
                s.fip = get16(b, off + 6);
                s.fcs = get16(b, off + 8);
                s.fdp = get16(b, off + 10);
                s.fds = get16(b, off + 12);
            }
        }
    }

    /** FNSTENV: stores the environment, then masks all exceptions (SDM FSTENV). */
    public static void fstenv(X87State s, Format f, byte[] b, int off) {
        storeEnv(s, f, b, off);
        s.cw |= 0x3f;
        s.updateSummary();
    }

    /** FNSAVE: environment and ST(0)..ST(7), then FNINIT. */
    public static void fsave(X87State s, Format f, byte[] b, int off) {
        storeEnv(s, f, b, off);
        int p = off + f.size;
        for (int i = 0; i < 8; i++) {
            putReg(b, p + 10 * i, s.stSe(i), s.stM(i));
        }
        s.init();
    }

    /** FRSTOR. */
    public static void frstor(X87State s, Format f, byte[] b, int off) {
        fldenv(s, f, b, off);
        int p = off + f.size;
        for (int i = 0; i < 8; i++) {
            int r = s.phys(i);
            s.m[r] = getLong(b, p + 10 * i);
            s.se[r] = get16(b, p + 10 * i + 8);
        }
    }

    static void putReg(byte[] b, int o, int se, long m) {
        put32(b, o, m);
        put32(b, o + 4, m >>> 32);
        put16(b, o + 8, se);
    }

    static long getLong(byte[] b, int o) {
        return get32(b, o) | get32(b, o + 4) << 32;
    }

    /**
     * FXSAVE x87 part (bytes 0-23 and 32-159): {@code rex64} selects the 64-bit layout
     * (FXSAVE64: 64-bit FIP at 8 and FDP at 16, no selectors). Register slots are 16 bytes,
     * ST order, the 6 bytes after each register written as zero.
     */
    public static void fxsave(X87State s, byte[] b, int off, boolean rex64) {
        put16(b, off, s.cw);
        put16(b, off + 2, s.statusWord());
        b[off + 4] = (byte) s.tagValid;
        b[off + 5] = 0;
        boolean ptrs = !fxsavePointersOnlyWhenPending || s.pendingException();
        put16(b, off + 6, ptrs ? s.fop & 0x7ff : 0);
        if (rex64) {
            put32(b, off + 8, ptrs ? s.fip : 0);
            put32(b, off + 12, ptrs ? s.fip >>> 32 : 0);
            put32(b, off + 16, ptrs ? s.fdp : 0);
            put32(b, off + 20, ptrs ? s.fdp >>> 32 : 0);
        } else {
            put32(b, off + 8, ptrs ? s.fip : 0);
            put32(b, off + 12, ptrs ? s.fcs & 0xffff : 0);
            put32(b, off + 16, ptrs ? s.fdp : 0);
            put32(b, off + 20, ptrs ? s.fds & 0xffff : 0);
        }
        for (int i = 0; i < 8; i++) {
            int o = off + 32 + 16 * i;
            putReg(b, o, s.stSe(i), s.stM(i));
            for (int k = 10; k < 16; k++) {
                b[o + k] = 0;
            }
        }
    }

    /** FXRSTOR x87 part. */
    public static void fxrstor(X87State s, byte[] b, int off, boolean rex64) {
        s.cw = get16(b, off) & 0x1f7f | 0x40;
        s.setStatusWord(get16(b, off + 2));
        s.tagValid = b[off + 4] & 0xff;
        s.fop = get16(b, off + 6) & 0x7ff;
        if (rex64) {
            s.fip = getLong(b, off + 8);
            s.fdp = getLong(b, off + 16);
        } else {
            s.fip = get32(b, off + 8);
            s.fcs = get16(b, off + 12);
            s.fdp = get32(b, off + 16);
            s.fds = get16(b, off + 20);
        }
        for (int i = 0; i < 8; i++) {
            int o = off + 32 + 16 * i;
            int r = s.phys(i);
            s.m[r] = getLong(b, o);
            s.se[r] = get16(b, o + 8);
        }
    }
}
