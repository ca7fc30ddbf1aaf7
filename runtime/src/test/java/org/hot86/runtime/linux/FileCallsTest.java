package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCallsTest {
    @TempDir
    Path dir;

    static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000,
            O_APPEND = 02000, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000, AT_FDCWD = -100;

    KernelFixture fx() {
        KernelFixture f = new KernelFixture(dir, "line one\nline two\n".getBytes(StandardCharsets.UTF_8));
        f.call(Sys.UMASK, 022);
        return f;
    }

    @Test
    void createWriteReadSeek() throws Exception {
        KernelFixture f = fx();
        long path = f.str("a.txt");
        assertEquals(-Errno.ENOENT, f.call(Sys.OPEN, path, O_RDONLY));
        int fd = (int) f.call(Sys.OPENAT, AT_FDCWD, path, O_RDWR | O_CREAT | O_EXCL, 0666);
        assertEquals(3, fd, "lowest free fd");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.txt"))),
                "mode 0666 & ~umask 022");
        long data = f.bytes("hello, world".getBytes(StandardCharsets.UTF_8));
        assertEquals(12, f.call(Sys.WRITE, fd, data, 12));
        assertEquals("hello, world", Files.readString(dir.resolve("a.txt")));
        assertEquals(7, f.call(Sys.LSEEK, fd, 7, OpenFile.SEEK_SET));
        long buf = f.alloc(64);
        assertEquals(5, f.call(Sys.READ, fd, buf, 64));
        assertEquals("world", new String(f.read(buf, 5)));
        assertEquals(0, f.call(Sys.READ, fd, buf, 64), "EOF");
        assertEquals(5, f.call(Sys.PREAD64, fd, buf, 5, 0));
        assertEquals("hello", new String(f.read(buf, 5)));
        assertEquals(12, f.call(Sys.LSEEK, fd, 0, OpenFile.SEEK_CUR), "pread leaves the offset");
        assertEquals(1, f.call(Sys.PWRITE64, fd, f.str("J"), 1, 7));
        assertEquals("hello, Jorld", Files.readString(dir.resolve("a.txt")));
        assertEquals(-Errno.EINVAL, f.call(Sys.LSEEK, fd, -1, OpenFile.SEEK_SET));
        assertEquals(-Errno.EEXIST, f.call(Sys.OPEN, path, O_RDWR | O_CREAT | O_EXCL, 0666));
        assertEquals(0, f.call(Sys.CLOSE, fd));
        assertEquals(-Errno.EBADF, f.call(Sys.CLOSE, fd));
        assertEquals(-Errno.EBADF, f.call(Sys.READ, 77, buf, 1));

        int ro = (int) f.call(Sys.OPEN, path, O_RDONLY);
        assertEquals(-Errno.EBADF, f.call(Sys.WRITE, ro, data, 1));
        int ap = (int) f.call(Sys.OPEN, path, O_WRONLY | O_APPEND);
        assertEquals(1, f.call(Sys.WRITE, ap, f.str("!"), 1));
        assertEquals("hello, Jorld!", Files.readString(dir.resolve("a.txt")));
        assertEquals(O_WRONLY | O_APPEND | 0100000, f.call(Sys.FCNTL, ap, FileCalls.F_GETFL));
        int tr = (int) f.call(Sys.OPEN, path, O_WRONLY | O_TRUNC);
        assertTrue(tr > 0);
        assertEquals(0, Files.size(dir.resolve("a.txt")));
        assertEquals(-Errno.EISDIR, f.call(Sys.OPEN, f.str("."), O_WRONLY));
        assertEquals(-Errno.ENOTDIR, f.call(Sys.OPEN, path, O_RDONLY | O_DIRECTORY));
        assertEquals(-Errno.ENOTDIR, f.call(Sys.OPEN, f.str("a.txt/x"), O_RDONLY));
    }

    @Test
    void vectoredIoAndStdio() {
        KernelFixture f = fx();
        long iov = f.alloc(48);
        long a = f.str("ab"), b = f.str(""), c = f.str("cde\n");
        f.as.write64(iov, a);
        f.as.write64(iov + 8, 2);
        f.as.write64(iov + 16, b);
        f.as.write64(iov + 24, 0);
        f.as.write64(iov + 32, c);
        f.as.write64(iov + 40, 4);
        assertEquals(6, f.call(Sys.WRITEV, 1, iov, 3));
        assertEquals(3, f.call(Sys.WRITE, 2, f.str("err"), 3));
        assertEquals("abcde\n", f.out.toString());
        assertEquals("err", f.err.toString());
        long r1 = f.alloc(4), r2 = f.alloc(32);
        f.as.write64(iov, r1);
        f.as.write64(iov + 8, 4);
        f.as.write64(iov + 16, r2);
        f.as.write64(iov + 24, 32);
        assertEquals(18, f.call(Sys.READV, 0, iov, 2));
        assertEquals("line", new String(f.read(r1, 4)));
        assertEquals(" one\nline two\n", new String(f.read(r2, 14)));
        assertEquals(-Errno.EINVAL, f.call(Sys.WRITEV, 1, iov, 1025));
        assertEquals(-Errno.ESPIPE, f.call(Sys.LSEEK, 1, 0, OpenFile.SEEK_CUR));
        assertEquals(-Errno.ENOTTY, f.call(Sys.IOCTL, 1, FileCalls.TCGETS, f.alloc(64)));
    }

    @Test
    void faultingBuffersGiveEfaultAndConsumeNothing() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("d"), "0123456789");
        int fd = (int) f.call(Sys.OPEN, f.str("d"), O_RDONLY);
        assertEquals(-Errno.EFAULT, f.call(Sys.READ, fd, 0x1000, 4));
        assertEquals(-Errno.EFAULT, f.call(Sys.READ, fd, KernelFixture.SCRATCH + KernelFixture.SCRATCH_SIZE - 2, 4),
                "buffer runs off the mapping");
        assertEquals(0, f.call(Sys.LSEEK, fd, 0, OpenFile.SEEK_CUR));
        assertEquals(-Errno.EFAULT, f.call(Sys.WRITE, 1, 0x1000, 4));
        assertEquals(-Errno.EFAULT, f.call(Sys.OPEN, 0x1000, O_RDONLY));
        assertEquals(-Errno.EFAULT, f.call(Sys.STAT, f.str("d"), 0x1000));
        byte[] longName = new byte[5000];
        java.util.Arrays.fill(longName, (byte) 'x');
        assertEquals(-Errno.ENAMETOOLONG, f.call(Sys.OPEN, f.str(new String(longName)), O_RDONLY));
    }

    /** Runs coreutils {@code stat -c FORMAT} on the host: an oracle for struct stat. */
    static String[] hostStat(String format, Path p, boolean follow) {
        List<String> cmd = new ArrayList<>(List.of("stat"));
        if (follow) {
            cmd.add("-L");
        }
        cmd.addAll(List.of("-c", format, p.toString()));
        return NativeTools.runOk(cmd.toArray(String[]::new)).trim().split(" ");
    }

    static final String FORMAT = "%d %i %f %h %u %g %s %o %b %.9X %.9Y %.9Z %t %T";

    static long L(String name) {
        return NativeLayout.of(name);
    }

    void assertStatMatches(KernelFixture f, long st, Path p, boolean follow) {
        String[] h = hostStat(FORMAT, p, follow);
        assertEquals(Long.parseLong(h[0]), f.u64(st + L("stat.st_dev")), "st_dev");
        assertEquals(Long.parseLong(h[1]), f.u64(st + L("stat.st_ino")), "st_ino");
        assertEquals(Long.parseLong(h[3]), f.u64(st + L("stat.st_nlink")), "st_nlink");
        assertEquals(Integer.parseInt(h[2], 16), f.u32(st + L("stat.st_mode")), "st_mode");
        assertEquals(Integer.parseInt(h[4]), f.u32(st + L("stat.st_uid")), "st_uid");
        assertEquals(Integer.parseInt(h[5]), f.u32(st + L("stat.st_gid")), "st_gid");
        long rdev = f.u64(st + L("stat.st_rdev"));
        assertEquals(Integer.parseInt(h[12], 16), HostStat.major(rdev), "major(st_rdev)");
        assertEquals(Integer.parseInt(h[13], 16), HostStat.minor(rdev), "minor(st_rdev)");
        assertEquals(Long.parseLong(h[6]), f.u64(st + L("stat.st_size")), "st_size");
        assertEquals(Long.parseLong(h[7]), f.u64(st + L("stat.st_blksize")), "st_blksize");
        assertEquals(Long.parseLong(h[8]), f.u64(st + L("stat.st_blocks")), "st_blocks");
        String[] times = {"stat.st_atim", "stat.st_mtim", "stat.st_ctim"};
        for (int i = 0; i < 3; i++) {
            String[] t = h[9 + i].split("\\.");
            assertEquals(Long.parseLong(t[0]), f.u64(st + L(times[i])), "seconds of " + times[i]);
            assertEquals(Long.parseLong(t[1]), f.u64(st + L(times[i]) + L("timespec.tv_nsec")), "ns of " + times[i]);
        }
    }

    @Test
    void statFamilyMatchesTheHostStatCommand() throws Exception {
        KernelFixture f = fx();
        Path file = dir.resolve("file");
        Files.write(file, new byte[10000]);
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        long st = f.alloc((int) L("stat"));
        for (String name : List.of("file", "sub", "link", "/dev/null", ".")) {
            Path p = name.startsWith("/") ? Path.of(name) : dir.resolve(name);
            assertEquals(0, f.call(Sys.STAT, f.str(name), st), name);
            assertStatMatches(f, st, p, true);
            assertEquals(0, f.call(Sys.LSTAT, f.str(name), st), name);
            assertStatMatches(f, st, p, false);
            assertEquals(0, f.call(Sys.NEWFSTATAT, AT_FDCWD, f.str(name), st, FileCalls.AT_SYMLINK_NOFOLLOW));
            assertStatMatches(f, st, p, false);
        }
        int fd = (int) f.call(Sys.OPEN, f.str("file"), O_RDONLY);
        assertEquals(0, f.call(Sys.FSTAT, fd, st));
        assertStatMatches(f, st, file, true);
        assertEquals(0, f.call(Sys.NEWFSTATAT, fd, f.str(""), st, FileCalls.AT_EMPTY_PATH));
        assertStatMatches(f, st, file, true);
        int dfd = (int) f.call(Sys.OPEN, f.str("sub"), O_RDONLY | O_DIRECTORY);
        assertEquals(0, f.call(Sys.NEWFSTATAT, dfd, f.str(".."), st, 0), "relative to a directory fd");
        assertStatMatches(f, st, dir, true);
        assertEquals(-Errno.ENOENT, f.call(Sys.STAT, f.str("nope"), st));
        assertEquals(-Errno.ENOENT, f.call(Sys.STAT, f.str(""), st));
        assertEquals(-Errno.ENOTDIR, f.call(Sys.NEWFSTATAT, fd, f.str("x"), st, 0));
        assertEquals(-Errno.EINVAL, f.call(Sys.NEWFSTATAT, AT_FDCWD, f.str("file"), st, 0x4));
    }

    @Test
    void statxMatchesTheHostStatCommand() {
        KernelFixture f = fx();
        long sx = f.alloc((int) L("statx"));
        for (String name : List.of(".", "/dev/null")) {
            Path p = name.startsWith("/") ? Path.of(name) : dir;
            assertEquals(0, f.call(Sys.STATX, AT_FDCWD, f.str(name), 0, 0xfff, sx));
            String[] h = hostStat("%f %h %u %g %i %s %b %o %.9X %.9Y %.9Z %t %T %d", p, true);
            assertEquals(0x7ff, f.u32(sx + L("statx.stx_mask")) & 0x7ff, "stx_mask has the basic stats");
            assertEquals(Long.parseLong(h[7]), f.u32(sx + L("statx.stx_blksize")) & 0xFFFFFFFFL, "stx_blksize");
            assertEquals(Long.parseLong(h[1]), f.u32(sx + L("statx.stx_nlink")), "stx_nlink");
            assertEquals(Integer.parseInt(h[2]), f.u32(sx + L("statx.stx_uid")), "stx_uid");
            assertEquals(Integer.parseInt(h[3]), f.u32(sx + L("statx.stx_gid")), "stx_gid");
            assertEquals(Integer.parseInt(h[0], 16), f.as.read16(sx + L("statx.stx_mode")), "stx_mode");
            assertEquals(Long.parseLong(h[4]), f.u64(sx + L("statx.stx_ino")), "stx_ino");
            assertEquals(Long.parseLong(h[5]), f.u64(sx + L("statx.stx_size")), "stx_size");
            assertEquals(Long.parseLong(h[6]), f.u64(sx + L("statx.stx_blocks")), "stx_blocks");
            String[] at = {"statx.stx_atime", "statx.stx_mtime", "statx.stx_ctime"};
            for (int i = 0; i < 3; i++) {
                String[] t = h[8 + i].split("\\.");
                assertEquals(Long.parseLong(t[0]), f.u64(sx + L(at[i])), "seconds " + at[i]);
                assertEquals(Long.parseLong(t[1]), f.u32(sx + L(at[i]) + L("statx_timestamp.tv_nsec")), "ns " + at[i]);
            }
            assertEquals(Integer.parseInt(h[11], 16), f.u32(sx + L("statx.stx_rdev_major")), "rdev major");
            assertEquals(Integer.parseInt(h[12], 16), f.u32(sx + L("statx.stx_rdev_minor")), "rdev minor");
            long dev = Long.parseLong(h[13]);
            assertEquals(HostStat.major(dev), f.u32(sx + L("statx.stx_dev_major")));
            assertEquals(HostStat.minor(dev), f.u32(sx + L("statx.stx_dev_minor")));
        }
        assertEquals(-Errno.EINVAL, f.call(Sys.STATX, AT_FDCWD, f.str("."), 0x1, 0xfff, sx));
    }

    record Dirent(long ino, long off, int type, String name) {}

    static List<Dirent> parse(KernelFixture f, long buf, long n) {
        List<Dirent> l = new ArrayList<>();
        for (long p = buf; p < buf + n;) {
            int reclen = f.as.read16(p + 16);
            assertEquals(0, reclen % 8, "d_reclen is 8-byte aligned");
            l.add(new Dirent(f.u64(p), f.u64(p + 8), f.as.read8(p + 18), f.cstr(p + 19)));
            p += reclen;
        }
        return l;
    }

    @Test
    void getdentsListsWhatTheHostLists() throws Exception {
        KernelFixture f = fx();
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("file-with-a-longish-name-" + i), "x");
        }
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("sub"));
        int fd = (int) f.call(Sys.OPEN, f.str("."), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        long buf = f.alloc(512);
        List<Dirent> all = new ArrayList<>();
        long n;
        while ((n = f.call(Sys.GETDENTS64, fd, buf, 512)) > 0) {
            all.addAll(parse(f, buf, n));
        }
        assertEquals(0, n);
        List<String> names = all.stream().map(Dirent::name).toList();
        List<String> host;
        try (Stream<Path> s = Files.list(dir)) {
            host = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        host.add(0, "..");
        host.add(0, ".");
        assertEquals(host, names, "same entries in the host's order, after . and ..");
        Map<String, String> inodes = new HashMap<>();
        for (String line : NativeTools.runOk("ls", "-ai1", "-U", dir.toString()).split("\n")) {
            String[] p = line.trim().split("\\s+", 2);
            inodes.put(p[1], p[0]);
        }
        for (Dirent d : all) {
            assertEquals(inodes.get(d.name()), Long.toString(d.ino()), "d_ino of " + d.name());
            int want = d.name().equals("ln") ? 10 : d.name().equals("sub") || d.name().startsWith(".") ? 4 : 8;
            assertEquals(want, d.type(), "d_type of " + d.name());
        }
        // d_off is a cookie: seeking to it resumes after that entry.
        Dirent fifth = all.get(4);
        assertEquals(fifth.off(), f.call(Sys.LSEEK, fd, fifth.off(), OpenFile.SEEK_SET));
        n = f.call(Sys.GETDENTS64, fd, buf, 512);
        assertEquals(all.get(5).name(), parse(f, buf, n).get(0).name());
        assertEquals(0, f.call(Sys.LSEEK, fd, 0, OpenFile.SEEK_SET));
        n = f.call(Sys.GETDENTS64, fd, buf, 512);
        assertEquals(".", parse(f, buf, n).get(0).name());
        assertEquals(-Errno.EINVAL, f.call(Sys.GETDENTS64, fd, buf, 10), "buffer too small for one entry");
        int file = (int) f.call(Sys.OPEN, f.str("sub/../file-with-a-longish-name-1"), O_RDONLY);
        assertEquals(-Errno.ENOTDIR, f.call(Sys.GETDENTS64, file, buf, 512));
        assertEquals(-Errno.EISDIR, f.call(Sys.READ, fd, buf, 10));
    }

    @Test
    void cwdDirectoriesAndNames() throws Exception {
        KernelFixture f = fx();
        long buf = f.alloc(4096);
        long n = f.call(Sys.GETCWD, buf, 4096);
        assertEquals(dir.toString(), f.cstr(buf));
        assertEquals(dir.toString().length() + 1, n);
        assertEquals(-Errno.ERANGE, f.call(Sys.GETCWD, buf, 3));
        assertEquals(0, f.call(Sys.MKDIR, f.str("d1"), 0750));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d1"))));
        assertEquals(-Errno.EEXIST, f.call(Sys.MKDIR, f.str("d1"), 0777));
        assertEquals(-Errno.ENOENT, f.call(Sys.MKDIR, f.str("no/d"), 0777));
        assertEquals(0, f.call(Sys.CHDIR, f.str("d1")));
        f.call(Sys.GETCWD, buf, 4096);
        assertEquals(dir.toRealPath().resolve("d1").toString(), f.cstr(buf));
        int fd = (int) f.call(Sys.OPEN, f.str("inner"), O_WRONLY | O_CREAT, 0644);
        assertTrue(fd >= 3);
        assertTrue(Files.exists(dir.resolve("d1/inner")), "relative paths use the emulated cwd");
        assertEquals(-Errno.ENOTDIR, f.call(Sys.CHDIR, f.str("inner")));
        assertEquals(0, f.call(Sys.CHDIR, f.str("..")));
        assertEquals(-Errno.ENOTEMPTY, f.call(Sys.RMDIR, f.str("d1")));
        assertEquals(-Errno.EISDIR, f.call(Sys.UNLINK, f.str("d1")));
        assertEquals(-Errno.ENOTDIR, f.call(Sys.RMDIR, f.str("d1/inner")));
        assertEquals(0, f.call(Sys.RENAME, f.str("d1/inner"), f.str("moved")));
        assertTrue(Files.exists(dir.resolve("moved")));
        Files.writeString(dir.resolve("other"), "o");
        assertEquals(-Errno.EEXIST, f.call(Sys.RENAMEAT2, AT_FDCWD, f.str("moved"), AT_FDCWD, f.str("other"),
                FileCalls.RENAME_NOREPLACE));
        assertEquals(0, f.call(Sys.RENAMEAT, AT_FDCWD, f.str("moved"), AT_FDCWD, f.str("other")), "replaces");
        assertFalse(Files.exists(dir.resolve("moved")));
        assertEquals(-Errno.ENOENT, f.call(Sys.RENAME, f.str("moved"), f.str("x")));
        assertEquals(0, f.call(Sys.UNLINK, f.str("other")));
        assertEquals(-Errno.ENOENT, f.call(Sys.UNLINK, f.str("other")));
        assertEquals(0, f.call(Sys.UNLINKAT, AT_FDCWD, f.str("d1"), FileCalls.AT_REMOVEDIR));
        assertFalse(Files.exists(dir.resolve("d1")));
        assertEquals(0, f.call(Sys.MKDIRAT, AT_FDCWD, f.str("d2"), 0777));
        int dfd = (int) f.call(Sys.OPEN, f.str("d2"), O_RDONLY | O_DIRECTORY);
        assertTrue(f.call(Sys.OPENAT, dfd, f.str("x"), O_CREAT | O_WRONLY, 0600) > 0);
        assertTrue(Files.exists(dir.resolve("d2/x")));
        assertEquals(0, f.call(Sys.FCHDIR, dfd));
        f.call(Sys.GETCWD, buf, 4096);
        assertEquals(dir.toRealPath().resolve("d2").toString(), f.cstr(buf));
    }

    @Test
    void accessAndReadlink() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("r"), "");
        Files.setPosixFilePermissions(dir.resolve("r"), PosixFilePermissions.fromString("r--------"));
        Files.createSymbolicLink(dir.resolve("l"), Path.of("r"));
        assertEquals(0, f.call(Sys.ACCESS, f.str("r"), 0));
        assertEquals(0, f.call(Sys.ACCESS, f.str("r"), 4));
        boolean root = "0".equals(NativeTools.runOk("id", "-u").trim());
        assertEquals(root ? 0 : -Errno.EACCES, f.call(Sys.FACCESSAT, AT_FDCWD, f.str("r"), 2));
        assertEquals(-Errno.EACCES, f.call(Sys.FACCESSAT2, AT_FDCWD, f.str("r"), 1, 0));
        assertEquals(-Errno.ENOENT, f.call(Sys.ACCESS, f.str("missing"), 0));
        assertEquals(-Errno.EINVAL, f.call(Sys.ACCESS, f.str("r"), 8));
        long buf = f.alloc(256);
        assertEquals(1, f.call(Sys.READLINK, f.str("l"), buf, 256));
        assertEquals("r", new String(f.read(buf, 1)));
        assertEquals(-Errno.EINVAL, f.call(Sys.READLINK, f.str("r"), buf, 256));
        assertEquals(-Errno.ENOENT, f.call(Sys.READLINKAT, AT_FDCWD, f.str("missing"), buf, 256));
        long n = f.call(Sys.READLINK, f.str("/proc/self/exe"), buf, 256);
        assertEquals("/opt/guest/prog", new String(f.read(buf, (int) n)));
        assertEquals(4, f.call(Sys.READLINK, f.str("/proc/self/exe"), buf, 4), "truncated, no NUL");
    }

    @Test
    void dupFcntlAndSharedOffsets() throws Exception {
        KernelFixture f = fx();
        Files.writeString(dir.resolve("s"), "abcdef");
        int fd = (int) f.call(Sys.OPEN, f.str("s"), O_RDONLY | O_CLOEXEC);
        assertEquals(1, f.call(Sys.FCNTL, fd, FileCalls.F_GETFD));
        int d = (int) f.call(Sys.DUP, fd);
        assertEquals(fd + 1, d);
        assertEquals(0, f.call(Sys.FCNTL, d, FileCalls.F_GETFD), "dup clears close-on-exec");
        long buf = f.alloc(8);
        f.call(Sys.READ, fd, buf, 2);
        f.call(Sys.READ, d, buf, 2);
        assertEquals("cd", new String(f.read(buf, 2)), "dup'ed fds share the offset");
        assertEquals(10, f.call(Sys.DUP2, fd, 10));
        assertEquals(10, f.call(Sys.DUP2, 10, 10));
        assertEquals(-Errno.EBADF, f.call(Sys.DUP2, 99, 10));
        assertEquals(-Errno.EINVAL, f.call(Sys.DUP3, 10, 10, 0));
        assertEquals(11, f.call(Sys.DUP3, fd, 11, O_CLOEXEC));
        assertEquals(1, f.call(Sys.FCNTL, 11, FileCalls.F_GETFD));
        assertEquals(20, f.call(Sys.FCNTL, fd, FileCalls.F_DUPFD, 20));
        assertEquals(21, f.call(Sys.FCNTL, fd, FileCalls.F_DUPFD_CLOEXEC, 20));
        assertEquals(1, f.call(Sys.FCNTL, 21, FileCalls.F_GETFD));
        assertEquals(0, f.call(Sys.FCNTL, 21, FileCalls.F_SETFD, 0));
        assertEquals(0, f.call(Sys.FCNTL, 21, FileCalls.F_GETFD));
        assertEquals(0, f.call(Sys.FCNTL, fd, FileCalls.F_SETFL, FileCalls.O_NONBLOCK));
        assertEquals(FileCalls.O_NONBLOCK | 0100000, f.call(Sys.FCNTL, d, FileCalls.F_GETFL), "status flags are shared");
        assertEquals(-Errno.EINVAL, f.call(Sys.FCNTL, fd, 9999));
        assertEquals(0, f.call(Sys.FLOCK, fd, 2 | 4));
        assertEquals(0, f.call(Sys.FLOCK, fd, 8));
        assertEquals(-Errno.EINVAL, f.call(Sys.FLOCK, fd, 3));
        assertEquals(-Errno.EBADF, f.call(Sys.FLOCK, 99, 2));
        assertEquals(0, f.call(Sys.CLOSE, fd));
        assertEquals(1, f.call(Sys.READ, d, buf, 1), "the file stays open while another fd refers to it");
        assertEquals(fd, f.call(Sys.DUP, 0), "the lowest free fd is reused");
    }

    @Test
    void pipes() {
        KernelFixture f = fx();
        long fds = f.alloc(8);
        assertEquals(0, f.call(Sys.PIPE2, fds, O_CLOEXEC));
        int r = f.u32(fds), w = f.u32(fds + 4);
        assertEquals(1, f.call(Sys.FCNTL, r, FileCalls.F_GETFD));
        assertEquals(5, f.call(Sys.WRITE, w, f.str("hello"), 5));
        assertEquals(3, f.call(Sys.WRITE, w, f.str("abc"), 3));
        long buf = f.alloc(16);
        assertEquals(4, f.call(Sys.READ, r, buf, 4));
        assertEquals(4, f.call(Sys.READ, r, buf + 4, 16));
        assertEquals("helloabc", new String(f.read(buf, 8)));
        assertEquals(-Errno.ESPIPE, f.call(Sys.LSEEK, r, 0, 0));
        assertEquals(-Errno.EBADF, f.call(Sys.WRITE, r, buf, 1));
        assertEquals(0, f.call(Sys.CLOSE, w));
        assertEquals(0, f.call(Sys.READ, r, buf, 4), "EOF once the writer is gone");
        assertEquals(0, f.call(Sys.PIPE, fds));
        r = f.u32(fds);
        w = f.u32(fds + 4);
        assertEquals(0, f.call(Sys.FCNTL, r, FileCalls.F_SETFL, FileCalls.O_NONBLOCK));
        assertEquals(-Errno.EAGAIN, f.call(Sys.READ, r, buf, 4));
        assertEquals(-Errno.EINVAL, f.call(Sys.PIPE2, fds, 1));
        f.call(Sys.CLOSE, r);
        assertEquals(-Errno.EPIPE, f.call(Sys.WRITE, w, buf, 1));
        assertEquals(Signals.bit(Signals.SIGPIPE), f.k.signals().pending(), "SIGPIPE raised");
    }

    @Test
    void largeTransfersAreWholeForRegularFiles() throws Exception {
        KernelFixture f = fx();
        int size = 3 * FileCalls.CHUNK + 12345;
        byte[] data = new byte[size];
        new java.util.Random(1).nextBytes(data);
        Files.write(dir.resolve("big"), data);
        long buf = f.vm.mmap(0, size + 4096, 3, VirtualMemory.MAP_PRIVATE | VirtualMemory.MAP_ANONYMOUS, null, 0);
        int fd = (int) f.call(Sys.OPEN, f.str("big"), O_RDWR);
        assertEquals(size, f.call(Sys.READ, fd, buf, size + 4096), "one read returns the whole file, as on Linux");
        assertArrayEquals(data, f.read(buf, size));
        assertEquals(size - 10, f.call(Sys.PREAD64, fd, buf, size, 10));
        int out = (int) f.call(Sys.OPEN, f.str("copy"), O_WRONLY | O_CREAT, 0600);
        assertEquals(size, f.call(Sys.WRITE, out, buf, size));
        assertArrayEquals(Arrays.copyOfRange(data, 10, size), Arrays.copyOf(Files.readAllBytes(dir.resolve("copy")), size - 10));
    }

    @Test
    void statfsMatchesTheHostStatCommand() {
        KernelFixture f = fx();
        long sf = f.alloc((int) L("statfs"));
        for (String p : List.of(dir.toString(), "/proc", "/")) {
            assertEquals(0, f.call(Sys.STATFS, f.str(p), sf), p);
            String[] h = NativeTools.runOk("stat", "-f", "-c", "%t %s %S %b %f %a %l", p).trim().split(" ");
            assertEquals(Long.parseLong(h[0], 16), f.u64(sf + L("statfs.f_type")), p + " f_type");
            assertEquals(Long.parseLong(h[1]), f.u64(sf + L("statfs.f_bsize")), p + " f_bsize");
            assertEquals(Long.parseLong(h[2]), f.u64(sf + L("statfs.f_frsize")), p + " f_frsize");
            assertEquals(Long.parseLong(h[3]), f.u64(sf + L("statfs.f_blocks")), p + " f_blocks");
            // Free space moves while other processes write: compare within 1%.
            long free = Long.parseLong(h[4]);
            assertTrue(Math.abs(free - f.u64(sf + L("statfs.f_bfree"))) <= free / 100 + 1, p + " f_bfree");
            long avail = Long.parseLong(h[5]);
            assertTrue(Math.abs(avail - f.u64(sf + L("statfs.f_bavail"))) <= avail / 100 + 1, p + " f_bavail");
            assertEquals(Long.parseLong(h[6]), f.u64(sf + L("statfs.f_namelen")), p + " f_namelen");
        }
        int fd = (int) f.call(Sys.OPEN, f.str("."), O_RDONLY | O_DIRECTORY);
        assertEquals(0, f.call(Sys.FSTATFS, fd, sf));
        assertEquals(-Errno.ENOENT, f.call(Sys.STATFS, f.str("nope"), sf));
    }

    @Test
    void fstatOfAnUnlinkedOrReplacedFileDescribesTheOpenFile() throws Exception {
        KernelFixture f = fx();
        int fd = (int) f.call(Sys.OPEN, f.str("tmp"), O_RDWR | O_CREAT | O_EXCL, 0600);
        long ino = (Long) Files.getAttribute(dir.resolve("tmp"), "unix:ino");
        f.call(Sys.WRITE, fd, f.str("12345"), 5);
        assertEquals(0, f.call(Sys.UNLINK, f.str("tmp")));
        long st = f.alloc((int) L("stat"));
        assertEquals(0, f.call(Sys.FSTAT, fd, st));
        assertEquals(ino, f.u64(st + L("stat.st_ino")));
        assertEquals(5, f.u64(st + L("stat.st_size")));
        assertEquals(0, f.u64(st + L("stat.st_nlink")), "unlinked");
        Files.writeString(dir.resolve("tmp"), "another file at the same name");
        assertEquals(0, f.call(Sys.FSTAT, fd, st));
        assertEquals(ino, f.u64(st + L("stat.st_ino")), "still the open file, not the new one");
        assertEquals(5, f.u64(st + L("stat.st_size")));
    }
}
