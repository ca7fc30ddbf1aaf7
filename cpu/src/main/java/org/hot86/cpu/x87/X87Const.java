package org.hot86.cpu.x87;

/**
 * The constants of FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (SDM 8.3.8). The
 * irrational ones are held here to 128 bits and rounded to 64 per the rounding control,
 * as the 387 and later round their internal constants (SDM FLD1/.../FLDZ operation note).
 */
public enum X87Const {
    ONE(0x3fff, 0x8000000000000000L, 0),
    L2T(0x4000, 0xd49a784bcd1b8afeL, 0x492bf6ff4dafdb4cL),
    L2E(0x3fff, 0xb8aa3b295c17f0bbL, 0xbe87fed0691d3e88L),
    PI(0x4000, 0xc90fdaa22168c234L, 0xc4c6628b80dc1cd1L),
    LG2(0x3ffd, 0x9a209a84fbcff798L, 0x8f8959ac0b7c9178L),
    LN2(0x3ffe, 0xb17217f7d1cf79abL, 0xc9e3b39803f2f6afL),
    ZERO(0, 0, 0);

    final int se;
    final long hi, lo;

    X87Const(int se, long hi, long lo) {
        this.se = se;
        this.hi = hi;
        this.lo = lo;
    }

    void load(FpEnv e) {
        e.begin();
        long r = SoftFloat80.rnd(e, hi, lo, 64, e.rc(), false);
        e.se = se;
        e.m = r;
        e.c1 = false;
    }
}
