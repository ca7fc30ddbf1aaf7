package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hot86.softmmu.GuestMemory;

/**
 * The file-system and file-descriptor system calls, on the host's file system through
 * java.nio (as qemu-x86_64 does: the guest sees the host's files with the emulator's
 * permissions). Relative paths resolve against the emulated working directory or a
 * directory fd; {@code /proc/self/exe} names the guest program, not the JVM.
 *
 * <p>Each method returns the Linux result (count or -errno); guest-memory faults and
 * {@link SyscallError}s propagate to the dispatcher, which turns them into -EFAULT and
 * -errno.
 */
final class FileCalls {
    // open flags (asm-generic/fcntl.h).
    static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
            O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000, O_DSYNC = 010000,
            O_ASYNC = 020000, O_DIRECT = 040000, O_LARGEFILE = 0100000, O_DIRECTORY = 0200000,
            O_NOFOLLOW = 0400000, O_NOATIME = 01000000, O_CLOEXEC = 02000000, O_SYNC = 04010000,
            O_PATH = 010000000, O_TMPFILE = 020000000;
    /** The status flags F_SETFL may change. */
    static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;
    static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
            AT_SYMLINK_FOLLOW = 0x400, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000,
            AT_STATX_SYNC_TYPE = 0x6000;
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6,
            F_SETLKW = 7, F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1;
    static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;
    static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
            POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    /** Linux's MAX_RW_COUNT: the most one read or write transfers. */
    static final int MAX_RW = 0x7ffff000;
    /** The most hot86 moves through one Java buffer per call; larger requests are short. */
    static final int CHUNK = 1 << 20;
    static final int UIO_MAXIOV = 1024;

    private final LinuxKernel k;
    private final FdTable fds;

    FileCalls(LinuxKernel k, FdTable fds) {
        this.k = k;
        this.fds = fds;
    }

    private GuestMemory mem() {
        return k.memory();
    }

