package org.hot86.runtime.linux;

import static org.hot86.runtime.linux.AddressSpace.PROT_EXEC;
import static org.hot86.runtime.linux.AddressSpace.PROT_READ;
import static org.hot86.runtime.linux.AddressSpace.PROT_WRITE;
import static org.hot86.runtime.linux.VirtualMemory.MAP_ANONYMOUS;
import static org.hot86.runtime.linux.VirtualMemory.MAP_FIXED;
import static org.hot86.runtime.linux.VirtualMemory.MAP_FIXED_NOREPLACE;
import static org.hot86.runtime.linux.VirtualMemory.MAP_PRIVATE;
import static org.hot86.runtime.linux.VirtualMemory.MMAP_BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hot86.softmmu.MemoryFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualMemoryTest {
    final PagedAddressSpace as = new PagedAddressSpace();
    final VirtualMemory vm = new VirtualMemory(as);
    static final int RW = PROT_READ | PROT_WRITE;
    static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;

    /** Checks the invariant: mapped pages are exactly the VMAs' pages, with their protections. */
    void checkInvariant() {
        long pages = 0;
        long prevEnd = 0;
        for (VirtualMemory.Vma v : vm.vmas()) {
            assertTrue(v.start() >= prevEnd && v.end() > v.start(), v.toString());
            prevEnd = v.end();
            for (long a = v.start(); a < v.end(); a += 4096) {
                assertEquals(v.prot(), as.protection(a), Long.toHexString(a));
                pages++;
            }
        }
        assertEquals(pages, as.mappedPages());
    }

    @Test
    void anonymousMappingsGoTopDownBelowMmapBase() {
        long a = vm.mmap(0, 10000, RW, ANON, null, 0);
        assertEquals(MMAP_BASE - 12288, a);
        long b = vm.mmap(0, 4096, PROT_READ, ANON, null, 0);
        assertEquals(a - 4096, b);
        as.write64(a + 8, 42);
        assertEquals(42, as.read64(a + 8));
        assertEquals(0, as.read64(a + 4096));
        MemoryFault f = assertThrows(MemoryFault.class, () -> as.write8(b, 1));
        assertEquals(b, f.address());
        assertEquals(2, vm.vmas().size(), "different protections do not merge");
        checkInvariant();
    }

    @Test
    void hintIsUsedWhenFreeAndRoundedUp() {
        assertEquals(0x200000000L, vm.mmap(0x200000000L, 4096, RW, ANON, null, 0));
        assertEquals(0x300001000L, vm.mmap(0x300000001L, 4096, RW, ANON, null, 0));
        // Occupied hint: placed elsewhere (top-down).
        assertEquals(MMAP_BASE - 4096, vm.mmap(0x200000000L, 4096, RW, ANON, null, 0));
        checkInvariant();
    }

    @Test
    void fixedReplacesAndNoReplaceRefuses() {
        long a = vm.mmap(0x500000, 3 * 4096, RW, ANON | MAP_FIXED, null, 0);
        assertEquals(0x500000, a);
        as.write8(0x501000, 7);
        assertEquals(0x501000, vm.mmap(0x501000, 4096, PROT_READ, ANON | MAP_FIXED, null, 0));
        assertEquals(0, as.read8(0x501000), "fixed mapping replaces with fresh zero pages");
        assertEquals(3, vm.vmas().size());
        assertEquals(-Errno.EEXIST, vm.mmap(0x502000, 4096, RW, ANON | MAP_FIXED_NOREPLACE, null, 0));
        assertEquals(0x503000, vm.mmap(0x503000, 4096, RW, ANON | MAP_FIXED_NOREPLACE, null, 0));
        assertEquals(-Errno.EINVAL, vm.mmap(0x503001, 4096, RW, ANON | MAP_FIXED, null, 0));
        assertEquals(-Errno.EPERM, vm.mmap(0x1000, 4096, RW, ANON | MAP_FIXED, null, 0));
        assertEquals(-Errno.ENOMEM, vm.mmap(VirtualMemory.TASK_SIZE, 4096, RW, ANON | MAP_FIXED, null, 0));
        checkInvariant();
    }

    @Test
    void badArgumentsGiveLinuxErrnos() {
        assertEquals(-Errno.EINVAL, vm.mmap(0, 0, RW, ANON, null, 0));
        assertEquals(-Errno.EINVAL, vm.mmap(0, 4096, RW, MAP_ANONYMOUS, null, 0), "neither shared nor private");
        assertEquals(-Errno.EINVAL, vm.mmap(0, 4096, RW, ANON, null, 100));
        assertEquals(-Errno.ENOMEM, vm.mmap(0, -4096L, RW, ANON, null, 0));
        assertEquals(-Errno.EINVAL, vm.munmap(0x1001, 4096));
        assertEquals(-Errno.EINVAL, vm.munmap(0x1000, 0));
        assertEquals(0, vm.munmap(0x100000, 4096), "unmapping nothing succeeds");
        assertEquals(-Errno.EINVAL, vm.mprotect(0x1001, 4096, PROT_READ));
        assertEquals(-Errno.ENOMEM, vm.mprotect(0x100000, 4096, PROT_READ));
        assertEquals(-Errno.EINVAL, vm.madvise(0x100000, 4096, 99));
        assertEquals(-Errno.ENOMEM, vm.madvise(0x100000, 4096, VirtualMemory.MADV_DONTNEED));
        assertEquals(-Errno.EFAULT, vm.mremap(0x100000, 4096, 8192, 0, 0));
        assertEquals(-Errno.EINVAL, vm.mremap(0x100000, 4096, 8192, VirtualMemory.MREMAP_FIXED, 0));
    }

    @Test
    void munmapAndMprotectSplitVmas() {
        long a = vm.mmap(0x400000, 8 * 4096, RW, ANON | MAP_FIXED, null, 0);
        assertEquals(0, vm.munmap(a + 2 * 4096, 4096));
        assertEquals(2, vm.vmas().size());
        assertThrows(MemoryFault.class, () -> as.read8(a + 2 * 4096));
        assertEquals(-Errno.ENOMEM, vm.mprotect(a, 4 * 4096, PROT_READ), "hole in range");
        assertEquals(RW, as.protection(a), "failed mprotect changes nothing");
        assertEquals(0, vm.mprotect(a + 4 * 4096, 4096, PROT_READ | PROT_EXEC));
        assertEquals(4, vm.vmas().size());
        assertEquals(0, vm.mprotect(a + 4 * 4096, 4096, RW));
        assertEquals(2, vm.vmas().size(), "restoring the protection merges back");
        checkInvariant();
    }

    @Test
    void brkGrowsShrinksAndStopsAtMappings() {
        vm.initBrk(0x600000);
        assertEquals(0x600000, vm.brk(0));
        assertEquals(0x600010, vm.brk(0x600010));
        as.write8(0x600fff, 1);
        assertThrows(MemoryFault.class, () -> as.read8(0x601000));
        assertEquals(0x612345, vm.brk(0x612345));
        as.write8(0x612fff, 1);
        assertEquals(1, vm.vmas().size());
        assertEquals(0x601000, vm.brk(0x601000));
        assertThrows(MemoryFault.class, () -> as.read8(0x601000));
        assertEquals(0x601000, vm.brk(0x5ff000), "below the start: unchanged");
        vm.mmap(0x700000, 4096, RW, ANON | MAP_FIXED, null, 0);
        assertEquals(0x601000, vm.brk(0x700000), "would run into a mapping");
        assertEquals(0x601000, vm.brk(0x6ff800), "needs a guard page before the next mapping");
        assertEquals(0x6fe000, vm.brk(0x6fe000));
        checkInvariant();
    }

    @Test
    void mremapGrowsInPlaceMovesAndShrinks() {
        long a = vm.mmap(0x400000, 2 * 4096, RW, ANON | MAP_FIXED, null, 0);
        as.write64(a, 0x1122334455667788L);
        assertEquals(a, vm.mremap(a, 8192, 4 * 4096, 0, 0), "grows in place");
        as.write8(a + 3 * 4096, 5);
        vm.mmap(a + 4 * 4096, 4096, PROT_READ, ANON | MAP_FIXED, null, 0);
        assertEquals(-Errno.ENOMEM, vm.mremap(a, 4 * 4096, 8 * 4096, 0, 0), "blocked, may not move");
        long b = vm.mremap(a, 4 * 4096, 8 * 4096, VirtualMemory.MREMAP_MAYMOVE, 0);
        assertTrue(b != a);
        assertEquals(0x1122334455667788L, as.read64(b), "contents move");
        assertEquals(5, as.read8(b + 3 * 4096));
        assertEquals(0, as.read8(b + 7 * 4096));
        assertThrows(MemoryFault.class, () -> as.read8(a));
        assertEquals(b, vm.mremap(b, 8 * 4096, 4096, 0, 0), "shrinks");
        assertThrows(MemoryFault.class, () -> as.read8(b + 4096));
        long c = vm.mremap(b, 4096, 4096, VirtualMemory.MREMAP_MAYMOVE | VirtualMemory.MREMAP_FIXED, 0x900000);
        assertEquals(0x900000, c);
        assertEquals(0x1122334455667788L, as.read64(c));
        assertEquals(-Errno.EINVAL, vm.mremap(c, 4096, 8192, VirtualMemory.MREMAP_MAYMOVE
                | VirtualMemory.MREMAP_FIXED, c - 4096), "overlapping destination");
        checkInvariant();
    }

    @Test
    void madviseDontneedZeroesAnonymousAndRestoresFilePages(@TempDir Path dir) throws Exception {
        long a = vm.mmap(0, 2 * 4096, RW, ANON, null, 0);
        as.write8(a + 5, 9);
        as.write8(a + 4096, 9);
        assertEquals(0, vm.madvise(a, 4096, VirtualMemory.MADV_DONTNEED));
        assertEquals(0, as.read8(a + 5));
        assertEquals(9, as.read8(a + 4096));
        assertEquals(0, vm.madvise(a, 4096, VirtualMemory.MADV_WILLNEED));

        Path f = dir.resolve("f");
        byte[] content = new byte[5000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 1);
        }
        Files.write(f, content);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long m = vm.mmap(0, 8192, RW, MAP_PRIVATE, new VirtualMemory.FileSource(f, ch), 4096);
            for (int i = 0; i < 904; i++) {
                assertEquals(content[4096 + i] & 0xFF, as.read8(m + i));
            }
            assertEquals(0, as.read8(m + 904), "past end of file reads zero");
            as.write8(m, 0);
            assertEquals(0, vm.madvise(m, 4096, VirtualMemory.MADV_DONTNEED));
            assertEquals(content[4096] & 0xFF, as.read8(m), "private file page re-read from the file");
            long r = vm.mmap(0, 100, PROT_READ, MAP_PRIVATE, new VirtualMemory.FileSource(f, ch), 0);
            assertEquals(content[99] & 0xFF, as.read8(r + 99));
            assertThrows(MemoryFault.class, () -> as.write8(r, 0));
        }
        checkInvariant();
    }

    @Test
    void largeReservationsAreCheap() {
        // glibc reserves 64 MiB PROT_NONE heaps for threads; pages are demand-zero.
        long a = vm.mmap(0, 1L << 27, AddressSpace.PROT_NONE, ANON | VirtualMemory.MAP_NORESERVE, null, 0);
        assertEquals(MMAP_BASE - (1L << 27), a);
        assertEquals(0, vm.mprotect(a + (1L << 26), 4096, RW));
        as.write8(a + (1L << 26) + 5, 1);
        assertThrows(MemoryFault.class, () -> as.read8(a));
        assertEquals(0, vm.munmap(a, 1L << 27));
        assertEquals(0, as.mappedPages());
    }
}
