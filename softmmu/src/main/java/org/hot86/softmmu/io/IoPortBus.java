package org.hot86.softmmu.io;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hot86.softmmu.IoPortHandler;
import org.hot86.softmmu.UnassignedAccessListener;

/**
 * The 64 Ki I/O-port space (IN/OUT/INS/OUTS; SDM Vol. 1, 19.2). Devices register a
 * handler for a port range; a port without one reads all-ones and drops writes (counted,
 * reported to {@link UnassignedAccessListener}s, logged at DEBUG through
 * {@link System.Logger} "org.hot86.softmmu"). Port numbers wrap at 0xFFFF for the
 * upper bytes of a multi-byte access. I/O permission checks (IOPL, TSS bitmap) are the
 * CPU's job, not the bus's.
 */
public final class IoPortBus {
    /**
     * The logger, looked up on first use: {@code System.getLogger} initializes the JDK's
     * logging back end (java.util.logging, ~15 ms of start-up), and only the rare
     * unassigned-access path logs.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("org.hot86.softmmu");

        private Log() {}
    }
    private final IoPortHandler[] handlers = new IoPortHandler[0x10000];
    private final List<UnassignedAccessListener> listeners = new CopyOnWriteArrayList<>();
    private long unassignedCount;

    /**
     * Routes ports [first, first + count) to {@code handler}, replacing earlier handlers
     * of those ports; a null handler unregisters them.
     */
    public void register(int first, int count, IoPortHandler handler) {
        if (first < 0 || count < 0 || first + count > 0x10000) {
            throw new IllegalArgumentException(String.format("port range 0x%x+%d", first, count));
        }
        for (int p = first; p < first + count; p++) {
            handlers[p] = handler;
        }
    }

    public IoPortHandler handler(int port) {
        return handlers[port & 0xFFFF];
    }

    public int in8(int port) {
        return in(port, 1);
    }

    public int in16(int port) {
        return in(port, 2);
    }

    public int in32(int port) {
        return in(port, 4);
    }

    public void out8(int port, int value) {
        out(port, 1, value);
    }

    public void out16(int port, int value) {
        out(port, 2, value);
    }

    public void out32(int port, int value) {
        out(port, 4, value);
    }

    /** Reads {@code size} (1, 2 or 4) bytes from {@code port}, zero-extended. */
    public int in(int port, int size) {
        port &= 0xFFFF;
        IoPortHandler h = handlers[port];
        if (sameHandler(h, port, size)) {
            if (h == null) {
                unassigned(port, size, false, 0);
                return size == 4 ? -1 : (1 << (8 * size)) - 1;
            }
            int v = h.ioRead(port, size);
            return size == 4 ? v : v & ((1 << (8 * size)) - 1);
        }
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= in((port + i) & 0xFFFF, 1) << (8 * i);
        }
        return v;
    }

    /** Writes the low {@code size} (1, 2 or 4) bytes of {@code value} to {@code port}. */
    public void out(int port, int size, int value) {
        port &= 0xFFFF;
        IoPortHandler h = handlers[port];
        if (sameHandler(h, port, size)) {
            if (h == null) {
                unassigned(port, size, true, value);
            } else {
                h.ioWrite(port, size, value);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            out((port + i) & 0xFFFF, 1, value >>> (8 * i));
        }
    }

    private boolean sameHandler(IoPortHandler h, int port, int size) {
        for (int i = 1; i < size; i++) {
            if (handlers[(port + i) & 0xFFFF] != h) {
                return false;
            }
        }
        return true;
    }

    private void unassigned(int port, int size, boolean write, int value) {
        unassignedCount++;
        if (Log.LOG.isLoggable(System.Logger.Level.DEBUG)) {
            Log.LOG.log(System.Logger.Level.DEBUG, String.format("unassigned port %s 0x%x size %d value 0x%x",
                    write ? "write" : "read", port, size, value));
        }
        for (UnassignedAccessListener l : listeners) {
            l.unassigned(true, port, size, write, value & 0xFFFF_FFFFL);
        }
    }

    public void addUnassignedListener(UnassignedAccessListener l) {
        listeners.add(l);
    }

    /** How many port accesses (after splitting) hit no handler. */
    public long unassignedCount() {
        return unassignedCount;
    }
}
