/* malloc/free/realloc patterns, big allocations (mmap), calloc zeroing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    void *slots[512] = {0};
    size_t sizes[512] = {0};
    uint64_t x = 12345, sum = 0;
    for (int i = 0; i < 30000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int k = (int) (x >> 33) % 512;
        size_t sz = (size_t) ((x >> 13) % (i % 97 == 0 ? 300000 : 2000)) + 1;
        if (slots[k] && (x & 3) == 0) {
            slots[k] = realloc(slots[k], sz);
            if (sz > sizes[k]) memset((char *) slots[k] + sizes[k], k & 0xff, sz - sizes[k]);
        } else {
            free(slots[k]);
            slots[k] = malloc(sz);
            memset(slots[k], k & 0xff, sz);
        }
        sizes[k] = sz;
        sum += ((unsigned char *) slots[k])[sz - 1] + sz;
    }
    char *big = calloc(64 << 20, 1);
    size_t nz = 0;
    for (size_t i = 0; i < (64u << 20); i += 4096) nz += big[i] != 0;
    big[(64 << 20) - 1] = 1;
    printf("sum %llu nonzero %zu\n", (unsigned long long) sum, nz);
    free(big);
    for (int k = 0; k < 512; k++) free(slots[k]);
    return 0;
}
