/*
 * Host-CPU oracle for the hot86 x87/MMX tests. Built by the tests with the system cc.
 * Reads fixed 64-byte records from stdin, runs one x87 instruction on the real FPU and
 * writes a 64-byte result record to stdout.
 *
 * in : u32 op, u16 cw, u16 pad, u8 a[16] (ST0, 80-bit), u8 b[16] (ST1), u8 mem[16], u8 pad[8]
 * out: u16 cw, u16 sw, u16 tw, u16 ah(lahf), u8 st0[10], u8 st1[10], u8 pad[4], u8 mem[16],
 *      u8 st2[10], u8 pad[6]
 * The state after the instruction is captured with FNSAVE (non-waiting, so unmasked
 * exceptions never trap), which also reinitialises the FPU.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

struct in { uint32_t op; uint16_t cw, pad; uint8_t a[16], b[16], mem[16]; uint8_t pad2[8]; };
struct out { uint16_t cw, sw, tw, ah; uint8_t st0[10], st1[10], pad[4]; uint8_t mem[16]; uint8_t st2[10], pad2[6]; };

#define OP2(code) do { \
  __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]" \
      : : [cw] "m"(cw), [a] "m"(*(uint8_t (*)[16])in.a), [b] "m"(*(uint8_t (*)[16])in.b) : "memory"); \
  switch (in.pad) { \
    case 1: __asm__ volatile("ffree %st(1)"); break; \
    case 2: __asm__ volatile("ffree %st(0)"); break; \
    case 3: __asm__ volatile("fld %st(1)\n\tfld %st(1)\n\tfld %st(1)\n\tfld %st(1)\n\tfld %st(1)\n\tfld %st(1)"); break; \
    default: break; \
  } \
  __asm__ volatile("movzbl %[fl], %%eax\n\tshl $8, %%eax\n\tsahf\n\t" code \
      "\n\tlahf\n\tmovb %%ah, %[ah]\n\tfnsave %[sv]" \
      : [sv] "=m"(sv), [ah] "=m"(ah), [mem] "+m"(*(uint8_t (*)[16])mem) \
      : [fl] "m"(in.pad2[0]) \
      : "rax", "memory", "cc"); } while (0)

#define MMX(code) \
  __asm__ volatile("movq %[a], %%mm0\n\tmovq %[b], %%mm1\n\t" code "\n\tmovq %%mm0, %[mem]\n\tfnsave %[sv]" \
      : [sv] "=m"(sv), [mem] "=m"(*(uint64_t *)mem) \
      : [a] "m"(*(uint64_t *)in.a), [b] "m"(*(uint64_t *)in.b), [i] "m"(*(uint64_t *)in.mem) \
      : "memory")

int main(void) {
  struct in in;
  static uint8_t sv[108];
  while (fread(&in, sizeof in, 1, stdin) == 1) {
    struct out o;
    uint8_t ah = 0;
    uint16_t cw = in.cw;
    uint8_t mem[16];
    memcpy(mem, in.mem, 16);
    memset(sv, 0, sizeof sv);
    switch (in.op) {
      case 1: OP2(".byte 0xd8,0xc1"); break;  /* FADD ST0,ST1 */
      case 2: OP2(".byte 0xd8,0xe1"); break;  /* FSUB ST0,ST1 */
      case 3: OP2(".byte 0xd8,0xe9"); break;  /* FSUBR ST0,ST1 */
      case 4: OP2(".byte 0xd8,0xc9"); break;  /* FMUL ST0,ST1 */
      case 5: OP2(".byte 0xd8,0xf1"); break;  /* FDIV ST0,ST1 */
      case 6: OP2(".byte 0xd8,0xf9"); break;  /* FDIVR ST0,ST1 */
      case 7: OP2("fsqrt"); break;
      case 8: OP2("frndint"); break;
      case 9: OP2("fscale"); break;
      case 10: OP2("fxtract"); break;
      case 11: OP2("fprem"); break;
      case 12: OP2("fprem1"); break;
      case 13: OP2(".byte 0xd8,0xd1"); break; /* FCOM ST1 */
      case 14: OP2(".byte 0xdd,0xe1"); break; /* FUCOM ST1 */
      case 15: OP2(".byte 0xdb,0xf1"); break; /* FCOMI ST0,ST1 */
      case 16: OP2(".byte 0xdb,0xe9"); break; /* FUCOMI ST0,ST1 */
      case 17: OP2("ftst"); break;
      case 18: OP2("fxam"); break;
      case 19: OP2("fchs"); break;
      case 20: OP2("fabs"); break;
      case 21: OP2("flds %[mem]"); break;
      case 22: OP2("fldl %[mem]"); break;
      case 23: OP2("filds %[mem]"); break;
      case 24: OP2("fildl %[mem]"); break;
      case 25: OP2("fildll %[mem]"); break;
      case 26: OP2("fbld %[mem]"); break;
      case 27: OP2("fsts %[mem]"); break;
      case 28: OP2("fstl %[mem]"); break;
      case 29: OP2("fists %[mem]"); break;
      case 30: OP2("fistl %[mem]"); break;
      case 31: OP2("fistpll %[mem]"); break;
      case 32: OP2("fbstp %[mem]"); break;
      case 33: OP2("fisttps %[mem]"); break;
      case 34: OP2("fisttpl %[mem]"); break;
      case 35: OP2("fisttpll %[mem]"); break;
      case 36: OP2("fadds %[mem]"); break;
      case 37: OP2("fmull %[mem]"); break;
      case 38: OP2("fidivl %[mem]"); break;
      case 39: OP2("fisubrs %[mem]"); break;
      case 40: OP2("fsin"); break;
      case 41: OP2("fcos"); break;
      case 42: OP2("fsincos"); break;
      case 43: OP2("fptan"); break;
      case 44: OP2("fpatan"); break;
      case 45: OP2("f2xm1"); break;
      case 46: OP2("fyl2x"); break;
      case 47: OP2("fyl2xp1"); break;
      case 48: OP2("fcoms %[mem]"); break;
      case 49: OP2("ficompl %[mem]"); break;
      case 50: OP2("fld1"); break;
      case 51: OP2("fldl2t"); break;
      case 52: OP2("fldl2e"); break;
      case 53: OP2("fldpi"); break;
      case 54: OP2("fldlg2"); break;
      case 55: OP2("fldln2"); break;
      case 56: OP2("fldz"); break;
      case 57: OP2("fstpt %[mem]"); break;
      case 58: OP2("fldt %[mem]"); break;
      case 60: OP2(".byte 0xd9,0xc9"); break; /* FXCH ST1 */
      case 61: OP2(".byte 0xd9,0xc1"); break; /* FLD ST1 */
      case 62: OP2(".byte 0xdd,0xd9"); break; /* FSTP ST1 */
      case 63: OP2(".byte 0xda,0xc1"); break; /* FCMOVB */
      case 64: OP2(".byte 0xda,0xc9"); break; /* FCMOVE */
      case 65: OP2(".byte 0xda,0xd1"); break; /* FCMOVBE */
      case 66: OP2(".byte 0xda,0xd9"); break; /* FCMOVU */
      case 67: OP2(".byte 0xdb,0xc1"); break; /* FCMOVNB */
      case 68: OP2(".byte 0xdb,0xc9"); break; /* FCMOVNE */
      case 69: OP2(".byte 0xdb,0xd1"); break; /* FCMOVNBE */
      case 70: OP2(".byte 0xdb,0xd9"); break; /* FCMOVNU */
      case 72: OP2(".byte 0xde,0xd9"); break; /* FCOMPP */
      case 73: OP2(".byte 0xda,0xe9"); break; /* FUCOMPP */
      case 74: OP2(".byte 0xde,0xc1"); break; /* FADDP ST1,ST0 */
      case 75: OP2(".byte 0xde,0xe9"); break; /* FSUBP ST1,ST0 */
      case 76: OP2(".byte 0xde,0xf1"); break; /* FDIVRP ST1,ST0 */
      case 77: OP2(".byte 0xdf,0xf1"); break; /* FCOMIP ST0,ST1 */
      case 78: OP2(".byte 0xdf,0xe9"); break; /* FUCOMIP ST0,ST1 */
      case 79: OP2(".byte 0xdc,0xc1"); break; /* FADD ST1,ST0 */
      case 80: OP2(".byte 0xdc,0xe9"); break; /* FSUB ST1,ST0 */
      case 81: OP2(".byte 0xdc,0xf1"); break; /* FDIVR ST1,ST0 */
      case 82: OP2("fincstp"); break;
      case 83: OP2("fdecstp"); break;
      case 84: OP2("fnclex"); break;
      case 85: OP2("fchs\n\t.byte 0xd9,0xc9\n\tfnstsw %%ax\n\tmovw %%ax, %[mem]"); break; /* FNSTSW AX after FCHS;FXCH */
      case 86: OP2(".byte 0xd8,0xd9"); break; /* FCOMP ST1 */
      case 87: OP2("fdivrl %[mem]"); break;
      case 88: OP2("fsubrs %[mem]"); break;
      case 89: OP2("fimuls %[mem]"); break;
      case 90: OP2("fiaddl %[mem]"); break;
      case 91: OP2("fcompl %[mem]"); break;
      case 92: OP2("ficoms %[mem]"); break;
      case 93: OP2("fstps %[mem]"); break;
      case 94: OP2("fistps %[mem]"); break;
      default:
        if (in.op >= 1000 && in.op < 1200) {
          extern void mmx_op(uint32_t op, const uint8_t *a, const uint8_t *b, const uint8_t *imm, uint8_t *out);
          mmx_op(in.op, in.a, in.b, in.mem, mem);
          __asm__ volatile("fnsave %0" : "=m"(sv) :: "memory");
        } else {
          fprintf(stderr, "x87oracle: unknown op %u\n", in.op);
          return 2;
        }
    }
    memset(&o, 0, sizeof o);
    memcpy(&o.cw, sv + 0, 2);
    memcpy(&o.sw, sv + 4, 2);
    memcpy(&o.tw, sv + 8, 2);
    o.ah = ah;
    memcpy(o.st0, sv + 28, 10);
    memcpy(o.st1, sv + 38, 10);
    memcpy(o.st2, sv + 48, 10);
    memcpy(o.mem, mem, 16);
    if (fwrite(&o, sizeof o, 1, stdout) != 1) return 3;
  }
  return 0;
}
