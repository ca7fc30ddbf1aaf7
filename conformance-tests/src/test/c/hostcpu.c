/*
 * hot86 host-CPU oracle: runs short x86 instruction sequences natively in user mode and
 * reports the final architectural state, or the exception that stopped them.
 *
 * Built by the conformance tests with the system cc into target/ (never committed), once
 * as a 64-bit helper and once with -m32 as a 32-bit helper (a 32-bit process: its code
 * runs in a 32-bit code segment, i.e. compatibility mode under a 64-bit kernel).
 *
 * Fixed layout (identical in both builds; all below 2 GiB so absolute disp32 works):
 *   CODE_PAGE 0x10000000  RWX, 4 KiB. The case's code is copied so that it ENDS at
 *                         EXIT_AT = CODE_PAGE + 0xF00, where a jump to guest_exit sits.
 *                         Falling off the end of the sequence therefore ends the case.
 *   DATA_PAGE 0x20000000  RW, 4 KiB, filled from a 64-bit seed with splitmix64 (the Java
 *                         side computes the same bytes). Nothing else is mapped nearby.
 *   CTX_PAGE  0x30000000  RW, 8 KiB: register file, flags, entry point, host stack pointer,
 *                         a private stack for PUSHF/POPF in the entry/exit stubs.
 *
 * Protocol (little-endian, stdin -> stdout, one case at a time, any number of cases):
 *   request:  u32 magic 'H86Q', u32 codeLen (0 = quit), u64 dataSeed, u64 regs[16],
 *             u64 flags, u8 code[codeLen]
 *             (the 32-bit helper uses the low 32 bits of regs[0..7] and flags)
 *   response: u32 magic 'H86R', u32 status (0 = reached the end, else the signal number),
 *             u32 trapno (x86 vector from the signal context), u32 errcode,
 *             u64 rip (at the signal; for status 0: EXIT_AT), u64 addr (si_addr),
 *             u64 regs[16], u64 flags, u32 nChanged, then nChanged x (u32 offset, u64 value)
 *             for each 8-byte word of the data page that differs from its initial value.
 *
 * SSE state: XMM registers (xmm0-15; the 32-bit helper xmm0-7) and MXCSR are loaded before
 * the case and stored after it (or taken from the signal frame). A request with the magic
 * above starts every case with all XMM registers zero and MXCSR = 0x1F80, and the response
 * omits them. A request with magic 'H86S' (0x53383648) carries them:
 *   request:  as above up to flags, then u32 mxcsr, u32 nPatches, u8 xmm[16][16],
 *             nPatches x (u32 offset, u64 value) applied to the data page after filling it
 *             (the initial page of the diff includes them), then u8 code[codeLen]
 *   response: as above, then u32 mxcsr, u32 0, u8 xmm[16][16]
 * The XMM area lives in the context page at CTX+0x1C00 (256 bytes), MXCSR at CTX+0x1D00, and
 * the host's default MXCSR (restored at guest_exit) at CTX+0x1D04.
 *
 * x87/MMX state: a request with magic 'H86X' (0x58383648) is an 'H86S' request followed, before
 * the code, by a 512-byte FXSAVE image (64-bit layout in the 64-bit helper) loaded with FXRSTOR
 * right before the case (its MXCSR field must be loadable; MXCSR and XMM still come from the
 * 'H86S' fields). The response adds the final 512-byte FXSAVE image: FXSAVE right after the case,
 * or the FXSAVE part of the signal frame's FPU state; the helper then runs FNINIT.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_PAGE 0x10000000UL
#define EXIT_AT (CODE_PAGE + 0xF00UL)
#define DATA_PAGE 0x20000000UL
#define CTX_PAGE 0x30000000UL
#define PAGE 4096

#if defined(__x86_64__)
typedef uint64_t reg_t;
#define NREGS 16
#else
typedef uint32_t reg_t;
#define NREGS 8
#endif

/* Context page layout: reg_t regs[16] at 0, flags at 16*W, entry at 17*W, hostsp at 18*W. */
struct ctx {
    reg_t regs[16];
    reg_t flags;
    reg_t entry;
    reg_t hostsp;
};
#define CTX ((volatile struct ctx *)CTX_PAGE)
#define XMM_AREA ((uint8_t *)(CTX_PAGE + 0x1C00))
#define MXCSR_AT ((volatile uint32_t *)(CTX_PAGE + 0x1D00))
#define HOST_MXCSR_AT ((volatile uint32_t *)(CTX_PAGE + 0x1D04))
#if defined(__x86_64__)
#define NXMM 16
#else
#define NXMM 8
#endif

