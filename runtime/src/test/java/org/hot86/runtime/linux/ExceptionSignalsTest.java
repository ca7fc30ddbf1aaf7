package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU exceptions to signals, against the host: a native program provokes each exception
 * and its SA_SIGINFO handler prints the signal, si_code, trapno, error code and si_addr
 * that Linux gave it. The test feeds {@link LinuxKernel#deliverException} the vector and
 * error code the SDM defines for the same instruction and compares.
 *
 * <p>The page-fault error code's P bit is not compared for faults on mapped pages: Linux
 * demand-pages, so a first touch of a PROT_READ page faults with P=0 on the host, while
 * hot86's MMU maps eagerly (P=1). si_code does not depend on it (Linux looks at the VMA).
 */
class ExceptionSignalsTest {
    @TempDir
    Path dir;

    static final String NATIVE = """
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <xmmintrin.h>
static sigjmp_buf jb;
static const char *name;
static void h(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    unsigned long rip = uc->uc_mcontext.gregs[REG_RIP];
    printf("%s %d %d %lld %lld %s %lx\\n", name, sig, si->si_code, uc->uc_mcontext.gregs[REG_TRAPNO],
           uc->uc_mcontext.gregs[REG_ERR], (unsigned long) si->si_addr == rip ? "rip" : "addr",
           (unsigned long) si->si_addr);
    fflush(stdout);
    siglongjmp(jb, 1);
}
#define T(n, ...) name = n; if (!sigsetjmp(jb, 1)) { __VA_ARGS__; }
int main(void) {
    struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = h; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    for (int i = 0; i < 5; i++) sigaction(sigs[i], &sa, 0);
    char *ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile int zero = 0, one = 1;
    T("de", one = one / zero);
    T("ud", __asm__ volatile("ud2"));
    T("bp", __asm__ volatile("int3"));
    T("pf_write_unmapped", *(volatile int *) 0x1000 = 1);
    T("pf_read_unmapped", (void) *(volatile int *) 0x1000);
    T("pf_write_ro", *(volatile char *) ro = 1);
    T("pf_exec_nx", ((void (*)(void)) ro)());
    T("gp_noncanonical", (void) *(volatile int *) 0x8000000000000000UL);
    T("gp_hlt", __asm__ volatile("hlt"));
    T("xm_div", { _mm_setcsr(0x1f80 & ~0x200); volatile __m128 a = _mm_set_ss(1.0f), b = _mm_set_ss(0.0f); a = _mm_div_ss(a, b); });
    return 0;
}
""";

    record Host(int sig, int code, long trapno, long err, String addrKind, long addr) {}

    @Test
    void exceptionsBecomeTheSignalsLinuxSends() {
        Map<String, Host> host = new HashMap<>();
        Path exe = NativeTools.compile("faults", NATIVE, "-static", "-O0");
        for (String l : NativeTools.runOk(exe.toString()).split("\n")) {
            String[] p = l.split(" ");
            host.put(p[0], new Host(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]),
                    Long.parseLong(p[4]), p[5], Long.parseUnsignedLong(p[6], 16)));
        }
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        long ro = f.k.syscall(Sys.MMAP, 0, 4096, 1, 0x22, -1, 0);
        for (int sig : new int[] {Signals.SIGSEGV, Signals.SIGBUS, Signals.SIGILL, Signals.SIGFPE, Signals.SIGTRAP}) {
            SignalsTest.install(f, sig, Signals.SA_SIGINFO | Signals.SA_NODEFER, 0);
        }
        Object[][] cases = {
            // name, vector, error code (SDM), address, unmasked SIMD exceptions, compare err
            {"de", 0, 0, 0L, 0, true},
            {"ud", 6, 0, 0L, 0, true},
            {"bp", 3, 0, 0L, 0, true},
            {"pf_write_unmapped", 14, 0x6, 0x1000L, 0, true},
            {"pf_read_unmapped", 14, 0x4, 0x1000L, 0, true},
            {"pf_write_ro", 14, 0x7, ro, 0, false},
            {"pf_exec_nx", 14, 0x15, ro, 0, false},
            {"gp_noncanonical", 13, 0, 0L, 0, true},
            {"gp_hlt", 13, 0, 0L, 0, true},
            {"xm_div", 19, 0, 0L, 0x4, true},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            Host h = host.get(name);
            UserRegs r = SignalsTest.faultRegs();
            if (name.equals("pf_exec_nx")) {
                r.rip = ro; // an instruction fetch faults at the jump target
            }
            long rip = r.rip;
            f.k.deliverException(r, (Integer) c[1], (Integer) c[2], (Long) c[3], (Integer) c[4]);
            long info = r.gpr[UserRegs.RSI];
            long gregs = r.gpr[UserRegs.RDX] + 40;
            assertEquals(h.sig(), r.gpr[UserRegs.RDI], name + " signal");
            assertEquals(h.code(), f.u32(info + 8), name + " si_code");
            assertEquals(h.trapno(), f.u64(gregs + 8 * 20), name + " trapno");
            if ((Boolean) c[5]) {
                assertEquals(h.err(), f.u64(gregs + 8 * 19), name + " err");
            }
            long siAddr = f.u64(info + 16);
            if (h.addrKind().equals("rip")) {
                assertEquals(rip, siAddr, name + " si_addr is the instruction");
            } else if (h.addr() == 0 || h.addr() == 0x1000) {
                assertEquals(h.addr(), siAddr, name + " si_addr");
            } else {
                assertEquals(ro, siAddr, name + " si_addr is the faulting address");
            }
        }
    }
}
