package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hot86.softmmu.GuestMemory;

/**
 * A host file's status as Linux reports it, read through {@code Files.readAttributes(path,
 * "unix:*")}, and the guest layouts of {@code struct stat} (x86-64
 * {@code asm/stat.h}) and {@code struct statx} ({@code linux/stat.h}).
 *
 * <pre>
 * struct stat (144 bytes)            struct statx (256 bytes)
 *   0 st_dev      8                    0 stx_mask u32    4 stx_blksize u32
 *   8 st_ino      8                    8 stx_attributes u64
 *  16 st_nlink    8                   16 stx_nlink u32  20 stx_uid u32  24 stx_gid u32
 *  24 st_mode     4  28 st_uid 4      28 stx_mode u16   30 pad
 *  32 st_gid      4  36 pad    4      32 stx_ino        40 stx_size    48 stx_blocks
 *  40 st_rdev     8                   56 stx_attributes_mask
 *  48 st_size     8                   64 atime  80 btime  96 ctime  112 mtime
 *  56 st_blksize  8                      (each: tv_sec i64, tv_nsec u32, pad u32)
 *  64 st_blocks   8                  128 rdev_major 132 rdev_minor
 *  72 st_atime, st_atime_nsec        136 dev_major  140 dev_minor
 *  88 st_mtime, st_mtime_nsec        144.. zero
 * 104 st_ctime, st_ctime_nsec
 * 120 unused[3]
 * </pre>
 *
 * <p>Java does not expose st_blocks: it is computed as the size rounded up to the file
 * system's block size, in 512-byte units, which is what Linux reports for files without
 * holes (sparse files report more than they occupy). st_blksize is the file store's
 * block size.
 */
final class HostStat {
    static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
            S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;
    static final int STATX_BASIC_STATS = 0x7ff;

    record Data(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size, long blksize,
            long blocks, long atime, long mtime, long ctime) {}

    private static final Map<Long, Long> BLOCK_SIZES = new ConcurrentHashMap<>();

    private HostStat() {}

    static Data of(Path p, boolean follow) throws IOException {
        Map<String, Object> a = follow ? Files.readAttributes(p, "unix:*")
                : Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        long dev = (Long) a.get("dev");
        long size = (Long) a.get("size");
        int mode = (Integer) a.get("mode");
        long blksize = BLOCK_SIZES.computeIfAbsent(dev, d -> blockSize(p));
        int type = mode & S_IFMT;
        long blocks = type == S_IFREG || type == S_IFDIR || type == S_IFLNK && size > 60
                ? (size + blksize - 1) / blksize * (blksize / 512) : 0;
        return new Data(dev, (Long) a.get("ino"), mode, ((Integer) a.get("nlink")).longValue(),
                (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"), size, blksize, blocks,
                nanos((FileTime) a.get("lastAccessTime")), nanos((FileTime) a.get("lastModifiedTime")),
                nanos((FileTime) a.get("ctime")));
    }

    private static long blockSize(Path p) {
        try {
            return Files.getFileStore(p).getBlockSize();
        } catch (IOException | UnsupportedOperationException e) {
            return 4096;
        }
    }

    private static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    /** The status of something that has no host file (a pipe, a Java stream). */
    static Data synthetic(int mode, long ino, int uid, int gid, long nowNanos) {
        return new Data(0xd, ino, mode, 1, uid, gid, 0, 0, 4096, 0, nowNanos, nowNanos, nowNanos);
    }

    static void writeStat(GuestMemory m, long a, Data s) {
        byte[] b = new byte[144];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0, s.dev()).putLong(8, s.ino()).putLong(16, s.nlink()).putInt(24, s.mode())
                .putInt(28, s.uid()).putInt(32, s.gid()).putLong(40, s.rdev()).putLong(48, s.size())
                .putLong(56, s.blksize()).putLong(64, s.blocks());
        putTimespec(buf, 72, s.atime());
        putTimespec(buf, 88, s.mtime());
        putTimespec(buf, 104, s.ctime());
        GuestBytes.write(m, a, b);
    }

    private static void putTimespec(java.nio.ByteBuffer buf, int at, long nanos) {
        buf.putLong(at, Math.floorDiv(nanos, 1_000_000_000L)).putLong(at + 8, Math.floorMod(nanos, 1_000_000_000L));
    }

