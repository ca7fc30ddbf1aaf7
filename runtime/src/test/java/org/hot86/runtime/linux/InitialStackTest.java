package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hot86.softmmu.GuestMemory;
import org.junit.jupiter.api.Test;

class InitialStackTest {
    /** Flat little-endian memory at [base, base+size). */
    static final class Flat implements GuestMemory {
        final long base;
        final byte[] b;

        Flat(long base, int size) {
            this.base = base;
            this.b = new byte[size];
        }

        public int read8(long a) { return b[(int) (a - base)] & 0xFF; }
        public int read16(long a) { return read8(a) | read8(a + 1) << 8; }
        public int read32(long a) { return read16(a) | read16(a + 2) << 16; }
        public long read64(long a) { return (read32(a) & 0xFFFFFFFFL) | (long) read32(a + 4) << 32; }
        public void write8(long a, int v) { b[(int) (a - base)] = (byte) v; }
        public void write16(long a, int v) { write8(a, v); write8(a + 1, v >> 8); }
        public void write32(long a, int v) { write16(a, v); write16(a + 2, v >> 16); }
        public void write64(long a, long v) { write32(a, (int) v); write32(a + 4, (int) (v >>> 32)); }
        public int fetch8(long a) { return read8(a); }

        String cstr(long a) {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = read8(a)) != 0; a++) {
                sb.append((char) c);
            }
            return sb.toString();
        }
    }

    @Test
    void layoutIsWhatLibcReads() {
        Flat mem = new Flat(0x7fff0000L, 0x10000);
        long top = 0x7fff0000L + 0x10000;
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) {
            random[i] = (byte) (i * 7 + 1);
        }
        for (int extraArgs = 0; extraArgs < 3; extraArgs++) {
            List<String> argv = new java.util.ArrayList<>(List.of("prog"));
            for (int i = 0; i < extraArgs; i++) {
                argv.add("arg" + i);
            }
            long sp = InitialStack.build(mem, top, argv, List.of("A=1", "PATH=/bin"), "/x/prog", random,
                    new InitialStack.Aux(0x400040, 56, 9, 0x401000, 0x178bfbff, 1000, 1001, 100, 101));
            assertEquals(0, sp & 15, "rsp 16-byte aligned at entry");
            assertEquals(argv.size(), mem.read64(sp));
            long p = sp + 8;
            for (String a : argv) {
                assertEquals(a, mem.cstr(mem.read64(p)));
                p += 8;
            }
            assertEquals(0, mem.read64(p));
            p += 8;
            assertEquals("A=1", mem.cstr(mem.read64(p)));
            assertEquals("PATH=/bin", mem.cstr(mem.read64(p + 8)));
            assertEquals(0, mem.read64(p + 16));
            p += 24;
            Map<Long, Long> aux = new HashMap<>();
            for (long tag; (tag = mem.read64(p)) != InitialStack.AT_NULL; p += 16) {
                aux.put(tag, mem.read64(p + 8));
            }
            assertEquals(4096L, aux.get((long) InitialStack.AT_PAGESZ));
            assertEquals(0x400040L, aux.get((long) InitialStack.AT_PHDR));
            assertEquals(9L, aux.get((long) InitialStack.AT_PHNUM));
            assertEquals(0x401000L, aux.get((long) InitialStack.AT_ENTRY));
            assertEquals(1001L, aux.get((long) InitialStack.AT_EUID));
            assertEquals("x86_64", mem.cstr(aux.get((long) InitialStack.AT_PLATFORM)));
            assertEquals("/x/prog", mem.cstr(aux.get((long) InitialStack.AT_EXECFN)));
            long r = aux.get((long) InitialStack.AT_RANDOM);
            for (int i = 0; i < 16; i++) {
                assertEquals(random[i] & 0xFF, mem.read8(r + i));
            }
        }
    }
}
