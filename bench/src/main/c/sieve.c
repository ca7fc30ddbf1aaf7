/* Sieve of Eratosthenes, counting primes below N, repeated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000000;
    int rounds = argc > 2 ? atoi(argv[2]) : 10;
    char *composite = malloc(n + 1);
    long count = 0;
    for (int r = 0; r < rounds; r++) {
        memset(composite, 0, n + 1);
        count = 0;
        for (long i = 2; i <= n; i++) {
            if (!composite[i]) {
                count++;
                for (long j = i * i; j <= n; j += i) composite[j] = 1;
            }
        }
    }
    printf("primes below %ld: %ld\n", n, count);
    return 0;
}
