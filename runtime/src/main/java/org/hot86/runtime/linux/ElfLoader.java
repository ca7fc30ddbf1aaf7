package org.hot86.runtime.linux;

import static org.hot86.runtime.linux.AddressSpace.PAGE_SIZE;
import static org.hot86.runtime.linux.AddressSpace.PROT_EXEC;
import static org.hot86.runtime.linux.AddressSpace.PROT_READ;
import static org.hot86.runtime.linux.AddressSpace.PROT_WRITE;

import java.util.List;

/**
 * Loads a static x86-64 {@link ElfImage} into a fresh {@link VirtualMemory} as Linux's
 * {@code load_elf_binary} does without address-space randomisation, and builds the
 * initial stack.
 *
 * <p>Each PT_LOAD maps the pages [pageDown(vaddr), pageUp(vaddr+memsz)) with the
 * segment's permissions. The pages that hold file bytes receive the file's page-aligned
 * contents (so bytes of the first page before {@code vaddr} are file bytes, as with a
 * file mapping at offset {@code pageDown(p_offset)}); everything from
 * {@code vaddr+filesz} on is zero (Linux's {@code padzero} and the anonymous bss pages),
 * which covers a bss that starts mid-page.
 *
 * <p>An ET_EXEC is loaded at its link addresses. A static-PIE (ET_DYN without
 * PT_INTERP) is placed like an mmap with no hint: top-down below the mmap base, at a
 * multiple of its largest p_align. The heap (brk) starts at the page-rounded end of the
 * highest segment, or for a static-PIE at {@link #ELF_ET_DYN_BASE} (what Linux 6 does,
 * checked against the host by the tests). The stack is {@link #STACK_SIZE} bytes ending at {@link #STACK_TOP};
 * the page below it stays unmapped (guard).
 */
public final class ElfLoader {
    public static final long STACK_TOP = VirtualMemory.TASK_SIZE;
    public static final long STACK_SIZE = 8L << 20;
    /**
     * ELF_ET_DYN_BASE (two thirds of TASK_SIZE, page-rounded): where Linux puts the brk
     * area of a static-PIE, out of the way of the mmap region the image itself is in.
     */
    public static final long ELF_ET_DYN_BASE = VirtualMemory.pageUp(VirtualMemory.TASK_SIZE / 3 * 2);

    /** Where the loaded program starts: RIP, RSP, the heap start and the PIE load bias. */
    public record Loaded(long entry, long rsp, long brkStart, long loadBias, long stackTop) {}

    /** What the initial stack carries besides the image's own facts. */
    public record Process(List<String> argv, List<String> env, String execfn, byte[] random, long hwcap,
            int uid, int euid, int gid, int egid) {}

    private ElfLoader() {}

    /** The load bias Linux chooses for {@code img} in an empty address space. */
    static long chooseBias(ElfImage img, VirtualMemory vm) {
        if (!img.positionIndependent()) {
            return 0;
        }
        long lo = VirtualMemory.pageDown(img.lowAddress());
        long span = VirtualMemory.pageUp(img.highAddress()) - lo;
        long at = vm.findFree(0, span, img.maxAlign());
        if (at < 0) {
            throw new ElfException(ElfException.Kind.MALFORMED, "the image does not fit in the address space");
        }
        return at - lo;
    }

    /** Maps the image and the stack and writes the initial stack; the VM must be empty. */
    public static Loaded load(ElfImage img, VirtualMemory vm, Process p) {
        long bias = chooseBias(img, vm);
        byte[] file = img.bytes();
        long end = 0;
        for (ElfImage.Segment s : img.segments()) {
            if (s.memSize() == 0) {
                continue;
            }
            long va = s.vaddr() + bias;
            long start = VirtualMemory.pageDown(va);
            long stop = VirtualMemory.pageUp(va + s.memSize());
            if (start < VirtualMemory.MMAP_MIN_ADDR || stop > STACK_TOP - STACK_SIZE - PAGE_SIZE) {
                throw new ElfException(ElfException.Kind.MALFORMED,
                        String.format("segment at 0x%x lies outside the loadable range", va));
            }
            vm.mapFixed(start, stop, PROT_READ | PROT_WRITE, VirtualMemory.Kind.IMAGE, null, 0);
            // File bytes from the page-aligned offset up to the end of the segment's file part.
            long fileStart = s.offset() - (va - start);
            long n = s.fileSize() + (va - start);
            if (fileStart < 0) {
                fileStart = s.offset();
                n = s.fileSize();
                start = va;
            }
            GuestBytes.write(vm.space().memory(), start, file, (int) fileStart, (int) n);
            int prot = (s.readable() ? PROT_READ : 0) | (s.writable() ? PROT_WRITE : 0)
                    | (s.executable() ? PROT_EXEC : 0);
            long pStart = VirtualMemory.pageDown(va);
            vm.mprotect(pStart, stop - pStart, prot);
            // Linux maps the file's pages and then anonymous pages for the rest of the bss:
            // two VMAs, the second unnamed in /proc/self/maps.
            long fileEnd = VirtualMemory.pageUp(va + s.fileSize());
            if (fileEnd > pStart && fileEnd < stop) {
                vm.retag(fileEnd, stop, VirtualMemory.Kind.ANON);
            }
            end = Math.max(end, stop);
        }
        long brk = img.positionIndependent() ? ELF_ET_DYN_BASE : end;
        vm.initBrk(brk);

        int stackProt = PROT_READ | PROT_WRITE | (img.executableStack() ? PROT_EXEC : 0);
        vm.mapFixed(STACK_TOP - STACK_SIZE, STACK_TOP, stackProt, VirtualMemory.Kind.STACK, null, 0);
        long entry = img.entry() + bias;
        long phdr = img.phdrAddress() + bias;
        long rsp = InitialStack.build(vm.space().memory(), STACK_TOP, p.argv(), p.env(), p.execfn(), p.random(),
                new InitialStack.Aux(phdr, img.phentsize(), img.phnum(), entry, p.hwcap(), p.uid(), p.euid(),
                        p.gid(), p.egid()));
        return new Loaded(entry, rsp, brk, bias, STACK_TOP);
    }
}
