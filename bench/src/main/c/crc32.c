/* CRC-32 (IEEE 802.3, reflected, table-driven) over a generated buffer, repeated. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 400;
    static uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    size_t n = 1 << 20;
    uint8_t *buf = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) { x = x * 1103515245u + 12345u; buf[i] = x >> 24; }
    uint32_t crc = 0;
    for (long r = 0; r < rounds; r++) {
        uint32_t c = ~crc;
        for (size_t i = 0; i < n; i++) c = table[(c ^ buf[i]) & 0xFF] ^ (c >> 8);
        crc = ~c;
    }
    printf("crc32 %08x\n", crc);
    return 0;
}
