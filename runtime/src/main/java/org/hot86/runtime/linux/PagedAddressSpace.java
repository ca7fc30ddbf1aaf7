package org.hot86.runtime.linux;

import java.util.HashMap;
import java.util.Map;
import org.hot86.softmmu.GuestMemory;
import org.hot86.softmmu.MemoryFault;

/**
 * A simple {@link AddressSpace}: a hash map from virtual page number to a 4 KiB
 * {@code byte[]} and its protection. It is the reference implementation for tests of
 * the kernel side and slow by design (a hash lookup per byte); the softmmu provides
 * the fast one.
 */
public final class PagedAddressSpace implements AddressSpace, BulkGuestMemory {
    /** A page; its bytes are allocated on first write (demand-zero), so big reservations are cheap. */
    private static final class Page {
        private static final byte[] ZERO = new byte[(int) PAGE_SIZE];
        private byte[] bytes;
        int prot;

        Page(int prot) {
            this.prot = prot;
        }

        byte[] forRead() {
            return bytes == null ? ZERO : bytes;
        }

        byte[] forWrite() {
            if (bytes == null) {
                bytes = new byte[(int) PAGE_SIZE];
            }
            return bytes;
        }
    }

    private final Map<Long, Page> pages = new HashMap<>();

    @Override
    public void map(long addr, long length, int prot) {
        for (long a = addr; a < addr + length; a += PAGE_SIZE) {
            pages.put(a >>> 12, new Page(prot));
        }
    }

    @Override
    public void unmap(long addr, long length) {
        for (long a = addr; a < addr + length; a += PAGE_SIZE) {
            pages.remove(a >>> 12);
        }
    }

    @Override
    public void protect(long addr, long length, int prot) {
        for (long a = addr; a < addr + length; a += PAGE_SIZE) {
            Page p = pages.get(a >>> 12);
            if (p != null) {
                p.prot = prot;
            }
        }
    }

    @Override
    public void move(long from, long to, long length) {
        if (from == to) {
            return;
        }
        Map<Long, Page> moved = new HashMap<>();
        for (long off = 0; off < length; off += PAGE_SIZE) {
            Page p = pages.remove((from + off) >>> 12);
            if (p != null) {
                moved.put((to + off) >>> 12, p);
            }
        }
        pages.putAll(moved);
    }

    @Override
    public GuestMemory memory() {
        return this;
    }

    /** The protection of the page holding {@code addr}, or -1 if it is not mapped. */
    public int protection(long addr) {
        Page p = pages.get(addr >>> 12);
        return p == null ? -1 : p.prot;
    }

    /** Number of mapped pages. */
    public int mappedPages() {
        return pages.size();
    }

    private Page page(long addr, int need, int pfBits) {
        Page p = pages.get(addr >>> 12);
        if (p == null) {
            throw new MemoryFault(MemoryFault.VECTOR_PF, MemoryFault.PF_U | pfBits, addr);
        }
        if ((p.prot & need) == 0) {
            throw new MemoryFault(MemoryFault.VECTOR_PF, MemoryFault.PF_U | MemoryFault.PF_P | pfBits, addr);
        }
        return p;
    }

    @Override
    public int read8(long addr) {
        return page(addr, PROT_READ, 0).forRead()[(int) (addr & 4095)] & 0xFF;
    }

    @Override
    public int read16(long addr) {
        page(addr + 1, PROT_READ, 0);
        return read8(addr) | read8(addr + 1) << 8;
    }

    @Override
    public int read32(long addr) {
        page(addr + 3, PROT_READ, 0);
        return read16(addr) | read16(addr + 2) << 16;
    }

    @Override
    public long read64(long addr) {
        page(addr + 7, PROT_READ, 0);
        return (read32(addr) & 0xFFFFFFFFL) | (long) read32(addr + 4) << 32;
    }

    @Override
    public void write8(long addr, int value) {
        page(addr, PROT_WRITE, MemoryFault.PF_W).forWrite()[(int) (addr & 4095)] = (byte) value;
    }

    @Override
    public void write16(long addr, int value) {
        page(addr, PROT_WRITE, MemoryFault.PF_W);
        page(addr + 1, PROT_WRITE, MemoryFault.PF_W);
        write8(addr, value);
        write8(addr + 1, value >> 8);
    }

    @Override
    public void write32(long addr, int value) {
        page(addr, PROT_WRITE, MemoryFault.PF_W);
        page(addr + 3, PROT_WRITE, MemoryFault.PF_W);
        write16(addr, value);
        write16(addr + 2, value >> 16);
    }

    @Override
    public void write64(long addr, long value) {
        page(addr, PROT_WRITE, MemoryFault.PF_W);
        page(addr + 7, PROT_WRITE, MemoryFault.PF_W);
        write32(addr, (int) value);
        write32(addr + 4, (int) (value >>> 32));
    }

    @Override
    public void readBytes(long addr, byte[] dst, int off, int len) {
        for (int done = 0; done < len;) {
            long a = addr + done;
            int n = (int) Math.min(len - done, PAGE_SIZE - (a & 4095));
            System.arraycopy(page(a, PROT_READ, 0).forRead(), (int) (a & 4095), dst, off + done, n);
            done += n;
        }
    }

    @Override
    public void writeBytes(long addr, byte[] src, int off, int len) {
        for (int done = 0; done < len;) {
            long a = addr + done;
            page(a, PROT_WRITE, MemoryFault.PF_W);
            done += (int) Math.min(len - done, PAGE_SIZE - (a & 4095));
        }
        for (int done = 0; done < len;) {
            long a = addr + done;
            int n = (int) Math.min(len - done, PAGE_SIZE - (a & 4095));
            System.arraycopy(src, off + done, pages.get(a >>> 12).forWrite(), (int) (a & 4095), n);
            done += n;
        }
    }

    @Override
    public int fetch8(long addr) {
        return page(addr, PROT_EXEC, MemoryFault.PF_I).forRead()[(int) (addr & 4095)] & 0xFF;
    }
}
