package org.hot86.softmmu;

/**
 * A deliberately simple, uncached model of x86 linear-to-physical translation, written
 * from the Intel SDM Vol. 3A chapter 4 tables independently of the production walker:
 * every access walks the tables again, RAM is one flat byte array starting at physical
 * 0, and everything above it is unassigned (reads 0xFF, writes dropped).
 *
 * <p>Conventions it shares with the MMU because the SDM leaves them open: accessed/dirty
 * flags are written only when a translation succeeds; a page-crossing access translates
 * the first page, then the second, then stores; a fault on the second page reports the
 * first byte of the second page in CR2.
 */
final class RefMmu {
    static final class Fault extends Exception {
        private static final long serialVersionUID = 1L;
        final int vector;
        final int errorCode;
        final long address;

        Fault(int vector, int errorCode, long address) {
            super(null, null, false, false);
            this.vector = vector;
            this.errorCode = errorCode;
            this.address = address;
        }

        @Override
        public String toString() {
            return String.format("fault(%d, 0x%x, 0x%x)", vector, errorCode, address);
        }
    }

    static final int READ = 0, WRITE = 1, FETCH = 2;

    final byte[] ram;
    long cr0, cr3, cr4, efer;
    int maxPhy;
    final long[] pdpte = new long[4];
    Privilege priv = Privilege.SUPERVISOR;
    /** Physical addresses of the first byte on each page the last successful write touched. */
    long lastWrite1, lastWrite2;
    /** Physical page numbers this model has read paging-structure entries from. */
    final java.util.Set<Long> structurePages = new java.util.HashSet<>();

    RefMmu(byte[] ram) {
        this.ram = ram;
    }

    private boolean bit(long v, int b) {
        return ((v >>> b) & 1) != 0;
    }

    boolean paging() {
        return bit(cr0, 31);
    }

    boolean pae() {
        return bit(cr4, 5);
    }

    boolean ia32e() {
        return paging() && pae() && bit(efer, 8);
    }

    boolean la57() {
        return bit(cr4, 12);
    }

