package org.hot86.runtime.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs small static programs, assembled here with GNU as and ld from binutils, in user
 * mode: system calls, demand paging, brk, and death by signal.
 */
class UserMachineTest {
    @TempDir
    Path dir;

    Path assemble(String name, String source) throws Exception {
        Path s = dir.resolve(name + ".s");
        Path o = dir.resolve(name + ".o");
        Path exe = dir.resolve(name);
        Files.writeString(s, ".intel_syntax noprefix\n.globl _start\n" + source);
        run(List.of("as", "--64", "-o", o.toString(), s.toString()));
        run(List.of("ld", "-static", "-o", exe.toString(), o.toString()));
        return exe;
    }

    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (are binutils installed?):\n" + out);
        }
    }

    record Outcome(int status, String stdout, String report) {}

    Outcome runGuest(Path exe, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UserMachine.Config cfg = new UserMachine.Config();
        cfg.maxInsns = 10_000_000;
        cfg.kernel.stdio(new java.io.ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream());
        List<String> argv = new java.util.ArrayList<>(List.of(exe.toString()));
        argv.addAll(List.of(args));
        UserMachine m = new UserMachine(exe, argv, List.of("HOME=/nowhere"), cfg);
        UserMachine.Result r = m.run();
        return new Outcome(r.status(), out.toString(), r.report());
    }

    @Test
    void writesAndExitsWithItsStatus() throws Exception {
        Path exe = assemble("hello", """
                _start:
                    mov eax, 1          # write(1, msg, len)
                    mov edi, 1
                    lea rsi, [rip + msg]
                    mov edx, 6
                    syscall
                    mov eax, 60         # exit(argc + 40)
                    mov rdi, [rsp]
                    add rdi, 40
                    syscall
                msg: .ascii "hello\\n"
                """);
        Outcome o = runGuest(exe, "x", "y");
        assertEquals("hello\n", o.stdout());
        assertEquals(43, o.status());
    }

    @Test
    void loopsOverDemandPagedBssAndBrk() throws Exception {
        // Sums 1..1000 into a 64 KiB bss array (first touches are demand faults), then grows
        // brk by a page, stores there, and exits with (sum + that value) & 0xFF.
        Path exe = assemble("sum", """
                .bss
                buf: .skip 65536
                .text
                _start:
                    xor eax, eax
                    mov ecx, 1
                    lea rdi, [rip + buf]
                1:  add rax, rcx
                    mov [rdi + rcx*8], rax
                    inc ecx
                    cmp ecx, 1000
                    jbe 1b
                    mov rbx, [rdi + 1000*8]
                    mov eax, 12          # brk(0)
                    xor edi, edi
                    syscall
                    mov r12, rax
                    lea rdi, [rax + 4096]
                    mov eax, 12          # brk(cur + 4096)
                    syscall
                    mov qword ptr [r12 + 8], 7
                    add rbx, [r12 + 8]
                    mov rdi, rbx
                    and edi, 255
                    mov eax, 231         # exit_group
                    syscall
                """);
        Outcome o = runGuest(exe);
        assertEquals((500500 + 7) & 0xFF, o.status());
    }

    @Test
    void strayStoreDiesWithSigsegvLikeLinux() throws Exception {
        Path exe = assemble("segv", """
                _start:
                    mov rax, 0x1000
                    mov dword ptr [rax], 1
                    mov eax, 60
                    syscall
                """);
        Outcome o = runGuest(exe);
        assertEquals(128 + 11, o.status());
        assertTrue(o.report().contains("SIGSEGV"), o.report());
        assertTrue(o.report().contains("mov"), o.report());
    }

    @Test
    void runawayGuestStopsAtTheInstructionLimit() throws Exception {
        Path exe = assemble("spin", "_start:\n  jmp _start\n");
        UserMachine.Config cfg = new UserMachine.Config();
        cfg.maxInsns = 100_000;
        UserMachine m = new UserMachine(exe, List.of("spin"), List.of(), cfg);
        UserMachine.Result r = m.run();
        assertTrue(r.stoppedByLimit());
        assertTrue(m.cpu().instructionsRetired >= 100_000);
    }
}
