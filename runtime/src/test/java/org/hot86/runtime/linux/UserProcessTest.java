package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserProcessTest {
    @TempDir
    Path dir;

    @Test
    void startsAStaticProgram() throws Exception {
        Path exe = NativeTools.compile("hello", "#include <stdio.h>\nint main(){puts(\"hi\");return 0;}\n", "-static");
        PagedAddressSpace as = new PagedAddressSpace();
        UserProcess p = UserProcess.create(exe, List.of("hello", "a"), List.of("X=1"), as, 0x178bfbffL,
                new LinuxKernel.Options().cwd(dir));
        UserRegs r = p.initialRegs();
        ElfImage img = ElfImage.parse(Files.readAllBytes(exe));
        assertEquals(img.entry(), r.rip);
        assertEquals(5, as.protection(r.rip), "entry is in r-x memory");
        assertEquals(2, as.read64(r.gpr[UserRegs.RSP]), "argc");
        assertEquals(0x202, r.rflags);
        // The kernel works on the same memory: readlink /proc/self/exe names the program.
        long buf = p.loaded().rsp() - 4096;
        GuestBytes.writeCString(as, buf, "/proc/self/exe");
        long n = p.kernel().syscall(Sys.READLINK, buf, buf + 64, 256, 0, 0, 0);
        assertEquals(exe.toRealPath().toString(), GuestBytes.cString(as, buf + 64, 4096).substring(0, (int) n));
        // Through a symbolic link, Linux names the real file.
        Path link = dir.resolve("link-to-hello");
        java.nio.file.Files.createSymbolicLink(link, exe);
        UserProcess q = UserProcess.create(link, List.of("l"), List.of(), new PagedAddressSpace(), 0,
                new LinuxKernel.Options().cwd(dir));
        assertEquals(exe.toRealPath(), q.kernel().exePath());
        assertEquals(p.loaded().brkStart(), p.kernel().syscall(Sys.BRK, 0, 0, 0, 0, 0, 0));
        assertTrue(p.kernel().syscall(Sys.BRK, p.loaded().brkStart() + 100000, 0, 0, 0, 0, 0)
                == p.loaded().brkStart() + 100000);
    }

    @Test
    void refusesWhatLinuxUserModeCannotRun() throws Exception {
        Path txt = dir.resolve("t");
        Files.writeString(txt, "#!/bin/sh\n");
        ElfException e = assertThrows(ElfException.class, () -> UserProcess.create(txt, List.of("t"), List.of(),
                new PagedAddressSpace(), 0, new LinuxKernel.Options()));
        assertEquals(ElfException.Kind.NOT_ELF, e.kind());
        Path dyn = NativeTools.compile("hello-dyn", "int main(){return 0;}\n");
        e = assertThrows(ElfException.class, () -> UserProcess.create(dyn, List.of("d"), List.of(),
                new PagedAddressSpace(), 0, new LinuxKernel.Options()));
        assertEquals(ElfException.Kind.DYNAMIC, e.kind());
    }
}
