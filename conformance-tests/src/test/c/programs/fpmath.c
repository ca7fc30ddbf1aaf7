/* SSE floating point: arithmetic, sqrt, conversions, rounding, libm, printf and strtod. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <fenv.h>

int main(void) {
    double acc = 0, x = 0.5;
    float f = 1.25f;
    for (int i = 1; i <= 20000; i++) {
        x = x * 1.0000001 + 1.0 / i;
        acc += sqrt(x) - (double) (long) (x * 3.7) / 7.0;
        f = f * 0.999f + (float) i / 4096.0f;
    }
    printf("%.17g %.9g %a\n", acc, f, acc);
    printf("%.15g %.15g %.15g %.15g\n", sin(1.0), exp(2.5), log(10.0), pow(2.0, 0.5));
    printf("%.10e %.3f %g %g\n", 1e300 * 10, -0.0, nan(""), 1.0 / 3.0);
    const char *nums[] = {"3.14159", "1e-310", "-2.5e+300", "0x1.8p3", "inf", "12345678901234567890"};
    for (int i = 0; i < 6; i++) printf("%s -> %.17g %lld\n", nums[i], strtod(nums[i], 0), (long long) strtod(nums[i], 0));
    int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 3.0;
        printf("round %d: %.17g %ld %.17g\n", m, a / b, lrint(2.5), rint(-2.5));
    }
    fesetround(FE_TONEAREST);
    return 0;
}
