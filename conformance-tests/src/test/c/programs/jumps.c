/* setjmp/longjmp, signals raised by the program's own faults and by raise(). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int caught;

static void on_signal(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    caught = sig;
    printf("handler sig=%d code=%d addr_is_null=%d\n", sig, si->si_code, si->si_addr == 0);
    siglongjmp(env, sig);
}

static int depth(int n, jmp_buf *jb) {
    if (n == 0) longjmp(*jb, 42);
    return depth(n - 1, jb) + 1;
}

int main(void) {
    jmp_buf jb;
    int r = setjmp(jb);
    if (r == 0) depth(100, &jb);
    printf("longjmp returned %d\n", r);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGFPE, &sa, 0);
    sigaction(SIGUSR1, &sa, 0);
    sigaction(SIGILL, &sa, 0);

    if (sigsetjmp(env, 1) == 0) { volatile int *p = 0; *p = 1; }
    printf("after segv caught=%d\n", caught);
    if (sigsetjmp(env, 1) == 0) { volatile int z = 0; printf("%d\n", 10 / z); }
    printf("after fpe caught=%d\n", caught);
    if (sigsetjmp(env, 1) == 0) raise(SIGUSR1);
    printf("after usr1 caught=%d\n", caught);
    if (sigsetjmp(env, 1) == 0) __asm__ volatile("ud2");
    printf("after ill caught=%d\n", caught);
    return 0;
}
