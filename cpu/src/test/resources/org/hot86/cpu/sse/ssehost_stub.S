/*
 * run_case(struct regs *r, const void *code): load the guest-visible register
 * image, call the instruction under test (followed by RET), store the image back.
 *
 *   struct regs (offsets in bytes)
 *   +0   xmm0..xmm3   4 x 16
 *   +64  rax rcx rdx rbx  4 x 8
 *   +96  rflags
 *   +104 mxcsr (u32)
 */
        .text
        .globl  run_case
        .type   run_case, @function
run_case:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rdi, %r12
        mov     %rsi, %r13
        ldmxcsr 104(%r12)
        movdqu  0(%r12), %xmm0
        movdqu  16(%r12), %xmm1
        movdqu  32(%r12), %xmm2
        movdqu  48(%r12), %xmm3
        mov     64(%r12), %rax
        mov     72(%r12), %rcx
        mov     80(%r12), %rdx
        mov     88(%r12), %rbx
        pushq   96(%r12)
        popfq
        call    *%r13
        pushfq
        popq    96(%r12)
        stmxcsr 104(%r12)
        movdqu  %xmm0, 0(%r12)
        movdqu  %xmm1, 16(%r12)
        movdqu  %xmm2, 32(%r12)
        movdqu  %xmm3, 48(%r12)
        mov     %rax, 64(%r12)
        mov     %rcx, 72(%r12)
        mov     %rdx, 80(%r12)
        mov     %rbx, 88(%r12)
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret
        .size   run_case, .-run_case
        .section .note.GNU-stack,"",@progbits
