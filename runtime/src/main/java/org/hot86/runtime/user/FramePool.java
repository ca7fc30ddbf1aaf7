package org.hot86.runtime.user;

import java.util.Arrays;
import org.hot86.softmmu.phys.PhysicalMemory;

/**
 * Guest physical page frames for user mode, handed out on demand. RAM grows in regions
 * as the guest touches memory, so a program that reserves gigabytes but touches megabytes
 * costs megabytes: the first region is {@link #FIRST_GROWTH} bytes, each next one twice
 * the previous, up to {@link #GROWTH} (a small program does not pay for zeroing 64 MiB at
 * start-up; a large one adds few regions). Freed frames are reused (LIFO).
 *
 * <p>Frames come back zero-filled. A recycled frame that held translated code is written
 * through {@link PhysicalMemory#write} once before reuse, so the code-page listeners
 * (the translator) drop translations of its old contents.
 */
final class FramePool {
    /** The most bytes of RAM added at a time. */
    static final long GROWTH = 64L << 20;
    /** Bytes of RAM added first. */
    static final long FIRST_GROWTH = 4L << 20;

    private final PhysicalMemory phys;
    private final long limit;
    private long top; // end of RAM added so far
    private long growth = FIRST_GROWTH; // size of the next region
    private long next; // first never-used frame
    private long[] free = new long[256];
    private int freeCount;
    private long inUse;

    /** @param limit the most guest RAM to use, in bytes */
    FramePool(PhysicalMemory phys, long limit) {
        this.phys = phys;
        this.limit = limit;
    }

    static PhysicalMemory newPhysicalMemory() {
        return new PhysicalMemory();
    }

    /** A zeroed frame's physical address, or -1 when the RAM limit is reached. */
    long allocate() {
        long pa;
        if (freeCount > 0) {
            pa = free[--freeCount];
            if (phys.isCodePage(pa >>> 12)) {
                phys.write(pa, 1, 0); // notify listeners: the old code is gone
                phys.unmarkCodePage(pa >>> 12);
            }
            zero(pa);
        } else {
            if (next == top) {
                long size = Math.min(growth, limit - top) & -PhysicalMemory.PAGE_SIZE;
                if (size <= 0) {
                    return -1;
                }
                phys.addRam(top, size);
                top += size;
                growth = Math.min(GROWTH, growth * 2);
            }
            pa = next;
            next += PhysicalMemory.PAGE_SIZE;
        }
        inUse++;
        return pa;
    }

    void release(long pa) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = pa;
        inUse--;
    }

    private void zero(long pa) {
        byte[] host = phys.hostArray(pa);
        int off = phys.hostOffset(pa);
        Arrays.fill(host, off, off + (int) PhysicalMemory.PAGE_SIZE, (byte) 0);
    }

    /** Frames currently allocated. */
    long inUse() {
        return inUse;
    }
}
