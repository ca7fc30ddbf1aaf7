package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd 0-2 as the host's own descriptors: fstat and isatty answer about the JVM's fds. */
class HostStdioTest {
    @TempDir
    Path dir;

    @Test
    void ttyIsRecognisedByTheDeviceALinkNames() throws Exception {
        for (String t : new String[] {"/dev/pts/3", "/dev/tty1", "/dev/console"}) {
            Path l = dir.resolve("l" + t.hashCode());
            Files.createSymbolicLink(l, Path.of(t));
            assertTrue(StdStream.isTtyLink(l), t);
        }
        for (String t : new String[] {"pipe:[1234]", "/tmp/out.txt", "/dev/null", "socket:[5]"}) {
            Path l = dir.resolve("n" + Math.abs(t.hashCode()));
            Files.createSymbolicLink(l, Path.of(t));
            assertFalse(StdStream.isTtyLink(l), t);
        }
        assertFalse(StdStream.isTtyLink(dir.resolve("missing")));
    }

    @Test
    void hostStdoutIsStatedAndClassifiedAsTheHostSeesIt() {
        PagedAddressSpace as = new PagedAddressSpace();
        VirtualMemory vm = new VirtualMemory(as);
        vm.mmap(0x100000, 4096, 3, VirtualMemory.MAP_PRIVATE | VirtualMemory.MAP_ANONYMOUS | VirtualMemory.MAP_FIXED,
                null, 0);
        LinuxKernel k = new LinuxKernel(vm, new LinuxKernel.Options().cwd(dir));
        long pid = ProcessHandle.current().pid();
        for (int fd = 0; fd <= 2; fd++) {
            assertEquals(0, k.syscall(Sys.FSTAT, fd, 0x100000, 0, 0, 0, 0));
            // Another process looks at this JVM's fd through /proc/<pid>/fd/N.
            String[] h = FileCallsTest.hostStat("%f %i", Path.of("/proc/" + pid + "/fd/" + fd), true);
            assertEquals(Integer.parseInt(h[0], 16), as.read32(0x100000 + NativeLayout.of("stat.st_mode")), "fd " + fd);
            assertEquals(Long.parseLong(h[1]), as.read64(0x100000 + NativeLayout.of("stat.st_ino")), "fd " + fd);
            boolean tty = NativeTools.runOk("readlink", "/proc/" + pid + "/fd/" + fd).startsWith("/dev/pts/");
            long r = k.syscall(Sys.IOCTL, fd, FileCalls.TCGETS, 0x100100, 0, 0, 0);
            assertEquals(tty ? 0 : -Errno.ENOTTY, r, "TCGETS on fd " + fd);
        }
    }

    @Test
    void devicesOpenedByNameAreTtysOnlyIfTheyAreTerminals() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        int nul = (int) f.call(Sys.OPEN, f.str("/dev/null"), 2);
        assertEquals(-Errno.ENOTTY, f.call(Sys.IOCTL, nul, FileCalls.TCGETS, f.alloc(64)));
        long tty = f.call(Sys.OPEN, f.str("/dev/tty"), 2);
        if (tty >= 0) {
            // Only when the test runs with a controlling terminal.
            assertEquals(0, f.call(Sys.IOCTL, tty, FileCalls.TCGETS, f.alloc(64)));
        } else {
            assertEquals(-Errno.ENXIO, tty, "no controlling terminal");
        }
    }
}
