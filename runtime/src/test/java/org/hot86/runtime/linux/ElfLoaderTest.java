package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The loader against the host kernel: a static and a static-PIE C program print their
 * own /proc/self/maps under {@code setarch -R} (no randomisation); the loader must
 * produce the same image pages with the same permissions, the same heap start and the
 * same stack top. Memory contents are checked against the file.
 */
class ElfLoaderTest {
    static final String MAPS_SOURCE = """
            #include <stdio.h>
            static char bss[20000];
            int main(void) {
                FILE *f = fopen("/proc/self/maps", "r");
                char l[512];
                while (fgets(l, sizeof l, f)) fputs(l, stdout);
                return bss[7];
            }
            """;

    record Line(long start, long end, String perms, String path) {}

    static List<Line> nativeMaps(Path exe) {
        String out = NativeTools.runOk("setarch", "x86_64", "-R", exe.toString());
        return out.lines().map(l -> {
            String[] f = l.trim().split("\\s+", 6);
            String[] r = f[0].split("-");
            return new Line(Long.parseUnsignedLong(r[0], 16), Long.parseUnsignedLong(r[1], 16), f[1],
                    f.length > 5 ? f[5] : "");
        }).toList();
    }

    static String perms(int prot) {
        return prot < 0 ? "unmapped"
                : ((prot & 1) != 0 ? "r" : "-") + ((prot & 2) != 0 ? "w" : "-") + ((prot & 4) != 0 ? "x" : "-");
    }

    void compareWithHost(String name, String... flags) throws Exception {
        Path exe = NativeTools.compile(name, MAPS_SOURCE, flags);
        List<Line> maps = nativeMaps(exe);
        // Native image: the file's lines plus the anonymous bss line right after them.
        TreeMap<Long, String> nativePages = new TreeMap<>();
        long lo = Long.MAX_VALUE, hi = 0;
        for (Line l : maps) {
            if (l.path().equals(exe.toString())) {
                lo = Math.min(lo, l.start());
                hi = Math.max(hi, l.end());
            }
        }
        for (Line l : maps) {
            if (l.path().isEmpty() && l.start() == hi) {
                hi = l.end();
            }
        }
        for (Line l : maps) {
            for (long a = l.start(); a < l.end(); a += 4096) {
                if (a >= lo && a < hi) {
                    nativePages.put(a, l.perms().substring(0, 3));
                }
            }
        }
        long heap = maps.stream().filter(l -> l.path().equals("[heap]")).findFirst().orElseThrow().start();
        long stackEnd = maps.stream().filter(l -> l.path().equals("[stack]")).findFirst().orElseThrow().end();

        ElfImage img = ElfImage.parse(Files.readAllBytes(exe));
        PagedAddressSpace as = new PagedAddressSpace();
        VirtualMemory vm = new VirtualMemory(as);
        ElfLoader.Loaded ld = ElfLoader.load(img, vm, new ElfLoader.Process(List.of(exe.toString()),
                List.of("A=B"), exe.toString(), new byte[16], 0, 1, 2, 3, 4));
        long[] relro = relro(img.bytes());
        for (long a = lo - 4096; a < hi + 4096; a += 4096) {
            String want = nativePages.getOrDefault(a, "unmapped");
            // glibc's startup write-protects PT_GNU_RELRO itself, after the kernel loaded the image.
            if (want.equals("r--") && a >= VirtualMemory.pageDown(relro[0] + ld.loadBias())
                    && a + 4096 <= VirtualMemory.pageDown(relro[1] + ld.loadBias())) {
                want = "rw-";
            }
            assertEquals(want, perms(as.protection(a)),
                    name + " page " + Long.toHexString(a));
        }
        assertEquals(heap, ld.brkStart(), name + " heap start");
        assertEquals(stackEnd, ld.stackTop(), name + " stack top");
        assertEquals(img.entry() + ld.loadBias(), ld.entry());
        assertEquals(0, ld.rsp() & 15);
        assertEquals(1, as.read64(ld.rsp()), "argc");

        // Contents: file bytes where the segment has them, zero in the rest of its pages.
        byte[] file = img.bytes();
        for (ElfImage.Segment s : img.segments()) {
            long va = s.vaddr() + ld.loadBias();
            for (long i = 0; i < s.memSize(); i += 61) {
                int want = i < s.fileSize() ? file[(int) (s.offset() + i)] & 0xFF : 0;
                assertEquals(want, as.read8(va + i), name + " byte at " + Long.toHexString(va + i));
            }
            long end = va + s.memSize();
            for (long a = end; a < VirtualMemory.pageUp(end); a++) {
                if (!s.writable()) {
                    break;
                }
                assertEquals(0, as.read8(a), "zero tail of the last page");
            }
        }
    }

    /** [start, end) of PT_GNU_RELRO (before bias), or [0, 0). */
    static long[] relro(byte[] f) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        for (int i = 0; i < Short.toUnsignedInt(b.getShort(56)); i++) {
            int p = (int) phoff + 56 * i;
            if (b.getInt(p) == 0x6474e552) {
                return new long[] {b.getLong(p + 16), b.getLong(p + 16) + b.getLong(p + 40)};
            }
        }
        return new long[2];
    }

    @Test
    void staticExecutableMatchesTheHostKernel() throws Exception {
        compareWithHost("maps-static", "-static");
    }

    @Test
    void staticPieMatchesTheHostKernel() throws Exception {
        compareWithHost("maps-static-pie", "-static-pie");
    }

    @Test
    void bssStartingMidPageIsZeroEvenWhereTheFilePageHasBytes() {
        // One RW segment: 0x100 file bytes at 0x400100, memsz 0x2000; the file continues with
        // non-zero bytes that must not show through in the bss.
        byte[] f = ElfImageTest.elf(2, ElfImage.ET_EXEC, 62, ElfImage.PT_LOAD).array();
        byte[] file = java.util.Arrays.copyOf(f, 0x1000);
        java.util.Arrays.fill(file, f.length, file.length, (byte) 0xAA);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(64 + 4, ElfImage.PF_R | ElfImage.PF_W);
        b.putLong(64 + 8, 0x100).putLong(64 + 16, 0x400100).putLong(64 + 32, 0x100).putLong(64 + 40, 0x2000);
        ElfImage img = ElfImage.parse(file);
        PagedAddressSpace as = new PagedAddressSpace();
        VirtualMemory vm = new VirtualMemory(as);
        ElfLoader.Loaded ld = ElfLoader.load(img, vm, new ElfLoader.Process(List.of("p"), List.of(), "p",
                new byte[16], 0, 0, 0, 0, 0));
        assertEquals(0xAA, as.read8(0x400100 + 0xff));
        assertEquals(0, as.read8(0x400200));
        assertEquals(0, as.read8(0x400fff));
        assertEquals(0, as.read8(0x4020ff));
        assertEquals(file[0] & 0xFF, as.read8(0x400000), "page head comes from the file");
        assertEquals(0x403000, ld.brkStart());
        assertTrue(as.protection(0x403000) < 0);
    }
}
