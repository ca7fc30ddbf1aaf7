package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcAndPollTest {
    @TempDir
    Path dir;

    @Test
    void pollReportsPipeAndFileReadiness() throws Exception {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        long pfd = f.alloc(8);
        f.call(Sys.PIPE, pfd);
        int r = f.u32(pfd), w = f.u32(pfd + 4);
        Files.writeString(dir.resolve("x"), "x");
        int file = (int) f.call(Sys.OPEN, f.str("x"), 0);
        long fds = f.alloc(8 * 5);
        int[][] in = {{r, FileCalls.POLLIN}, {w, FileCalls.POLLOUT}, {file, FileCalls.POLLIN}, {99, FileCalls.POLLIN},
            {-1, FileCalls.POLLIN}};
        for (int i = 0; i < in.length; i++) {
            f.as.write32(fds + 8 * i, in[i][0]);
            f.as.write16(fds + 8 * i + 4, in[i][1]);
            f.as.write16(fds + 8 * i + 6, 0x7777);
        }
        assertEquals(8, NativeLayout.of("pollfd"));
        assertEquals(4, NativeLayout.of("pollfd.events"));
        assertEquals(6, NativeLayout.of("pollfd.revents"));
        assertEquals(3, f.call(Sys.POLL, fds, 5, 0));
        assertEquals(0, f.as.read16(fds + 6), "empty pipe is not readable");
        assertEquals(FileCalls.POLLOUT, f.as.read16(fds + 14));
        assertEquals(FileCalls.POLLIN, f.as.read16(fds + 22));
        assertEquals(FileCalls.POLLNVAL, f.as.read16(fds + 30));
        assertEquals(0, f.as.read16(fds + 38), "negative fd ignored, revents cleared");
        f.call(Sys.WRITE, w, f.str("a"), 1);
        assertEquals(1, f.call(Sys.POLL, fds, 1, -1));
        assertEquals(FileCalls.POLLIN, f.as.read16(fds + 6));
        f.call(Sys.READ, r, f.alloc(4), 4);
        // Nothing ready with a timeout: the virtual clock moves on by the timeout.
        long ts = f.alloc(16);
        f.call(Sys.CLOCK_GETTIME, 1, ts);
        long t0 = f.u64(ts) * 1_000_000_000L + f.u64(ts + 8);
        assertEquals(0, f.call(Sys.POLL, fds, 1, 250));
        f.call(Sys.CLOCK_GETTIME, 1, ts);
        assertEquals(250_000_000L, f.u64(ts) * 1_000_000_000L + f.u64(ts + 8) - t0);
        assertThrows(GuestExit.class, () -> f.call(Sys.POLL, fds, 1, -1));
        f.call(Sys.CLOSE, w);
        assertEquals(1, f.call(Sys.PPOLL, fds, 1, 0, 0, 8));
        assertEquals(FileCalls.POLLHUP, f.as.read16(fds + 6), "writer gone");
    }

    @Test
    void procSelfFdLinks() throws Exception {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        Files.writeString(dir.resolve("y"), "y");
        int fd = (int) f.call(Sys.OPEN, f.str("y"), 0);
        long buf = f.alloc(4096);
        long n = f.call(Sys.READLINK, f.str("/proc/self/fd/" + fd), buf, 4096);
        assertEquals(dir.resolve("y").toString(), new String(f.read(buf, (int) n), StandardCharsets.UTF_8));
        long pfd = f.alloc(8);
        f.call(Sys.PIPE, pfd);
        n = f.call(Sys.READLINK, f.str("/proc/self/fd/" + f.u32(pfd)), buf, 4096);
        assertTrue(new String(f.read(buf, (int) n)).matches("pipe:\\[\\d+\\]"));
        assertEquals(-Errno.ENOENT, f.call(Sys.READLINK, f.str("/proc/self/fd/77"), buf, 4096));
    }

    @Test
    void procSelfMapsDescribesTheGuest() throws Exception {
        Path exe = NativeTools.compile("maps-static", ElfLoaderTest.MAPS_SOURCE, "-static");
        PagedAddressSpace as = new PagedAddressSpace();
        UserProcess p = UserProcess.create(exe, List.of("m"), List.of(), as, 0, new LinuxKernel.Options().cwd(dir));
        LinuxKernel k = p.kernel();
        k.syscall(Sys.BRK, p.loaded().brkStart() + 5000, 0, 0, 0, 0, 0);
        long buf = p.loaded().rsp() - 65536;
        GuestBytes.writeCString(as, buf, "/proc/self/maps");
        int fd = (int) k.syscall(Sys.OPEN, buf, 0, 0, 0, 0, 0);
        assertTrue(fd >= 3);
        long n = k.syscall(Sys.READ, fd, buf, 16384, 0, 0, 0);
        assertTrue(n > 0, "read " + n + " fd " + fd);
        String ours = new String(GuestBytes.read(as, buf, (int) n), StandardCharsets.UTF_8);
        // The host's own maps of the same program (no ASLR): same format, same name column,
        // the same pages named after the program, the same heap start and stack end.
        List<String> host = NativeTools.runOk("setarch", "x86_64", "-R", exe.toString()).lines().toList();
        String format = "[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-]p [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \\d+ ( *\\S.*)?";
        for (String o : ours.lines().toList()) {
            assertTrue(o.matches(format), o);
        }
        for (String h : host) {
            assertTrue(h.matches(format), "the format check itself accepts the host's line " + h);
        }
        assertEquals(named(host, exe.toString()), named(ours.lines().toList(), exe.toString()), "pages named after the program");
        assertEquals(start(host, "[heap]"), start(ours.lines().toList(), "[heap]"));
        assertEquals(end(host, "[stack]"), end(ours.lines().toList(), "[stack]"));
    }

    static java.util.Set<Long> named(List<String> maps, String name) {
        java.util.Set<Long> pages = new java.util.TreeSet<>();
        for (String l : maps) {
            if (l.length() > 73 && l.substring(73).equals(name)) {
                String[] r = l.substring(0, l.indexOf(' ')).split("-");
                for (long a = Long.parseLong(r[0], 16); a < Long.parseLong(r[1], 16); a += 4096) {
                    pages.add(a);
                }
            }
        }
        return pages;
    }

    static long start(List<String> maps, String name) {
        return maps.stream().filter(l -> l.endsWith(" " + name)).mapToLong(l -> Long.parseLong(l.split("-")[0], 16))
                .findFirst().orElse(-1);
    }

    static long end(List<String> maps, String name) {
        return maps.stream().filter(l -> l.endsWith(" " + name))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf('-') + 1, l.indexOf(' ')), 16)).findFirst().orElse(-1);
    }

    @Test
    void devStdinAndProcSelfFdNameTheGuestsDescriptors() throws Exception {
        KernelFixture f = new KernelFixture(dir, "from stdin".getBytes(StandardCharsets.UTF_8));
        int in = (int) f.call(Sys.OPEN, f.str("/dev/stdin"), 0);
        assertTrue(in >= 3);
        long buf = f.alloc(64);
        assertEquals(10, f.call(Sys.READ, in, buf, 64));
        assertEquals("from stdin", new String(f.read(buf, 10), StandardCharsets.UTF_8));
        int out = (int) f.call(Sys.OPEN, f.str("/dev/fd/1"), 1);
        f.call(Sys.WRITE, out, f.str("via /dev/fd/1"), 13);
        assertEquals("via /dev/fd/1", f.out.toString());
        Files.writeString(dir.resolve("z"), "zzz");
        int z = (int) f.call(Sys.OPEN, f.str("z"), 0);
        f.call(Sys.READ, z, buf, 1);
        int z2 = (int) f.call(Sys.OPEN, f.str("/proc/self/fd/" + z), 0);
        assertEquals(3, f.call(Sys.READ, z2, buf, 64), "a reopened file has its own offset, as on Linux");
        long st = f.alloc(256);
        assertEquals(0, f.call(Sys.STAT, f.str("/proc/4242/fd/" + z), st));
        assertEquals(3, f.u64(st + NativeLayout.of("stat.st_size")));
        assertEquals(-Errno.ENOENT, f.call(Sys.OPEN, f.str("/dev/fd/99"), 0));
    }

    @Test
    void selectOverFdSets() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        long pfd = f.alloc(8);
        f.call(Sys.PIPE, pfd);
        int r = f.u32(pfd), w = f.u32(pfd + 4);
        long rs = f.alloc(16), ws = f.alloc(16);
        f.as.write64(rs, 1L << r);
        f.as.write64(ws, 1L << w);
        long tv = f.alloc(16);
        assertEquals(1, f.call(Sys.SELECT, w + 1, rs, ws, 0, tv));
        assertEquals(0, f.u64(rs), "empty pipe not readable");
        assertEquals(1L << w, f.u64(ws));
        f.call(Sys.WRITE, w, f.str("x"), 1);
        f.as.write64(rs, 1L << r);
        f.as.write64(ws, 0);
        assertEquals(1, f.call(Sys.PSELECT6, r + 1, rs, ws, 0, 0, 0));
        assertEquals(1L << r, f.u64(rs));
        f.as.write64(rs, 1L << 40);
        assertEquals(-Errno.EBADF, f.call(Sys.SELECT, 41, rs, 0, 0, tv));
    }

    @Test
    void groupsAreTheHostsGroups() {
        KernelFixture f = new KernelFixture(new LinuxKernel.Options().cwd(dir), true);
        int n = (int) f.call(Sys.GETGROUPS, 0, 0);
        long list = f.alloc(4 * Math.max(1, n));
        assertEquals(n, f.call(Sys.GETGROUPS, n, list));
        java.util.Set<Integer> ours = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            ours.add(f.u32(list + 4L * i));
        }
        java.util.Set<Integer> host = new java.util.TreeSet<>();
        for (String g : NativeTools.runOk("id", "-G").trim().split("\\s+")) {
            host.add(Integer.parseInt(g));
        }
        host.remove(Integer.parseInt(NativeTools.runOk("id", "-g").trim()));
        ours.remove(Integer.parseInt(NativeTools.runOk("id", "-g").trim()));
        assertEquals(host, ours, "supplementary groups (id -G also lists the primary group)");
        if (n > 0) {
            assertEquals(-Errno.EINVAL, f.call(Sys.GETGROUPS, n - 1 == 0 ? -1 : n - 1, list));
        }
        long ids = f.alloc(12);
        assertEquals(0, f.call(Sys.GETRESUID, ids, ids + 4, ids + 8));
        int uid = Integer.parseInt(NativeTools.runOk("id", "-u").trim());
        assertEquals(uid, f.u32(ids));
        assertEquals(uid, f.u32(ids + 8));
    }
}
