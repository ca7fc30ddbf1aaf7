package org.hot86.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed, validated x86-64 ELF executable for user mode: what the Linux kernel's
 * {@code binfmt_elf} needs of it, and nothing more (System V gABI, "ELF header",
 * "Program header"; x86-64 psABI for e_machine 62).
 *
 * <p>Accepted: ELFCLASS64, little-endian, EM_X86_64, ET_EXEC, or ET_DYN without a
 * PT_INTERP (static-PIE). Everything else is refused with an {@link ElfException} whose
 * {@link ElfException.Kind} says why, so the CLI can give a distinct exit code.
 */
public final class ElfImage {
    static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
    static final int PF_X = 1, PF_W = 2, PF_R = 4;
    static final int ET_EXEC = 2, ET_DYN = 3;
    static final int EM_X86_64 = 62;

    /** One PT_LOAD segment: file bytes [offset, offset+fileSize) at vaddr, zero-filled to memSize. */
    public record Segment(long vaddr, long offset, long fileSize, long memSize, int flags, long align) {
        public Segment(long vaddr, long offset, long fileSize, long memSize, int flags) {
            this(vaddr, offset, fileSize, memSize, flags, 4096);
        }

        public boolean readable() { return (flags & PF_R) != 0; }
        public boolean writable() { return (flags & PF_W) != 0; }
        public boolean executable() { return (flags & PF_X) != 0; }
    }

    private final byte[] file;
    private final int type;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final int phnum;
    private final List<Segment> segments;
    private final boolean executableStack;

    private ElfImage(byte[] file, int type, long entry, long phoff, int phentsize, int phnum,
            List<Segment> segments, boolean executableStack) {
        this.file = file;
        this.type = type;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.phnum = phnum;
        this.segments = List.copyOf(segments);
        this.executableStack = executableStack;
    }

    /** Parses and validates {@code file}; never throws anything but {@link ElfException}. */
    public static ElfImage parse(byte[] file) {
        if (file.length < 4 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ElfException(ElfException.Kind.NOT_ELF, "not an ELF file");
        }
        if (file.length < 16) {
            throw new ElfException(ElfException.Kind.MALFORMED, "truncated ELF header");
        }
        if (file[4] == 1) {
            throw new ElfException(ElfException.Kind.UNSUPPORTED,
                    "32-bit ELF is not supported (hot86 user runs x86-64 programs)");
        }
        if (file[4] != 2) {
            throw new ElfException(ElfException.Kind.MALFORMED, "bad ELF class " + file[4]);
        }
        if (file[5] != 1) {
            throw new ElfException(ElfException.Kind.UNSUPPORTED, "big-endian ELF is not supported");
        }
        if (file.length < 64) {
            throw new ElfException(ElfException.Kind.MALFORMED, "truncated ELF header");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (machine != EM_X86_64) {
            throw new ElfException(ElfException.Kind.UNSUPPORTED,
                    "ELF for machine " + machine + ", not x86-64 (62)");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfException(ElfException.Kind.UNSUPPORTED,
                    "ELF type " + type + " is not an executable (ET_EXEC or ET_DYN)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (phnum == 0 || phentsize < 56 || phoff < 0 || phoff > file.length
                || (long) phentsize * phnum > file.length - phoff) {
            throw new ElfException(ElfException.Kind.MALFORMED, "program headers lie outside the file");
        }
        List<Segment> segs = new ArrayList<>();
        boolean execStack = false;
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            int ptype = b.getInt(p);
            int flags = b.getInt(p + 4);
            long offset = b.getLong(p + 8);
            long vaddr = b.getLong(p + 16);
            long filesz = b.getLong(p + 32);
            long memsz = b.getLong(p + 40);
            long align = b.getLong(p + 48);
            switch (ptype) {
                case PT_INTERP -> {
                    String interp = cString(file, offset, filesz);
                    throw new ElfException(ElfException.Kind.DYNAMIC,
                            "dynamically linked (interpreter " + interp
                                    + "); hot86 user runs statically linked programs");
                }
                case PT_LOAD -> {
                    if (filesz < 0 || memsz < 0 || offset < 0 || filesz > memsz
                            || offset > file.length || filesz > file.length - offset) {
                        throw new ElfException(ElfException.Kind.MALFORMED,
                                "PT_LOAD segment " + i + " lies outside the file");
                    }
                    if (align > 1 && ((vaddr - offset) & (Math.min(align, 4096) - 1)) != 0) {
                        throw new ElfException(ElfException.Kind.MALFORMED,
                                "PT_LOAD segment " + i + " is misaligned");
                    }
                    if (vaddr < 0 || vaddr + memsz < vaddr || vaddr + memsz > 0x0000_8000_0000_0000L) {
                        throw new ElfException(ElfException.Kind.MALFORMED,
                                "PT_LOAD segment " + i + " lies outside user address space");
                    }
                    segs.add(new Segment(vaddr, offset, filesz, memsz, flags, align));
                }
                case PT_GNU_STACK -> execStack = (flags & PF_X) != 0;
                default -> { }
            }
        }
        if (segs.isEmpty()) {
            throw new ElfException(ElfException.Kind.MALFORMED, "no PT_LOAD segment");
        }
        return new ElfImage(file, type, entry, phoff, phentsize, phnum, segs, execStack);
    }

    private static String cString(byte[] file, long offset, long max) {
        if (offset < 0 || offset >= file.length) {
            return "?";
        }
        int end = (int) offset;
        long limit = Math.min(file.length, offset + Math.max(0, max));
        while (end < limit && file[end] != 0) {
            end++;
        }
        return new String(file, (int) offset, end - (int) offset, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public byte[] bytes() { return file; }

    /** True for a static-PIE (ET_DYN): it is loaded at a chosen bias. */
    public boolean positionIndependent() { return type == ET_DYN; }

    /** Entry point before any load bias. */
    public long entry() { return entry; }

    public List<Segment> segments() { return segments; }

    public int phentsize() { return phentsize; }

    /** The largest PT_LOAD p_align that is a power of two (at least 4096): a PIE's bias is a multiple of it. */
    public long maxAlign() {
        long a = 4096;
        for (Segment s : segments) {
            if (s.align() > a && Long.bitCount(s.align()) == 1 && s.align() <= (1L << 30)) {
                a = s.align();
            }
        }
        return a;
    }

    public int phnum() { return phnum; }

    public boolean executableStack() { return executableStack; }

    /**
     * The virtual address (before bias) at which the program headers are mapped, for
     * AT_PHDR: the PT_LOAD that covers file offset e_phoff, as Linux computes it.
     */
    public long phdrAddress() {
        for (Segment s : segments) {
            if (phoff >= s.offset() && phoff + (long) phentsize * phnum <= s.offset() + s.fileSize()) {
                return s.vaddr() + (phoff - s.offset());
            }
        }
        return 0;
    }

    /** Lowest and highest (exclusive) virtual addresses of the loaded image, before bias. */
    public long lowAddress() {
        return segments.stream().mapToLong(Segment::vaddr).min().orElseThrow();
    }

    public long highAddress() {
        return segments.stream().mapToLong(s -> s.vaddr() + s.memSize()).max().orElseThrow();
    }
}
