package org.hot86.cpu.x87;

import java.nio.ByteBuffer;

/** One oracle case: an operation id (see x87oracle.c), control word, ST0, ST1, memory bytes. */
final class X87Case {
    final int op;
    final int cw;
    final int ase, bse;
    final long am, bm;
    final byte[] mem;
    /** Stack shape before the op: 0 ST0=a ST1=b; 1 ST1 empty; 2 ST0 empty; 3 full (8 valid). */
    int variant;
    /** EFLAGS low byte (SF ZF AF PF CF) loaded with SAHF before the op. */
    int flags;

    X87Case(int op, int cw, int ase, long am, int bse, long bm, byte[] mem) {
        this.op = op;
        this.cw = cw;
        this.ase = ase & 0xffff;
        this.am = am;
        this.bse = bse & 0xffff;
        this.bm = bm;
        this.mem = mem;
    }

    X87Case with(int variant, int flags) {
        this.variant = variant;
        this.flags = flags;
        return this;
    }

    long memLong() {
        return ByteBuffer.wrap(mem).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    void encode(ByteBuffer b) {
        int p = b.position();
        b.putInt(op).putShort((short) cw).putShort((short) variant);
        b.putLong(am).putShort((short) ase).putShort((short) 0).putInt(0);
        b.putLong(bm).putShort((short) bse).putShort((short) 0).putInt(0);
        b.put(mem, 0, 16);
        b.put((byte) flags);
        b.position(p + 64);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 15; i >= 0; i--) {
            sb.append(String.format("%02x", mem[i] & 0xff));
        }
        return String.format("op=%s variant=%d flags=%02x cw=%04x a=%s b=%s mem=%s", Ops.name(op), variant, flags, cw, F80.hex(ase, am), F80.hex(bse, bm), sb);
    }
}
