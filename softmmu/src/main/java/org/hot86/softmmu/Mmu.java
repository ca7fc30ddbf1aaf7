package org.hot86.softmmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.hot86.softmmu.paging.PageWalker;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.hot86.softmmu.tlb.Tlb;

/**
 * The CPU's view of memory: {@link GuestMemory} by linear address, through a software
 * TLB and page walks, onto a {@link PhysicalMemory}.
 *
 * <p><b>State the CPU must keep it told of.</b> Control registers ({@link #setCr0},
 * {@link #setCr3}, {@link #setCr4}, {@link #setEfer}; each flushes the TLB as the SDM
 * requires, 4.10.4.1), the access privilege ({@link #setPrivilege}, on CPL and
 * EFLAGS.AC changes, and around implicit supervisor accesses such as IDT/GDT/TSS reads),
 * INVLPG ({@link #invlpg}) and the A20 gate ({@link #setA20}).
 *
 * <p><b>Addresses.</b> Outside long mode the linear address is taken modulo 2^32; in
 * 4/5-level mode a non-canonical address raises #GP(0) (the CPU turns it into #SS(0)
 * for stack-segment accesses). Faults are thrown as the MMU's single reused
 * {@link MemoryFault} instance; no data byte has been written when one is thrown (for
 * an access crossing into a faulting page, the first page's accessed/dirty flags may
 * already be set, as the SDM allows).
 *
 * <p><b>TLB.</b> One {@link Tlb} per {@link Privilege}; the public fields
 * {@link #readTag}, {@link #writeTag}, {@link #execTag} and {@link #host} are the
 * current one's arrays, read by compiled code (layout and
 * fast-path sequence in {@link Tlb}). Entries cache 4 KiB pieces of large pages; INVLPG
 * after a large page has been cached flushes everything.
 *
 * <p><b>Code pages.</b> {@link #markCodePage} takes writes to a physical page off the fast
 * path; such writes go through {@link PhysicalMemory#write}, which notifies
 * {@link CodeWriteListener}s after storing.
 *
 * <p><b>User mode (Linux binaries).</b> Run with real 4-level page tables in guest RAM,
 * built and edited by {@link org.hot86.softmmu.paging.PageTableBuilder} for
 * mmap/mprotect/munmap, privilege {@link Privilege#USER}, and {@link #invlpg} or
 * {@link #flushTlb} after each change: the same fast path and fault reporting as
 * system mode.
 *
 * <p>Not thread-safe: one MMU per virtual CPU thread.
 */
