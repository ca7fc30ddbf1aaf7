/*
 * Host-CPU oracle for hot86's SSE semantics (test-only, built by the tests into target/).
 *
 * Protocol over stdin/stdout, fixed-size little-endian records, one reply per request:
 *   request (160 bytes):
 *             u8 len, u8 code[31]      instruction bytes (register forms only; RET appended here)
 *             u32 mxcsr, u32 pad
 *             u64 rflags
 *             u8 xmm[4][16]            xmm0..xmm3
 *             u64 rax, rcx, rdx, rbx
 *   reply (128 bytes):
 *             u32 status               0 = retired, 1 = SIGFPE (#XM), 2 = SIGILL, 3 = SIGSEGV/SIGBUS
 *             u32 mxcsr                MXCSR after the instruction (or at the fault, from the signal frame)
 *             u64 rflags
 *             u8 xmm[4][16]
 *             u64 rax, rcx, rdx, rbx
 *             pad to 128
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

struct regs {
    uint8_t xmm[4][16];
    uint64_t gpr[4];
    uint64_t rflags;
    uint32_t mxcsr;
    uint32_t pad;
};

void run_case(struct regs *r, const void *code);

static sigjmp_buf jump;
static volatile struct regs *cur;
static volatile uint32_t status;

static void on_signal(int sig, siginfo_t *info, void *ctx) {
    (void) info;
    ucontext_t *uc = (ucontext_t *) ctx;
    status = sig == SIGFPE ? 1 : sig == SIGILL ? 2 : 3;
    if (uc->uc_mcontext.fpregs) {
        cur->mxcsr = uc->uc_mcontext.fpregs->mxcsr;
        for (int i = 0; i < 4; i++) memcpy((void *) cur->xmm[i], &uc->uc_mcontext.fpregs->_xmm[i], 16);
    }
    cur->gpr[0] = uc->uc_mcontext.gregs[REG_RAX];
    cur->gpr[1] = uc->uc_mcontext.gregs[REG_RCX];
    cur->gpr[2] = uc->uc_mcontext.gregs[REG_RDX];
    cur->gpr[3] = uc->uc_mcontext.gregs[REG_RBX];
    cur->rflags = uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(jump, 1);
}

static int read_full(void *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(0, (char *) buf + got, n - got);
        if (k <= 0) return 0;
        got += (size_t) k;
    }
    return 1;
}

static void write_full(const void *buf, size_t n) {
    size_t put = 0;
    while (put < n) {
        ssize_t k = write(1, (const char *) buf + put, n - put);
        if (k <= 0) _exit(3);
        put += (size_t) k;
    }
}

int main(void) {
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) { perror("mmap"); return 2; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    uint8_t in[160], out[128];
    static struct regs r;
    while (read_full(in, sizeof in)) {
        uint8_t len = in[0] > 31 ? 31 : in[0];
        memcpy(page, in + 1, len);
        page[len] = 0xC3;
        memcpy(&r.mxcsr, in + 32, 4);
        memcpy(&r.rflags, in + 40, 8);
        memcpy(r.xmm, in + 48, 64);
        memcpy(r.gpr, in + 112, 32);
        cur = &r;
        status = 0;
        if (sigsetjmp(jump, 1) == 0) run_case(&r, page);
        memset(out, 0, sizeof out);
        uint32_t st = status;
        memcpy(out, &st, 4);
        memcpy(out + 4, &r.mxcsr, 4);
        memcpy(out + 8, &r.rflags, 8);
        memcpy(out + 16, r.xmm, 64);
        memcpy(out + 80, r.gpr, 32);
        write_full(out, sizeof out);
    }
    return 0;
}
