package org.hot86.softmmu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;

/**
 * Random paging structures in guest RAM and random accesses, run through the MMU (TLB,
 * walker, physical memory) and through {@link RefMmu}, which walks the tables again on
 * every access. Outcomes (value or fault vector/error code/CR2) must agree after every
 * access, and the whole RAM (data and accessed/dirty flags) at the end.
 *
 * <p>Cases per mode: {@code -Dhot86.softmmu.cases=N} (default 150); seed:
 * {@code -Dhot86.softmmu.seed=S} (default: time, printed). QuickTheories shrinks a failing
 * access list.
 */
class PagingPropertyTest {
    static final int RAM = 8 << 20;
    static final long TABLE_BASE = 4 << 20;
    static final int CHUNK_BITS = 12; // RAM is one host array per page
    static final int CASES = Integer.getInteger("hot86.softmmu.cases", 150);

    record Access(int kind, int size, Privilege priv, long addrBits, int offSel) {
        long value() {
            return Long.rotateLeft(addrBits, 17) ^ 0x5DEE_CE66_DL;
        }
    }

    static Gen<Access> accesses() {
        // kind: 0 read, 1 write, 2 fetch, 3 read-modify-write (checkWritable, read, write)
        return integers().between(0, 3).zip(integers().between(0, 4), integers().between(0, 2), longs().all(),
                integers().between(0, 7), (k, s, p, a, o) -> new Access(k, k == 2 ? 1 : k == 3 ? 1 << (s % 4) : 1 << s,
                        Privilege.values()[p], a, o));
    }

    @ParameterizedTest
    @EnumSource(PagingMode.class)
    void mmuAgreesWithUncachedReferenceWalker(PagingMode mode) {
        long seed = Long.getLong("hot86.softmmu.seed", System.nanoTime());
        System.out.println("PagingPropertyTest " + mode + " seed " + seed + " (-Dhot86.softmmu.seed=" + seed + ")");
        Arrays.fill(OUTCOMES, 0);
        qt().withFixedSeed(seed).withExamples(CASES)
                .forAll(integers().between(0, 0xFFFF), longs().all(), lists().of(accesses()).ofSizeBetween(1, 40))
                .checkAssert((cfg, tableSeed, list) -> runCase(mode, cfg, tableSeed, list));
        // Evidence that the campaign exercises both sides: successes and each kind of fault.
        System.out.printf("PagingPropertyTest %s: %d accesses ok, %d #PF not-present, %d #PF protection,"
                + " %d #PF reserved-bit, %d #GP, %d PDPTE #GP setups%n", mode, OUTCOMES[0], OUTCOMES[1],
                OUTCOMES[2], OUTCOMES[3], OUTCOMES[4], OUTCOMES[5]);
    }

    /** ok, #PF P=0, #PF P=1, #PF RSVD, #GP, PDPTE #GP: for the campaign summary (includes shrinking runs). */
    static final long[] OUTCOMES = new long[6];

    /** Builds the paging structures; returns CR3. */
    static final class Builder {
        final Random r;
        final byte[] ram;
        final PagingMode mode;
        final int maxPhy;
        int nextTable;

        Builder(Random r, byte[] ram, PagingMode mode, int maxPhy) {
            this.r = r;
            this.ram = ram;
            this.mode = mode;
            this.maxPhy = maxPhy;
        }

        long newTable() {
            if (nextTable >= 128 || (nextTable > 4 && r.nextInt(12) == 0)) {
                return TABLE_BASE + 0x1000L * r.nextInt(Math.max(1, Math.min(nextTable, 128)));
            }
            return TABLE_BASE + 0x1000L * nextTable++;
        }

        void put(long pa, int size, long v) {
            for (int i = 0; i < size; i++) {
                ram[(int) pa + i] = (byte) (v >>> (8 * i));
            }
        }

