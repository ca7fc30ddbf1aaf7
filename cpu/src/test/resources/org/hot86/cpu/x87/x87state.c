/*
 * State-image oracle for hot86: reads 512-byte images from stdin; for each writes 1024 bytes:
 *   +0   FRSTOR(img) ; FNSAVE            (108 bytes, 32-bit protected layout)
 *   +108 FRSTOR(img) ; FXSAVE            (first 160 bytes)
 *   +268 FRSTOR(img) ; FXSAVE64          (first 160 bytes)
 *   +428 FRSTOR(img) ; FNSTENV ; FNSTCW  (28 + 2 bytes)
 *   +458 FXRSTOR(img) ; FNSAVE           (108 bytes)   [img bytes 24..31 forced to a valid MXCSR]
 *   +566 FRSTOR(img) ; o16 FNSAVE        (94 bytes, 16-bit protected layout)
 *   +660 FRSTOR(img) ; FINCSTP ; FFREE ST(1) ; FDECSTP ; FDECSTP ; FNSAVE (108 bytes)
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

int main(void) {
  static uint8_t img[512] __attribute__((aligned(16)));
  static uint8_t fx[512] __attribute__((aligned(16)));
  static uint8_t out[1024];
  while (fread(img, 512, 1, stdin) == 1) {
    memset(out, 0, sizeof out);
    __asm__ volatile("frstor %1\n\tfnsave %0" : "=m"(*(uint8_t (*)[108])(out + 0)) : "m"(*(uint8_t (*)[108])img) : "memory");
    memset(fx, 0, 512);
    __asm__ volatile("frstor %1\n\tfxsave %0\n\tfninit" : "=m"(*(uint8_t (*)[512])fx) : "m"(*(uint8_t (*)[108])img) : "memory");
    memcpy(out + 108, fx, 160);
    memset(fx, 0, 512);
    __asm__ volatile("frstor %1\n\tfxsave64 %0\n\tfninit" : "=m"(*(uint8_t (*)[512])fx) : "m"(*(uint8_t (*)[108])img) : "memory");
    memcpy(out + 268, fx, 160);
    __asm__ volatile("frstor %2\n\tfnstenv %0\n\tfnstcw %1\n\tfninit" : "=m"(*(uint8_t (*)[28])(out + 428)), "=m"(*(uint16_t *)(out + 456))
        : "m"(*(uint8_t (*)[108])img) : "memory");
    memcpy(fx, img, 512);
    uint32_t mx = 0x1f80, mxm = 0;
    memcpy(fx + 24, &mx, 4);
    memcpy(fx + 28, &mxm, 4);
    __asm__ volatile("fxrstor %1\n\tfnsave %0" : "=m"(*(uint8_t (*)[108])(out + 458)) : "m"(*(uint8_t (*)[512])fx) : "memory");
    __asm__ volatile("frstor %1\n\t.byte 0x66\n\tfnsave %0" : "=m"(*(uint8_t (*)[94])(out + 566)) : "m"(*(uint8_t (*)[108])img) : "memory");
    __asm__ volatile("frstor %1\n\tfincstp\n\tffree %%st(1)\n\tfdecstp\n\tfdecstp\n\tfnsave %0" : "=m"(*(uint8_t (*)[108])(out + 660))
        : "m"(*(uint8_t (*)[108])img) : "memory");
    if (fwrite(out, sizeof out, 1, stdout) != 1) return 3;
  }
  return 0;
}
