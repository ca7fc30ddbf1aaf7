package org.hot86.runtime.linux;

import static org.hot86.runtime.linux.AddressSpace.PAGE_SIZE;
import static org.hot86.runtime.linux.AddressSpace.PROT_EXEC;
import static org.hot86.runtime.linux.AddressSpace.PROT_READ;
import static org.hot86.runtime.linux.AddressSpace.PROT_WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user-mode process's virtual memory: the list of VMAs (Linux's
 * {@code vm_area_struct}s) over an {@link AddressSpace}, and the memory system calls
 * brk, mmap, munmap, mprotect, mremap and madvise with Linux's results, errno values
 * included (mm/mmap.c, mm/mremap.c, mm/mprotect.c, mm/madvise.c; man 2 of each).
 *
 * <p>Invariants: VMAs are page-aligned, non-empty and disjoint; every page inside a VMA
 * is mapped in the address space with the VMA's protection and no page outside one is;
 * adjacent anonymous VMAs of the same protection and kind are merged (as Linux's
 * {@code vma_merge}), so mremap of a grown heap or of a region built by several mmaps
 * behaves as on Linux.
 *
 * <p>Placement is Linux's without address-space randomisation (as under
 * {@code setarch -R}): mappings without a usable hint are placed top-down in the
 * highest free gap below {@link #MMAP_BASE}; nothing is ever placed below
 * {@link #MMAP_MIN_ADDR}.
 */
public final class VirtualMemory {
    /** Top of the user address space, TASK_SIZE_MAX for 4-level paging. */
    public static final long TASK_SIZE = 0x0000_7FFF_FFFF_F000L;
    /** {@code vm.mmap_min_addr} default. */
    public static final long MMAP_MIN_ADDR = 0x10000;
    /**
     * mmap_base without randomisation: TASK_SIZE minus the stack gap, which Linux clamps
     * to at least 128 MiB (arch/x86/mm/mmap.c {@code mmap_base}).
     */
    public static final long MMAP_BASE = TASK_SIZE - (128L << 20);

    // mmap flags (asm-generic/mman-common.h, asm/mman.h).
    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03,
            MAP_TYPE = 0x0f, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_32BIT = 0x40,
            MAP_GROWSDOWN = 0x100, MAP_DENYWRITE = 0x800, MAP_EXECUTABLE = 0x1000,
            MAP_LOCKED = 0x2000, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000,
            MAP_NONBLOCK = 0x10000, MAP_STACK = 0x20000, MAP_HUGETLB = 0x40000,
            MAP_SYNC = 0x80000, MAP_FIXED_NOREPLACE = 0x100000;
    public static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
    public static final int MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3,
            MADV_DONTNEED = 4, MADV_FREE = 8, MADV_REMOVE = 9, MADV_DONTFORK = 10, MADV_DOFORK = 11,
            MADV_MERGEABLE = 12, MADV_UNMERGEABLE = 13, MADV_HUGEPAGE = 14, MADV_NOHUGEPAGE = 15,
            MADV_DONTDUMP = 16, MADV_DODUMP = 17, MADV_WIPEONFORK = 18, MADV_KEEPONFORK = 19,
            MADV_COLD = 20, MADV_PAGEOUT = 21, MADV_POPULATE_READ = 22, MADV_POPULATE_WRITE = 23;
    private static final int PROT_SEM = 0x8, PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;

    /** What a VMA holds, for merging and for {@code /proc/self/maps}-style reports. */
    public enum Kind { IMAGE, HEAP, STACK, ANON, FILE, SHARED_FILE }

    /**
     * One mapping. For a FILE VMA, {@code file} and {@code fileOffset} say where the
     * bytes at {@code start} came from (MADV_DONTNEED re-reads them).
     */
    public record Vma(long start, long end, int prot, Kind kind, Path file, long fileOffset) {
        Vma from(long newStart) {
            return new Vma(newStart, end, prot, kind, file, file == null ? 0 : fileOffset + (newStart - start));
        }

        Vma to(long newEnd) {
            return new Vma(start, newEnd, prot, kind, file, fileOffset);
        }

        Vma withProt(int p) {
            return new Vma(start, end, p, kind, file, fileOffset);
        }

        public long length() {
            return end - start;
        }
    }

    /** The source of a file-backed mapping's bytes. */
    public record FileSource(Path path, FileChannel channel) {}

    private final AddressSpace space;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    private long brkStart;
    private long brk;

    public VirtualMemory(AddressSpace space) {
        this.space = space;
    }

    public AddressSpace space() {
        return space;
    }

    /** The VMAs in address order (a snapshot). */
    public List<Vma> vmas() {
        return new ArrayList<>(vmas.values());
    }

    static long pageUp(long x) {
        return (x + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    static long pageDown(long x) {
        return x & -PAGE_SIZE;
    }

    // ---------------------------------------------------------------- mechanism

    /** Maps [start, end) as one new VMA (replacing anything there) with zero-filled pages. */
    void mapFixed(long start, long end, int prot, Kind kind, Path file, long fileOffset) {
        removeRange(start, end);
        space.map(start, end - start, prot);
        vmas.put(start, new Vma(start, end, prot, kind, file, fileOffset));
        mergeAround(start, end);
    }

    /** Changes the kind of the VMAs in [start, end) (splitting at the ends); contents stay. */
    void retag(long start, long end, Kind kind) {
        split(start);
        split(end);
        for (Vma v : new ArrayList<>(vmas.subMap(start, end).values())) {
            vmas.put(v.start(), new Vma(v.start(), v.end(), v.prot(), kind, v.file(), v.fileOffset()));
        }
    }

    /** Makes a VMA boundary at {@code addr} if a VMA spans it. */
    private void split(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        if (e != null && e.getKey() < addr && e.getValue().end() > addr) {
            Vma v = e.getValue();
            vmas.put(v.start(), v.to(addr));
            vmas.put(addr, v.from(addr));
        }
    }

    private void removeRange(long start, long end) {
        split(start);
        split(end);
        for (Vma v : vmas.subMap(start, end).values()) {
            if (v.kind() == Kind.SHARED_FILE) {
                writeBack(v, v.start(), v.end());
            }
        }
        vmas.subMap(start, end).clear();
        space.unmap(start, end - start);
    }

    private static boolean mergeable(Vma a, Vma b) {
        return a.end() == b.start() && a.prot() == b.prot() && a.kind() == b.kind() && a.file() == null
                && b.file() == null;
    }

    private void mergeAround(long start, long end) {
        Long k = vmas.lowerKey(start);
        long from = k == null ? start : k;
        List<Vma> run = new ArrayList<>(vmas.subMap(from, true, end, true).values());
        Vma cur = null;
        for (Vma v : run) {
            if (cur != null && mergeable(cur, v)) {
                vmas.remove(v.start());
                cur = cur.to(v.end());
                vmas.put(cur.start(), cur);
            } else {
                cur = v;
            }
        }
    }

    /** True if no VMA intersects [start, end). */
    public boolean isFree(long start, long end) {
        Map.Entry<Long, Vma> e = vmas.lowerEntry(end);
        return e == null || e.getValue().end() <= start;
    }

    /** The VMA containing {@code addr}, or null. */
    public Vma find(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        return e != null && e.getValue().end() > addr ? e.getValue() : null;
    }

    /** True if every page of [start, end) lies in some VMA. */
    private boolean fullyMapped(long start, long end) {
        long a = start;
        while (a < end) {
            Vma v = find(a);
            if (v == null) {
                return false;
            }
            a = v.end();
        }
        return true;
    }

    /**
     * Linux's top-down {@code get_unmapped_area}: a free range of {@code len} bytes,
     * at {@code hint} if that range is free and in bounds, else the highest one
     * ending at or below {@link #MMAP_BASE}; -1 if none. {@code align} is a power of two.
     */
    public long findFree(long hint, long len, long align) {
        if (len > TASK_SIZE - MMAP_MIN_ADDR) {
            return -1;
        }
        if (hint != 0) {
            long h = pageUp(hint);
            if (h >= MMAP_MIN_ADDR && h <= TASK_SIZE - len && isFree(h, h + len)) {
                return h;
            }
        }
        long r = topDown(MMAP_MIN_ADDR, MMAP_BASE, len, align);
        // Linux falls back to the rest of the address space when below mmap_base is full.
        return r >= 0 ? r : topDown(MMAP_BASE, TASK_SIZE, len, align);
    }

    private long topDown(long lo, long hi, long len, long align) {
        long gapEnd = hi;
        for (Vma v : vmas.headMap(hi, false).descendingMap().values()) {
            if (v.end() < gapEnd) {
                long cand = (gapEnd - len) & -align;
                if (gapEnd - len >= Math.max(lo, v.end()) && cand >= Math.max(lo, v.end())) {
                    return cand;
                }
            }
            gapEnd = Math.min(gapEnd, v.start());
            if (gapEnd <= lo) {
                return -1;
            }
        }
        long cand = (gapEnd - len) & -align;
        return gapEnd - len >= lo && cand >= lo ? cand : -1;
    }

    // ---------------------------------------------------------------- brk

    /** Sets the start of the heap (page-rounded end of the loaded image). */
    public void initBrk(long start) {
        brkStart = start;
        brk = start;
    }

    public long brkStart() {
        return brkStart;
    }

    /**
     * {@code brk(2)} as the kernel implements it: returns the new break, or the
     * unchanged one if the request is below the start, would run into another mapping
     * (keeping a guard page), or out of the address space. The heap pages between the
     * page-rounded old and new breaks are mapped or unmapped.
     */
    public long brk(long request) {
        if (request < brkStart) {
            return brk;
        }
        long oldEnd = pageUp(brk);
        long newEnd = pageUp(request);
        if (newEnd < request || newEnd > TASK_SIZE) {
            return brk;
        }
        if (newEnd == oldEnd) {
            brk = request;
            return brk;
        }
        if (newEnd < oldEnd) {
            removeRange(newEnd, oldEnd);
            brk = request;
            return brk;
        }
        if (!isFree(oldEnd, Math.min(TASK_SIZE, newEnd + PAGE_SIZE))) {
            return brk;
        }
        mapFixed(oldEnd, newEnd, PROT_READ | PROT_WRITE, Kind.HEAP, null, 0);
        brk = request;
        return brk;
    }

    // ---------------------------------------------------------------- mmap

    /**
     * {@code mmap(2)}. {@code source} is the open file for a file-backed mapping (null
     * for MAP_ANONYMOUS); the caller has checked the fd (EBADF, EACCES, ENODEV). A
     * private file mapping receives a copy of the file's bytes; bytes past the end of
     * the file read as zero. A shared file mapping is also a copy (a single process
     * sees its own writes; they are not written back to the file).
     */
    public long mmap(long addr, long length, int prot, int flags, FileSource source, long offset) {
        if (length == 0 || (offset & (PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        int type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
            return -Errno.EINVAL;
        }
        if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            return -Errno.EINVAL;
        }
        long len = pageUp(length);
        if (len <= 0 || len > TASK_SIZE) {
            return -Errno.ENOMEM;
        }
        if (source != null && offset + len < offset) {
            return -Errno.EOVERFLOW;
        }
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        long start;
        if (fixed) {
            if ((addr & (PAGE_SIZE - 1)) != 0) {
                return -Errno.EINVAL;
            }
            if (addr > TASK_SIZE - len) {
                return -Errno.ENOMEM;
            }
            if (addr < MMAP_MIN_ADDR) {
                return -Errno.EPERM;
            }
            if ((flags & MAP_FIXED) == 0 && !isFree(addr, addr + len)) {
                return -Errno.EEXIST;
            }
            start = addr;
        } else {
            start = findFree(addr, len, PAGE_SIZE);
            if (start < 0) {
                return -Errno.ENOMEM;
            }
        }
        int p = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        if (source == null) {
            mapFixed(start, start + len, p, Kind.ANON, null, 0);
            return start;
        }
        boolean shared = type == MAP_SHARED || type == MAP_SHARED_VALIDATE;
        mapFixed(start, start + len, p | PROT_WRITE, shared ? Kind.SHARED_FILE : Kind.FILE, source.path(), offset);
        try {
            fill(start, len, source.channel(), offset);
        } catch (IOException e) {
            removeRange(start, start + len);
            return -Errno.EIO;
        }
        space.protect(start, len, p);
        vmas.put(start, vmas.get(start).withProt(p));
        return start;
    }

    /**
     * Writes the pages [start, end) of a shared file mapping back to the file, within the
     * file's current size (as Linux, a mapping never extends its file). Errors are
     * ignored: the guest has no one to report them to at munmap or exit.
     */
    private void writeBack(Vma v, long start, long end) {
        try (FileChannel ch = FileChannel.open(v.file(), StandardOpenOption.WRITE)) {
            long fileStart = v.fileOffset() + (start - v.start());
            long n = Math.min(end - start, ch.size() - fileStart);
            if (n <= 0) {
                return;
            }
            space.protect(start, end - start, v.prot() | PROT_READ);
            try {
                byte[] b = new byte[(int) Math.min(n, 1 << 20)];
                for (long done = 0; done < n;) {
                    int k = (int) Math.min(b.length, n - done);
                    GuestBytes.read(space.memory(), start + done, b, 0, k);
                    ByteBuffer buf = ByteBuffer.wrap(b, 0, k);
                    while (buf.hasRemaining()) {
                        ch.write(buf, fileStart + done + buf.position());
                    }
                    done += k;
                }
            } finally {
                space.protect(start, end - start, v.prot());
            }
        } catch (IOException | RuntimeException e) {
            // Read-only file, file gone: nothing to write to.
        }
    }

    /**
     * msync, and process exit: writes every shared file mapping in [start, end) back.
     * Returns -ENOMEM if part of the range is unmapped (after syncing the rest).
     */
    public long msync(long start, long end) {
        for (Vma v : new ArrayList<>(vmas.values())) {
            if (v.kind() == Kind.SHARED_FILE && v.end() > start && v.start() < end) {
                writeBack(v, Math.max(start, v.start()), Math.min(end, v.end()));
            }
        }
        return fullyMapped(start, end) ? 0 : -Errno.ENOMEM;
    }

    /** Copies file bytes [offset, offset+len) to guest [start, ...) (pages writable). */
    private void fill(long start, long len, FileChannel ch, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(len, 1 << 20));
        long done = 0;
        while (done < len) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), len - done));
            int n = ch.read(buf, offset + done);
            if (n <= 0) {
                break;
            }
            GuestBytes.write(space.memory(), start + done, buf.array(), 0, n);
            done += n;
        }
    }

    /** {@code munmap(2)}. */
    public long munmap(long addr, long length) {
        if ((addr & (PAGE_SIZE - 1)) != 0 || length == 0) {
            return -Errno.EINVAL;
        }
        long len = pageUp(length);
        if (len <= 0 || addr > TASK_SIZE || len > TASK_SIZE - addr) {
            return -Errno.EINVAL;
        }
        removeRange(addr, addr + len);
        return 0;
    }

    /** {@code mprotect(2)}: ENOMEM if part of the range is not mapped (then nothing changes). */
    public long mprotect(long addr, long length, int prot) {
        if ((addr & (PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0
                || (prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP)) {
            return -Errno.EINVAL;
        }
        long len = pageUp(length);
        if (length != 0 && len == 0 || addr + len < addr) {
            return -Errno.ENOMEM;
        }
        if (len == 0) {
            return 0;
        }
        if (!fullyMapped(addr, addr + len)) {
            return -Errno.ENOMEM;
        }
        int p = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        split(addr);
        split(addr + len);
        for (Vma v : new ArrayList<>(vmas.subMap(addr, addr + len).values())) {
            vmas.put(v.start(), v.withProt(p));
        }
        space.protect(addr, len, p);
        mergeAround(addr, addr + len);
        return 0;
    }

    /** {@code mremap(2)}: shrink in place, grow in place, or move (MREMAP_MAYMOVE/FIXED). */
    public long mremap(long oldAddr, long oldLength, long newLength, int flags, long newAddr) {
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0
                || (oldAddr & (PAGE_SIZE - 1)) != 0
                || (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 && (flags & MREMAP_MAYMOVE) == 0) {
            return -Errno.EINVAL;
        }
        long oldLen = pageUp(oldLength);
        long newLen = pageUp(newLength);
        if (newLen == 0 || newLen < newLength || oldLen < oldLength) {
            return -Errno.EINVAL;
        }
        if ((flags & MREMAP_DONTUNMAP) != 0) {
            // Only meaningful with userfaultfd, which hot86 does not have.
            return -Errno.EINVAL;
        }
        Vma vma = find(oldAddr);
        if (vma == null) {
            return -Errno.EFAULT;
        }
        if (oldLen == 0) {
            // Duplicating a mapping works only for shared mappings.
            return -Errno.EINVAL;
        }
        if (oldAddr + oldLen > vma.end()) {
            return -Errno.EFAULT;
        }
        if ((flags & MREMAP_FIXED) != 0) {
            if ((newAddr & (PAGE_SIZE - 1)) != 0 || newAddr > TASK_SIZE - newLen) {
                return -Errno.EINVAL;
            }
            if (newAddr < oldAddr + oldLen && oldAddr < newAddr + newLen) {
                return -Errno.EINVAL;
            }
            if (newAddr < MMAP_MIN_ADDR) {
                return -Errno.EPERM;
            }
            removeRange(newAddr, newAddr + newLen);
            if (oldLen > newLen) {
                removeRange(oldAddr + newLen, oldAddr + oldLen);
                oldLen = newLen;
            }
            return moveTo(vma, oldAddr, oldLen, newAddr, newLen);
        }
        if (newLen <= oldLen) {
            if (newLen < oldLen) {
                removeRange(oldAddr + newLen, oldAddr + oldLen);
            }
            return oldAddr;
        }
        long grow = newLen - oldLen;
        if (oldAddr + oldLen == vma.end() && oldAddr + newLen <= TASK_SIZE
                && isFree(oldAddr + oldLen, oldAddr + newLen)) {
            extend(vma, oldAddr + oldLen, grow);
            return oldAddr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            return -Errno.ENOMEM;
        }
        long dest = findFree(0, newLen, PAGE_SIZE);
        if (dest < 0) {
            return -Errno.ENOMEM;
        }
        return moveTo(vma, oldAddr, oldLen, dest, newLen);
    }

    private void extend(Vma like, long at, long len) {
        space.map(at, len, like.prot());
        Vma v = new Vma(at, at + len, like.prot(), like.kind(), like.file(),
                like.file() == null ? 0 : like.fileOffset() + (at - like.start()));
        if (like.file() != null) {
            // New pages of a file mapping would show file bytes; hot86 gives zeros past the copy.
            v = new Vma(at, at + len, like.prot(), Kind.ANON, null, 0);
        }
        vmas.put(at, v);
        mergeAround(at, at + len);
    }

    private long moveTo(Vma vma, long oldAddr, long oldLen, long dest, long newLen) {
        split(oldAddr);
        split(oldAddr + oldLen);
        Vma part = vmas.remove(oldAddr);
        space.move(oldAddr, dest, oldLen);
        Vma moved = new Vma(dest, dest + oldLen, part.prot(), part.kind() == Kind.HEAP ? Kind.ANON : part.kind(),
                part.file(), part.fileOffset());
        vmas.put(dest, moved);
        if (newLen > oldLen) {
            extend(moved, dest + oldLen, newLen - oldLen);
        }
        mergeAround(dest, dest + newLen);
        return dest;
    }

    /**
     * {@code madvise(2)}: MADV_DONTNEED (and MADV_FREE, MADV_REMOVE) discard pages, so
     * private anonymous memory reads back as zeros and private file mappings as the
     * file's bytes; the other known advice values are accepted and ignored.
     */
    public long madvise(long addr, long length, int advice) {
        if ((addr & (PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        long len = pageUp(length);
        if (length != 0 && len == 0 || addr + len < addr) {
            return -Errno.EINVAL;
        }
        boolean discard;
        switch (advice) {
            case MADV_DONTNEED, MADV_FREE, MADV_REMOVE -> discard = true;
            case MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTFORK, MADV_DOFORK,
                    MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP,
                    MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT,
                    MADV_POPULATE_READ, MADV_POPULATE_WRITE -> discard = false;
            default -> {
                return -Errno.EINVAL;
            }
        }
        if (len == 0) {
            return 0;
        }
        boolean hole = false;
        long a = addr;
        while (a < addr + len) {
            Vma v = find(a);
            if (v == null) {
                hole = true;
                Map.Entry<Long, Vma> next = vmas.higherEntry(a);
                if (next == null) {
                    break;
                }
                a = next.getKey();
                continue;
            }
            long end = Math.min(v.end(), addr + len);
            if (discard) {
                discard(v, a, end);
            }
            a = end;
        }
        return hole ? -Errno.ENOMEM : 0;
    }

    private void discard(Vma v, long start, long end) {
        if (v.kind() == Kind.SHARED_FILE) {
            // The page cache would still hold the writes: keep them.
            writeBack(v, start, end);
        }
        space.map(start, end - start, v.prot() | PROT_WRITE);
        if (v.file() != null) {
            try (FileChannel ch = FileChannel.open(v.file(), StandardOpenOption.READ)) {
                fill(start, end - start, ch, v.fileOffset() + (start - v.start()));
            } catch (IOException | RuntimeException e) {
                // The file is gone or unreadable: the pages stay zero.
            }
        }
        space.protect(start, end - start, v.prot());
    }
}