        long dataFrame() {
            if (r.nextInt(20) == 0) {
                return (1L << (23 + r.nextInt(Math.max(1, maxPhy - 23)))) & ~0xFFFL; // unassigned
            }
            return 0x1000L * r.nextInt(1024); // 0 .. 4 MiB
        }

        long flags64(boolean leafLevel) {
            long e = 1;
            if (r.nextInt(10) < 8) {
                e |= 2;
            }
            if (r.nextInt(10) < 7) {
                e |= 4;
            }
            e |= (long) r.nextInt(1 << 4) << 3 & 0x18; // PWT, PCD
            if (r.nextBoolean()) {
                e |= 0x20;
            }
            if (leafLevel && r.nextBoolean()) {
                e |= 0x40;
            }
            if (r.nextInt(3) == 0) {
                e |= 0x100; // G
            }
            e |= (long) r.nextInt(8) << 9; // ignored 11:9
            if (r.nextInt(8) == 0) {
                e |= 1L << 63; // XD
            }
            if (r.nextInt(12) == 0) {
                e |= (long) r.nextInt(1 << 11) << 52; // ignored in IA-32e, reserved in PAE
            }
            if (maxPhy < 52 && r.nextInt(40) == 0) {
                e |= 1L << (maxPhy + r.nextInt(52 - maxPhy)); // reserved
            }
            return e;
        }

        /** Fills a 64-bit-entry table at {@code shift} (39/48 for top, 12 for PT). */
        void fill64(long table, int shift) {
            int[] idx = shift == 12 ? new int[] {0, 1, 2, 511} : new int[] {0, 1, 511};
            for (int i : idx) {
                long slot = table + 8L * i;
                if (r.nextInt(24) == 0) {
                    put(slot, 8, r.nextLong() & ~1L); // not present, garbage
                    continue;
                }
                boolean psAllowed = shift == 21 || (shift == 30 && mode != PagingMode.PAE);
                boolean leaf = shift == 12 || (psAllowed && r.nextInt(4) == 0);
                long e = flags64(leaf);
                if (shift == 12) {
                    put(slot, 8, e | dataFrame());
                } else if (leaf) {
                    e |= 0x80;
                    long frame = shift == 21 ? (r.nextBoolean() ? 0 : 2L << 20) : 0;
                    if (r.nextInt(10) == 0) {
                        frame = 1L << (30 + r.nextInt(Math.max(1, maxPhy - 30)));
                    }
                    if (r.nextBoolean()) {
                        e |= 0x1000; // PAT
                    }
                    if (r.nextInt(12) == 0) {
                        e |= 1L << (13 + r.nextInt(shift - 13)); // reserved in a large-page entry
                    }
                    put(slot, 8, e | (frame & ((1L << 52) - 1)));
                } else {
                    if (shift >= 39 && r.nextInt(30) == 0) {
                        e |= 0x80; // PS in PML4E/PML5E: reserved
                    }
                    long t = newTable();
                    put(slot, 8, e | t);
                    fill64(t, shift - 9);
                }
            }
        }

        void fill32(long pd) {
            for (int i : new int[] {0, 1, 2, 768, 1023}) {
                long slot = pd + 4L * i;
                if (r.nextInt(12) == 0) {
                    put(slot, 4, r.nextInt() & ~1);
                    continue;
                }
                long e = 1 | (r.nextInt(10) < 8 ? 2 : 0) | (r.nextInt(10) < 7 ? 4 : 0) | (r.nextBoolean() ? 0x20 : 0)
                        | (r.nextInt(3) == 0 ? 0x100 : 0) | ((long) r.nextInt(8) << 9);
                if (r.nextInt(3) == 0) {
                    // 4 MiB page (or, with CR4.PSE = 0, a page-table pointer whose PS is ignored)
                    e |= 0x80 | (r.nextBoolean() ? 0x40 : 0) | ((long) r.nextInt(2) << 22);
                    if (r.nextInt(8) == 0) {
                        e |= (long) r.nextInt(256) << 13; // PSE-36 bits / reserved
                    }
                    if (r.nextInt(12) == 0) {
                        e |= 1L << 21;
                    }
                    put(slot, 4, e);
                } else {
                    long pt = newTable();
                    put(slot, 4, e | pt);
                    for (int j : new int[] {0, 1, 2, 1023}) {
                        long pte = r.nextInt(12) == 0 ? r.nextInt() & ~1
                                : 1 | (r.nextInt(10) < 8 ? 2 : 0) | (r.nextInt(10) < 7 ? 4 : 0)
                                        | (r.nextBoolean() ? 0x20 : 0) | (r.nextBoolean() ? 0x40 : 0)
                                        | (r.nextInt(3) == 0 ? 0x100 : 0) | (dataFrame() & 0xFFFF_F000L);
                        put(pt + 4L * j, 4, pte);
                    }
                }
            }
        }
    }

