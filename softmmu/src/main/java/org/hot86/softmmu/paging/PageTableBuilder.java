package org.hot86.softmmu.paging;

import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * Builds and edits 4-level paging structures (SDM 4.5) in guest physical memory from
 * the host side: how Linux user mode emulates mmap, mprotect and munmap. Point the MMU's
 * CR3 at {@link #cr3()} with CR0.PG|PE|WP, CR4.PAE, EFER.LME|NXE and privilege USER;
 * after changing a mapping call {@code Mmu.invlpg} for each page changed (or
 * {@code Mmu.flushTlb}). Guest accesses then get real page faults with real error codes.
 *
 * <p>Only 4 KiB pages. Intermediate entries are present, writable and user (the leaf
 * decides the rights); tables are never freed.
 */
public final class PageTableBuilder {
    /** Leaf flags (the x86 bits). */
    public static final long PRESENT = 1, WRITABLE = 2, USER = 4, ACCESSED = 1 << 5, DIRTY = 1 << 6,
            NO_EXEC = 1L << 63;
    private static final long ADDR = 0x000F_FFFF_FFFF_F000L;

    /** Hands out zeroed, page-aligned physical frames for page tables. */
    @FunctionalInterface
    public interface FrameAllocator {
        long allocateFrame();
    }

    private final PhysicalMemory mem;
    private final FrameAllocator frames;
    private final long root;

    public PageTableBuilder(PhysicalMemory mem, FrameAllocator frames) {
        this.mem = mem;
        this.frames = frames;
        this.root = newTable();
    }

    /** The value for CR3. */
    public long cr3() {
        return root;
    }

    /** Maps the 4 KiB page holding {@code lin} to frame {@code phys} with {@code flags} (PRESENT added). */
    public void map(long lin, long phys, long flags) {
        mem.write(leafSlot(lin, true), 8, (phys & ADDR) | (flags & ~ADDR) | PRESENT);
    }

    /** Changes the flags of a mapped page, keeping its frame; false if it is not mapped. */
    public boolean protect(long lin, long flags) {
        long slot = leafSlot(lin, false);
        if (slot < 0) {
            return false;
        }
        long e = mem.read(slot, 8);
        if ((e & PRESENT) == 0) {
            return false;
        }
        mem.write(slot, 8, (e & ADDR) | (flags & ~ADDR) | PRESENT);
        return true;
    }

    /** Removes the mapping of {@code lin}'s page; returns the frame it had, or -1. */
    public long unmap(long lin) {
        long slot = leafSlot(lin, false);
        if (slot < 0) {
            return -1;
        }
        long e = mem.read(slot, 8);
        mem.write(slot, 8, 0);
        return (e & PRESENT) != 0 ? e & ADDR : -1;
    }

    /** The leaf entry for {@code lin}, or 0 if none. */
    public long entry(long lin) {
        long slot = leafSlot(lin, false);
        return slot < 0 ? 0 : mem.read(slot, 8);
    }

    private long leafSlot(long lin, boolean create) {
        long table = root;
        for (int shift = 39; shift > 12; shift -= 9) {
            long slot = table + ((lin >>> shift) & 0x1FF) * 8;
            long e = mem.read(slot, 8);
            if ((e & PRESENT) == 0) {
                if (!create) {
                    return -1;
                }
                long t = newTable();
                mem.write(slot, 8, t | PRESENT | WRITABLE | USER);
                table = t;
            } else {
                table = e & ADDR;
            }
        }
        return table + ((lin >>> 12) & 0x1FF) * 8;
    }

    private long newTable() {
        long t = frames.allocateFrame();
        for (int i = 0; i < 4096; i += 8) {
            mem.write(t + i, 8, 0);
        }
        return t;
    }
}