extern void run_guest(void);
extern char guest_exit[];

#if defined(__x86_64__)
#define S(x) #x
#define X(x) S(x)
/* offsets: regs at 0, flags 128, entry 136, hostsp 144; private stack top CTX+0x1800 */
__asm__(
    ".text\n"
    ".globl run_guest\n"
    "run_guest:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  mov %rsp, 0x30000090\n"
    "  ldmxcsr 0x30001d00\n"
    "  movdqa 0x30001c00, %xmm0\n"
    "  movdqa 0x30001c10, %xmm1\n"
    "  movdqa 0x30001c20, %xmm2\n"
    "  movdqa 0x30001c30, %xmm3\n"
    "  movdqa 0x30001c40, %xmm4\n"
    "  movdqa 0x30001c50, %xmm5\n"
    "  movdqa 0x30001c60, %xmm6\n"
    "  movdqa 0x30001c70, %xmm7\n"
    "  movdqa 0x30001c80, %xmm8\n"
    "  movdqa 0x30001c90, %xmm9\n"
    "  movdqa 0x30001ca0, %xmm10\n"
    "  movdqa 0x30001cb0, %xmm11\n"
    "  movdqa 0x30001cc0, %xmm12\n"
    "  movdqa 0x30001cd0, %xmm13\n"
    "  movdqa 0x30001ce0, %xmm14\n"
    "  movdqa 0x30001cf0, %xmm15\n"
    "  mov $0x30001800, %rsp\n"
    "  pushq 0x30000080\n"
    "  popfq\n"
    "  mov 0x30000000, %rax\n"
    "  mov 0x30000008, %rcx\n"
    "  mov 0x30000010, %rdx\n"
    "  mov 0x30000018, %rbx\n"
    "  mov 0x30000028, %rbp\n"
    "  mov 0x30000030, %rsi\n"
    "  mov 0x30000038, %rdi\n"
    "  mov 0x30000040, %r8\n"
    "  mov 0x30000048, %r9\n"
    "  mov 0x30000050, %r10\n"
    "  mov 0x30000058, %r11\n"
    "  mov 0x30000060, %r12\n"
    "  mov 0x30000068, %r13\n"
    "  mov 0x30000070, %r14\n"
    "  mov 0x30000078, %r15\n"
    "  mov 0x30000020, %rsp\n"
    "  jmp *0x30000088\n"
    ".globl guest_exit\n"
    "guest_exit:\n"
    "  mov %rax, 0x30000000\n"
    "  mov %rcx, 0x30000008\n"
    "  mov %rdx, 0x30000010\n"
    "  mov %rbx, 0x30000018\n"
    "  mov %rsp, 0x30000020\n"
    "  mov %rbp, 0x30000028\n"
    "  mov %rsi, 0x30000030\n"
    "  mov %rdi, 0x30000038\n"
    "  mov %r8, 0x30000040\n"
    "  mov %r9, 0x30000048\n"
    "  mov %r10, 0x30000050\n"
    "  mov %r11, 0x30000058\n"
    "  mov %r12, 0x30000060\n"
    "  mov %r13, 0x30000068\n"
    "  mov %r14, 0x30000070\n"
    "  mov %r15, 0x30000078\n"
    "  movdqa %xmm0, 0x30001c00\n"
    "  movdqa %xmm1, 0x30001c10\n"
    "  movdqa %xmm2, 0x30001c20\n"
    "  movdqa %xmm3, 0x30001c30\n"
    "  movdqa %xmm4, 0x30001c40\n"
    "  movdqa %xmm5, 0x30001c50\n"
    "  movdqa %xmm6, 0x30001c60\n"
    "  movdqa %xmm7, 0x30001c70\n"
    "  movdqa %xmm8, 0x30001c80\n"
    "  movdqa %xmm9, 0x30001c90\n"
    "  movdqa %xmm10, 0x30001ca0\n"
    "  movdqa %xmm11, 0x30001cb0\n"
    "  movdqa %xmm12, 0x30001cc0\n"
    "  movdqa %xmm13, 0x30001cd0\n"
    "  movdqa %xmm14, 0x30001ce0\n"
    "  movdqa %xmm15, 0x30001cf0\n"
    "  stmxcsr 0x30001d00\n"
    "  ldmxcsr 0x30001d04\n"
    "  mov $0x30001800, %rsp\n"
    "  pushfq\n"
    "  popq 0x30000080\n"
    "  cld\n"
    "  mov 0x30000090, %rsp\n"
    "  call restore_tls\n"
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n");
#else
/* offsets: regs at 0 (4 bytes each, 16 slots), flags 64, entry 68, hostsp 72 */
__asm__(
    ".text\n"
    ".globl run_guest\n"
    "run_guest:\n"
    "  push %ebx; push %ebp; push %esi; push %edi\n"
    "  mov %esp, 0x30000048\n"
    "  ldmxcsr 0x30001d00\n"
    "  movdqa 0x30001c00, %xmm0\n"
    "  movdqa 0x30001c10, %xmm1\n"
    "  movdqa 0x30001c20, %xmm2\n"
    "  movdqa 0x30001c30, %xmm3\n"
    "  movdqa 0x30001c40, %xmm4\n"
    "  movdqa 0x30001c50, %xmm5\n"
    "  movdqa 0x30001c60, %xmm6\n"
    "  movdqa 0x30001c70, %xmm7\n"
    "  mov $0x30001800, %esp\n"
    "  pushl 0x30000040\n"
    "  popfl\n"
    "  mov 0x30000000, %eax\n"
    "  mov 0x30000004, %ecx\n"
    "  mov 0x30000008, %edx\n"
    "  mov 0x3000000c, %ebx\n"
    "  mov 0x30000014, %ebp\n"
    "  mov 0x30000018, %esi\n"
    "  mov 0x3000001c, %edi\n"
    "  mov 0x30000010, %esp\n"
    "  jmp *0x30000044\n"
    ".globl guest_exit\n"
    "guest_exit:\n"
    /* The guest may have loaded DS/ES with other selectors (SS is always the flat 0x2B:
       the only other writable DPL-3 data segment, glibc's TLS, is never drawn), so the
       state is saved through SS and DS/ES are reloaded from it. */
    "  mov %eax, %ss:0x30000000\n"
    "  mov %ecx, %ss:0x30000004\n"
    "  mov %edx, %ss:0x30000008\n"
    "  mov %ebx, %ss:0x3000000c\n"
    "  mov %esp, %ss:0x30000010\n"
    "  mov %ebp, %ss:0x30000014\n"
    "  mov %esi, %ss:0x30000018\n"
    "  mov %edi, %ss:0x3000001c\n"
    "  mov %ss, %eax\n"
    "  mov %eax, %ds\n"
    "  mov %eax, %es\n"
    "  movdqa %xmm0, 0x30001c00\n"
    "  movdqa %xmm1, 0x30001c10\n"
    "  movdqa %xmm2, 0x30001c20\n"
    "  movdqa %xmm3, 0x30001c30\n"
    "  movdqa %xmm4, 0x30001c40\n"
    "  movdqa %xmm5, 0x30001c50\n"
    "  movdqa %xmm6, 0x30001c60\n"
    "  movdqa %xmm7, 0x30001c70\n"
    "  stmxcsr 0x30001d00\n"
    "  ldmxcsr 0x30001d04\n"
    "  mov $0x30001800, %esp\n"
    "  pushfl\n"
    "  popl 0x30000040\n"
    "  cld\n"
    "  mov 0x30000048, %esp\n"
    "  call restore_tls\n"
    "  pop %edi; pop %esi; pop %ebp; pop %ebx\n"
    "  ret\n");
#endif

/*
 * Guest code may load FS/GS (MOV Sreg, POP Sreg, LFS/LGS), which replaces the thread-pointer
 * base that libc (and siglongjmp's pointer guard) depend on. restore_tls() puts the host's
 * values back with raw system calls / selector loads before any libc code runs again; it is
 * called by the exit stub and first thing in the signal handler. The helper is compiled with
 * -fno-stack-protector so that nothing reads the canary before that.
 */
#if defined(__x86_64__)
static unsigned long saved_fs_base, saved_gs_base;
#else
static unsigned short saved_fs_sel, saved_gs_sel;
#endif

__attribute__((used, unused)) void restore_tls(void) {
#if defined(__x86_64__)
    long r;
    /* Every case starts with the selectors a Linux process has: DS = ES = FS = GS = 0. */
    __asm__ volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%fs; mov %0, %%gs" : : "r"(0) : "memory");
    __asm__ volatile("syscall" : "=a"(r) : "a"(158), "D"(0x1002), "S"(saved_fs_base) : "rcx", "r11", "memory");
    __asm__ volatile("syscall" : "=a"(r) : "a"(158), "D"(0x1001), "S"(saved_gs_base) : "rcx", "r11", "memory");
    (void)r;
#else
    __asm__ volatile("mov %%ss, %%eax; mov %%eax, %%ds; mov %%eax, %%es" : : : "eax", "memory");
    __asm__ volatile("movw %0, %%fs" : : "r"(saved_fs_sel));
    __asm__ volatile("movw %0, %%gs" : : "r"(saved_gs_sel));
#endif
}

static void save_tls(void) {
#if defined(__x86_64__)
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(158), "D"(0x1003), "S"(&saved_fs_base) : "rcx", "r11", "memory");
    __asm__ volatile("syscall" : "=a"(r) : "a"(158), "D"(0x1004), "S"(&saved_gs_base) : "rcx", "r11", "memory");
    (void)r;
#else
    __asm__ volatile("movw %%fs, %0" : "=r"(saved_fs_sel));
    __asm__ volatile("movw %%gs, %0" : "=r"(saved_gs_sel));
#endif
}

