package org.hot86.runtime.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * Offsets and sizes of the Linux structures hot86 writes, as the host's C compiler and
 * glibc headers see them: the tests read hot86's output at these offsets, so a layout
 * mistake in hot86 shows up as a wrong value rather than being restated from our code.
 * (For these structures glibc's x86-64 layout is the kernel's.)
 */
final class NativeLayout {
    static final String SOURCE = """
            #define _GNU_SOURCE
            #include <stdio.h>
            #include <stddef.h>
            #include <sys/stat.h>
            #include <sys/vfs.h>
            #include <sys/sysinfo.h>
            #include <sys/utsname.h>
            #include <sys/resource.h>
            #include <sys/time.h>
            #include <sys/ioctl.h>
            #include <poll.h>
            #include <signal.h>
            #include <time.h>
            #define O(t, f) printf(#t "." #f " %zu\\n", offsetof(struct t, f))
            #define S(t) printf(#t " %zu\\n", sizeof(struct t))
            int main(void) {
                O(stat, st_dev); O(stat, st_ino); O(stat, st_nlink); O(stat, st_mode); O(stat, st_uid);
                O(stat, st_gid); O(stat, st_rdev); O(stat, st_size); O(stat, st_blksize); O(stat, st_blocks);
                O(stat, st_atim); O(stat, st_mtim); O(stat, st_ctim); S(stat);
                O(statx, stx_mask); O(statx, stx_blksize); O(statx, stx_nlink); O(statx, stx_uid);
                O(statx, stx_gid); O(statx, stx_mode); O(statx, stx_ino); O(statx, stx_size); O(statx, stx_blocks);
                O(statx, stx_atime); O(statx, stx_btime); O(statx, stx_ctime); O(statx, stx_mtime);
                O(statx, stx_rdev_major); O(statx, stx_rdev_minor); O(statx, stx_dev_major); O(statx, stx_dev_minor);
                O(statx_timestamp, tv_nsec); S(statx);
                O(sysinfo, uptime); O(sysinfo, totalram); O(sysinfo, freeram); O(sysinfo, procs);
                O(sysinfo, mem_unit); S(sysinfo);
                O(utsname, sysname); O(utsname, release); O(utsname, machine); S(utsname);
                O(rusage, ru_utime); O(rusage, ru_stime); S(rusage);
                O(rlimit, rlim_cur); O(rlimit, rlim_max);
                O(pollfd, fd); O(pollfd, events); O(pollfd, revents); S(pollfd);
                O(winsize, ws_row); O(winsize, ws_col); S(winsize);
                O(timespec, tv_nsec); O(timeval, tv_usec);
                O(statfs, f_type); O(statfs, f_bsize); O(statfs, f_blocks); O(statfs, f_bfree); O(statfs, f_bavail);
                O(statfs, f_namelen); O(statfs, f_frsize); S(statfs);
                printf("stack_t.ss_flags %zu\\nstack_t.ss_size %zu\\n", offsetof(stack_t, ss_flags), offsetof(stack_t, ss_size));
                return 0;
            }
            """;

    private static Map<String, Long> map;

    private NativeLayout() {}

    /** The offset (or size) named like "stat.st_ino" or "stat". */
    static synchronized long of(String name) {
        if (map == null) {
            Map<String, Long> m = new HashMap<>();
            String out = NativeTools.runOk(NativeTools.compile("layout", SOURCE).toString());
            for (String l : out.split("\n")) {
                String[] p = l.split(" ");
                m.put(p[0], Long.parseLong(p[1]));
            }
            map = m;
        }
        Long v = map.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no layout fact " + name);
        }
        return v;
    }
}
