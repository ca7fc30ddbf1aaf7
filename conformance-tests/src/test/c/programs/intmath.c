/* Integer arithmetic: every width, signed/unsigned division, 128-bit products, bit tricks. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t xs = 88172645463325252ull;
static uint64_t rnd(void) { xs ^= xs << 13; xs ^= xs >> 7; xs ^= xs << 17; return xs; }

int main(void) {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 20000; i++) {
        uint64_t a = rnd(), b = rnd() | 1;
        int64_t sa = (int64_t) a, sb = (int64_t) b;
        uint32_t a32 = (uint32_t) a, b32 = (uint32_t) b | 1;
        int16_t a16 = (int16_t) a, b16 = (int16_t) (b | 1);
        int8_t a8 = (int8_t) a, b8 = (int8_t) (b | 1);
        unsigned __int128 p = (unsigned __int128) a * b;
        __int128 sp = (__int128) sa * sb;
        uint64_t v[] = {a / b, a % b, (uint64_t) (sa / sb), (uint64_t) (sa % sb), a32 / b32, a32 % b32,
                        (uint64_t) (int64_t) (a16 / b16), (uint64_t) (int64_t) (a8 % b8), (uint64_t) (p >> 64),
                        (uint64_t) p, (uint64_t) (sp >> 64), (uint64_t) __builtin_popcountll(a),
                        (uint64_t) __builtin_clzll(b), (uint64_t) __builtin_ctzll(b), __builtin_bswap64(a),
                        (a << (b & 63)) | (a >> (64 - (b & 63)) % 64), (uint64_t) (sa >> (b & 63)),
                        (uint64_t) (a32 * 2654435761u), (uint64_t) (a > b), (uint64_t) (sa < sb)};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) h = (h ^ v[k]) * 1099511628211ull;
        if (i % 5000 == 0) printf("%d %016llx %lld %u\n", i, (unsigned long long) h, (long long) (sa / sb), a32 % b32);
    }
    printf("final %016llx\n", (unsigned long long) h);
    return (int) (h & 0x7f);
}
