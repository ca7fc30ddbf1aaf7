package org.hot86.runtime.linux;

import java.nio.charset.StandardCharsets;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;

/**
 * Copies between guest memory and Java arrays with user privilege, as the kernel's
 * {@code copy_to_user}/{@code copy_from_user} do: a refused access throws
 * {@link MemoryFault}, which the system-call dispatcher turns into {@code -EFAULT}.
 */
final class GuestBytes {
    /** Longest path a guest may pass (PATH_MAX, including the NUL). */
    static final int PATH_MAX = 4096;

    private GuestBytes() {}

    static byte[] read(GuestMemory m, long addr, int len) {
        byte[] b = new byte[len];
        read(m, addr, b, 0, len);
        return b;
    }

    static void read(GuestMemory m, long addr, byte[] dst, int off, int len) {
        if (m instanceof BulkGuestMemory b) {
            b.readBytes(addr, dst, off, len);
            return;
        }
        int i = 0;
        for (; i + 8 <= len && ((addr + i) & 7) == 0; i += 8) {
            long v = m.read64(addr + i);
            for (int k = 0; k < 8; k++) {
                dst[off + i + k] = (byte) (v >>> (8 * k));
            }
        }
        for (; i < len; i++) {
            dst[off + i] = (byte) m.read8(addr + i);
        }
    }

    static void write(GuestMemory m, long addr, byte[] src, int off, int len) {
        if (m instanceof BulkGuestMemory b) {
            b.writeBytes(addr, src, off, len);
            return;
        }
        // Probe first and last byte so a write to a half-mapped buffer fails before it starts.
        if (len > 0) {
            m.write8(addr, src[off]);
            m.write8(addr + len - 1, src[off + len - 1]);
        }
        for (int i = 0; i < len; i++) {
            m.write8(addr + i, src[off + i]);
        }
    }

    static void write(GuestMemory m, long addr, byte[] src) {
        write(m, addr, src, 0, src.length);
    }

    /** Reads a NUL-terminated string; throws {@link PathTooLong} past {@code max} bytes. */
    static String cString(GuestMemory m, long addr, int max) {
        byte[] b = new byte[64];
        int n = 0;
        for (int c; (c = m.read8(addr + n)) != 0; n++) {
            if (n + 1 >= max) {
                throw new PathTooLong();
            }
            if (n == b.length) {
                b = java.util.Arrays.copyOf(b, b.length * 2);
            }
            b[n] = (byte) c;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Writes {@code s} and a NUL. */
    static void writeCString(GuestMemory m, long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(m, addr, b);
        m.write8(addr + b.length, 0);
    }

    /** A guest string longer than PATH_MAX: the system call fails with ENAMETOOLONG. */
    static final class PathTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PathTooLong() {
            super(null, null, false, false);
        }
    }
}
