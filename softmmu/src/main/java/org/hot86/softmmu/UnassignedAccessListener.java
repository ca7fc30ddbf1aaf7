package org.hot86.softmmu;

/**
 * Told about every access to a physical address that no RAM, ROM or MMIO region covers
 * (reads there return all-ones, writes are dropped) and every I/O-port access to a port
 * no device claims. For debugging guest drivers; the runtime routes it to its logger.
 */
@FunctionalInterface
public interface UnassignedAccessListener {
    /**
     * @param io      true for an I/O-port access ({@code address} is the port)
     * @param address the physical address or port
     * @param size    access size in bytes
     * @param write   true for a write ({@code value} is what was dropped)
     */
    void unassigned(boolean io, long address, int size, boolean write, long value);
}
