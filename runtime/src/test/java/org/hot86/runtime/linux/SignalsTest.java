package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signal frames against the host kernel and glibc: a native program takes a SIGSEGV in
 * an SA_SIGINFO handler and prints what it sees (glibc's REG_* indices, the struct
 * offsets, the frame's geometry, the fault fields and masks); the same fault delivered
 * by {@link Signals} must look the same to a handler.
 */
class SignalsTest {
    @TempDir
    Path dir;

    static final String NATIVE = """
            #define _GNU_SOURCE
            #include <signal.h>
            #include <stdio.h>
            #include <stdint.h>
            #include <stddef.h>
            #include <string.h>
            #include <ucontext.h>
            #include <unistd.h>
            static void h(int sig, siginfo_t *si, void *ctx) {
                ucontext_t *uc = ctx;
                sigset_t cur;
                sigprocmask(SIG_SETMASK, NULL, &cur);
                unsigned long m, om;
                memcpy(&m, &cur, 8);
                memcpy(&om, &uc->uc_sigmask, 8);
                printf("sig %d\\ncode %d\\naddr %lu\\n", sig, si->si_code, (unsigned long) si->si_addr);
                printf("info_minus_uc %ld\\nuc_mod16 %lu\\nfp_mod64 %lu\\nfp_above_info %d\\n",
                       (long) ((char *) si - (char *) uc), (unsigned long) uc % 16,
                       (unsigned long) uc->uc_mcontext.fpregs % 64, (char *) uc->uc_mcontext.fpregs > (char *) si);
                printf("uc_flags_no_xstate %lu\\nss_flags %d\\n", uc->uc_flags & ~1UL, uc->uc_stack.ss_flags);
                printf("trapno %lld\\nerr %lld\\ncr2 %lld\\ncsgsfs %lld\\n", uc->uc_mcontext.gregs[REG_TRAPNO],
                       uc->uc_mcontext.gregs[REG_ERR], uc->uc_mcontext.gregs[REG_CR2],
                       uc->uc_mcontext.gregs[REG_CSGSFS]);
                printf("mask %lu\\noldmask %lu\\nsc_oldmask %lld\\n", m, om, uc->uc_mcontext.gregs[REG_OLDMASK]);
                fflush(stdout);
                _exit(0);
            }
            int main(void) {
                sigset_t none;
                sigemptyset(&none);
                sigprocmask(SIG_SETMASK, &none, 0); /* the JVM's mask is inherited */
                printf("REG_R8 %d\\nREG_R9 %d\\nREG_R10 %d\\nREG_R11 %d\\nREG_R12 %d\\nREG_R13 %d\\nREG_R14 %d\\n"
                       "REG_R15 %d\\nREG_RDI %d\\nREG_RSI %d\\nREG_RBP %d\\nREG_RBX %d\\nREG_RDX %d\\nREG_RAX %d\\n"
                       "REG_RCX %d\\nREG_RSP %d\\nREG_RIP %d\\nREG_EFL %d\\n",
                       REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_RDI, REG_RSI,
                       REG_RBP, REG_RBX, REG_RDX, REG_RAX, REG_RCX, REG_RSP, REG_RIP, REG_EFL);
                printf("uc_stack %zu\\nuc_mcontext %zu\\nuc_sigmask %zu\\nsi_addr %zu\\nsi_pid %zu\\nsi_uid %zu\\n",
                       offsetof(ucontext_t, uc_stack), offsetof(ucontext_t, uc_mcontext),
                       offsetof(ucontext_t, uc_sigmask), offsetof(siginfo_t, si_addr), offsetof(siginfo_t, si_pid),
                       offsetof(siginfo_t, si_uid));
                fflush(stdout);
                struct sigaction sa;
                memset(&sa, 0, sizeof sa);
                sa.sa_sigaction = h;
                sa.sa_flags = SA_SIGINFO;
                sigemptyset(&sa.sa_mask);
                sigaddset(&sa.sa_mask, SIGUSR2);
                sigaction(SIGSEGV, &sa, 0);
                sigset_t b;
                sigemptyset(&b);
                sigaddset(&b, SIGUSR1);
                sigprocmask(SIG_BLOCK, &b, 0);
                *(volatile int *) 0x1234 = 1;
                return 1;
            }
            """;

    static Map<String, Long> hostFacts() {
        Path exe = NativeTools.compile("sigframe", NATIVE, "-static");
        Map<String, Long> m = new HashMap<>();
        for (String line : NativeTools.runOk(exe.toString()).split("\n")) {
            String[] p = line.split(" ");
            m.put(p[0], Long.parseLong(p[1]));
        }
        return m;
    }

    static final long HANDLER = 0x401000, RESTORER = 0x401100, STACK_TOP = KernelFixture.SCRATCH + 0x80000;

    /** Installs {@code sig}'s handler through rt_sigaction. */
    static void install(KernelFixture f, int sig, long flags, long mask) {
        long act = f.alloc(32);
        f.as.write64(act, HANDLER);
        f.as.write64(act + 8, flags | Signals.SA_RESTORER);
        f.as.write64(act + 16, RESTORER);
        f.as.write64(act + 24, mask);
        assertEquals(0, f.call(Sys.RT_SIGACTION, sig, act, 0, 8));
    }

    static UserRegs faultRegs() {
        UserRegs r = new UserRegs();
        for (int i = 0; i < 16; i++) {
            r.gpr[i] = 0x1000 + i;
        }
        r.gpr[UserRegs.RSP] = STACK_TOP - 0x123;
        r.rip = 0x401234;
        r.rflags = 0x10246 | 0x400;
        r.trapno = 14;
        r.err = 6;
        r.cr2 = 0x1234;
        r.siAddr = 0x1234;
        r.siCode = Signals.SEGV_MAPERR;
        r.fxsave[100] = 42;
        return r;
    }

    @Test
    void segvFrameLooksToAHandlerAsOnTheHost() {
        Map<String, Long> host = hostFacts();
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        install(f, Signals.SIGSEGV, Signals.SA_SIGINFO, Signals.bit(Signals.SIGUSR2));
        long set = f.alloc(8);
        f.as.write64(set, Signals.bit(Signals.SIGUSR1));
        assertEquals(0, f.call(Sys.RT_SIGPROCMASK, Signals.SIG_BLOCK, set, 0, 8));

        UserRegs before = faultRegs();
        UserRegs r = faultRegs();
        f.k.deliverSignal(r, Signals.SIGSEGV);

        long uc = r.gpr[UserRegs.RDX], info = r.gpr[UserRegs.RSI];
        assertEquals(HANDLER, r.rip);
        assertEquals(Signals.SIGSEGV, r.gpr[UserRegs.RDI]);
        assertEquals(RESTORER, f.u64(r.gpr[UserRegs.RSP]), "return address is sa_restorer");
        assertEquals(uc - 8, r.gpr[UserRegs.RSP], "pretcode sits right below the ucontext");
        assertTrue(r.gpr[UserRegs.RSP] + 128 + 440 <= before.gpr[UserRegs.RSP], "red zone and frame below rsp");
        assertEquals(0, r.rflags & 0x400, "DF cleared for the handler");

        assertEquals(host.get("sig"), (long) f.u32(info));
        assertEquals(host.get("code"), (long) f.u32(info + 8));
        assertEquals(host.get("addr"), f.u64(info + host.get("si_addr")));
        assertEquals(host.get("info_minus_uc"), info - uc);
        assertEquals(host.get("uc_mod16"), uc % 16);
        long gregs = uc + host.get("uc_mcontext");
        long fp = f.u64(gregs + 8 * 23);
        assertEquals(host.get("fp_mod64"), fp % 64);
        assertEquals(host.get("fp_above_info"), fp > info ? 1L : 0L);
        assertEquals(42, f.as.read8(fp + 100), "fpstate holds the FXSAVE image");
        assertEquals(host.get("uc_flags_no_xstate"), f.u64(uc) & ~1L);
        assertEquals(host.get("ss_flags"), (long) f.u32(uc + host.get("uc_stack") + 8));
        assertEquals(host.get("trapno"), f.u64(gregs + 8 * 20));
        assertEquals(host.get("err"), f.u64(gregs + 8 * 19));
        assertEquals(host.get("cr2"), f.u64(gregs + 8 * 22));
        assertEquals(host.get("csgsfs"), f.u64(gregs + 8 * 18));
        assertEquals(host.get("mask"), f.k.signals().blocked(), "mask inside the handler");
        assertEquals(host.get("oldmask"), f.u64(uc + host.get("uc_sigmask")));
        assertEquals(host.get("sc_oldmask"), f.u64(gregs + 8 * 21));
        String[] names = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI", "R8", "R9", "R10", "R11", "R12",
            "R13", "R14", "R15"};
        for (int i = 0; i < 16; i++) {
            assertEquals(before.gpr[i], f.u64(gregs + 8 * host.get("REG_" + names[i])), "gregs[REG_" + names[i] + "]");
        }
        assertEquals(before.rip, f.u64(gregs + 8 * host.get("REG_RIP")));
        assertEquals(before.rflags, f.u64(gregs + 8 * host.get("REG_EFL")));
    }

    @Test
    void rtSigreturnRestoresWhatTheHandlerLeft() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        install(f, Signals.SIGSEGV, Signals.SA_SIGINFO, 0);
        UserRegs r = faultRegs();
        UserRegs before = faultRegs();
        f.k.deliverSignal(r, Signals.SIGSEGV);
        long gregs = r.gpr[UserRegs.RDX] + 40;
        // The handler skips the faulting instruction and changes RAX, RFLAGS.CF and the FPU image.
        f.as.write64(gregs + 8 * 16, before.rip + 7);
        f.as.write64(gregs + 8 * 13, 77);
        f.as.write64(gregs + 8 * 17, before.rflags | 1 | 0x200000);
        f.as.write8(f.u64(gregs + 8 * 23) + 100, 43);
        // Its "ret" pops pretcode; the restorer does mov eax, 15; syscall.
        r.gpr[UserRegs.RSP] += 8;
        r.gpr[UserRegs.RAX] = Sys.RT_SIGRETURN;
        r.rip = RESTORER + 7;
        f.k.syscall(r);
        assertEquals(before.rip + 7, r.rip);
        assertEquals(77, r.gpr[UserRegs.RAX]);
        for (int i = 0; i < 16; i++) {
            if (i != UserRegs.RAX) {
                assertEquals(before.gpr[i], r.gpr[i], "register " + i);
            }
        }
        assertEquals(before.rflags | 1, r.rflags, "CF restored; ID is not a bit a handler may set");
        assertEquals(43, r.fxsave[100]);
        assertEquals(0, f.k.signals().blocked(), "mask restored");
    }

    @Test
    void altStackNodeferAndResethand() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        long alt = KernelFixture.SCRATCH + 0xA0000;
        long ss = f.alloc(24);
        f.as.write64(ss, alt);
        f.as.write32(ss + 8, 0);
        f.as.write64(ss + 16, 0x4000);
        UserRegs r = faultRegs();
        r.gpr[UserRegs.RAX] = Sys.SIGALTSTACK;
        r.gpr[UserRegs.RDI] = ss;
        r.gpr[UserRegs.RSI] = 0;
        f.k.syscall(r);
        assertEquals(0, r.gpr[UserRegs.RAX]);
        f.as.write64(ss + 16, 100);
        assertEquals(-Errno.ENOMEM, f.call(Sys.SIGALTSTACK, ss, 0));

        install(f, Signals.SIGBUS, Signals.SA_ONSTACK | Signals.SA_NODEFER | Signals.SA_RESETHAND, 0);
        r = faultRegs();
        f.k.deliverSignal(r, Signals.SIGBUS);
        long sp = r.gpr[UserRegs.RSP];
        long infoAddr = r.gpr[UserRegs.RSI];
        assertTrue(sp > alt && sp < alt + 0x4000, "frame on the alternate stack");
        assertEquals(0, f.k.signals().blocked(), "SA_NODEFER: not blocked during the handler");
        assertEquals(Signals.SIG_DFL, f.k.signals().action(Signals.SIGBUS).handler(), "SA_RESETHAND");
        long oss = f.alloc(24);
        r.gpr[UserRegs.RAX] = Sys.SIGALTSTACK;
        r.gpr[UserRegs.RDI] = 0;
        r.gpr[UserRegs.RSI] = oss;
        f.k.syscall(r);
        assertEquals(Signals.SS_ONSTACK, f.u32(oss + 8), "running on the alternate stack");
        r.gpr[UserRegs.RDI] = ss;
        r.gpr[UserRegs.RAX] = Sys.SIGALTSTACK;
        f.k.syscall(r);
        assertEquals(-Errno.EPERM, r.gpr[UserRegs.RAX], "cannot change it while on it");
        // Without SA_SIGINFO the siginfo is not copied.
        assertEquals(0, f.u32(infoAddr));
        // Second SIGBUS: default action now.
        GuestExit e = assertThrows(GuestExit.class, () -> f.k.deliverSignal(faultRegs(), Signals.SIGBUS));
        assertEquals(128 + Signals.SIGBUS, e.status());
    }

    @Test
    void defaultActionKillsWithAReport() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        GuestExit e = assertThrows(GuestExit.class, () -> f.k.deliverSignal(faultRegs(), Signals.SIGSEGV));
        assertEquals(139, e.status());
        assertEquals(Signals.SIGSEGV, e.signal());
        String rep = e.report("mov dword ptr [rax], 1");
        assertTrue(rep.contains("SIGSEGV") && rep.contains("0x401234") && rep.contains("0x1234")
                && rep.contains("mov dword ptr [rax], 1"), rep);
        assertEquals(1, rep.lines().count());
        // A blocked fault signal is not held back: it kills, as Linux's force_sig_fault.
        KernelFixture g = new KernelFixture(dir, new byte[0]);
        install(g, Signals.SIGFPE, Signals.SA_SIGINFO, 0);
        long set = g.alloc(8);
        g.as.write64(set, Signals.bit(Signals.SIGFPE));
        g.call(Sys.RT_SIGPROCMASK, Signals.SIG_BLOCK, set, 0, 8);
        UserRegs r = faultRegs();
        r.siCode = Signals.FPE_INTDIV;
        assertEquals(136, assertThrows(GuestExit.class, () -> g.k.deliverSignal(r, Signals.SIGFPE)).status());
        // An unwritable stack: the frame cannot be built, SIGSEGV.
        KernelFixture h = new KernelFixture(dir, new byte[0]);
        install(h, Signals.SIGILL, 0, 0);
        UserRegs bad = faultRegs();
        bad.gpr[UserRegs.RSP] = 0x2000;
        assertEquals(139, assertThrows(GuestExit.class, () -> h.k.deliverSignal(bad, Signals.SIGILL)).status());
    }

    @Test
    void killToSelfIsDeliveredOnReturnFromTheSystemCall() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        install(f, Signals.SIGUSR1, Signals.SA_SIGINFO, 0);
        UserRegs r = faultRegs();
        // raise(): block all, tgkill, restore the mask (delivery happens at the restore).
        long all = f.alloc(8), old = f.alloc(8);
        f.as.write64(all, -1L);
        r.gpr[UserRegs.RAX] = Sys.RT_SIGPROCMASK;
        r.gpr[UserRegs.RDI] = Signals.SIG_BLOCK;
        r.gpr[UserRegs.RSI] = all;
        r.gpr[UserRegs.RDX] = old;
        r.gpr[UserRegs.R10] = 8;
        f.k.syscall(r);
        assertEquals(0, r.gpr[UserRegs.RAX]);
        r.gpr[UserRegs.RAX] = Sys.TGKILL;
        r.gpr[UserRegs.RDI] = 4242;
        r.gpr[UserRegs.RSI] = 4242;
        r.gpr[UserRegs.RDX] = Signals.SIGUSR1;
        f.k.syscall(r);
        assertEquals(0, r.gpr[UserRegs.RAX]);
        assertNotEquals(HANDLER, r.rip, "blocked: still pending");
        r.gpr[UserRegs.RAX] = Sys.RT_SIGPROCMASK;
        r.gpr[UserRegs.RDI] = Signals.SIG_SETMASK;
        r.gpr[UserRegs.RSI] = old;
        r.gpr[UserRegs.RDX] = 0;
        f.k.syscall(r);
        assertEquals(HANDLER, r.rip, "delivered when unblocked");
        long info = r.gpr[UserRegs.RSI];
        assertEquals(Signals.SIGUSR1, f.u32(info));
        assertEquals(Signals.SI_TKILL, f.u32(info + 8));
        assertEquals(4242, f.u32(info + 16), "si_pid");
        assertEquals(1000, f.u32(info + 20), "si_uid");
        long gregs = r.gpr[UserRegs.RDX] + 40;
        assertEquals(0, f.u64(gregs + 8 * 13), "the interrupted syscall's result is in the saved RAX");

        // abort(): SIGABRT with the default action ends the process with 134.
        UserRegs a = faultRegs();
        a.gpr[UserRegs.RAX] = Sys.KILL;
        a.gpr[UserRegs.RDI] = 4242;
        a.gpr[UserRegs.RSI] = Signals.SIGABRT;
        GuestExit e = assertThrows(GuestExit.class, () -> f.k.syscall(a));
        assertEquals(134, e.status());
        // Ignored by default: nothing happens.
        UserRegs c = faultRegs();
        c.gpr[UserRegs.RAX] = Sys.KILL;
        c.gpr[UserRegs.RDI] = 0;
        c.gpr[UserRegs.RSI] = Signals.SIGCHLD;
        f.k.syscall(c);
        assertEquals(0, c.gpr[UserRegs.RAX]);
        assertEquals(-Errno.EPERM, f.call(Sys.KILL, 1, Signals.SIGTERM), "other processes are off limits");
        assertEquals(-Errno.ESRCH, f.call(Sys.TGKILL, 4242, 99, Signals.SIGTERM));
    }

    @Test
    void sigactionAndSigprocmaskArguments() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        long act = f.alloc(32), old = f.alloc(32);
        assertEquals(-Errno.EINVAL, f.call(Sys.RT_SIGACTION, Signals.SIGKILL, act, 0, 8));
        assertEquals(-Errno.EINVAL, f.call(Sys.RT_SIGACTION, 65, 0, old, 8));
        assertEquals(-Errno.EINVAL, f.call(Sys.RT_SIGACTION, Signals.SIGINT, 0, old, 4));
        f.as.write64(act, HANDLER);
        f.as.write64(act + 8, Signals.SA_RESTORER | Signals.SA_SIGINFO);
        f.as.write64(act + 16, RESTORER);
        f.as.write64(act + 24, -1L);
        assertEquals(0, f.call(Sys.RT_SIGACTION, Signals.SIGINT, act, 0, 8));
        assertEquals(0, f.call(Sys.RT_SIGACTION, Signals.SIGINT, 0, old, 8));
        assertEquals(HANDLER, f.u64(old));
        assertEquals(Signals.SA_RESTORER | Signals.SA_SIGINFO, f.u64(old + 8));
        assertEquals(RESTORER, f.u64(old + 16));
        assertEquals(-1L & ~(Signals.bit(9) | Signals.bit(19)), f.u64(old + 24), "KILL and STOP cannot be masked");
        long set = f.alloc(8);
        f.as.write64(set, -1L);
        assertEquals(-Errno.EINVAL, f.call(Sys.RT_SIGPROCMASK, 7, set, 0, 8));
        assertEquals(0, f.call(Sys.RT_SIGPROCMASK, Signals.SIG_SETMASK, set, 0, 8));
        assertEquals(-1L & ~(Signals.bit(9) | Signals.bit(19)), f.k.signals().blocked());
        assertEquals(-Errno.EFAULT, f.call(Sys.RT_SIGPROCMASK, Signals.SIG_SETMASK, 0x1000, 0, 8));
    }
}