static uint8_t fx_in[512] __attribute__((aligned(64)));
static uint8_t fx_out[512] __attribute__((aligned(64)));
static volatile int x87_case;

static sigjmp_buf recover;
static volatile int sig_no, sig_trap, sig_err;
static volatile uint64_t sig_rip, sig_addr;

static void on_signal(int sig, siginfo_t *si, void *uc_) {
    restore_tls();
    ucontext_t *uc = uc_;
    sig_no = sig;
    sig_addr = (uint64_t)(uintptr_t)si->si_addr;
#if defined(__x86_64__)
    sig_trap = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    sig_err = (int)uc->uc_mcontext.gregs[REG_ERR];
    sig_rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    static const int map[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int i = 0; i < 16; i++) CTX->regs[i] = (reg_t)uc->uc_mcontext.gregs[map[i]];
    CTX->flags = (reg_t)uc->uc_mcontext.gregs[REG_EFL];
#else
    sig_trap = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    sig_err = (int)uc->uc_mcontext.gregs[REG_ERR];
    sig_rip = (uint32_t)uc->uc_mcontext.gregs[REG_EIP];
    static const int map[8] = {REG_EAX, REG_ECX, REG_EDX, REG_EBX, REG_ESP, REG_EBP, REG_ESI, REG_EDI};
    for (int i = 0; i < 8; i++) CTX->regs[i] = (reg_t)uc->uc_mcontext.gregs[map[i]];
    CTX->flags = (reg_t)uc->uc_mcontext.gregs[REG_EFL];
#endif
    /* SSE state from the signal frame (kernel struct _fpstate_64 / _fpstate_32 offsets). */
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
#if defined(__x86_64__)
    if (fp) {
        memcpy(XMM_AREA, fp + 160, NXMM * 16);
        *MXCSR_AT = *(const uint32_t *)(fp + 24);
        if (x87_case) memcpy(fx_out, fp, 512);
    }
#else
    if (fp && *(const uint16_t *)(fp + 110) == 0) { /* magic 0: FXSR data present */
        memcpy(XMM_AREA, fp + 272, NXMM * 16);
        *MXCSR_AT = *(const uint32_t *)(fp + 136);
        if (x87_case) memcpy(fx_out, fp + 112, 512);
    }
#endif
    siglongjmp(recover, 1);
}

