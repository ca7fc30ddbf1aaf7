package org.hot86.runtime.linux;

/** x86-64 Linux system call numbers (arch/x86/entry/syscalls/syscall_64.tbl) that hot86 implements. */
final class Sys {
    static final int READ = 0, WRITE = 1, OPEN = 2, CLOSE = 3, STAT = 4, FSTAT = 5, LSTAT = 6, POLL = 7, LSEEK = 8,
            MMAP = 9, MPROTECT = 10, MUNMAP = 11, BRK = 12, RT_SIGACTION = 13, RT_SIGPROCMASK = 14,
            RT_SIGRETURN = 15, IOCTL = 16, PREAD64 = 17, PWRITE64 = 18, READV = 19, WRITEV = 20, ACCESS = 21,
            PIPE = 22, SELECT = 23, SCHED_YIELD = 24, MREMAP = 25, MSYNC = 26, MADVISE = 28, DUP = 32, DUP2 = 33,
            PAUSE = 34, NANOSLEEP = 35, GETITIMER = 36, ALARM = 37, SETITIMER = 38, SENDFILE = 40, GETPID = 39, EXIT = 60, WAIT4 = 61, KILL = 62, UNAME = 63, FCNTL = 72, FLOCK = 73, FSYNC = 74,
            FDATASYNC = 75, TRUNCATE = 76, FTRUNCATE = 77, GETCWD = 79, CHDIR = 80, FCHDIR = 81, RENAME = 82, MKDIR = 83,
            RMDIR = 84, CREAT = 85, LINK = 86, UNLINK = 87, SYMLINK = 88, READLINK = 89, CHMOD = 90, FCHMOD = 91, CHOWN = 92, FCHOWN = 93, LCHOWN = 94,
            UMASK = 95, GETTIMEOFDAY = 96, GETRLIMIT = 97, GETRUSAGE = 98, SYSINFO = 99, TIMES = 100,
            GETUID = 102, GETGID = 104, GETEUID = 107, GETEGID = 108, SETPGID = 109, GETPPID = 110, GETPGRP = 111,
            GETGROUPS = 115, SETGROUPS = 116, GETRESUID = 118, GETRESGID = 120, GETPGID = 121, GETSID = 124, RT_SIGPENDING = 127, SIGALTSTACK = 131, STATFS = 137, FSTATFS = 138, PRCTL = 157, ARCH_PRCTL = 158,
            MLOCK = 149, MUNLOCK = 150, SETRLIMIT = 160, GETTID = 186, TKILL = 200, TIME = 201, FUTEX = 202, SCHED_SETAFFINITY = 203, SCHED_GETAFFINITY = 204,
            SET_TID_ADDRESS = 218, FADVISE64 = 221, CLOCK_GETTIME = 228, CLOCK_GETRES = 229, CLOCK_NANOSLEEP = 230,
            EXIT_GROUP = 231, TGKILL = 234, PSELECT6 = 270, OPENAT = 257, MKDIRAT = 258, FCHOWNAT = 260, NEWFSTATAT = 262, UNLINKAT = 263,
            RENAMEAT = 264, LINKAT = 265, SYMLINKAT = 266, READLINKAT = 267, FCHMODAT = 268, FACCESSAT = 269,
            PPOLL = 271, SET_ROBUST_LIST = 273, UTIMENSAT = 280, DUP3 = 292, PIPE2 = 293, PREADV = 295, PWRITEV = 296,
            PRLIMIT64 = 302, GETCPU = 309, RENAMEAT2 = 316, GETDENTS64 = 217, GETRANDOM = 318, STATX = 332, RSEQ = 334, FACCESSAT2 = 439;

    private static final java.util.Map<Integer, String> NAMES = new java.util.HashMap<>();

    static {
        for (java.lang.reflect.Field f : Sys.class.getDeclaredFields()) {
            if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                try {
                    NAMES.put(f.getInt(null), f.getName().toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The system call's name for logs ("openat"), or "syscall_N" for one hot86 does not know. */
    static String name(int nr) {
        return NAMES.getOrDefault(nr, "syscall_" + nr);
    }

    private Sys() {}
}
