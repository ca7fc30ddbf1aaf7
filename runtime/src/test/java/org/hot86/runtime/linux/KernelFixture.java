package org.hot86.runtime.linux;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A kernel over a {@link PagedAddressSpace}, with captured stdio and a scratch area for arguments. */
final class KernelFixture {
    static final long SCRATCH = 0x10000000L;
    static final int SCRATCH_SIZE = 1 << 20;

    final PagedAddressSpace as = new PagedAddressSpace();
    final VirtualMemory vm = new VirtualMemory(as);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final long[] retired = {0};
    final LinuxKernel k;
    private long next = SCRATCH;

    KernelFixture(Path cwd, byte[] stdin) {
        this(new LinuxKernel.Options().cwd(cwd).exe(Path.of("/opt/guest/prog")).ids(4242, 1, 1000, 1000)
                .stdio(new ByteArrayInputStream(stdin), null, null), true);
    }

    KernelFixture(LinuxKernel.Options o, boolean capture) {
        vm.mmap(SCRATCH, SCRATCH_SIZE, 3, VirtualMemory.MAP_PRIVATE | VirtualMemory.MAP_ANONYMOUS
                | VirtualMemory.MAP_FIXED, null, 0);
        if (capture) {
            o.stdio(o.stdin, out, err);
        }
        o.time(TimeSource.virtual(() -> retired[0], 1));
        k = new LinuxKernel(vm, o);
    }

    long call(int nr, long... a) {
        long[] x = java.util.Arrays.copyOf(a, 6);
        return k.syscall(nr, x[0], x[1], x[2], x[3], x[4], x[5]);
    }

    /** Allocates {@code n} zeroed scratch bytes (16-byte aligned). */
    long alloc(int n) {
        long a = next;
        next += (n + 15) & ~15;
        for (int i = 0; i < n; i++) {
            as.write8(a + i, 0);
        }
        return a;
    }

    long str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long a = alloc(b.length + 1);
        GuestBytes.write(as, a, b);
        return a;
    }

    long bytes(byte[] b) {
        long a = alloc(b.length);
        GuestBytes.write(as, a, b);
        return a;
    }

    byte[] read(long a, int n) {
        return GuestBytes.read(as, a, n);
    }

    String cstr(long a) {
        return GuestBytes.cString(as, a, 1 << 20);
    }

    long u64(long a) {
        return as.read64(a);
    }

    int u32(long a) {
        return as.read32(a);
    }
}
