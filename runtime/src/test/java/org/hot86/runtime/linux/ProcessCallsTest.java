package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCallsTest {
    @TempDir
    Path dir;

    KernelFixture fx() {
        return new KernelFixture(dir, new byte[0]);
    }

    @Test
    void virtualClockIsDeterministicAndAdvancedBySleeping() {
        KernelFixture f = fx();
        long ts = f.alloc(16);
        assertEquals(0, f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_MONOTONIC, ts));
        long t0 = f.u64(ts) * 1_000_000_000L + f.u64(ts + 8);
        f.retired[0] = 2_500_000_000L;
        f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_MONOTONIC, ts);
        long t1 = f.u64(ts) * 1_000_000_000L + f.u64(ts + 8);
        assertEquals(2_500_000_000L, t1 - t0, "1 ns per retired instruction");
        long req = f.alloc(16);
        f.as.write64(req, 3);
        f.as.write64(req + 8, 5);
        assertEquals(0, f.call(Sys.NANOSLEEP, req, 0));
        f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_MONOTONIC, ts);
        assertEquals(3_000_000_005L, f.u64(ts) * 1_000_000_000L + f.u64(ts + 8) - t1);
        f.as.write64(req + 8, 1_000_000_000L);
        assertEquals(-Errno.EINVAL, f.call(Sys.NANOSLEEP, req, 0));
        // Absolute sleep to 10 s past now.
        f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_MONOTONIC, ts);
        long now = f.u64(ts) * 1_000_000_000L + f.u64(ts + 8);
        f.as.write64(req, now / 1_000_000_000L + 10);
        f.as.write64(req + 8, now % 1_000_000_000L);
        assertEquals(0, f.call(Sys.CLOCK_NANOSLEEP, LinuxKernel.CLOCK_MONOTONIC, LinuxKernel.TIMER_ABSTIME, req, 0));
        f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_MONOTONIC, ts);
        assertEquals(now + 10_000_000_000L, f.u64(ts) * 1_000_000_000L + f.u64(ts + 8));

        f.call(Sys.CLOCK_GETTIME, LinuxKernel.CLOCK_REALTIME, ts);
        long rt = f.u64(ts);
        long tv = f.alloc(16);
        assertEquals(0, f.call(Sys.GETTIMEOFDAY, tv, 0));
        assertEquals(rt, f.u64(tv));
        assertEquals(f.u64(ts + 8) / 1000, f.u64(tv + 8));
        assertEquals(rt, f.call(Sys.TIME, 0));
        assertTrue(rt >= 1_735_689_600L && rt < 1_735_689_600L + 3600, "the virtual epoch is 2025-01-01");
        assertEquals(-Errno.EINVAL, f.call(Sys.CLOCK_GETTIME, 99, ts));
        assertEquals(-Errno.EFAULT, f.call(Sys.CLOCK_GETTIME, 0, 0x1000));
        assertEquals(0, f.call(Sys.CLOCK_GETRES, LinuxKernel.CLOCK_MONOTONIC, ts));
        assertEquals(1, f.u64(ts + 8));
    }

    @Test
    void hostClockFollowsTheHost() {
        KernelFixture f = new KernelFixture(new LinuxKernel.Options().cwd(dir).stdio(
                new java.io.ByteArrayInputStream(new byte[0]), null, null), true);
        // The fixture installs a virtual clock; a kernel with the host clock reads the host's time.
        LinuxKernel k = new LinuxKernel(f.vm, new LinuxKernel.Options().time(TimeSource.host())
                .stdio(new java.io.ByteArrayInputStream(new byte[0]), f.out, f.err));
        long before = System.currentTimeMillis() / 1000;
        long t = k.syscall(Sys.TIME, 0, 0, 0, 0, 0, 0);
        assertTrue(t >= before && t <= System.currentTimeMillis() / 1000);
    }

    @Test
    void getrandomIsSeededAndDeterministic() {
        KernelFixture a = fx(), b = fx();
        long ba = a.alloc(64), bb = b.alloc(64);
        assertEquals(64, a.call(Sys.GETRANDOM, ba, 64, 0));
        assertEquals(64, b.call(Sys.GETRANDOM, bb, 64, 1));
        assertArrayEquals(a.read(ba, 64), b.read(bb, 64));
        assertFalse(Arrays.equals(new byte[64], a.read(ba, 64)));
        KernelFixture c = new KernelFixture(new LinuxKernel.Options().cwd(dir).randomSeed(99), true);
        long bc = c.alloc(64);
        c.call(Sys.GETRANDOM, bc, 64, 0);
        assertFalse(Arrays.equals(a.read(ba, 64), c.read(bc, 64)));
        assertEquals(-Errno.EINVAL, a.call(Sys.GETRANDOM, ba, 64, 8));
        assertEquals(-Errno.EFAULT, a.call(Sys.GETRANDOM, 0x1000, 64, 0));
    }

    @Test
    void unameSysinfoIdsLimits() {
        KernelFixture f = fx();
        long u = f.alloc((int) NativeLayout.of("utsname"));
        assertEquals(0, f.call(Sys.UNAME, u));
        assertEquals("Linux", f.cstr(u + NativeLayout.of("utsname.sysname")));
        assertEquals(NativeTools.runOk("uname", "-m").trim(), f.cstr(u + NativeLayout.of("utsname.machine")));
        String release = f.cstr(u + NativeLayout.of("utsname.release"));
        assertTrue(release.matches("\\d+\\.\\d+\\.\\d+.*") && Integer.parseInt(release.split("\\.")[0]) >= 4,
                "glibc needs a release it can parse, >= 3.2");
        long si = f.alloc((int) NativeLayout.of("sysinfo"));
        assertEquals(0, f.call(Sys.SYSINFO, si));
        assertTrue(f.u64(si + NativeLayout.of("sysinfo.totalram")) >= f.u64(si + NativeLayout.of("sysinfo.freeram"))
                && f.u64(si + NativeLayout.of("sysinfo.freeram")) > 0, "totalram >= freeram > 0");
        assertEquals(1, f.u32(si + NativeLayout.of("sysinfo.mem_unit")));
        assertEquals(1, f.as.read16(si + NativeLayout.of("sysinfo.procs")));
        assertEquals(4242, f.call(Sys.GETPID));
        assertEquals(4242, f.call(Sys.GETTID));
        assertEquals(4242, f.call(Sys.SET_TID_ADDRESS, f.alloc(4)));
        assertEquals(1, f.call(Sys.GETPPID));
        assertEquals(1000, f.call(Sys.GETUID));
        assertEquals(1000, f.call(Sys.GETEGID));
        int hostUmask = Integer.parseInt(NativeTools.runOk("sh", "-c", "umask").trim(), 8);
        assertEquals(hostUmask, f.call(Sys.UMASK, 077), "starts with the host's umask");
        assertEquals(077, f.call(Sys.UMASK, 022));
        long rl = f.alloc(16);
        assertEquals(0, f.call(Sys.PRLIMIT64, 0, LinuxKernel.RLIMIT_STACK, 0, rl));
        assertEquals(8L << 20, f.u64(rl));
        assertEquals(-1L, f.u64(rl + 8));
        f.as.write64(rl, 256);
        f.as.write64(rl + 8, 512);
        assertEquals(0, f.call(Sys.PRLIMIT64, 0, LinuxKernel.RLIMIT_NOFILE, rl, 0));
        assertEquals(0, f.call(Sys.GETRLIMIT, LinuxKernel.RLIMIT_NOFILE, rl));
        assertEquals(256, f.u64(rl));
        assertEquals(512, f.u64(rl + 8));
        f.as.write64(rl, 256);
        f.as.write64(rl + 8, 1024);
        assertEquals(-Errno.EPERM, f.call(Sys.SETRLIMIT, LinuxKernel.RLIMIT_NOFILE, rl), "raising the hard limit");
        f.as.write64(rl, 600);
        f.as.write64(rl + 8, 512);
        assertEquals(-Errno.EINVAL, f.call(Sys.SETRLIMIT, LinuxKernel.RLIMIT_NOFILE, rl), "soft above hard");
        assertEquals(-Errno.EINVAL, f.call(Sys.PRLIMIT64, 0, 16, 0, rl));
        assertEquals(-Errno.ESRCH, f.call(Sys.PRLIMIT64, 1, 0, 0, rl));
        assertEquals(-Errno.EBADF, f.call(Sys.DUP2, 0, 300), "new fd beyond RLIMIT_NOFILE");
        long mask = f.alloc(128);
        assertEquals(8, f.call(Sys.SCHED_GETAFFINITY, 0, 128, mask));
        assertEquals(Math.min(64, Runtime.getRuntime().availableProcessors()), Long.bitCount(f.u64(mask)));
        assertEquals(-Errno.EINVAL, f.call(Sys.SCHED_GETAFFINITY, 0, 4, mask));
        assertEquals(0, f.call(Sys.SCHED_YIELD));
        assertEquals(0, f.call(Sys.SCHED_SETAFFINITY, 0, 8, mask));
        f.as.write64(mask, 0);
        assertEquals(-Errno.EINVAL, f.call(Sys.SCHED_SETAFFINITY, 0, 8, mask), "empty CPU set");
        long cpu = f.alloc(8);
        assertEquals(0, f.call(Sys.GETCPU, cpu, cpu + 4, 0));
        assertEquals(-Errno.ECHILD, f.call(Sys.WAIT4, -1, 0, 0, 0));
        assertEquals(0, f.call(Sys.SET_ROBUST_LIST, f.alloc(24), 24));
        assertEquals(-Errno.EINVAL, f.call(Sys.SET_ROBUST_LIST, f.alloc(24), 23));
        assertEquals(-Errno.ENOSYS, f.call(Sys.RSEQ, 0, 32, 0, 0));
        assertEquals(-Errno.ENOSYS, f.call(999));
        assertEquals(-Errno.ENOSYS, f.call(999), "logged once, still ENOSYS");
    }

    @Test
    void archPrctlFsAndGs() {
        KernelFixture f = fx();
        assertEquals(0, f.call(Sys.ARCH_PRCTL, LinuxKernel.ARCH_SET_FS, 0x7000_1234L));
        assertEquals(0x7000_1234L, f.k.fsBase());
        long out = f.alloc(8);
        assertEquals(0, f.call(Sys.ARCH_PRCTL, LinuxKernel.ARCH_GET_FS, out));
        assertEquals(0x7000_1234L, f.u64(out));
        assertEquals(0, f.call(Sys.ARCH_PRCTL, LinuxKernel.ARCH_SET_GS, 0x5000));
        assertEquals(0, f.call(Sys.ARCH_PRCTL, LinuxKernel.ARCH_GET_GS, out));
        assertEquals(0x5000, f.u64(out));
        assertEquals(-Errno.EPERM, f.call(Sys.ARCH_PRCTL, LinuxKernel.ARCH_SET_FS, 0xffff_8000_0000_0000L));
        assertEquals(-Errno.EINVAL, f.call(Sys.ARCH_PRCTL, 0x9999, 0));
        UserRegs r = new UserRegs();
        r.gpr[UserRegs.RAX] = Sys.ARCH_PRCTL;
        r.gpr[UserRegs.RDI] = LinuxKernel.ARCH_SET_FS;
        r.gpr[UserRegs.RSI] = 0x4444000;
        f.k.syscall(r);
        assertEquals(0x4444000, r.fsBase, "the regs carry the new FS base back to the CPU");
    }

    @Test
    void futexForOneThread() {
        KernelFixture f = fx();
        long w = f.alloc(8);
        f.as.write32(w, 5);
        assertEquals(0, f.call(Sys.FUTEX, w, LinuxKernel.FUTEX_WAKE | LinuxKernel.FUTEX_PRIVATE_FLAG, 1));
        assertEquals(-Errno.EAGAIN, f.call(Sys.FUTEX, w, LinuxKernel.FUTEX_WAIT, 4, 0));
        long ts = f.alloc(16);
        f.as.write64(ts, 1);
        assertEquals(-Errno.ETIMEDOUT, f.call(Sys.FUTEX, w, LinuxKernel.FUTEX_WAIT, 5, ts));
        assertEquals(-Errno.EINVAL, f.call(Sys.FUTEX, w + 1, LinuxKernel.FUTEX_WAIT, 5, 0));
        GuestExit e = assertThrows(GuestExit.class, () -> f.call(Sys.FUTEX, w, LinuxKernel.FUTEX_WAIT, 5, 0));
        assertTrue(e.report(null).contains("deadlock"));
        assertEquals(-Errno.ENOSYS, f.call(Sys.FUTEX, w, 99, 0, 0));
    }

    @Test
    void exitAndExitGroup() {
        KernelFixture f = fx();
        GuestExit e = assertThrows(GuestExit.class, () -> f.call(Sys.EXIT_GROUP, 300));
        assertEquals(300 & 0xFF, e.status());
        assertEquals(0, e.signal());
        assertEquals(null, e.report("x"));
        assertEquals(3, assertThrows(GuestExit.class, () -> f.call(Sys.EXIT, 3)).status());
    }

    @Test
    void memoryCallsGoThroughTheVmAndFilesCanBeMapped() throws Exception {
        KernelFixture f = fx();
        f.vm.initBrk(0x800000);
        assertEquals(0x800000, f.call(Sys.BRK, 0));
        assertEquals(0x801000, f.call(Sys.BRK, 0x801000));
        f.as.write8(0x800fff, 1);
        long a = f.call(Sys.MMAP, 0, 8192, 3, VirtualMemory.MAP_PRIVATE | VirtualMemory.MAP_ANONYMOUS, -1, 0);
        assertEquals(VirtualMemory.MMAP_BASE - 8192, a);
        assertEquals(0, f.call(Sys.MPROTECT, a, 4096, 1));
        assertEquals(0, f.call(Sys.MADVISE, a, 8192, VirtualMemory.MADV_DONTNEED));
        assertEquals(0, f.call(Sys.MUNMAP, a, 8192));
        Files.writeString(dir.resolve("m"), "mapped bytes");
        int ro = (int) f.call(Sys.OPEN, f.str("m"), 0);
        long m = f.call(Sys.MMAP, 0, 12, 1, VirtualMemory.MAP_PRIVATE, ro, 0);
        assertTrue(m > 0);
        assertEquals("mapped bytes", new String(f.read(m, 12), StandardCharsets.US_ASCII));
        assertEquals(-Errno.EACCES, f.call(Sys.MMAP, 0, 12, 3, VirtualMemory.MAP_SHARED, ro, 0),
                "shared writable mapping of a read-only fd");
        assertEquals(-Errno.EBADF, f.call(Sys.MMAP, 0, 12, 1, VirtualMemory.MAP_PRIVATE, 55, 0));
        int d = (int) f.call(Sys.OPEN, f.str("."), 0);
        assertEquals(-Errno.ENODEV, f.call(Sys.MMAP, 0, 12, 1, VirtualMemory.MAP_PRIVATE, d, 0));
        long m2 = f.call(Sys.MREMAP, m, 4096, 16384, VirtualMemory.MREMAP_MAYMOVE, 0);
        assertTrue(m2 > 0);
        assertEquals("mapped bytes", new String(f.read(m2, 12), StandardCharsets.US_ASCII));
    }

    @Test
    void fileTimesAndLinks() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("t"), "x");
        long ts = f.alloc(32);
        f.as.write64(ts, 1_000_000_000L);
        f.as.write64(ts + 8, 5);
        f.as.write64(ts + 16, 1_100_000_000L);
        f.as.write64(ts + 24, 123456789);
        assertEquals(0, f.call(Sys.UTIMENSAT, FileCalls.AT_FDCWD, f.str("t"), ts, 0));
        String[] h = FileCallsTest.hostStat("%.9X %.9Y", dir.resolve("t"), true);
        assertEquals("1000000000.000000005", h[0]);
        assertEquals("1100000000.123456789", h[1]);
        assertEquals(0, f.call(Sys.SYMLINK, f.str("t"), f.str("s")));
        assertEquals("t", Files.readSymbolicLink(dir.resolve("s")).toString());
        assertEquals(0, f.call(Sys.LINK, f.str("t"), f.str("h")));
        assertEquals("2", FileCallsTest.hostStat("%h", dir.resolve("t"), true)[0]);
        assertEquals(0, f.call(Sys.CHMOD, f.str("t"), 0640));
        assertEquals("640", FileCallsTest.hostStat("%a", dir.resolve("t"), true)[0]);
        assertEquals(-Errno.EEXIST, f.call(Sys.SYMLINK, f.str("t"), f.str("s")));
        int fd = (int) f.call(Sys.OPEN, f.str("t"), 2);
        assertEquals(0, f.call(Sys.FTRUNCATE, fd, 100));
        assertEquals(100, Files.size(dir.resolve("t")));
        assertEquals(0, f.call(Sys.FTRUNCATE, fd, 0));
        assertEquals(0, Files.size(dir.resolve("t")));
    }

    @Test
    void sendfileTruncateChownPrctl() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("src"), "0123456789");
        int in = (int) f.call(Sys.OPEN, f.str("src"), 0);
        assertEquals(4, f.call(Sys.SENDFILE, 1, in, 0, 4));
        long off = f.alloc(8);
        f.as.write64(off, 7);
        assertEquals(3, f.call(Sys.SENDFILE, 1, in, off, 100));
        assertEquals(10, f.u64(off), "*offset advanced");
        assertEquals(4, f.call(Sys.LSEEK, in, 0, 1), "file offset untouched when an offset is given");
        assertEquals(6, f.call(Sys.SENDFILE, 1, in, 0, 100));
        assertEquals("0123789456789", f.out.toString());
        assertEquals(0, f.call(Sys.TRUNCATE, f.str("src"), 3));
        assertEquals("012", Files.readString(dir.resolve("src")));
        assertEquals(-Errno.EISDIR, f.call(Sys.TRUNCATE, f.str("."), 0));
        int myUid = (Integer) Files.getAttribute(dir.resolve("src"), "unix:uid");
        int myGid = (Integer) Files.getAttribute(dir.resolve("src"), "unix:gid");
        assertEquals(0, f.call(Sys.CHOWN, f.str("src"), myUid, -1));
        assertEquals(0, f.call(Sys.FCHOWN, in, -1, myGid));
        assertEquals(0, f.call(Sys.FCHOWNAT, FileCalls.AT_FDCWD, f.str("src"), -1, -1, FileCalls.AT_SYMLINK_NOFOLLOW));
        boolean root = myUid == 0;
        assertEquals(root ? 0 : -Errno.EPERM, f.call(Sys.CHOWN, f.str("src"), myUid + 1, -1),
                "the host decides: only root gives files away");
        assertEquals(-Errno.ENOENT, f.call(Sys.LCHOWN, f.str("nope"), 0, 0));
        assertEquals(0, f.call(Sys.FADVISE64, in, 0, 0, 2));
        long name = f.alloc(16);
        assertEquals(0, f.call(Sys.PRCTL, LinuxKernel.PR_GET_NAME, name));
        assertEquals("prog", f.cstr(name));
        assertEquals(0, f.call(Sys.PRCTL, LinuxKernel.PR_SET_NAME, f.str("a-very-long-thread-name")));
        f.call(Sys.PRCTL, LinuxKernel.PR_GET_NAME, name);
        assertEquals("a-very-long-thr", f.cstr(name), "15 bytes and a NUL");
        assertEquals(-Errno.EINVAL, f.call(Sys.PRCTL, 9999, 0));
    }

    @Test
    void syscallNamesForLogs() {
        assertEquals("openat", Sys.name(257));
        assertEquals("exit_group", Sys.name(231));
        assertEquals("rt_sigreturn", Sys.name(15));
        assertEquals("syscall_999", Sys.name(999));
    }

    @Test
    void sharedFileMappingsReachTheFile() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("shm"), "aaaaaaaaaa");
        int fd = (int) f.call(Sys.OPEN, f.str("shm"), 2);
        long m = f.call(Sys.MMAP, 0, 4096, 3, VirtualMemory.MAP_SHARED, fd, 0);
        long p = f.call(Sys.MMAP, 0, 4096, 3, VirtualMemory.MAP_PRIVATE, fd, 0);
        assertTrue(m > 0 && p > 0);
        f.as.write8(m + 1, 'S');
        f.as.write8(m + 100, 'X');
        f.as.write8(p + 2, 'P');
        assertEquals(0, f.call(Sys.MSYNC, m, 4096, 4));
        assertEquals("aSaaaaaaaa", Files.readString(dir.resolve("shm")), "msync writes back, within the file's size");
        f.as.write8(m + 3, 'M');
        assertEquals(0, f.call(Sys.MUNMAP, m, 4096));
        assertEquals("aSaMaaaaaa", Files.readString(dir.resolve("shm")), "munmap writes back; private writes never");
        long m2 = f.call(Sys.MMAP, 0, 4096, 3, VirtualMemory.MAP_SHARED, fd, 0);
        f.as.write8(m2 + 9, 'E');
        assertThrows(GuestExit.class, () -> f.call(Sys.EXIT_GROUP, 0));
        assertEquals("aSaMaaaaaE", Files.readString(dir.resolve("shm")), "exit writes back");
        assertEquals(-Errno.EINVAL, f.call(Sys.MSYNC, m2, 4096, 5));
    }
}