    static int pick(long bits, int level, int[] set, int width) {
        int v = (int) (bits >>> (8 * level)) & 0xFF;
        return v < 250 ? set[v % set.length] : (int) ((bits >>> (8 * level + 3)) & ((1 << width) - 1));
    }

    static long linear(PagingMode mode, Access a) {
        long b = a.addrBits();
        int[] upper = {0, 1, 511};
        int[] pt = {0, 1, 2, 511};
        long lin = switch (mode) {
            case NONE -> (b & 0xFF) < 230 ? (b >>> 8) & (RAM - 1) : (b >>> 8) & 0xFFFF_FFFFL;
            case BITS32 -> ((long) pick(b, 0, new int[] {0, 1, 2, 768, 1023}, 10) << 22)
                    | ((long) pick(b, 1, new int[] {0, 1, 2, 1023}, 10) << 12);
            case PAE -> ((b >>> 60) & 3) << 30 | ((long) pick(b, 0, upper, 9) << 21) | ((long) pick(b, 1, pt, 9) << 12);
            case LEVEL4, LEVEL5 -> {
                long l = 0;
                int levels = mode == PagingMode.LEVEL5 ? 5 : 4;
                for (int i = 0; i < levels; i++) {
                    int shift = 12 + 9 * (levels - 1 - i);
                    l |= (long) pick(b, i, i == levels - 1 ? pt : upper, 9) << shift;
                }
                int top = mode == PagingMode.LEVEL5 ? 56 : 47;
                l = (l << (63 - top)) >> (63 - top);
                if ((b >>> 58) == 0x2A) {
                    l ^= 1L << 60; // non-canonical
                }
                yield l;
            }
        };
        int size = a.size();
        long off = switch (a.offSel()) {
            case 0 -> 0;
            case 1 -> 0xFFF;
            case 2, 3 -> Math.max(0, 0x1000 - size + 1 + (a.offSel() - 2));
            case 4 -> 0xFF8;
            default -> (b >>> 44) & 0xFFF;
        };
        return lin | off;
    }

