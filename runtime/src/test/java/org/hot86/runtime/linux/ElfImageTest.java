package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ElfImageTest {
    /** A minimal ELF64 executable: header, {@code phdrs} program headers, then 16 code bytes. */
    static ByteBuffer elf(int elfClass, int type, int machine, int... phdrTypes) {
        int phoff = 64;
        int codeOff = phoff + 56 * phdrTypes.length;
        ByteBuffer b = ByteBuffer.allocate(codeOff + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) elfClass, 1, 1, 0});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        b.putLong(24, 0x401000 + codeOff).putLong(32, phoff);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phdrTypes.length);
        for (int i = 0; i < phdrTypes.length; i++) {
            int p = phoff + 56 * i;
            b.putInt(p, phdrTypes[i]).putInt(p + 4, ElfImage.PF_R | ElfImage.PF_X);
            if (phdrTypes[i] == ElfImage.PT_INTERP) {
                b.putLong(p + 8, codeOff).putLong(p + 32, 8);
                b.put(codeOff, "/lib/ld\0".getBytes());
            } else {
                b.putLong(p + 8, 0).putLong(p + 16, 0x401000).putLong(p + 32, codeOff + 32)
                        .putLong(p + 40, codeOff + 4096).putLong(p + 48, 4096);
            }
        }
        return b;
    }

    @Test
    void acceptsAStaticExecutable() {
        ElfImage img = ElfImage.parse(elf(2, ElfImage.ET_EXEC, 62, ElfImage.PT_LOAD).array());
        assertEquals(1, img.segments().size());
        assertEquals(0x401000 + 64 + 56, img.entry());
        assertEquals(0x401000 + 64, img.phdrAddress());
        assertFalse(img.positionIndependent());
        assertTrue(img.segments().get(0).executable());
    }

    @Test
    void refusesEachBadInputWithItsOwnKind() {
        assertEquals(ElfException.Kind.NOT_ELF, kind("#!/bin/sh\necho hi\n".getBytes()));
        assertEquals(ElfException.Kind.NOT_ELF, kind(new byte[0]));
        assertEquals(ElfException.Kind.UNSUPPORTED, kind(elf(1, ElfImage.ET_EXEC, 3, ElfImage.PT_LOAD).array()));
        assertEquals(ElfException.Kind.UNSUPPORTED, kind(elf(2, ElfImage.ET_EXEC, 183, ElfImage.PT_LOAD).array()));
        assertEquals(ElfException.Kind.UNSUPPORTED, kind(elf(2, 1, 62, ElfImage.PT_LOAD).array()));
        assertEquals(ElfException.Kind.DYNAMIC,
                kind(elf(2, ElfImage.ET_DYN, 62, ElfImage.PT_INTERP, ElfImage.PT_LOAD).array()));
        assertEquals(ElfException.Kind.MALFORMED, kind(elf(2, ElfImage.ET_EXEC, 62).array()));
        byte[] truncated = elf(2, ElfImage.ET_EXEC, 62, ElfImage.PT_LOAD).array();
        assertEquals(ElfException.Kind.MALFORMED, kind(java.util.Arrays.copyOf(truncated, 80)));
    }

    @Test
    void segmentBeyondTheFileIsMalformed() {
        ByteBuffer b = elf(2, ElfImage.ET_EXEC, 62, ElfImage.PT_LOAD);
        b.putLong(64 + 32, 1 << 20).putLong(64 + 40, 1 << 20);
        ElfException e = assertThrows(ElfException.class, () -> ElfImage.parse(b.array()));
        assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
    }

    @Test
    void debiansStaticBusyboxParses() throws Exception {
        Path busybox = Path.of("/bin/busybox");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(busybox), "busybox-static not installed");
        ElfImage img = ElfImage.parse(Files.readAllBytes(busybox));
        assertTrue(img.segments().size() >= 2);
        assertTrue(img.segments().stream().anyMatch(ElfImage.Segment::executable));
        assertTrue(img.phdrAddress() != 0 || img.positionIndependent());
    }

    private static ElfException.Kind kind(byte[] file) {
        return assertThrows(ElfException.class, () -> ElfImage.parse(file)).kind();
    }
}