    OpenFile file(int fd) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            throw new SyscallError(Errno.EBADF);
        }
        return f;
    }

    // ------------------------------------------------------------------ paths

    String pathArg(long addr) {
        if (addr == 0) {
            throw new SyscallError(Errno.EFAULT);
        }
        try {
            return GuestBytes.cString(mem(), addr, GuestBytes.PATH_MAX);
        } catch (GuestBytes.PathTooLong e) {
            throw new SyscallError(Errno.ENAMETOOLONG);
        }
    }

    /** The host path for guest path {@code p} relative to {@code dirfd}. */
    Path resolve(int dirfd, String p) {
        if (p.isEmpty()) {
            throw new SyscallError(Errno.ENOENT);
        }
        if (p.equals("/proc/self/exe")) {
            return k.exePath();
        }
        if (p.startsWith("/")) {
            return Path.of(p);
        }
        if (dirfd == AT_FDCWD) {
            return k.cwd().resolve(p);
        }
        OpenFile f = file(dirfd);
        if (!(f instanceof HostDirectory d)) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        return d.path().resolve(p);
    }

    Path resolveArg(int dirfd, long addr) {
        return resolve(dirfd, pathArg(addr));
    }

    private static final java.util.regex.Pattern SELF_FD =
            java.util.regex.Pattern.compile("/(?:proc/self|dev)/fd/(\\d{1,9})");

    /**
     * The guest fd a path names (/dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N,
     * /proc/self/fd/N), or -1. These are the guest's fds, not the JVM's.
     */
    private int selfFdOf(String ps) {
        switch (ps) {
            case "/dev/stdin" -> {
                return 0;
            }
            case "/dev/stdout" -> {
                return 1;
            }
            case "/dev/stderr" -> {
                return 2;
            }
            default -> { }
        }
        java.util.regex.Matcher m = SELF_FD.matcher(ps);
        if (!m.matches()) {
            m = PID_FD.matcher(ps);
            if (!m.matches() || !m.group(1).equals(Long.toString(k.pid()))) {
                return -1;
            }
            return Integer.parseInt(m.group(2));
        }
        return Integer.parseInt(m.group(1));
    }

    private static final java.util.regex.Pattern PID_FD = java.util.regex.Pattern.compile("/proc/(\\d+)/fd/(\\d{1,9})");

    private static boolean endsWithDot(String p) {
        return p.equals(".") || p.endsWith("/.");
    }

    // ------------------------------------------------------------------ open / close

    long open(int dirfd, long pathAddr, int flags, int mode) {
        String ps = pathArg(pathAddr);
        if (ps.equals("/proc/self/maps") || ps.equals("/proc/" + k.pid() + "/maps")) {
            if ((flags & O_ACCMODE) != O_RDONLY) {
                return -Errno.EACCES;
            }
            return fds.add(new MemoryFile(k.procMaps(), O_RDONLY | O_LARGEFILE), 0, (flags & O_CLOEXEC) != 0);
        }
        int selfFd = selfFdOf(ps);
        if (selfFd >= 0) {
            OpenFile g = fds.get(selfFd);
            if (g == null) {
                return -Errno.ENOENT;
            }
            if (g.path() == null || g instanceof MemoryFile) {
                // A pipe or a stream without a host name: the new fd shares it.
                return fds.add(g, 0, (flags & O_CLOEXEC) != 0);
            }
            ps = g.path().toAbsolutePath().toString();
        }
        Path p = resolve(dirfd, ps);
        if ((flags & O_TMPFILE) != 0) {
            // Unnamed temporary files cannot be made through java.nio.
            return -Errno.ENOTSUP;
        }
        int acc = flags & O_ACCMODE;
        if (acc == 3) {
            return -Errno.EINVAL;
        }
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int keep = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
        try {
            boolean isLink = Files.isSymbolicLink(p);
            if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) && (isLink || Files.exists(p, LinkOption.NOFOLLOW_LINKS))) {
                return -Errno.EEXIST;
            }
            if ((flags & O_NOFOLLOW) != 0 && isLink && (flags & O_PATH) == 0) {
                return -Errno.ELOOP;
            }
            HostStat.Data st = null;
            try {
                st = HostStat.of(p, true);
            } catch (IOException e) {
                int err = HostStat.errno(e);
                if (err != Errno.ENOENT || (flags & O_CREAT) == 0) {
                    return -err;
                }
            }
            if (st == null) {
                if (ps.endsWith("/")) {
                    return -Errno.EISDIR;
                }
                Files.createFile(p);
                setMode(p, mode & ~k.umask());
            } else if ((st.mode() & HostStat.S_IFMT) == HostStat.S_IFDIR) {
                if (acc != O_RDONLY || (flags & O_CREAT) != 0) {
                    return -Errno.EISDIR;
                }
                return fds.add(new HostDirectory(p, keep), 0, cloexec);
            } else if ((flags & O_DIRECTORY) != 0) {
                return -Errno.ENOTDIR;
            }
            Set<OpenOption> opts = new HashSet<>();
            if (acc != O_WRONLY) {
                opts.add(StandardOpenOption.READ);
            }
            if (acc != O_RDONLY) {
                opts.add(StandardOpenOption.WRITE);
                if ((flags & O_TRUNC) != 0 && st != null && (st.mode() & HostStat.S_IFMT) == HostStat.S_IFREG) {
                    opts.add(StandardOpenOption.TRUNCATE_EXISTING);
                }
            }
            if ((flags & O_PATH) != 0) {
                opts.clear();
                opts.add(StandardOpenOption.READ);
            }
            FileChannel ch = FileChannel.open(p, opts);
            boolean regular = st == null || (st.mode() & HostStat.S_IFMT) == HostStat.S_IFREG;
            HostFile hf = new HostFile(ch, p, keep, regular);
            hf.identity(st != null ? st : HostStat.of(p, true));
            return fds.add(hf, 0, cloexec);
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777);
    }

    long close(int fd) {
        return fds.close(fd);
    }

    // ------------------------------------------------------------------ read / write

    private static int clamp(long count) {
        if (count < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return (int) Math.min(Math.min(count, MAX_RW), CHUNK);
    }

    /** Checks that the guest may write [addr, addr+len) before data is consumed. */
    private void probeWritable(long addr, int len) {
        GuestMemory m = mem();
        for (long a = addr; a < addr + len; a = (a | 4095) + 1) {
            m.write8(a, m.read8(a));
        }
        if (len > 0) {
            m.write8(addr + len - 1, m.read8(addr + len - 1));
        }
    }

    private long readInto(OpenFile f, long buf, int len, long pos) throws IOException {
        if (f instanceof PipeEnd pe && pe.wouldBlock() && len > 0) {
            if ((pe.flags() & O_NONBLOCK) != 0) {
                return -Errno.EAGAIN;
            }
            throw GuestExit.deadlock("read from an empty pipe whose only writer is this process", k.currentRip());
        }
        probeWritable(buf, len);
        byte[] b = new byte[len];
        long n = pos < 0 ? f.read(b, 0, len) : f.pread(b, 0, len, pos);
        if (n > 0) {
            GuestBytes.write(mem(), buf, b, 0, (int) n);
        }
        return n;
    }

    /** The whole request up to MAX_RW_COUNT: large transfers go through the Java buffer in chunks. */
    private static long total(long count) {
        if (count < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return Math.min(count, MAX_RW);
    }

    /**
     * read/pread: a regular file gives the whole request (or up to EOF) as on Linux, in
     * {@link #CHUNK}-sized steps; anything else gives what one read returns.
     */
    private long readLoop(OpenFile f, long buf, long count, long pos) throws IOException {
        long want = total(count);
        long done = 0;
        do {
            int n = (int) Math.min(want - done, CHUNK);
            long got = readInto(f, buf + done, n, pos < 0 ? -1 : pos + done);
            if (got < 0) {
                return done > 0 ? done : got;
            }
            done += got;
            if (got < n) {
                break;
            }
        } while (done < want && f instanceof HostFile);
        return done;
    }

    long read(int fd, long buf, long count) throws IOException {
        return readLoop(file(fd), buf, count, -1);
    }

    long pread(int fd, long buf, long count, long pos) throws IOException {
        OpenFile f = file(fd);
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        return readLoop(f, buf, count, pos);
    }

    private long writeFrom(OpenFile f, byte[] b, long pos) throws IOException {
        long n = pos < 0 ? f.write(b, 0, b.length) : f.pwrite(b, 0, b.length, pos);
        if (n == -Errno.EPIPE) {
            k.signals().raise(Signals.SIGPIPE, Signals.SI_USER);
        }
        return n;
    }

    /** write/pwrite: the whole request, in {@link #CHUNK}-sized steps. */
    private long writeLoop(OpenFile f, long buf, long count, long pos) throws IOException {
        long want = total(count);
        long done = 0;
        do {
            int n = (int) Math.min(want - done, CHUNK);
            byte[] b;
            try {
                b = GuestBytes.read(mem(), buf + done, n);
            } catch (org.hot86.softmmu.MemoryFault e) {
                if (done > 0) {
                    return done;
                }
                throw e;
            }
            long w = writeFrom(f, b, pos < 0 ? -1 : pos + done);
            if (w < 0) {
                return done > 0 ? done : w;
            }
            done += w;
            if (w < n) {
                break;
            }
        } while (done < want);
        return done;
    }

    long write(int fd, long buf, long count) throws IOException {
        return writeLoop(file(fd), buf, count, -1);
    }

    long pwrite(int fd, long buf, long count, long pos) throws IOException {
        OpenFile f = file(fd);
        if (pos < 0) {
            return -Errno.EINVAL;
        }
        return writeLoop(f, buf, count, pos);
    }

    /** The iovec array: base/length pairs. */
    private long[] iovecs(long iov, int cnt) {
        if (cnt < 0 || cnt > UIO_MAXIOV) {
            throw new SyscallError(Errno.EINVAL);
        }
        long[] v = new long[2 * cnt];
        long total = 0;
        for (int i = 0; i < cnt; i++) {
            v[2 * i] = mem().read64(iov + 16L * i);
            v[2 * i + 1] = mem().read64(iov + 16L * i + 8);
            if (v[2 * i + 1] < 0) {
                throw new SyscallError(Errno.EINVAL);
            }
            total += v[2 * i + 1];
            if (total < 0) {
                throw new SyscallError(Errno.EINVAL);
            }
        }
        return v;
    }

    long readv(int fd, long iov, int cnt, long pos) throws IOException {
        OpenFile f = file(fd);
        long[] v = iovecs(iov, cnt);
        long total = 0;
        for (int i = 0; i < cnt; i++) {
            total += v[2 * i + 1];
        }
        int len = clamp(total);
        for (int i = 0, left = len; i < cnt && left > 0; i++) {
            int n = (int) Math.min(left, v[2 * i + 1]);
            probeWritable(v[2 * i], n);
            left -= n;
        }
        if (f instanceof PipeEnd pe && pe.wouldBlock() && len > 0) {
            if ((pe.flags() & O_NONBLOCK) != 0) {
                return -Errno.EAGAIN;
            }
            throw GuestExit.deadlock("read from an empty pipe whose only writer is this process", k.currentRip());
        }
        byte[] b = new byte[len];
        long got = pos < 0 ? f.read(b, 0, len) : f.pread(b, 0, len, pos);
        if (got <= 0) {
            return got;
        }
        int off = 0;
        for (int i = 0; i < cnt && off < got; i++) {
            int n = (int) Math.min(got - off, v[2 * i + 1]);
            GuestBytes.write(mem(), v[2 * i], b, off, n);
            off += n;
        }
        return got;
    }

    long writev(int fd, long iov, int cnt, long pos) throws IOException {
        OpenFile f = file(fd);
        long[] v = iovecs(iov, cnt);
        long total = 0;
        for (int i = 0; i < cnt; i++) {
            total += v[2 * i + 1];
        }
        int len = clamp(total);
        byte[] b = new byte[len];
        int off = 0;
        for (int i = 0; i < cnt && off < len; i++) {
            int n = (int) Math.min(len - off, v[2 * i + 1]);
            GuestBytes.read(mem(), v[2 * i], b, off, n);
            off += n;
        }
        return writeFrom(f, b, pos);
    }

    long lseek(int fd, long off, int whence) throws IOException {
        OpenFile f = file(fd);
        if (whence < 0 || whence > OpenFile.SEEK_HOLE) {
            return -Errno.EINVAL;
        }
        return f.seek(off, whence);
    }

    // ------------------------------------------------------------------ stat

    HostStat.Data statOf(OpenFile f) throws IOException {
        Path p = f.path();
        if (f instanceof HostFile hf && hf.identity() != null) {
            // Java has no fstat: stat the path, and if it now names another file (or none,
            // after unlink or rename) describe the open file from what open saw.
            HostStat.Data id = hf.identity();
            try {
                HostStat.Data now = HostStat.of(p, true);
                if (now.dev() == id.dev() && now.ino() == id.ino()) {
                    return now;
                }
            } catch (IOException e) {
                // Gone: fall through.
            }
            long size = hf.channel().size();
            long blocks = (size + id.blksize() - 1) / id.blksize() * (id.blksize() / 512);
            return new HostStat.Data(id.dev(), id.ino(), id.mode(), 0, id.uid(), id.gid(), id.rdev(), size,
                    id.blksize(), blocks, id.atime(), id.mtime(), id.ctime());
        }
        if (p != null) {
            return HostStat.of(p, true);
        }
        int mode = f instanceof PipeEnd ? HostStat.S_IFIFO | 0600 : HostStat.S_IFIFO | 0600;
        return HostStat.synthetic(mode, System.identityHashCode(f) & 0x7fffffffL, k.uid(), k.gid(),
                k.time().realtimeNanos());
    }

    private HostStat.Data statAt(int dirfd, long pathAddr, int flags) throws IOException {
        String ps = pathArg(pathAddr);
        if (ps.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dirfd == AT_FDCWD) {
                return HostStat.of(k.cwd(), true);
            }
            return statOf(file(dirfd));
        }
        int selfFd = selfFdOf(ps);
        if (selfFd >= 0 && (flags & AT_SYMLINK_NOFOLLOW) == 0) {
            OpenFile g = fds.get(selfFd);
            if (g == null) {
                throw new SyscallError(Errno.ENOENT);
            }
            return statOf(g);
        }
        Path p = resolve(dirfd, ps);
        return HostStat.of(p, (flags & AT_SYMLINK_NOFOLLOW) == 0 || ps.equals("/proc/self/exe"));
    }

    long newfstatat(int dirfd, long pathAddr, long buf, int flags) throws IOException {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) != 0) {
            return -Errno.EINVAL;
        }
        HostStat.writeStat(mem(), buf, statAt(dirfd, pathAddr, flags));
        return 0;
    }

    long fstat(int fd, long buf) throws IOException {
        HostStat.writeStat(mem(), buf, statOf(file(fd)));
        return 0;
    }

    long statx(int dirfd, long pathAddr, int flags, int mask, long buf) throws IOException {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) != 0
                || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & 0x80000000) != 0) {
            return -Errno.EINVAL;
        }
        HostStat.writeStatx(mem(), buf, statAt(dirfd, pathAddr, flags));
        return 0;
    }

    // ------------------------------------------------------------------ directories

    long getdents64(int fd, long buf, long count) throws IOException {
        OpenFile f = file(fd);
        if (!(f instanceof HostDirectory d)) {
            return -Errno.ENOTDIR;
        }
        List<String> names = d.entries();
        int cap = (int) Math.min(Math.max(count, 0), CHUNK);
        ByteBuffer out = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
        long pos = d.position();
        while (pos < names.size()) {
            String name = names.get((int) pos);
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + nb.length + 1 + 7) & ~7;
            if (out.position() + reclen > cap) {
                if (out.position() == 0) {
                    return -Errno.EINVAL;
                }
                break;
            }
            Path ep = name.equals(".") ? d.path() : name.equals("..") ? parentOf(d.path()) : d.path().resolve(name);
            long ino = 0;
            int type = 0;
            try {
                HostStat.Data st = HostStat.of(ep, false);
                ino = st.ino();
                type = HostStat.dtype(st.mode());
            } catch (IOException e) {
                // Removed since the listing: Linux would not return it; report it as unknown.
            }
            int at = out.position();
            out.putLong(at, ino).putLong(at + 8, pos + 1).putShort(at + 16, (short) reclen).put(at + 18, (byte) type);
            out.position(at + 19);
            out.put(nb);
            while (out.position() < at + reclen) {
                out.put((byte) 0);
            }
            pos++;
        }
        GuestBytes.write(mem(), buf, out.array(), 0, out.position());
        d.position(pos);
        return out.position();
    }

    private static Path parentOf(Path p) {
        Path a = p.toAbsolutePath().normalize();
        return a.getParent() == null ? a : a.getParent();
    }

    long getcwd(long buf, long size) {
        byte[] b = k.cwd().toString().getBytes(StandardCharsets.UTF_8);
        if (size < b.length + 1) {
            return -Errno.ERANGE;
        }
        GuestBytes.write(mem(), buf, b);
        mem().write8(buf + b.length, 0);
        return b.length + 1;
    }

    long chdir(Path p) {
        try {
            HostStat.Data st = HostStat.of(p, true);
            if ((st.mode() & HostStat.S_IFMT) != HostStat.S_IFDIR) {
                return -Errno.ENOTDIR;
            }
            if (!Files.isExecutable(p)) {
                return -Errno.EACCES;
            }
            k.cwd(p.toRealPath());
            return 0;
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    long fchdir(int fd) {
        OpenFile f = file(fd);
        if (!(f instanceof HostDirectory d)) {
            return -Errno.ENOTDIR;
        }
        return chdir(d.path());
    }

    long mkdir(int dirfd, long pathAddr, int mode) {
        Path p = resolveArg(dirfd, pathAddr);
        try {
            Files.createDirectory(p);
            setMode(p, mode & 0777 & ~k.umask());
            return 0;
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    long unlink(int dirfd, long pathAddr, int flags) {
        if ((flags & ~AT_REMOVEDIR) != 0) {
            return -Errno.EINVAL;
        }
        String ps = pathArg(pathAddr);
        Path p = resolve(dirfd, ps);
        try {
            HostStat.Data st = HostStat.of(p, false);
            boolean dir = (st.mode() & HostStat.S_IFMT) == HostStat.S_IFDIR;
            if ((flags & AT_REMOVEDIR) != 0) {
                if (!dir) {
                    return -Errno.ENOTDIR;
                }
                if (endsWithDot(ps)) {
                    return -Errno.EINVAL;
                }
            } else if (dir) {
                return -Errno.EISDIR;
            }
            Files.delete(p);
            return 0;
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    long rename(int olddir, long oldAddr, int newdir, long newAddr, int flags) {
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0
                || (flags & RENAME_EXCHANGE) != 0 && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & (RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) {
            return -Errno.EINVAL;
        }
        Path from = resolveArg(olddir, oldAddr);
        Path to = resolveArg(newdir, newAddr);
        try {
            if ((flags & RENAME_NOREPLACE) != 0 && (Files.exists(to, LinkOption.NOFOLLOW_LINKS))) {
                return -Errno.EEXIST;
            }
            // ATOMIC_MOVE is rename(2) itself: it replaces the target as Linux does.
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
    }

    long access(int dirfd, long pathAddr, int mode, int flags) {
        if ((mode & ~7) != 0 || (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        Path p = resolveArg(dirfd, pathAddr);
        try {
            HostStat.of(p, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        } catch (IOException e) {
            return -HostStat.errno(e);
        }
        if ((mode & 4) != 0 && !Files.isReadable(p) || (mode & 2) != 0 && !Files.isWritable(p)
                || (mode & 1) != 0 && !Files.isExecutable(p)) {
            return -Errno.EACCES;
        }
        return 0;
    }

    long readlink(int dirfd, long pathAddr, long buf, long size) {
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        String ps = pathArg(pathAddr);
        String target;
        java.util.regex.Matcher fdLink = FD_LINK.matcher(ps);
        if (ps.equals("/proc/self/exe")) {
            target = k.exePath().toString();
        } else if (fdLink.matches() && (fdLink.group(1).equals("self") || fdLink.group(1).equals(Long.toString(k.pid())))) {
            OpenFile f = fds.get(Integer.parseInt(fdLink.group(2)));
            if (f == null) {
                return -Errno.ENOENT;
            }
            target = f.linkName();
        } else {
            Path p = resolve(dirfd, ps);
            try {
                if (!Files.isSymbolicLink(p)) {
                    HostStat.of(p, false);
                    return -Errno.EINVAL;
                }
                target = Files.readSymbolicLink(p).toString();
            } catch (IOException e) {
                return -HostStat.errno(e);
            }
        }
        byte[] b = target.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, size);
        GuestBytes.write(mem(), buf, b, 0, n);
        return n;
    }

    private static final java.util.regex.Pattern FD_LINK = java.util.regex.Pattern.compile("/proc/(self|\\d+)/fd/(\\d{1,9})");

    // ------------------------------------------------------------------ poll

    /**
     * poll/ppoll. Regular files, directories and the host's streams are always ready
     * (a read of a terminal then waits for input, as the guest expects); pipes report
     * their state. With nothing ready, a finite timeout advances the clock and returns
     * 0; an infinite one could never end in a single-threaded process (deadlock).
     */
    long poll(long fdsAddr, long nfds, long timeoutNanos) {
        if (nfds < 0 || nfds > fds.limit()) {
            return -Errno.EINVAL;
        }
        int ready = 0;
        for (long i = 0; i < nfds; i++) {
            long e = fdsAddr + 8 * i;
            int fd = mem().read32(e);
            int events = mem().read16(e + 4);
            int rev = 0;
            if (fd >= 0) {
                OpenFile f = fds.get(fd);
                if (f == null) {
                    rev = POLLNVAL;
                } else {
                    int can = f.pollEvents();
                    if ((can & POLLIN) != 0) {
                        can |= POLLRDNORM;
                    }
                    if ((can & POLLOUT) != 0) {
                        can |= POLLWRNORM;
                    }
                    rev = can & (events | POLLERR | POLLHUP);
                }
            }
            mem().write16(e + 6, rev);
            if (rev != 0) {
                ready++;
            }
        }
        if (ready == 0 && timeoutNanos != 0) {
            if (timeoutNanos < 0) {
                throw GuestExit.deadlock("poll with no timeout on descriptors nothing can make ready", k.currentRip());
            }
            k.time().sleep(timeoutNanos);
        }
        return ready;
    }

    /**
     * select/pselect6 over the same readiness as {@link #poll}: three fd_set bitmaps
     * (64-bit words, fd n is bit n%64 of word n/64) updated in place; returns the number
     * of bits set.
     */
    long select(int nfds, long readAddr, long writeAddr, long exceptAddr, long timeoutNanos) {
        if (nfds < 0 || nfds > fds.limit()) {
            return -Errno.EINVAL;
        }
        int words = (nfds + 63) / 64;
        long[][] sets = new long[3][words];
        long[] addrs = {readAddr, writeAddr, exceptAddr};
        for (int s = 0; s < 3; s++) {
            for (int w = 0; w < words && addrs[s] != 0; w++) {
                sets[s][w] = mem().read64(addrs[s] + 8L * w);
            }
        }
        int ready = 0;
        long[][] out = new long[3][words];
        for (int fd = 0; fd < nfds; fd++) {
            long bit = 1L << (fd & 63);
            int w = fd >> 6;
            if (((sets[0][w] | sets[1][w] | sets[2][w]) & bit) == 0) {
                continue;
            }
            OpenFile f = fds.get(fd);
            if (f == null) {
                return -Errno.EBADF;
            }
            int can = f.pollEvents();
            if ((sets[0][w] & bit) != 0 && (can & (POLLIN | POLLHUP | POLLERR)) != 0) {
                out[0][w] |= bit;
                ready++;
            }
            if ((sets[1][w] & bit) != 0 && (can & (POLLOUT | POLLERR)) != 0) {
                out[1][w] |= bit;
                ready++;
            }
        }
        if (ready == 0 && timeoutNanos != 0) {
            if (timeoutNanos < 0) {
                throw GuestExit.deadlock("select with no timeout on descriptors nothing can make ready", k.currentRip());
            }
            k.time().sleep(timeoutNanos);
        }
        for (int s = 0; s < 3; s++) {
            for (int w = 0; w < words && addrs[s] != 0; w++) {
                mem().write64(addrs[s] + 8L * w, out[s][w]);
            }
        }
        return ready;
    }

    // ------------------------------------------------------------------ fds

    long dup(int fd) {
        return fds.add(file(fd), 0, false);
    }

    long dup3(int oldfd, int newfd, int flags, boolean isDup2) {
        OpenFile f = file(oldfd);
        if (oldfd == newfd) {
            return isDup2 ? newfd : -Errno.EINVAL;
        }
        if ((flags & ~O_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        if (newfd < 0 || newfd >= fds.limit()) {
            return -Errno.EBADF;
        }
        fds.set(newfd, f, (flags & O_CLOEXEC) != 0);
        return newfd;
    }

    long fcntl(int fd, int cmd, long arg) {
        OpenFile f = file(fd);
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg >= fds.limit()) {
                    return -Errno.EINVAL;
                }
                return fds.add(f, (int) arg, cmd == F_DUPFD_CLOEXEC);
            }
            case F_GETFD -> {
                return fds.cloexec(fd) ? FD_CLOEXEC : 0;
            }
            case F_SETFD -> {
                fds.cloexec(fd, (arg & FD_CLOEXEC) != 0);
                return 0;
            }
            case F_GETFL -> {
                return f.flags();
            }
            case F_SETFL -> {
                f.setStatusFlags((int) arg);
                return 0;
            }
            case F_GETLK -> {
                // One process holds every lock it asks for: report the region as unlocked.
                mem().write16(arg, 2);
                return 0;
            }
            case F_SETLK, F_SETLKW -> {
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    long pipe(long fdsAddr, int flags) {
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) != 0) {
            return -Errno.EINVAL;
        }
        // Check the destination before creating anything.
        mem().write64(fdsAddr, mem().read64(fdsAddr));
        PipeEnd[] ends = PipeEnd.create(flags & (O_NONBLOCK | O_DIRECT));
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int r = fds.add(ends[0], 0, cloexec);
        if (r < 0) {
            return r;
        }
        int w = fds.add(ends[1], 0, cloexec);
        if (w < 0) {
            fds.close(r);
            return w;
        }
        mem().write32(fdsAddr, r);
        mem().write32(fdsAddr + 4, w);
        return 0;
    }

    // TCGETS and friends (asm-generic/ioctls.h).
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
            TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B,
            FIONBIO = 0x5421, FIOCLEX = 0x5451, FIONCLEX = 0x5450;

    long ioctl(int fd, int cmd, long arg) {
        OpenFile f = file(fd);
        switch (cmd) {
            case FIOCLEX, FIONCLEX -> {
                fds.cloexec(fd, cmd == FIOCLEX);
                return 0;
            }
            case FIONBIO -> {
                int on = mem().read32(arg);
                f.setStatusFlags(on != 0 ? f.flags() | O_NONBLOCK : f.flags() & ~O_NONBLOCK);
                return 0;
            }
            case FIONREAD -> {
                if (f instanceof PipeEnd pe) {
                    mem().write32(arg, (int) Math.min(Integer.MAX_VALUE, pe.available()));
                    return 0;
                }
                if (f instanceof HostFile hf) {
                    try {
                        long left = hf.channel().size() - hf.channel().position();
                        mem().write32(arg, (int) Math.max(0, Math.min(Integer.MAX_VALUE, left)));
                        return 0;
                    } catch (IOException e) {
                        return -Errno.ENOTTY;
                    }
                }
                return f.isTty() ? writeInt(arg, 0) : -Errno.ENOTTY;
            }
            default -> { }
        }
        if (!f.isTty()) {
            return -Errno.ENOTTY;
        }
        switch (cmd) {
            case TCGETS -> {
                GuestBytes.write(mem(), arg, Termios.DEFAULT);
                return 0;
            }
            case TCSETS, TCSETSW, TCSETSF, TIOCSWINSZ, TIOCSPGRP -> {
                // Accepted but not applied: hot86 leaves the host terminal's modes alone.
                mem().read8(arg);
                return 0;
            }
            case TIOCGWINSZ -> {
                mem().write16(arg, Termios.rows());
                mem().write16(arg + 2, Termios.columns());
                mem().write32(arg + 4, 0);
                return 0;
            }
            case TIOCGPGRP -> {
                return writeInt(arg, (int) k.pid());
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    private long writeInt(long addr, int v) {
        mem().write32(addr, v);
        return 0;
    }

    long ftruncate(int fd, long len) throws IOException {
        OpenFile f = file(fd);
        if (len < 0) {
            return -Errno.EINVAL;
        }
        if (!(f instanceof HostFile hf) || (f.flags() & O_ACCMODE) == O_RDONLY) {
            return f instanceof HostDirectory ? -Errno.EISDIR : -Errno.EINVAL;
        }
        FileChannel ch = hf.channel();
        long size = ch.size();
        if (len < size) {
            long pos = ch.position();
            ch.truncate(len);
            ch.position(pos);
        } else if (len > size) {
            ch.write(ByteBuffer.wrap(new byte[1]), len - 1);
        }
        return 0;
    }

    /**
     * sendfile: copies up to {@code count} bytes from {@code in} (at {@code *offAddr}
     * if that is not null, updating it, else at and advancing its file offset) to
     * {@code out}.
     */
    long sendfile(int outFd, int inFd, long offAddr, long count) throws IOException {
        OpenFile out = file(outFd);
        OpenFile in = file(inFd);
        if ((in.flags() & O_ACCMODE) == O_WRONLY || (out.flags() & O_ACCMODE) == O_RDONLY) {
            return -Errno.EBADF;
        }
        if (in instanceof HostDirectory || in instanceof PipeEnd && offAddr != 0) {
            return in instanceof HostDirectory ? -Errno.EINVAL : -Errno.ESPIPE;
        }
        int len = clamp(count);
        long pos = offAddr == 0 ? -1 : mem().read64(offAddr);
        if (offAddr != 0 && pos < 0) {
            return -Errno.EINVAL;
        }
        if (in instanceof PipeEnd pe && pe.wouldBlock() && len > 0) {
            return -Errno.EAGAIN;
        }
        byte[] b = new byte[len];
        long n = pos < 0 ? in.read(b, 0, len) : in.pread(b, 0, len, pos);
        if (n <= 0) {
            return n;
        }
        long w = writeFrom(out, java.util.Arrays.copyOf(b, (int) n), -1);
        if (w < 0) {
            return w;
        }
        if (offAddr != 0) {
            mem().write64(offAddr, pos + w);
        }
        return w;
    }

    long truncate(long pathAddr, long len) throws IOException {
        if (len < 0) {
            return -Errno.EINVAL;
        }
        Path p = resolveArg(AT_FDCWD, pathAddr);
        HostStat.Data st = HostStat.of(p, true);
        if ((st.mode() & HostStat.S_IFMT) == HostStat.S_IFDIR) {
            return -Errno.EISDIR;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            if (len < ch.size()) {
                ch.truncate(len);
            } else if (len > ch.size()) {
                ch.write(ByteBuffer.wrap(new byte[1]), len - 1);
            }
        }
        return 0;
    }

    /** chown family: -1 leaves an id unchanged; the host decides what is permitted. */
    long chown(Path p, int uid, int gid, boolean follow) throws IOException {
        LinkOption[] lo = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        HostStat.of(p, follow);
        if (uid != -1) {
            Files.setAttribute(p, "unix:uid", uid, lo);
        }
        if (gid != -1) {
            Files.setAttribute(p, "unix:gid", gid, lo);
        }
        return 0;
    }

    long fsync(int fd) throws IOException {
        OpenFile f = file(fd);
        if (f instanceof HostFile hf) {
            hf.channel().force(true);
        }
        return 0;
    }
}
