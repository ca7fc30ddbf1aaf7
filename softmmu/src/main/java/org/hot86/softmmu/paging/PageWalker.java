package org.hot86.softmmu.paging;

import org.hot86.softmmu.ControlBits;
import org.hot86.softmmu.MemoryFault;
import org.hot86.softmmu.PagingMode;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * Translates one linear address by walking the guest's paging structures in physical
 * memory (SDM Vol. 3A, chapter 4): 32-bit paging (4.3), PAE paging (4.4) and 4/5-level
 * paging (4.5), with the access-rights rules of 4.6 (U/S, R/W with CR0.WP, XD with
 * EFER.NXE, SMEP, SMAP), the reserved-bit checks of 4.7 (using the configured
 * MAXPHYADDR), accessed/dirty updates (4.8) and the page-fault error code (4.7).
 *
 * <p>The walker does no caching: the MMU's TLB caches its results. It keeps the paging
 * control state the MMU gives it ({@link #configure}); in PAE mode the four PDPTEs are
 * the "PDPTE registers" loaded by {@link #loadPdptes} when CR3 is written (4.4.1), not
 * re-read on each walk.
 *
 * <p>Accessed and dirty flags are written back only when the translation succeeds
 * (the SDM leaves it open whether a faulting walk sets them; doing it only on success
 * keeps runs deterministic and easy to check).
 *
 * <h2>Result word</h2>
 * <pre>
 *  63                                    12 11   6   5     4      3      2     1     0
 * +----------------------------------------+------+-----+------+------+-----+-----+----+
 * | physical address of the 4 KiB frame    |  0   |DIRTY|LARGE |GLOBAL|EXEC |WRITE|READ|
 * | (A20-masked; inside a large page, the  |      |     |      |      | ok  | ok  | ok |
 * |  4 KiB part that holds the address)    |      |     |      |      |     |     |    |
 * +----------------------------------------+------+-----+------+------+-----+-----+----+
 * </pre>
 * READ/WRITE/EXEC say which kinds of access the privilege that walked may make;
 * DIRTY says the leaf entry's D flag is set (after this access); GLOBAL is G with
 * CR4.PGE = 1; LARGE marks a 4 MiB/2 MiB/1 GiB page.
 */
public final class PageWalker {
    /** Access kinds. */
    public static final int READ = 0, WRITE = 1, EXEC = 2;

    /** Result-word bits. */
    public static final long OK_READ = 1, OK_WRITE = 2, OK_EXEC = 4, GLOBAL = 8, LARGE = 16, DIRTY = 32;
    public static final long FRAME = ~0xFFFL;

    /** Paging-structure entry bits (SDM Vol. 3A, Tables 4-4 to 4-20). */
    static final long P = 1, RW = 2, US = 4, A = 1 << 5, D = 1 << 6, PS = 1 << 7, G = 1 << 8, XD = 1L << 63;

    private final PhysicalMemory mem;
    private final MemoryFault fault;
    private PagingMode mode = PagingMode.NONE;
    private long cr0, cr3, cr4, efer;
    private final long[] pdpte = new long[4];
    private int maxPhyAddr = 46;
    private long a20Mask = -1L;
    private long walks;
    private final long[] entryAddr = new long[5];
    private final long[] entryVal = new long[5];

    /** @param fault the reused fault instance the walker throws */
    public PageWalker(PhysicalMemory mem, MemoryFault fault) {
        this.mem = mem;
        this.fault = fault;
    }

    /** Sets the paging state. PDPTEs are not reloaded here: see {@link #loadPdptes}. */
    public void configure(PagingMode mode, long cr0, long cr3, long cr4, long efer, int maxPhyAddr, long a20Mask) {
        if (maxPhyAddr < 32 || maxPhyAddr > 52) {
            throw new IllegalArgumentException("MAXPHYADDR must be in 32..52: " + maxPhyAddr);
        }
        this.mode = mode;
        this.cr0 = cr0;
        this.cr3 = cr3;
        this.cr4 = cr4;
        this.efer = efer;
        this.maxPhyAddr = maxPhyAddr;
        this.a20Mask = a20Mask;
    }

    /**
     * Loads the four PAE PDPTE registers from the 32-byte-aligned table CR3 points to
     * (SDM 4.4.1). Returns false, loading nothing, if a present PDPTE has a reserved bit
     * set: the MOV to CR3/CR0/CR4 that caused the load then raises #GP(0).
     */
    public boolean loadPdptes(long cr3, int maxPhyAddr, long a20Mask) {
        long base = cr3 & 0xFFFF_FFE0L;
        long rsvd = ~((1L << maxPhyAddr) - 1) | 0x6L | 0x1E0L;
        long[] e = new long[4];
        for (int i = 0; i < 4; i++) {
            e[i] = mem.read((base + 8L * i) & a20Mask, 8);
            if ((e[i] & P) != 0 && (e[i] & rsvd) != 0) {
                return false;
            }
        }
        System.arraycopy(e, 0, pdpte, 0, 4);
        return true;
    }

    /** Walks performed so far. */
    public long walks() {
        return walks;
    }

    /**
     * Translates {@code lin} (already truncated to 32 bits outside long mode and checked
     * canonical in it) for an access of kind {@code access} made with {@code priv}.
     *
     * @param sideEffects false for a debugger probe: no A/D updates, and a fault returns
     *                    -1 instead of throwing
     * @return the result word (see the class comment)
     * @throws MemoryFault #PF with error code and CR2 = {@code lin}
     */
    public long walk(long lin, int access, Privilege priv, boolean sideEffects) {
        walks++;
        return switch (mode) {
            case NONE -> throw new IllegalStateException("paging is off");
            case BITS32 -> walk32(lin, access, priv, sideEffects);
            case PAE -> walk64(lin, access, priv, sideEffects, 21);
            case LEVEL4 -> walk64(lin, access, priv, sideEffects, 39);
            case LEVEL5 -> walk64(lin, access, priv, sideEffects, 48);
        };
    }

    /** 32-bit paging, SDM 4.3 and Figures 4-2, 4-3. */
    private long walk32(long lin, int access, Privilege priv, boolean sideEffects) {
        long pdeAddr = ((cr3 & 0xFFFF_F000L) + ((lin >>> 22) & 0x3FF) * 4) & a20Mask;
        long pde = mem.read(pdeAddr, 4);
        if ((pde & P) == 0) {
            return fault(lin, access, priv, 0, sideEffects);
        }
        int n = 0;
        entryAddr[n] = pdeAddr;
        entryVal[n++] = pde;
        boolean user = (pde & US) != 0, writable = (pde & RW) != 0;
        long frame, leaf;
        boolean large = (pde & PS) != 0 && (cr4 & ControlBits.CR4_PSE) != 0;
        if (large) {
            // Table 4-4: bits 20:13 hold physical-address bits 39:32 (PSE-36), of which
            // those at or above min(MAXPHYADDR, 40) are reserved, as is bit 21.
            int m = Math.min(maxPhyAddr, 40);
            long rsvd = (1L << 21) | (((1L << 21) - 1) & ~((1L << (13 + m - 32)) - 1));
            if ((pde & rsvd) != 0) {
                return fault(lin, access, priv, MemoryFault.PF_P | MemoryFault.PF_RSVD, sideEffects);
            }
            frame = (pde & 0xFFC0_0000L) | (((pde >>> 13) & 0xFF) << 32) | (lin & 0x003F_F000L);
            leaf = pde;
        } else {
            long pteAddr = ((pde & 0xFFFF_F000L) + ((lin >>> 12) & 0x3FF) * 4) & a20Mask;
            long pte = mem.read(pteAddr, 4);
            if ((pte & P) == 0) {
                return fault(lin, access, priv, 0, sideEffects);
            }
            entryAddr[n] = pteAddr;
            entryVal[n++] = pte;
            user &= (pte & US) != 0;
            writable &= (pte & RW) != 0;
            frame = pte & 0xFFFF_F000L;
            leaf = pte;
        }
        return finish(lin, access, priv, sideEffects, n, 4, frame, leaf, user, writable, false, large);
    }

    /**
     * PAE paging (SDM 4.4, Figures 4-5 to 4-7) when {@code shift} is 21, else 4-level
     * (shift 39) or 5-level (shift 48) paging (SDM 4.5, Figures 4-8 to 4-11).
     */
    private long walk64(long lin, int access, Privilege priv, boolean sideEffects, int shift) {
        boolean nxe = (efer & ControlBits.EFER_NXE) != 0;
        long addrMask = ((1L << maxPhyAddr) - 1) & ~0xFFFL;
        // Tables 4-8 to 4-11 (PAE): bits 62:MAXPHYADDR reserved; Tables 4-14 to 4-20
        // (4/5-level): bits 51:MAXPHYADDR reserved, 62:52 ignored. XD reserved if !NXE.
        long rsvdHigh = (mode == PagingMode.PAE ? (1L << 63) - 1 : (1L << 52) - 1) & ~((1L << maxPhyAddr) - 1);
        if (!nxe) {
            rsvdHigh |= XD;
        }
        long table;
        if (mode == PagingMode.PAE) {
            long e = pdpte[(int) ((lin >>> 30) & 3)];
            if ((e & P) == 0) {
                return fault(lin, access, priv, 0, sideEffects);
            }
            table = e & addrMask;
        } else {
            table = cr3 & addrMask;
        }
        boolean user = true, writable = true, xd = false;
        int n = 0;
        while (true) {
            long ea = (table + ((lin >>> shift) & 0x1FF) * 8) & a20Mask;
            long e = mem.read(ea, 8);
            if ((e & P) == 0) {
                return fault(lin, access, priv, 0, sideEffects);
            }
            boolean leaf = shift == 12 || ((e & PS) != 0 && (shift == 21 || shift == 30));
            long rsvd = rsvdHigh;
            if (shift >= 39) {
                rsvd |= PS; // PML5E and PML4E: bit 7 reserved
            } else if (leaf && shift == 30) {
                rsvd |= 0x3FFF_E000L; // 1-GByte page: bits 29:13
            } else if (leaf && shift == 21) {
                rsvd |= 0x001F_E000L; // 2-MByte page: bits 20:13
            }
            if ((e & rsvd) != 0) {
                return fault(lin, access, priv, MemoryFault.PF_P | MemoryFault.PF_RSVD, sideEffects);
            }
            user &= (e & US) != 0;
            writable &= (e & RW) != 0;
            xd |= nxe && (e & XD) != 0;
            entryAddr[n] = ea;
            entryVal[n++] = e;
            if (leaf) {
                long size = 1L << shift;
                long frame = (e & addrMask & ~(size - 1)) | (lin & (size - 1) & ~0xFFFL);
                return finish(lin, access, priv, sideEffects, n, 8, frame, e, user, writable, xd, shift > 12);
            }
            table = e & addrMask;
            shift -= 9;
        }
    }

    /** Access rights (SDM 4.6.1), then A/D write-back (4.8). */
    private long finish(long lin, int access, Privilege priv, boolean sideEffects, int n, int entrySize,
            long frame, long leaf, boolean user, boolean writable, boolean xd, boolean large) {
        boolean wp = (cr0 & ControlBits.CR0_WP) != 0;
        boolean smapBlocks = user && priv == Privilege.SUPERVISOR && (cr4 & ControlBits.CR4_SMAP) != 0;
        boolean smep = (cr4 & ControlBits.CR4_SMEP) != 0;
        boolean r, w, x;
        if (priv == Privilege.USER) {
            r = user;
            w = user && writable;
            x = user && !xd;
        } else {
            r = !smapBlocks;
            w = !smapBlocks && (!wp || writable);
            x = !xd && !(user && smep);
        }
        boolean ok = switch (access) {
            case READ -> r;
            case WRITE -> w;
            default -> x;
        };
        if (!ok) {
            return fault(lin, access, priv, MemoryFault.PF_P, sideEffects);
        }
        boolean dirty = (leaf & D) != 0 || access == WRITE;
        if (sideEffects) {
            for (int i = 0; i < n; i++) {
                long v = entryVal[i];
                long nv = v | A;
                if (i == n - 1 && access == WRITE) {
                    nv |= D;
                }
                if (nv != v) {
                    mem.write(entryAddr[i], entrySize == 8 ? 8 : 4, nv);
                }
            }
        }
        long res = (frame & a20Mask & FRAME) | (r ? OK_READ : 0) | (w ? OK_WRITE : 0) | (x ? OK_EXEC : 0)
                | (dirty ? DIRTY : 0) | (large ? LARGE : 0);
        if ((leaf & G) != 0 && (cr4 & ControlBits.CR4_PGE) != 0) {
            res |= GLOBAL;
        }
        return res;
    }

    private long fault(long lin, int access, Privilege priv, int bits, boolean sideEffects) {
        if (!sideEffects) {
            return -1;
        }
        int ec = bits;
        if (access == WRITE) {
            ec |= MemoryFault.PF_W;
        }
        if (priv == Privilege.USER) {
            ec |= MemoryFault.PF_U;
        }
        // SDM 4.7: I/D is set for fetches only with SMEP, or with PAE/4-level and NXE.
        if (access == EXEC && ((cr4 & ControlBits.CR4_SMEP) != 0
                || ((cr4 & ControlBits.CR4_PAE) != 0 && (efer & ControlBits.EFER_NXE) != 0))) {
            ec |= MemoryFault.PF_I;
        }
        throw fault.set(MemoryFault.VECTOR_PF, ec, lin);
    }
}
