package org.hot86.cpu;

/**
 * The architectural state of one x86 logical processor (Intel SDM Vol. 1, chapter 3;
 * Vol. 3A, chapter 2). Fields are public and mutable because the interpreter, compiled
 * blocks and the runtime all operate on it directly; semantics methods keep it consistent.
 *
 * <h2>Lazy flags</h2>
 * The six status flags (CF, PF, AF, ZF, SF, OF) are computed on demand from the last
 * flag-setting operation recorded in {@link #lazyOp}, {@link #lazySize}, {@link #lazySrc},
 * {@link #lazyDst}, {@link #lazyRes} and {@link #lazyAux}. While {@code lazyOp != NONE}
 * the status bits in {@link #rflags} are stale (except CF for INC/DEC, which keep it
 * there); all other RFLAGS bits are always exact in {@code rflags}. Read RFLAGS with
 * {@link #getRflags()} and write it with {@link #setRflags(long)} or
 * {@link #setStatusFlags(long)}; never read {@code rflags} directly for status bits.
 *
 * <h2>Registers</h2>
 * {@link #gpr} is indexed by the x86 register number (0 = RAX, 1 = RCX, 2 = RDX,
 * 3 = RBX, 4 = RSP, 5 = RBP, 6 = RSI, 7 = RDI, 8..15 = R8..R15). The XMM registers are
 * {@link #xmmLo}/{@link #xmmHi} pairs (low and high 64 bits); the SSE and x87 parts
 * own their semantics, this class only holds their state.
 */
public final class CpuState {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    /** General-purpose registers, full 64 bits. */
    public final long[] gpr = new long[16];
    /** Instruction pointer (of the next instruction to execute). */
    public long rip;
    /** RFLAGS; status bits stale while {@link #lazyOp} is not NONE. */
    public long rflags = Flags.FIXED1;

    public FlagOp lazyOp = FlagOp.NONE;
    public int lazySize = 32;
    public long lazySrc, lazyDst, lazyRes, lazyAux;

    /** Segment registers ES, CS, SS, DS, FS, GS (index order as in the ModRM sreg field). */
    public final Segment[] seg = {new Segment(), new Segment(), new Segment(), new Segment(), new Segment(),
            new Segment()};

    public long cr0 = 0x10, cr2, cr3, cr4, cr8;
    /** GDTR and IDTR (linear base, byte limit) and LDTR (selector with its descriptor cache). */
    public long gdtBase, idtBase;
    public int gdtLimit = 0xFFFF, idtLimit = 0xFFFF;
    public final Segment ldtr = new Segment();
    /**
     * When non-null, the GDT is this array (descriptor {@code k} at selector {@code k * 8},
     * entries beyond it read as 0, {@link #gdtLimit} still applies) instead of guest memory
     * at {@link #gdtBase}. It stands for a table the guest cannot address, like the per-CPU
     * GDT of the Linux kernel that a user process runs under; {@link #resetUserMode} installs
     * {@link #LINUX_USER_GDT} so that far transfers between 0x33 and 0x23 work in user mode.
     */
    public long[] hiddenGdt;
    /**
     * The Linux x86-64 GDT as a user process sees it (arch/x86/include/asm/segment.h): 0x08
     * kernel CS32, 0x10 kernel CS64, 0x18 kernel DS, 0x23 user CS32, 0x2B user DS, 0x33 user
     * CS64, 0x40 TSS (system, DPL 0), 0x7B per-CPU data (limit = CPU number 0).
     */
    public static final long[] LINUX_USER_GDT = {0, 0x00cf9b000000ffffL, 0x00af9b000000ffffL, 0x00cf93000000ffffL,
            0x00cffb000000ffffL, 0x00cff3000000ffffL, 0x00affb000000ffffL, 0, 0x00008b0000002067L, 0, 0, 0, 0, 0, 0,
            0x0040f50000000000L};
    /** Task register (selector with its descriptor cache); read by STR. */
    public final Segment tr = new Segment();
    /** CR4.UMIP (bit 11): SGDT/SIDT/SLDT/SMSW/STR raise #GP(0) at CPL &gt; 0. */
    public static final long CR4_UMIP = 1L << 11;
    public long efer;
    /** Current privilege level (0..3); equal to CS.RPL except in transitions. */
    public int cpl;
    /** Current mode; keep consistent with CR0/EFER/CS via {@link #setMode(CpuMode)}. */
    public CpuMode mode = CpuMode.REAL;