    static void writeStatx(GuestMemory m, long a, Data s) {
        byte[] b = new byte[256];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0, STATX_BASIC_STATS).putInt(4, (int) s.blksize()).putLong(8, 0).putInt(16, (int) s.nlink())
                .putInt(20, s.uid()).putInt(24, s.gid()).putShort(28, (short) s.mode()).putLong(32, s.ino())
                .putLong(40, s.size()).putLong(48, s.blocks()).putLong(56, 0);
        putStatxTime(buf, 64, s.atime());
        putStatxTime(buf, 96, s.ctime());
        putStatxTime(buf, 112, s.mtime());
        buf.putInt(128, major(s.rdev())).putInt(132, minor(s.rdev())).putInt(136, major(s.dev()))
                .putInt(140, minor(s.dev()));
        GuestBytes.write(m, a, b);
    }

    private static void putStatxTime(java.nio.ByteBuffer buf, int at, long nanos) {
        buf.putLong(at, Math.floorDiv(nanos, 1_000_000_000L)).putInt(at + 8, (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * statfs/fstatfs from the host's {@link java.nio.file.FileStore}, as {@code struct statfs}
     * (x86-64, 120 bytes: f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree,
     * f_fsid, f_namelen, f_frsize, f_flags, f_spare[4], 8 bytes each). Java gives neither
     * inode counts (f_files, f_ffree are 0) nor the mount flags (f_flags has ST_VALID and
     * ST_RDONLY only); f_type comes from the file store's type name.
     */
    static long writeStatfs(GuestMemory m, long a, Path p) throws IOException {
        HostStat.of(p, true);
        java.nio.file.FileStore fs = Files.getFileStore(p);
        long bs = Math.max(1, fs.getBlockSize());
        byte[] b = new byte[120];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0, magic(fs.type())).putLong(8, bs).putLong(16, fs.getTotalSpace() / bs)
                .putLong(24, fs.getUnallocatedSpace() / bs).putLong(32, fs.getUsableSpace() / bs)
                .putLong(64, 255).putLong(72, bs).putLong(80, 0x20 | (fs.isReadOnly() ? 1 : 0));
        GuestBytes.write(m, a, b);
        return 0;
    }

    /** f_type magic numbers (linux/magic.h) by file-system type name. */
    static long magic(String type) {
        return switch (type) {
            case "ext2", "ext3", "ext4" -> 0xEF53;
            case "tmpfs", "devtmpfs" -> 0x01021994;
            case "proc" -> 0x9fa0;
            case "sysfs" -> 0x62656572;
            case "overlay" -> 0x794c7630;
            case "xfs" -> 0x58465342;
            case "btrfs" -> 0x9123683eL;
            case "devpts" -> 0x1cd1;
            case "nfs", "nfs4" -> 0x6969;
            case "vfat", "msdos" -> 0x4d44;
            case "cgroup2" -> 0x63677270;
            case "squashfs" -> 0x73717368;
            case "ramfs" -> 0x858458f6L;
            case "9p" -> 0x01021997;
            case "zfs" -> 0x2fc12fc1;
            default -> type.startsWith("fuse") ? 0x65735546 : 0;
        };
    }

    /** Linux's {@code new_decode_dev} major part of a dev_t. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** d_type for getdents64 from a mode. */
    static int dtype(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFIFO -> 1;
            case S_IFCHR -> 2;
            case S_IFDIR -> 4;
            case S_IFBLK -> 6;
            case S_IFREG -> 8;
            case S_IFLNK -> 10;
            case S_IFSOCK -> 12;
            default -> 0;
        };
    }

    /** The errno a failed host file operation stands for. */
    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            String r = ((FileSystemException) e).getReason();
            return r != null && r.contains("Not a directory") ? Errno.ENOTDIR : Errno.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null) {
            int r = byReason(reason);
            if (r != 0) {
                return r;
            }
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        return Errno.EIO;
    }

    private static int byReason(String r) {
        if (r.contains("Not a directory")) return Errno.ENOTDIR;
        if (r.contains("Is a directory")) return Errno.EISDIR;
        if (r.contains("Too many levels of symbolic links")) return Errno.ELOOP;
        if (r.contains("File name too long")) return Errno.ENAMETOOLONG;
        if (r.contains("Read-only file system")) return Errno.EROFS;
        if (r.contains("Invalid cross-device link")) return Errno.EXDEV;
        if (r.contains("Operation not permitted")) return Errno.EPERM;
        if (r.contains("Permission denied")) return Errno.EACCES;
        if (r.contains("No space left on device")) return Errno.ENOSPC;
        if (r.contains("Directory not empty")) return Errno.ENOTEMPTY;
        if (r.contains("Device or resource busy")) return Errno.EBUSY;
        if (r.contains("Invalid argument")) return Errno.EINVAL;
        if (r.contains("No such device or address")) return Errno.ENXIO;
        if (r.contains("No such device")) return Errno.ENODEV;
        if (r.contains("Text file busy")) return Errno.ETXTBSY;
        if (r.contains("File exists")) return Errno.EEXIST;
        if (r.contains("No such file or directory")) return Errno.ENOENT;
        if (r.contains("Bad file descriptor")) return Errno.EBADF;
        if (r.contains("Illegal seek")) return Errno.ESPIPE;
        if (r.contains("Broken pipe")) return Errno.EPIPE;
        if (r.contains("File too large")) return Errno.EFBIG;
        return 0;
    }
}