static void fill_data(uint64_t seed) {
    /* splitmix64; the Java side (HostCpu.dataPage) computes the same sequence. */
    uint64_t *p = (uint64_t *)DATA_PAGE;
    for (int i = 0; i < PAGE / 8; i++) {
        uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        p[i] = z ^ (z >> 31);
    }
}

static int read_full(void *buf, size_t n) {
    char *b = buf;
    while (n > 0) {
        ssize_t r = read(0, b, n);
        if (r <= 0) return 0;
        b += r;
        n -= (size_t)r;
    }
    return 1;
}

static void write_full(const void *buf, size_t n) {
    const char *b = buf;
    while (n > 0) {
        ssize_t r = write(1, b, n);
        if (r <= 0) _exit(3);
        b += r;
        n -= (size_t)r;
    }
}

static void *map_fixed(uintptr_t at, size_t len, int prot) {
    void *p = mmap((void *)at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)at) {
        fprintf(stderr, "hostcpu: cannot map 0x%lx\n", (unsigned long)at);
        exit(2);
    }
    return p;
}

static uint8_t out[64 + 16 * 8 + 8 + 4 + (PAGE / 8) * 12 + 8 + 256 + 512];
static uint64_t initial[PAGE / 8];

int main(void) {
    map_fixed(CODE_PAGE, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(DATA_PAGE, PAGE, PROT_READ | PROT_WRITE);
    map_fixed(CTX_PAGE, 2 * PAGE, PROT_READ | PROT_WRITE);

    static char altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGALRM};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);

    /* The exit jump: jmp *[abs] in both modes is FF 25 disp32 (64-bit: FF 25 is RIP-relative,
       so use FF 24 25 disp32 there, the SIB absolute form). Target stored at EXIT_AT+16. */
    uint8_t *exitp = (uint8_t *)EXIT_AT;