    /** XMM0..15 low and high quadwords, and MXCSR (owned by the SSE part). */
    public final long[] xmmLo = new long[16], xmmHi = new long[16];
    public int mxcsr = 0x1F80;
    /** x87 FPU and MMX state (semantics in org.hot86.cpu.x87); never null. */
    public final org.hot86.cpu.x87.X87State x87 = new org.hot86.cpu.x87.X87State();

    /** Guest memory by linear address (the softmmu MMU, or a flat memory in tests). */
    public org.hot86.softmmu.GuestMemory mem;

    /** I/O ports for IN/OUT at sufficient privilege. */
    public IoBus io = IoBus.NONE;

    /** Time-stamp counter base: RDTSC returns {@code tscOffset + instructionsRetired}. */
    public long tscOffset;
    /** Instructions retired since reset (the virtual clock). */
    public long instructionsRetired;

    /**
     * The last guest event: exception vector, or -1 for none. Set by the interpreter when an
     * instruction faults; {@link #eventRip} is the RIP that the event reports (the faulting
     * instruction for faults, the next one for traps).
     */
    public int eventVector = -1;
    public int eventErrorCode;
    public long eventAddress;
    public long eventRip;

    public void setMode(CpuMode m) {
        mode = m;
    }

    // ---- lazy flags -------------------------------------------------------------------

    /** Records a flag-setting operation; {@code src/dst/res} are masked to {@code size}. */
    public void setLazy(FlagOp op, int size, long src, long dst, long res) {
        lazyOp = op;
        lazySize = size;
        lazySrc = src;
        lazyDst = dst;
        lazyRes = res;
    }

    /** Replaces the six status flags with exact values and drops the lazy record. */
    public void setStatusFlags(long bits) {
        rflags = (rflags & ~Flags.STATUS) | (bits & Flags.STATUS);
        lazyOp = FlagOp.NONE;
    }

    /** Makes {@link #rflags} exact (so a following partial update can modify it). */
    public void materialize() {
        if (lazyOp != FlagOp.NONE) {
            rflags = (rflags & ~Flags.STATUS) | LazyFlags.compute(this);
            lazyOp = FlagOp.NONE;
        }
    }

    /** The full RFLAGS value. */
    public long getRflags() {
        materialize();
        return rflags;
    }

    /** Sets all of RFLAGS (no privilege rules; POPF applies those before calling). */
    public void setRflags(long v) {
        rflags = (v & ~(1L << 3 | 1L << 5 | 1L << 15 | 0xFFFFFFFFFFC00000L)) | Flags.FIXED1;
        lazyOp = FlagOp.NONE;
    }

    public boolean cf() {
        return lazyOp == FlagOp.NONE || lazyOp == FlagOp.INC || lazyOp == FlagOp.DEC
                ? (rflags & Flags.CF) != 0
                : LazyFlags.cf(this);
    }

    public boolean zf() {
        return lazyOp == FlagOp.NONE ? (rflags & Flags.ZF) != 0 : (lazyRes & Flags.mask(lazySize)) == 0;
    }

    public boolean sf() {
        return lazyOp == FlagOp.NONE ? (rflags & Flags.SF) != 0 : (lazyRes & Flags.signBit(lazySize)) != 0;
    }

    public boolean of() {
        return lazyOp == FlagOp.NONE ? (rflags & Flags.OF) != 0 : LazyFlags.of(this);
    }

    public boolean pf() {
        return lazyOp == FlagOp.NONE ? (rflags & Flags.PF) != 0 : Flags.parity(lazyRes) != 0;
    }

    public boolean af() {
        return (getRflags() & Flags.AF) != 0;
    }

    public boolean df() {
        return (rflags & Flags.DF) != 0;
    }

    /** Sets or clears CF exactly (materialising the others first). */
    public void setCf(boolean v) {
        materialize();
        rflags = v ? rflags | Flags.CF : rflags & ~Flags.CF;
    }

    // ---- registers by size --------------------------------------------------------------

    /**
     * Reads a register operand. For size 8 without REX, numbers 4..7 are AH, CH, DH, BH;
     * callers pass {@code legacyHigh8} accordingly.
     */
    public long readReg(int r, int size, boolean legacyHigh8) {
        if (size == 8 && legacyHigh8 && r >= 4 && r < 8) {
            return (gpr[r - 4] >>> 8) & 0xFF;
        }
        return gpr[r] & Flags.mask(size);
    }

