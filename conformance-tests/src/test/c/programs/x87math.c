/* x87 through long double: arithmetic, sqrt, conversions, printf %Lf. */
#include <math.h>
#include <stdio.h>

int main(void) {
    long double s = 0, p = 1;
    for (int i = 1; i <= 5000; i++) {
        s += 1.0L / i;
        p *= 1.0001L;
        if (i % 1000 == 0) printf("%d %.21Lg %.21Lg\n", i, s, p);
    }
    long double r = sqrtl(2.0L);
    printf("%.21Lg %.21Lg %lld\n", r, r * r - 2, (long long) (s * 1e15L));
    printf("%.21Lg %.21Lg\n", (long double) 1e4000L / 3, (long double) 123456789012345678LL);
    volatile long double a = 7, b = 0;
    printf("%Lg %Lg\n", a / b, -a / b);
    return 0;
}