#if defined(__x86_64__)
    uint8_t jmp[] = {0xFF, 0x24, 0x25, 0x10, 0x0F, 0x00, 0x10};
    memcpy(exitp, jmp, sizeof jmp);
    *(uint64_t *)(exitp + 16) = (uint64_t)(uintptr_t)guest_exit;
#else
    uint8_t jmp[] = {0x36, 0xFF, 0x25, 0x10, 0x0F, 0x00, 0x10}; /* ss: so a null DS cannot fault here */
    memcpy(exitp, jmp, sizeof jmp);
    *(uint32_t *)(exitp + 16) = (uint32_t)(uintptr_t)guest_exit;
#endif

    save_tls();
    for (;;) {
        uint32_t hdr[2];
        uint64_t seed, regs[16], flags;
        if (!read_full(hdr, 8)) return 0;
        int x87 = hdr[0] == 0x58383648u;
        int sse = hdr[0] == 0x53383648u || x87;
        if (hdr[0] != 0x51383648u && !sse) { fprintf(stderr, "hostcpu: bad magic\n"); return 2; }
        uint32_t len = hdr[1];
        if (len == 0) return 0;
        if (len > 0xF00) { fprintf(stderr, "hostcpu: code too long\n"); return 2; }
        if (!read_full(&seed, 8) || !read_full(regs, sizeof regs) || !read_full(&flags, 8)) return 2;
        static uint32_t patch_off[PAGE / 8];
        static uint64_t patch_val[PAGE / 8];
        uint32_t npatch = 0;
        if (sse) {
            uint32_t w[2];
            if (!read_full(w, 8) || !read_full(XMM_AREA, 256)) return 2;
            *MXCSR_AT = w[0];
            npatch = w[1];
            if (npatch > PAGE / 8) { fprintf(stderr, "hostcpu: too many patches\n"); return 2; }
            for (uint32_t i = 0; i < npatch; i++) {
                if (!read_full(&patch_off[i], 4) || !read_full(&patch_val[i], 8)) return 2;
                if (patch_off[i] > PAGE - 8) { fprintf(stderr, "hostcpu: bad patch\n"); return 2; }
            }
        } else {
            memset(XMM_AREA, 0, 256);
            *MXCSR_AT = 0x1F80;
        }
        *HOST_MXCSR_AT = 0x1F80;
        uint8_t *code = (uint8_t *)(EXIT_AT - len);
        /* Fill the bytes before the sequence with HLT (0xF4, #GP at CPL 3) so that a wild jump
           into them reports a fault; the interpreter's copy of the page has the same bytes. */
        memset((void *)CODE_PAGE, 0xF4, EXIT_AT - CODE_PAGE - len);
        if (x87 && !read_full(fx_in, 512)) return 2;
        if (!read_full(code, len)) return 2;
        fill_data(seed);
        for (uint32_t i = 0; i < npatch; i++) memcpy((uint8_t *)DATA_PAGE + patch_off[i], &patch_val[i], 8);
        memcpy(initial, (void *)DATA_PAGE, PAGE);
        for (int i = 0; i < 16; i++) CTX->regs[i] = (reg_t)regs[i];
        CTX->flags = (reg_t)flags;
        CTX->entry = (reg_t)(uintptr_t)code;

        sig_no = 0;
        sig_trap = 0;
        sig_err = 0;
        sig_rip = EXIT_AT;
        sig_addr = 0;
        x87_case = x87;
        if (sigsetjmp(recover, 1) == 0) {
            alarm(2); /* a sequence that does not terminate reports SIGALRM */
#if defined(__x86_64__)
            if (x87) __asm__ volatile("fxrstor64 %0" : : "m"(fx_in) : "memory");
            run_guest();
            if (x87) __asm__ volatile("fxsave64 %0" : "=m"(fx_out) : : "memory");
#else
            if (x87) __asm__ volatile("fxrstor %0" : : "m"(fx_in) : "memory");
            run_guest();
            if (x87) __asm__ volatile("fxsave %0" : "=m"(fx_out) : : "memory");
#endif
        }
        alarm(0);
        if (x87) __asm__ volatile("fninit");
        x87_case = 0;
        uint8_t *o = out;
        uint32_t w32[4] = {0x52383648u, (uint32_t)sig_no, (uint32_t)sig_trap, (uint32_t)sig_err};
        memcpy(o, w32, 16); o += 16;
        uint64_t rip = sig_rip, addr = sig_addr;
        memcpy(o, &rip, 8); o += 8;
        memcpy(o, &addr, 8); o += 8;
        for (int i = 0; i < 16; i++) {
            uint64_t v = i < NREGS ? (uint64_t)CTX->regs[i] : 0;
            memcpy(o, &v, 8); o += 8;
        }
        uint64_t f = (uint64_t)CTX->flags;
        memcpy(o, &f, 8); o += 8;
        uint8_t *countp = o; o += 4;
        uint32_t n = 0;
        uint64_t *d = (uint64_t *)DATA_PAGE;
        for (uint32_t i = 0; i < PAGE / 8; i++) {
            if (d[i] != initial[i]) {
                uint32_t off = i * 8;
                uint64_t v = d[i];
                memcpy(o, &off, 4); o += 4;
                memcpy(o, &v, 8); o += 8;
                n++;
            }
        }
        memcpy(countp, &n, 4);
        if (sse) {
            uint32_t w[2] = {*MXCSR_AT, 0};
            memcpy(o, w, 8); o += 8;
            memcpy(o, XMM_AREA, 256); o += 256;
        }
        if (x87) {
            memcpy(o, fx_out, 512); o += 512;
        }
        write_full(out, (size_t)(o - out));
    }
}
