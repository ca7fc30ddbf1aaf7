package org.hot86.cpu.x87;

/** Transcendental cores (placeholder; filled in below). */
final class Transcendental {
    private Transcendental() { }

    static void apply(TranscOp op, FpEnv e, int ase, long am, int bse, long bm) {
        throw new UnsupportedOperationException(op.name());
    }
}