public final class Mmu implements GuestMemory {
    /**
     * Little-endian views of a {@code byte[]} ({@code byteArrayViewVarHandle}) used on the
     * fast path; compiled code that inlines the fast path uses these (GETSTATIC) too.
     */
    public static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN),
            LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN),
            LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16 = LE16, I32 = LE32, I64 = LE64;
    static final long PAGE_MASK = Tlb.PAGE_MASK;
    static final long INVALID = Tlb.INVALID;
    /** Count fast-path hits (costs a store per access); read once from a system property. */
    static final boolean COUNT_HITS = Boolean.getBoolean("hot86.softmmu.countHits");

    /**
     * Entries per privilege's TLB unless the constructor is given a size: system property
     * {@code hot86.softmmu.tlbSize} (a power of two), default 16384 (64 MiB of 4 KiB pages).
     */
    public static final int DEFAULT_TLB_SIZE = Integer.getInteger("hot86.softmmu.tlbSize", 16384);

    private final PhysicalMemory phys;
    private final MemoryFault fault = new MemoryFault();
    private final PageWalker walker;
    private final Tlb[] tlbs;
    /*
     * The current privilege's TLB arrays (see Tlb); read-only outside this class. They
     * change on setPrivilege, so compiled code reloads them after anything that may
     * change privilege (it may keep them in locals within a block).
     */
    public long[] readTag, writeTag, execTag;
    public byte[][] host;
    private Tlb cur;

    private Privilege privilege = Privilege.SUPERVISOR;
    private Privilege effective = Privilege.SUPERVISOR;
    private PagingMode mode = PagingMode.NONE;
    private long cr0, cr3, cr4, efer;
    private long linMask = 0xFFFF_FFFFL;
    private long a20Mask = -1L;
    private int maxPhyAddr = 46;
    private boolean largeCached;

    private long hits, misses, slowPath, flushes, invlpgs, faults;

    private final java.util.Set<Long> watchedPages = new java.util.HashSet<>();
    private MappingListener[] mappingListeners = new MappingListener[0];
    private WatchListener watchListener;
    /** Set by {@link #translate} when the page it returned is watched. */
    private boolean watchTouched;

    public Mmu(PhysicalMemory phys) {
        this(phys, DEFAULT_TLB_SIZE);
    }

    /** @param tlbSize entries per privilege: a power of two, at least 2 */
    public Mmu(PhysicalMemory phys, int tlbSize) {
        this.phys = phys;
        this.walker = new PageWalker(phys, fault);
        Privilege[] ps = Privilege.values();
        tlbs = new Tlb[ps.length];
        for (int i = 0; i < ps.length; i++) {
            tlbs[i] = new Tlb(tlbSize);
        }
        selectTlb();
        phys.addMapListener(this::flushTlb);
        reconfigure();
    }

    public PhysicalMemory physical() {
        return phys;
    }

    // =====================================================================================
    // Fast paths. Each is: index, one compare, one array access; else the slow path.

    @Override
    public int read8(long addr) {
        long[] tags = readTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == (addr & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            return host[i][(int) addr & 0xFFF] & 0xFF;
        }
        return (int) readSlow(addr, 1);
    }

    @Override
    public int read16(long addr) {
        long[] tags = readTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 1) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            return (short) I16.get(host[i], (int) addr & 0xFFF) & 0xFFFF;
        }
        return (int) readSlow(addr, 2);
    }

    @Override
    public int read32(long addr) {
        long[] tags = readTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 3) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            return (int) I32.get(host[i], (int) addr & 0xFFF);
        }
        return (int) readSlow(addr, 4);
    }

    @Override
    public long read64(long addr) {
        long[] tags = readTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 7) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            return (long) I64.get(host[i], (int) addr & 0xFFF);
        }
        return readSlow(addr, 8);
    }

    @Override
    public void write8(long addr, int value) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == (addr & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            host[i][(int) addr & 0xFFF] = (byte) value;
            return;
        }
        writeSlow(addr, 1, value, 0);
    }

    @Override
    public void write16(long addr, int value) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 1) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            I16.set(host[i], (int) addr & 0xFFF, (short) value);
            return;
        }
        writeSlow(addr, 2, value, 0);
    }

    @Override
    public void write32(long addr, int value) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 3) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            I32.set(host[i], (int) addr & 0xFFF, value);
            return;
        }
        writeSlow(addr, 4, value, 0);
    }

    @Override
    public void write64(long addr, long value) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 7) & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            I64.set(host[i], (int) addr & 0xFFF, value);
            return;
        }
        writeSlow(addr, 8, value, 0);
    }

    @Override
    public int fetch8(long addr) {
        long[] tags = execTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == (addr & PAGE_MASK)) {
            if (COUNT_HITS) {
                hits++;
            }
            return host[i][(int) addr & 0xFFF] & 0xFF;
        }
        return (int) fetchSlow(addr);
    }

    @Override
    public void read128(long addr, long[] dst, int index) {
        long[] tags = readTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 15) & PAGE_MASK)) {
            byte[] h = host[i];
            int o = (int) addr & 0xFFF;
            dst[index] = (long) I64.get(h, o);
            dst[index + 1] = (long) I64.get(h, o + 8);
            return;
        }
        read128Slow(addr, dst, index);
    }

    @Override
    public void write128(long addr, long lo, long hi) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + 15) & PAGE_MASK)) {
            byte[] h = host[i];
            int o = (int) addr & 0xFFF;
            I64.set(h, o, lo);
            I64.set(h, o + 8, hi);
            return;
        }
        writeSlow(addr, 16, lo, hi);
    }

    @Override
    public void checkWritable(long addr, int size) {
        long[] tags = writeTag;
        int i = (int) (addr >>> 12) & (tags.length - 1);
        if (tags[i] == ((addr + size - 1) & PAGE_MASK)) {
            return;
        }
        long lin = addr & linMask;
        translate(lin, PageWalker.WRITE);
        if ((lin & 0xFFF) + size > 0x1000) {
            translate(((lin | 0xFFF) + 1) & linMask, PageWalker.WRITE);
        }
    }

    // =====================================================================================
    // Slow paths.

    private long readSlow(long addr, int size) {
        long lin = addr & linMask;
        int off = (int) lin & 0xFFF;
        watchTouched = false;
        long v;
        if (off + size <= 0x1000) {
            v = phys.read(translate(lin, PageWalker.READ), size);
        } else {
            long pa1 = translate(lin, PageWalker.READ);
            long pa2 = translate(((lin | 0xFFF) + 1) & linMask, PageWalker.READ);
            int n1 = 0x1000 - off;
            v = 0;
            for (int i = 0; i < size; i++) {
                v |= phys.read(i < n1 ? pa1 + i : pa2 + (i - n1), 1) << (8 * i);
            }
        }
        if (watchTouched) {
            notifyWatch(lin, size, false);
        }
        return v;
    }

    private void notifyWatch(long lin, int size, boolean write) {
        watchTouched = false;
        WatchListener l = watchListener;
        if (l != null) {
            l.watchHit(lin, size, write);
        }
    }

    private void read128Slow(long addr, long[] dst, int index) {
        long lin = addr & linMask;
        int off = (int) lin & 0xFFF;
        watchTouched = false;
        long lo, hi;
        if (off + 16 <= 0x1000) {
            long pa = translate(lin, PageWalker.READ);
            lo = phys.read(pa, 8);
            hi = phys.read(pa + 8, 8);
        } else {
            long pa1 = translate(lin, PageWalker.READ);
            long pa2 = translate(((lin | 0xFFF) + 1) & linMask, PageWalker.READ);
            int n1 = 0x1000 - off;
            lo = 0;
            hi = 0;
            for (int i = 0; i < 16; i++) {
                long b = phys.read(i < n1 ? pa1 + i : pa2 + (i - n1), 1);
                if (i < 8) {
                    lo |= b << (8 * i);
                } else {
                    hi |= b << (8 * (i - 8));
                }
            }
        }
        dst[index] = lo;
        dst[index + 1] = hi;
        if (watchTouched) {
            notifyWatch(lin, 16, false);
        }
    }

    private void writeSlow(long addr, int size, long lo, long hi) {
        long lin = addr & linMask;
        int off = (int) lin & 0xFFF;
        watchTouched = false;
        if (off + size <= 0x1000) {
            long pa = translate(lin, PageWalker.WRITE);
            if (size == 16) {
                phys.write(pa, 8, lo);
                phys.write(pa + 8, 8, hi);
            } else {
                phys.write(pa, size, lo);
            }
            if (watchTouched) {
                notifyWatch(lin, size, true);
            }
            return;
        }
        // Both pages are checked before any byte is stored (SDM: no partial writes on #PF).
        long pa1 = translate(lin, PageWalker.WRITE);
        long pa2 = translate(((lin | 0xFFF) + 1) & linMask, PageWalker.WRITE);
        int n1 = 0x1000 - off;
        for (int i = 0; i < size; i++) {
            long b = i < 8 ? lo >>> (8 * i) : hi >>> (8 * (i - 8));
            phys.write(i < n1 ? pa1 + i : pa2 + (i - n1), 1, b);
        }
        if (watchTouched) {
            notifyWatch(lin, size, true);
        }
    }

    private long fetchSlow(long addr) {
        return phys.read(translate(addr & linMask, PageWalker.EXEC), 1);
    }

    /**
     * Translates linear address {@code lin} for an access of kind {@code access} with the
     * current privilege, filling the TLB; A/D flags are updated and faults thrown as for a
     * real access. The translator uses it with EXEC to find a block's physical address.
     *
     * @return the physical address
     * @throws MemoryFault #PF, or #GP(0) for a non-canonical address
     */
    public long translate(long lin, Access access) {
        return translate(lin, access.code());
    }

    /** {@link #translate(long, Access)} with {@code PageWalker.READ/WRITE/EXEC}. */
    long translate(long lin, int access) {
        lin &= linMask;
        if (mode.longMode() && !canonical(lin)) {
            faults++;
            throw fault.set(MemoryFault.VECTOR_GP, 0, lin);
        }
        Tlb t = cur;
        int i = t.index(lin);
        long page = lin & PAGE_MASK;
        long tag = access == PageWalker.READ ? t.readTag[i] : access == PageWalker.WRITE ? t.writeTag[i] : t.execTag[i];
        if (tag != INVALID && (tag & PAGE_MASK) == page) {
            slowPath++;
            if ((tag & Tlb.FLAG_WATCH) != 0) {
                watchTouched = true;
            }
            if ((tag & Tlb.FLAG_CODE) != 0 && !phys.isCodePage(t.physPage[i] >>> 12)) {
                t.writeTag[i] = tag & ~Tlb.FLAG_CODE; // unmarked since: back to the fast path
            }
            return t.physPage[i] | (lin & 0xFFF);
        }
        misses++;
        long r;
        if (mode == PagingMode.NONE) {
            r = (lin & a20Mask & PAGE_MASK) | PageWalker.OK_READ | PageWalker.OK_WRITE | PageWalker.OK_EXEC
                    | PageWalker.DIRTY;
        } else {
            try {
                r = walker.walk(lin, access, effective, true);
            } catch (MemoryFault f) {
                faults++;
                throw f;
            }
        }
        fill(t, i, page, r);
        if (!watchedPages.isEmpty() && access != PageWalker.EXEC && watchedPages.contains(page)) {
            watchTouched = true;
        }
        return (r & PageWalker.FRAME) | (lin & 0xFFF);
    }

    /**
     * Translates {@code lin} for a debugger or disassembler: no A/D updates, no TLB fill,
     * no fault. Returns the physical address or -1 if a read with the current privilege
     * would fault.
     */
    public long probe(long lin) {
        lin &= linMask;
        if (mode.longMode() && !canonical(lin)) {
            return -1;
        }
        if (mode == PagingMode.NONE) {
            return lin & a20Mask;
        }
        long r = walker.walk(lin, PageWalker.READ, effective, false);
        return r == -1 ? -1 : (r & PageWalker.FRAME) | (lin & 0xFFF);
    }

    private boolean canonical(long lin) {
        int shift = mode == PagingMode.LEVEL5 ? 7 : 16;
        return (lin << shift) >> shift == lin;
    }

    private void fill(Tlb t, int i, long page, long r) {
        long pp = r & PageWalker.FRAME;
        byte[] host = phys.hostArray(pp);
        long io = host == null ? Tlb.FLAG_IO : 0;
        long wflags = io;
        if (host != null && phys.isRom(pp)) {
            wflags |= Tlb.FLAG_IO;
        }
        if (phys.isCodePage(pp >>> 12)) {
            wflags |= Tlb.FLAG_CODE;
        }
        long watch = !watchedPages.isEmpty() && watchedPages.contains(page) ? Tlb.FLAG_WATCH : 0;
        t.readTag[i] = (r & PageWalker.OK_READ) != 0 ? page | io | watch : INVALID;
        t.writeTag[i] = (r & PageWalker.OK_WRITE) != 0 && (r & PageWalker.DIRTY) != 0 ? page | wflags | watch
                : INVALID;
        t.execTag[i] = (r & PageWalker.OK_EXEC) != 0 ? page | io : INVALID;
        t.host[i] = host;
        t.physPage[i] = pp;
        t.global[i] = (r & PageWalker.GLOBAL) != 0;
        t.filled(i);
        if ((r & PageWalker.LARGE) != 0) {
            largeCached = true;
        }
    }

    // =====================================================================================
    // Control state.

    /**
     * Sets the access privilege (see {@link Privilege}): {@code Privilege.of(cpl, ac)} for
     * ordinary accesses, {@code Privilege.implicitOf(cpl, ac)} around implicit
     * supervisor-mode accesses. No flush: each privilege has its own TLB.
     */
    public void setPrivilege(Privilege p) {
        privilege = p;
        selectTlb();
    }

    public Privilege privilege() {
        return privilege;
    }

    private void selectTlb() {
        // Without SMAP, AC changes nothing: share the supervisor TLB.
        effective = privilege == Privilege.SUPERVISOR_AC && (cr4 & ControlBits.CR4_SMAP) == 0
                ? Privilege.SUPERVISOR : privilege;
        Tlb t = tlbs[effective.ordinal()];
        cur = t;
        readTag = t.readTag;
        writeTag = t.writeTag;
        execTag = t.execTag;
        host = t.host;
    }

    /** MOV to CR0. Flushes everything if PG, WP or PE changes; may load PAE PDPTEs (#GP). */
    public void setCr0(long v) {
        setControl(v, cr3, cr4, efer, ((v ^ cr0) & ControlBits.CR0_FLUSH) != 0, false);
    }

    /**
     * MOV to CR3: flushes non-global entries (all of them if CR4.PGE = 0). In PAE mode
     * loads the PDPTE registers; a reserved bit in a present PDPTE throws #GP(0) and leaves
     * CR3 unchanged.
     */
    public void setCr3(long v) {
        setControl(cr0, v, cr4, efer, false, true);
        flushes++;
        notifyAllMappings();
        if ((cr4 & ControlBits.CR4_PGE) != 0) {
            for (Tlb t : tlbs) {
                t.flushNonGlobal();
            }
        } else {
            flushAllNoCount();
        }
    }

    /** MOV to CR4: flushes everything if a paging bit changes (PSE, PAE, PGE, SMEP, SMAP, LA57, ...). */
    public void setCr4(long v) {
        setControl(cr0, cr3, v, efer, ((v ^ cr4) & ControlBits.CR4_FLUSH) != 0, false);
    }

    /** WRMSR to IA32_EFER: flushes everything if LME or NXE changes. */
    public void setEfer(long v) {
        setControl(cr0, cr3, cr4, v, ((v ^ efer) & ControlBits.EFER_FLUSH) != 0, false);
    }

    /** Sets all four at once (machine reset, tests, user-mode setup) and flushes everything. */
    public void setControlRegisters(long cr0, long cr3, long cr4, long efer) {
        setControl(cr0, cr3, cr4, efer, true, true);
    }

    /**
     * SDM 4.4.1: the PDPTE registers are loaded by MOV to CR3 in PAE mode and by MOV to
     * CR0/CR4 that changes a paging bit while PAE paging results.
     */
    private void setControl(long ncr0, long ncr3, long ncr4, long nefer, boolean flush, boolean loadPdptes) {
        PagingMode nmode = PagingMode.of(ncr0, ncr4, nefer);
        if (nmode == PagingMode.PAE && (loadPdptes || flush || mode != PagingMode.PAE)) {
            if (!walker.loadPdptes(ncr3, maxPhyAddr, a20Mask)) {
                faults++;
                throw fault.set(MemoryFault.VECTOR_GP, 0, 0);
            }
        }
        cr0 = ncr0;
        cr3 = ncr3;
        cr4 = ncr4;
        efer = nefer;
        mode = nmode;
        reconfigure();
        selectTlb();
        if (flush) {
            flushTlb();
        }
    }

    private void reconfigure() {
        linMask = mode.longMode() ? -1L : 0xFFFF_FFFFL;
        walker.configure(mode, cr0, cr3, cr4, efer, maxPhyAddr, a20Mask);
    }

    public long cr0() {
        return cr0;
    }

    public long cr3() {
        return cr3;
    }

    public long cr4() {
        return cr4;
    }

    public long efer() {
        return efer;
    }

    public PagingMode mode() {
        return mode;
    }

    /** The physical-address width used for reserved-bit checks (CPUID 80000008h EAX[7:0]); default 46. */
    public void setMaxPhysAddr(int bits) {
        if (bits < 32 || bits > 52) {
            throw new IllegalArgumentException("MAXPHYADDR must be in 32..52: " + bits);
        }
        maxPhyAddr = bits;
        reconfigure();
        flushTlb();
    }

    public int maxPhysAddr() {
        return maxPhyAddr;
    }

    /** The A20 gate: when disabled, physical address bit 20 reads as 0 (PC compatibility). */
    public void setA20(boolean enabled) {
        long m = enabled ? -1L : ~(1L << 20);
        if (m != a20Mask) {
            a20Mask = m;
            reconfigure();
            flushTlb();
        }
    }

    public boolean a20() {
        return a20Mask == -1L;
    }

    /** INVLPG: drops the translation of {@code lin}'s page in every privilege's TLB (global too). */
    public void invlpg(long lin) {
        invlpgs++;
        if (largeCached) {
            // The 4 KiB pieces of a large page sit at many indexes: drop them all.
            flushAllNoCount();
            return;
        }
        for (Tlb t : tlbs) {
            t.flushPage(lin & linMask);
        }
        for (MappingListener l : mappingListeners) {
            l.mappingChanged(lin & linMask & PAGE_MASK);
        }
    }

    /** Drops every TLB entry, global ones too. */
    public void flushTlb() {
        flushes++;
        flushAllNoCount();
    }

    private void flushAllNoCount() {
        for (Tlb t : tlbs) {
            t.flushAll();
        }
        largeCached = false;
        notifyAllMappings();
    }

    private void notifyAllMappings() {
        for (MappingListener l : mappingListeners) {
            l.allMappingsChanged();
        }
    }

    /** Adds a listener told of every translation change (CR3 writes, flushes, INVLPG). */
    public void addMappingListener(MappingListener l) {
        MappingListener[] a = java.util.Arrays.copyOf(mappingListeners, mappingListeners.length + 1);
        a[a.length - 1] = l;
        mappingListeners = a;
    }

    public void removeMappingListener(MappingListener l) {
        mappingListeners = java.util.Arrays.stream(mappingListeners).filter(x -> x != l)
                .toArray(MappingListener[]::new);
    }

    // =====================================================================================
    // Code pages and stats.

    /** Marks physical page {@code pfn} as holding translated code (see {@link PhysicalMemory#markCodePage}). */
    public void markCodePage(long pfn) {
        phys.markCodePage(pfn);
        for (Tlb t : tlbs) {
            t.protectCode(pfn << 12);
        }
    }

    /** Unmarks it; cached write tags regain the fast path on their next fill. */
    public void unmarkCodePage(long pfn) {
        phys.unmarkCodePage(pfn);
    }

    /**
     * Watches data accesses to the linear page holding {@code lin}: they leave the fast
     * path and, once done, are reported to the {@link WatchListener}.
     */
    public void watchPage(long lin) {
        watchedPages.add(lin & linMask & PAGE_MASK);
        for (Tlb t : tlbs) {
            t.flushPage(lin & linMask);
        }
    }

    public void unwatchPage(long lin) {
        watchedPages.remove(lin & linMask & PAGE_MASK);
        for (Tlb t : tlbs) {
            t.flushPage(lin & linMask);
        }
    }

    public void setWatchListener(WatchListener l) {
        watchListener = l;
    }

    public MmuStats stats() {
        return new MmuStats(COUNT_HITS ? hits : -1, misses, slowPath, flushes, invlpgs, walker.walks(), faults,
                phys.unassignedCount());
    }
}
