package org.hot86.runtime.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hot86.softmmu.GuestMemory;

/**
 * Builds the process stack that Linux hands to a new x86-64 program (x86-64 psABI,
 * 3.4.1 "Initial Stack and Register State"; Linux {@code create_elf_tables}).
 *
 * <pre>
 *   high   strings: argv[], envp[], AT_EXECFN, AT_PLATFORM; 16 AT_RANDOM bytes
 *          (padding to 16 bytes)
 *          auxv pairs ... AT_NULL, 0
 *          NULL, envp[n-1] ... envp[0]
 *          NULL, argv[argc-1] ... argv[0]
 *   rsp -> argc                                  (rsp is 16-byte aligned)
 * </pre>
 */
public final class InitialStack {
    // Auxiliary vector tags (linux/auxvec.h).
    public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
            AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13,
            AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
            AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    /** What goes into the auxiliary vector besides the strings and random bytes. */
    public record Aux(long phdr, int phent, int phnum, long entry, long hwcap, int uid, int euid,
            int gid, int egid) {}

    private InitialStack() {}

    /**
     * Writes the stack below {@code top} and returns the initial RSP.
     *
     * @param random the 16 bytes AT_RANDOM points at (glibc seeds its stack guard from them)
     */
    public static long build(GuestMemory mem, long top, List<String> argv, List<String> env,
            String execfn, byte[] random, Aux aux) {
        long sp = top;
        sp = push(mem, sp, "x86_64");
        long platform = sp;
        sp = push(mem, sp, execfn);
        long execfnAddr = sp;
        List<Long> envAddrs = new ArrayList<>();
        for (int i = env.size() - 1; i >= 0; i--) {
            sp = push(mem, sp, env.get(i));
            envAddrs.add(0, sp);
        }
        List<Long> argAddrs = new ArrayList<>();
        for (int i = argv.size() - 1; i >= 0; i--) {
            sp = push(mem, sp, argv.get(i));
            argAddrs.add(0, sp);
        }
        sp -= 16;
        for (int i = 0; i < 16; i++) {
            mem.write8(sp + i, random[i]);
        }
        long randomAddr = sp;

        long[] auxv = {
            AT_PHDR, aux.phdr(), AT_PHENT, aux.phent(), AT_PHNUM, aux.phnum(), AT_PAGESZ, 4096,
            AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, aux.entry(), AT_UID, aux.uid(), AT_EUID, aux.euid(),
            AT_GID, aux.gid(), AT_EGID, aux.egid(), AT_SECURE, 0, AT_HWCAP, aux.hwcap(), AT_HWCAP2, 0,
            AT_CLKTCK, 100, AT_RANDOM, randomAddr, AT_PLATFORM, platform, AT_EXECFN, execfnAddr,
            AT_NULL, 0,
        };
        int words = 1 + argAddrs.size() + 1 + envAddrs.size() + 1 + auxv.length;
        sp &= ~15L;
        // argc must end up 16-byte aligned.
        if ((words & 1) != 0) {
            sp -= 8;
        }
        sp -= 8L * words;
        long p = sp;
        mem.write64(p, argAddrs.size());
        p += 8;
        for (long a : argAddrs) {
            mem.write64(p, a);
            p += 8;
        }
        mem.write64(p, 0);
        p += 8;
        for (long e : envAddrs) {
            mem.write64(p, e);
            p += 8;
        }
        mem.write64(p, 0);
        p += 8;
        for (long v : auxv) {
            mem.write64(p, v);
            p += 8;
        }
        return sp;
    }

    private static long push(GuestMemory mem, long sp, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sp -= b.length + 1;
        for (int i = 0; i < b.length; i++) {
            mem.write8(sp + i, b[i]);
        }
        mem.write8(sp + b.length, 0);
        return sp;
    }
}
