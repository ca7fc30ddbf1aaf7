/* A small stack-machine bytecode interpreter running a loop-heavy program (fib by iteration,
 * summed over many rounds): the indirect-branch pattern of real interpreters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, JNZ, DUP, POP, HALT };

static int64_t run(const int64_t *code, int64_t n) {
    int64_t stack[64], vars[8] = {0};
    int sp = 0, pc = 0;
    vars[0] = n;
    for (;;) {
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case LOAD: stack[sp++] = vars[code[pc++]]; break;
        case STORE: vars[code[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case JNZ: { int64_t t = code[pc++]; if (stack[--sp]) pc = (int) t; break; }
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case HALT: return vars[2];
        }
    }
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 1000000;
    /* v1 = 0 (a), v2 = 1 (b); loop: t = a + b; a = b; b = t; n -= 1; while n */
    static const int64_t prog[] = {
        PUSH, 0, STORE, 1, PUSH, 1, STORE, 2,
        /* 8: */ LOAD, 1, LOAD, 2, ADD, LOAD, 2, STORE, 1, STORE, 2,
        LOAD, 0, PUSH, 1, SUB, DUP, STORE, 0, JNZ, 8, HALT,
    };
    int64_t acc = 0;
    for (long r = 0; r < rounds; r++) acc += run(prog, 40 + (r & 7));
    printf("interp %lld\n", (long long) acc);
    return 0;
}