    long rd(long pa, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            long a = pa + i;
            long b = a >= 0 && a < ram.length ? ram[(int) a] & 0xFF : 0xFF;
            v |= b << (8 * i);
        }
        return v;
    }

    void wr(long pa, int n, long v) {
        for (int i = 0; i < n; i++) {
            long a = pa + i;
            if (a >= 0 && a < ram.length) {
                ram[(int) a] = (byte) (v >>> (8 * i));
            }
        }
    }

    /** True if any bit in [lo, hi] of v is set. */
    private static boolean anyBit(long v, int lo, int hi) {
        for (int b = lo; b <= hi; b++) {
            if (((v >>> b) & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Loads PAE PDPTE registers; false if the load would #GP (SDM 4.4.1, Table 4-8). */
    boolean loadPdptes() {
        long base = cr3 & 0xFFFF_FFE0L;
        structurePages.add(base >>> 12);
        long[] tmp = new long[4];
        for (int i = 0; i < 4; i++) {
            long e = rd(base + 8 * i, 8);
            if (bit(e, 0) && (anyBit(e, 1, 2) || anyBit(e, 5, 8) || anyBit(e, maxPhy, 63))) {
                return false;
            }
            tmp[i] = e;
        }
        System.arraycopy(tmp, 0, pdpte, 0, 4);
        return true;
    }

    private Fault pf(long lin, int kind, boolean present, boolean rsvd) {
        int ec = 0;
        if (present) {
            ec |= 1;
        }
        if (kind == WRITE) {
            ec |= 2;
        }
        if (priv == Privilege.USER) {
            ec |= 4;
        }
        if (rsvd) {
            ec |= 8;
        }
        if (kind == FETCH && (bit(cr4, 20) || (pae() && bit(efer, 11)))) {
            ec |= 16;
        }
        return new Fault(14, ec, lin);
    }

    long truncate(long lin) {
        return ia32e() ? lin : lin & 0xFFFF_FFFFL;
    }

    /** Linear to physical for one byte's page. */
    long translate(long lin, int kind) throws Fault {
        lin = truncate(lin);
        if (!paging()) {
            return lin;
        }
        if (ia32e()) {
            int top = la57() ? 56 : 47;
            long sign = (lin >> top) & 1;
            for (int b = top + 1; b < 64; b++) {
                if (((lin >>> b) & 1) != sign) {
                    throw new Fault(13, 0, lin);
                }
            }
        }
        boolean nxe = bit(efer, 11);
        // Collected walk: entry addresses, values and sizes.
        long[] addrs = new long[6];
        long[] vals = new long[6];
        int n = 0;
        int esize;
        long leaf;
        long phys;
        boolean userOk = true, writeOk = true, noExec = false;
        if (!pae()) {
            esize = 4;
            long pdeA = (cr3 & 0xFFFF_F000L) | (((lin >>> 22) & 0x3FF) << 2);
            structurePages.add(pdeA >>> 12);
            long pde = rd(pdeA, 4);
            if (!bit(pde, 0)) {
                throw pf(lin, kind, false, false);
            }
            addrs[n] = pdeA;
            vals[n++] = pde;
            userOk = bit(pde, 2);
            writeOk = bit(pde, 1);
            if (bit(pde, 7) && bit(cr4, 4)) {
                // 4 MiB page, Table 4-4: bit 21 reserved; bits 20:13 are PA bits 39:32.
                int m = Math.min(maxPhy, 40);
                if (bit(pde, 21) || anyBit(pde, 13 + (m - 32), 20)) {
                    throw pf(lin, kind, true, true);
                }
                long hi = (pde >>> 13) & 0xFF;
                phys = (hi << 32) | (pde & 0xFFC0_0000L) | (lin & 0x3F_FFFFL);
                leaf = pde;
            } else {
                long pteA = (pde & 0xFFFF_F000L) | (((lin >>> 12) & 0x3FF) << 2);
                structurePages.add(pteA >>> 12);
                long pte = rd(pteA, 4);
                if (!bit(pte, 0)) {
                    throw pf(lin, kind, false, false);
                }
                addrs[n] = pteA;
                vals[n++] = pte;
                userOk &= bit(pte, 2);
                writeOk &= bit(pte, 1);
                phys = (pte & 0xFFFF_F000L) | (lin & 0xFFF);
                leaf = pte;
            }
        } else {
            esize = 8;
            int levels;
            long table;
            int topShift;
            boolean legacyPae = !ia32e();
            if (legacyPae) {
                long e = pdpte[(int) ((lin >>> 30) & 3)];
                if (!bit(e, 0)) {
                    throw pf(lin, kind, false, false);
                }
                table = e & mask(12, maxPhy - 1);
                levels = 2;
                topShift = 21;
            } else {
                table = cr3 & mask(12, maxPhy - 1);
                levels = la57() ? 5 : 4;
                topShift = la57() ? 48 : 39;
            }
            leaf = 0;
            phys = 0;
            for (int lvl = 0; lvl < levels; lvl++) {
                int shift = topShift - 9 * lvl;
                long ea = table + ((lin >>> shift) & 511) * 8;
                structurePages.add(ea >>> 12);
                long e = rd(ea, 8);
                if (!bit(e, 0)) {
                    throw pf(lin, kind, false, false);
                }
                boolean ps = bit(e, 7);
                boolean rsvd = anyBit(e, maxPhy, legacyPae ? 62 : 51) || (!nxe && bit(e, 63));
                if (shift >= 39 && ps) {
                    rsvd = true;
                }
                boolean isLeaf = shift == 12 || (ps && (shift == 21 || shift == 30));
                if (isLeaf && shift == 30 && anyBit(e, 13, 29)) {
                    rsvd = true;
                }
                if (isLeaf && shift == 21 && anyBit(e, 13, 20)) {
                    rsvd = true;
                }
                if (rsvd) {
                    throw pf(lin, kind, true, true);
                }
                addrs[n] = ea;
                vals[n++] = e;
                userOk &= bit(e, 2);
                writeOk &= bit(e, 1);
                noExec |= nxe && bit(e, 63);
                if (isLeaf) {
                    leaf = e;
                    phys = (e & mask(shift, maxPhy - 1)) | (lin & mask(0, shift - 1));
                    break;
                }
                table = e & mask(12, maxPhy - 1);
            }
        }
        // SDM 4.6.1, stated as the conditions that fault.
        boolean user = priv == Privilege.USER;
        boolean smapOn = bit(cr4, 21), smepOn = bit(cr4, 20), wp = bit(cr0, 16);
        boolean deny;
        if (user) {
            deny = !userOk || (kind == WRITE && !writeOk) || (kind == FETCH && noExec);
        } else if (kind == FETCH) {
            deny = noExec || (smepOn && userOk);
        } else {
            boolean acSet = priv == Privilege.SUPERVISOR_AC;
            deny = (smapOn && userOk && !acSet) || (kind == WRITE && wp && !writeOk);
        }
        if (deny) {
            throw pf(lin, kind, true, false);
        }
        for (int i = 0; i < n; i++) {
            long v = vals[i] | 0x20;
            if (i == n - 1 && kind == WRITE) {
                v |= 0x40;
            }
            if (v != vals[i]) {
                wr(addrs[i], esize, v);
            }
        }
        return phys;
    }

    private static long mask(int lo, int hi) {
        long m = 0;
        for (int b = lo; b <= hi; b++) {
            m |= 1L << b;
        }
        return m;
    }

    private long secondPage(long lin) {
        return truncate((lin & ~0xFFFL) + 0x1000);
    }

    /** Reads {@code size} bytes (up to 16) into a 2-long array. */
    long[] read(long lin, int size, int kind) throws Fault {
        lin = truncate(lin);
        int first = (int) Math.min(size, 0x1000 - (lin & 0xFFF));
        long p1 = translate(lin, kind);
        long p2 = first < size ? translate(secondPage(lin), kind) : 0;
        long[] out = new long[2];
        for (int i = 0; i < size; i++) {
            long b = i < first ? rd(p1 + i, 1) : rd(p2 + (i - first), 1);
            out[i / 8] |= b << (8 * (i % 8));
        }
        return out;
    }

    void write(long lin, int size, long lo, long hi) throws Fault {
        lin = truncate(lin);
        int first = (int) Math.min(size, 0x1000 - (lin & 0xFFF));
        long p1 = translate(lin, WRITE);
        long p2 = first < size ? translate(secondPage(lin), WRITE) : 0;
        lastWrite1 = p1;
        lastWrite2 = first < size ? p2 : p1;
        for (int i = 0; i < size; i++) {
            long b = (i < 8 ? lo >>> (8 * i) : hi >>> (8 * (i - 8))) & 0xFF;
            wr(i < first ? p1 + i : p2 + (i - first), 1, b);
        }
    }
}