    static void runCase(PagingMode mode, int cfg, long tableSeed, List<Access> list) {
        Random r = new Random(tableSeed);
        int maxPhy = new int[] {36, 40, 46, 52}[(cfg >>> 6) & 3];
        int tlbSize = 1 << (1 + ((cfg >>> 8) & 0xF) % 9);
        byte[] ram = new byte[RAM];
        for (int i = 0; i < (4 << 20); i += 64) {
            ram[i] = (byte) r.nextInt(); // some data to read back
        }
        Builder b = new Builder(r, ram, mode, maxPhy);
        long cr0 = ControlBits.CR0_PE | ((cfg & 1) != 0 ? ControlBits.CR0_WP : 0);
        long cr4 = ((cfg & 2) != 0 ? ControlBits.CR4_PSE : 0) | ((cfg & 4) != 0 ? ControlBits.CR4_PGE : 0)
                | ((cfg & 16) != 0 ? ControlBits.CR4_SMEP : 0) | ((cfg & 32) != 0 ? ControlBits.CR4_SMAP : 0);
        long efer = (cfg & 8) != 0 ? ControlBits.EFER_NXE : 0;
        long cr3 = 0;
        switch (mode) {
            case NONE -> {
            }
            case BITS32 -> {
                cr0 |= ControlBits.CR0_PG;
                cr3 = b.newTable();
                b.fill32(cr3);
            }
            case PAE -> {
                cr0 |= ControlBits.CR0_PG;
                cr4 |= ControlBits.CR4_PAE;
                long page = b.newTable();
                cr3 = page + 32L * r.nextInt(4);
                for (int i = 0; i < 4; i++) {
                    long e = r.nextInt(10) == 0 ? 0 : 1;
                    if (r.nextInt(15) == 0) {
                        e |= new long[] {2, 4, 0x20, 0x100, 1L << 63, 1L << (maxPhy == 52 ? 62 : maxPhy)}[r.nextInt(6)];
                    }
                    long t = b.newTable();
                    b.put(cr3 + 8L * i, 8, e | t);
                    b.fill64(t, 21);
                }
            }
            case LEVEL4, LEVEL5 -> {
                cr0 |= ControlBits.CR0_PG;
                cr4 |= ControlBits.CR4_PAE | (mode == PagingMode.LEVEL5 ? ControlBits.CR4_LA57 : 0);
                efer |= ControlBits.EFER_LME;
                cr3 = b.newTable();
                b.fill64(cr3, mode == PagingMode.LEVEL5 ? 48 : 39);
            }
        }

        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, RAM);
        for (int c = 0; c < RAM >>> CHUNK_BITS; c++) {
            System.arraycopy(ram, c << CHUNK_BITS, pm.hostArray((long) c << CHUNK_BITS), 0, 1 << CHUNK_BITS);
        }
        Mmu mmu = new Mmu(pm, tlbSize);
        mmu.setMaxPhysAddr(maxPhy);
        RefMmu ref = new RefMmu(ram);
        ref.cr0 = cr0;
        ref.cr3 = cr3;
        ref.cr4 = cr4;
        ref.efer = efer;
        ref.maxPhy = maxPhy;
        String refSetup = mode == PagingMode.PAE && !ref.loadPdptes() ? "#GP" : "ok";
        String mmuSetup;
        try {
            mmu.setControlRegisters(cr0, cr3, cr4, efer);
            mmuSetup = "ok";
        } catch (MemoryFault f) {
            mmuSetup = f.vector() == MemoryFault.VECTOR_GP ? "#GP" : f.toString();
        }
        assertEquals(refSetup, mmuSetup, "PDPTE load");
        if (!refSetup.equals("ok")) {
            OUTCOMES[5]++;
            return;
        }
        StringBuilder log = new StringBuilder();
        for (Access a : list) {
            long lin = linear(mode, a);
            mmu.setPrivilege(a.priv());
            ref.priv = a.priv();
            String expected = runRef(ref, a, lin);
            String actual = runMmu(mmu, a, lin);
            OUTCOMES[expected.startsWith("ok") ? 0 : expected.startsWith("fault 13") ? 4
                    : expected.matches("fault 14 0x[0-9a-f]*[89a-f] .*") ? 3
                    : expected.matches("fault 14 0x[0-9a-f]*[13579bdf] .*") ? 2 : 1]++;
            log.append(String.format("%s %s size %d at 0x%x -> %s%n", a.priv(),
                    new String[] {"read", "write", "fetch", "rmw"}[a.kind()], a.size(), lin, expected));
            assertEquals(expected, actual, () -> "mode " + mode + ", cfg 0x" + Integer.toHexString(cfg)
                    + ", MAXPHYADDR " + maxPhy + ", TLB " + tlbSize + ", accesses:\n" + log);
            if (a.kind() % 2 == 1 && expected.startsWith("ok") && (ref.structurePages.contains(ref.lastWrite1 >>> 12)
                    || ref.structurePages.contains(ref.lastWrite2 >>> 12))) {
                mmu.flushTlb(); // the guest changed its page tables: it would invalidate too
            }
        }
        byte[] mine = new byte[RAM];
        for (int c = 0; c < RAM >>> CHUNK_BITS; c++) {
            System.arraycopy(pm.hostArray((long) c << CHUNK_BITS), 0, mine, c << CHUNK_BITS, 1 << CHUNK_BITS);
        }
        if (!Arrays.equals(ram, mine)) {
            int i = Arrays.mismatch(ram, mine);
            assertArrayEquals(Arrays.copyOfRange(ram, i & ~7, (i & ~7) + 8), Arrays.copyOfRange(mine, i & ~7, (i & ~7) + 8),
                    "RAM differs at 0x" + Integer.toHexString(i) + " after:\n" + log);
        }
    }

    static String runRef(RefMmu ref, Access a, long lin) {
        try {
            switch (a.kind()) {
                case 0 -> {
                    long[] v = ref.read(lin, a.size(), RefMmu.READ);
                    return String.format("ok %x %x", v[0], v[1]);
                }
                case 1 -> {
                    long v = a.value();
                    ref.write(lin, a.size(), v, ~v);
                    return "ok";
                }
                case 2 -> {
                    long[] v = ref.read(lin, 1, RefMmu.FETCH);
                    return String.format("ok %x %x", v[0], v[1]);
                }
                default -> {
                    ref.translate(lin, RefMmu.WRITE); // write intent: the page(s) must be writable
                    if ((ref.truncate(lin) & 0xFFF) + a.size() > 0x1000) {
                        ref.translate((ref.truncate(lin) & ~0xFFFL) + 0x1000, RefMmu.WRITE);
                    }
                    long[] v = ref.read(lin, a.size(), RefMmu.READ);
                    ref.write(lin, a.size(), v[0] + 1, 0);
                    return String.format("ok %x %x", v[0], v[1]);
                }
            }
        } catch (RefMmu.Fault f) {
            return String.format("fault %d 0x%x 0x%x", f.vector, f.errorCode, f.address);
        }
    }

    static String runMmu(Mmu mmu, Access a, long lin) {
        try {
            long v = a.value();
            switch (a.kind()) {
                case 0 -> {
                    if (a.size() == 16) {
                        long[] d = new long[2];
                        mmu.read128(lin, d, 0);
                        return String.format("ok %x %x", d[0], d[1]);
                    }
                    long lo = switch (a.size()) {
                        case 1 -> mmu.read8(lin);
                        case 2 -> mmu.read16(lin);
                        case 4 -> mmu.read32(lin) & 0xFFFF_FFFFL;
                        default -> mmu.read64(lin);
                    };
                    return String.format("ok %x %x", lo, 0);
                }
                case 1 -> {
                    switch (a.size()) {
                        case 1 -> mmu.write8(lin, (int) v);
                        case 2 -> mmu.write16(lin, (int) v);
                        case 4 -> mmu.write32(lin, (int) v);
                        case 8 -> mmu.write64(lin, v);
                        default -> mmu.write128(lin, v, ~v);
                    }
                    return "ok";
                }
                case 2 -> {
                    return String.format("ok %x %x", mmu.fetch8(lin), 0);
                }
                default -> {
                    mmu.checkWritable(lin, a.size());
                    long old = switch (a.size()) {
                        case 1 -> mmu.read8(lin);
                        case 2 -> mmu.read16(lin);
                        case 4 -> mmu.read32(lin) & 0xFFFF_FFFFL;
                        default -> mmu.read64(lin);
                    };
                    switch (a.size()) {
                        case 1 -> mmu.write8(lin, (int) old + 1);
                        case 2 -> mmu.write16(lin, (int) old + 1);
                        case 4 -> mmu.write32(lin, (int) old + 1);
                        default -> mmu.write64(lin, old + 1);
                    }
                    return String.format("ok %x %x", old, 0);
                }
            }
        } catch (MemoryFault f) {
            return String.format("fault %d 0x%x 0x%x", f.vector(), f.errorCode(), f.address());
        }
    }
}
