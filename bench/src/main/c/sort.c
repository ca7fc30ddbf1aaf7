/* Sorts pseudo-random 64-bit keys with a hand-written quicksort and checks the order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void quicksort(uint64_t *a, long lo, long hi) {
    while (lo < hi) {
        uint64_t p = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { uint64_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    uint64_t *a = malloc(n * sizeof *a);
    uint64_t x = 88172645463325252ull;
    for (long i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; a[i] = x; }
    quicksort(a, 0, n - 1);
    uint64_t h = 0;
    for (long i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) { puts("not sorted"); return 1; }
        h = h * 31 + a[i];
    }
    printf("sorted %ld keys, hash %016llx\n", n, (unsigned long long) h);
    return 0;
}
