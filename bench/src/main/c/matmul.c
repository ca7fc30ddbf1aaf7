/* Dense double-precision matrix multiply (i-k-j order), checksum of the result. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1150;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    double *c = calloc((size_t) n * n, sizeof(double));
    for (int i = 0; i < n * n; i++) { a[i] = (i % 17) * 0.25 - 1.5; b[i] = (i % 13) * 0.5 + 0.125; }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    double s = 0;
    for (int i = 0; i < n * n; i++) s += c[i] * ((i % 7) + 1);
    printf("matmul %d checksum %.6f\n", n, s);
    return 0;
}