    /**
     * Writes a register operand with x86 merge rules: 8- and 16-bit writes keep the other
     * bits, 32-bit writes zero-extend to 64 bits (SDM Vol. 1, 3.4.1.1).
     */
    public void writeReg(int r, int size, boolean legacyHigh8, long v) {
        switch (size) {
            case 8 -> {
                if (legacyHigh8 && r >= 4 && r < 8) {
                    gpr[r - 4] = (gpr[r - 4] & ~0xFF00L) | ((v & 0xFF) << 8);
                } else {
                    gpr[r] = (gpr[r] & ~0xFFL) | (v & 0xFF);
                }
            }
            case 16 -> gpr[r] = (gpr[r] & ~0xFFFFL) | (v & 0xFFFF);
            case 32 -> gpr[r] = v & 0xFFFFFFFFL;
            default -> gpr[r] = v;
        }
    }

    /** Copies everything a conformance comparison or a snapshot needs. */
    public void copyFrom(CpuState o) {
        System.arraycopy(o.gpr, 0, gpr, 0, 16);
        rip = o.rip;
        rflags = o.rflags;
        lazyOp = o.lazyOp;
        lazySize = o.lazySize;
        lazySrc = o.lazySrc;
        lazyDst = o.lazyDst;
        lazyRes = o.lazyRes;
        lazyAux = o.lazyAux;
        for (int i = 0; i < 6; i++) {
            seg[i].copyFrom(o.seg[i]);
        }
        gdtBase = o.gdtBase;
        gdtLimit = o.gdtLimit;
        hiddenGdt = o.hiddenGdt;
        idtBase = o.idtBase;
        idtLimit = o.idtLimit;
        ldtr.copyFrom(o.ldtr);
        tr.copyFrom(o.tr);
        cr0 = o.cr0;
        cr2 = o.cr2;
        cr3 = o.cr3;
        cr4 = o.cr4;
        cr8 = o.cr8;
        efer = o.efer;
        cpl = o.cpl;
        mode = o.mode;
        System.arraycopy(o.xmmLo, 0, xmmLo, 0, 16);
        System.arraycopy(o.xmmHi, 0, xmmHi, 0, 16);
        mxcsr = o.mxcsr;
        copyX87(x87, o.x87);
        tscOffset = o.tscOffset;
        instructionsRetired = o.instructionsRetired;
    }

    private static void copyX87(org.hot86.cpu.x87.X87State d, org.hot86.cpu.x87.X87State o) {
        System.arraycopy(o.se, 0, d.se, 0, 8);
        System.arraycopy(o.m, 0, d.m, 0, 8);
        d.top = o.top;
        d.sw = o.sw;
        d.cw = o.cw;
        d.tagValid = o.tagValid;
        d.fip = o.fip;
        d.fcs = o.fcs;
        d.fop = o.fop;
        d.fdp = o.fdp;
        d.fds = o.fds;
    }

    /**
     * Sets up a flat user-mode state as a Linux process sees it: 64-bit mode (or 32-bit
     * compatibility mode), CPL 3, flat segments, IF set.
     */
    public void resetUserMode(boolean bits64) {
        mode = bits64 ? CpuMode.LONG_64 : CpuMode.COMPAT_32;
        cpl = 3;
        cr0 = 0x80050033L;
        cr4 = 0x6F0 | CR4_UMIP; // Linux sets CR4.UMIP on hardware that has it
        hiddenGdt = LINUX_USER_GDT;
        gdtLimit = LINUX_USER_GDT.length * 8 - 1;
        tr.selector = 0x40;
        efer = 0xD01;
        rflags = Flags.FIXED1 | Flags.IF;
        lazyOp = FlagOp.NONE;
        int dpl3 = 3 << Segment.ATTR_DPL_SHIFT;
        // Selector values as Linux sets them for a user process.
        seg[CS].load(bits64 ? 0x33 : 0x23, 0, 0xFFFFFFFFL,
                Segment.ATTR_P | Segment.ATTR_S | dpl3 | 0xB | Segment.ATTR_G | (bits64 ? Segment.ATTR_L : Segment.ATTR_DB));
        for (int s : new int[] {ES, SS, DS}) {
            seg[s].load(bits64 && s != SS ? 0 : 0x2B, 0, 0xFFFFFFFFL, Segment.ATTR_P | Segment.ATTR_S | dpl3 | 0x3 | Segment.ATTR_G | Segment.ATTR_DB);
        }
        seg[FS].load(0, 0, 0xFFFFFFFFL, Segment.ATTR_P | Segment.ATTR_S | dpl3 | 0x3 | Segment.ATTR_G | Segment.ATTR_DB);
        seg[GS].load(0, 0, 0xFFFFFFFFL, Segment.ATTR_P | Segment.ATTR_S | dpl3 | 0x3 | Segment.ATTR_G | Segment.ATTR_DB);
        for (Segment g : seg) {
            if ((g.selector & 0xFFFC) == 0) {
                g.attributes = 0; // a null selector: unusable outside 64-bit mode
            }
        }
    }
}
