/*
 * MMX part of the hot86 host oracle: op 1000+n runs Mmx.Op n as "op %mm1, %mm0" with
 * mm0 = a, mm1 = b and returns mm0; 1100.. are immediate and GPR forms.
 * Generated once from the Mmx.Op order; keep in sync with Mmx.Op.
 */
#include <stdint.h>
#include <string.h>

#define M2(insn) __asm__ volatile("fninit\n\tmovq %1, %%mm0\n\tmovq %2, %%mm1\n\t" insn "\n\tmovq %%mm0, %0" \
    : "=m"(r) : "m"(x), "m"(y) : "memory")
#define G(insn) __asm__ volatile("fninit\n\tmovq %1, %%mm0\n\tmovq %2, %%mm1\n\t" insn \
    : "=r"(g) : "m"(x), "m"(y) : "memory")

void mmx_op(uint32_t op, const uint8_t *a, const uint8_t *b, const uint8_t *imm, uint8_t *out) {
  uint64_t x, y, r = 0;
  uint32_t g = 0;
  (void)imm;
  memcpy(&x, a, 8);
  memcpy(&y, b, 8);
  switch (op) {
    case 1000: M2("paddb %%mm1, %%mm0"); break;
    case 1001: M2("paddw %%mm1, %%mm0"); break;
    case 1002: M2("paddd %%mm1, %%mm0"); break;
    case 1003: M2("paddq %%mm1, %%mm0"); break;
    case 1004: M2("paddsb %%mm1, %%mm0"); break;
    case 1005: M2("paddsw %%mm1, %%mm0"); break;
    case 1006: M2("paddusb %%mm1, %%mm0"); break;
    case 1007: M2("paddusw %%mm1, %%mm0"); break;
    case 1008: M2("psubb %%mm1, %%mm0"); break;
    case 1009: M2("psubw %%mm1, %%mm0"); break;
    case 1010: M2("psubd %%mm1, %%mm0"); break;
    case 1011: M2("psubq %%mm1, %%mm0"); break;
    case 1012: M2("psubsb %%mm1, %%mm0"); break;
    case 1013: M2("psubsw %%mm1, %%mm0"); break;
    case 1014: M2("psubusb %%mm1, %%mm0"); break;
    case 1015: M2("psubusw %%mm1, %%mm0"); break;
    case 1016: M2("pmullw %%mm1, %%mm0"); break;
    case 1017: M2("pmulhw %%mm1, %%mm0"); break;
    case 1018: M2("pmulhuw %%mm1, %%mm0"); break;
    case 1019: M2("pmaddwd %%mm1, %%mm0"); break;
    case 1020: M2("pmuludq %%mm1, %%mm0"); break;
    case 1021: M2("pcmpeqb %%mm1, %%mm0"); break;
    case 1022: M2("pcmpeqw %%mm1, %%mm0"); break;
    case 1023: M2("pcmpeqd %%mm1, %%mm0"); break;
    case 1024: M2("pcmpgtb %%mm1, %%mm0"); break;
    case 1025: M2("pcmpgtw %%mm1, %%mm0"); break;
    case 1026: M2("pcmpgtd %%mm1, %%mm0"); break;
    case 1027: M2("pand %%mm1, %%mm0"); break;
    case 1028: M2("pandn %%mm1, %%mm0"); break;
    case 1029: M2("por %%mm1, %%mm0"); break;
    case 1030: M2("pxor %%mm1, %%mm0"); break;
    case 1031: M2("psllw %%mm1, %%mm0"); break;
    case 1032: M2("pslld %%mm1, %%mm0"); break;
    case 1033: M2("psllq %%mm1, %%mm0"); break;
    case 1034: M2("psrlw %%mm1, %%mm0"); break;
    case 1035: M2("psrld %%mm1, %%mm0"); break;
    case 1036: M2("psrlq %%mm1, %%mm0"); break;
    case 1037: M2("psraw %%mm1, %%mm0"); break;
    case 1038: M2("psrad %%mm1, %%mm0"); break;
    case 1039: M2("packsswb %%mm1, %%mm0"); break;
    case 1040: M2("packssdw %%mm1, %%mm0"); break;
    case 1041: M2("packuswb %%mm1, %%mm0"); break;
    case 1042: M2("punpckhbw %%mm1, %%mm0"); break;
    case 1043: M2("punpckhwd %%mm1, %%mm0"); break;
    case 1044: M2("punpckhdq %%mm1, %%mm0"); break;
    case 1045: M2("punpcklbw %%mm1, %%mm0"); break;
    case 1046: M2("punpcklwd %%mm1, %%mm0"); break;
    case 1047: M2("punpckldq %%mm1, %%mm0"); break;
    case 1048: M2("pavgb %%mm1, %%mm0"); break;
    case 1049: M2("pavgw %%mm1, %%mm0"); break;
    case 1050: M2("pmaxsw %%mm1, %%mm0"); break;
    case 1051: M2("pmaxub %%mm1, %%mm0"); break;
    case 1052: M2("pminsw %%mm1, %%mm0"); break;
    case 1053: M2("pminub %%mm1, %%mm0"); break;
    case 1054: M2("psadbw %%mm1, %%mm0"); break;
    case 1100: M2("pshufw $27, %%mm1, %%mm0"); break;
    case 1101: M2("pshufw $228, %%mm1, %%mm0"); break;
    case 1102: M2("pshufw $0, %%mm1, %%mm0"); break;
    case 1103: M2("pshufw $147, %%mm1, %%mm0"); break;
    case 1104: M2("pshufw $78, %%mm1, %%mm0"); break;
    case 1110: G("pextrw $2, %%mm1, %0"); r = g; break;
    case 1111: __asm__ volatile("fninit\n\tmovq %1, %%mm0\n\tmovl %2, %%eax\n\tpinsrw $1, %%eax, %%mm0\n\tmovq %%mm0, %0" : "=m"(r) : "m"(x), "m"(y) : "rax", "memory"); break;
    case 1112: G("pmovmskb %%mm1, %0"); r = g; break;
    case 1113: M2("psllw $5, %%mm0"); break;
    case 1114: M2("psrad $31, %%mm0"); break;
    case 1115: M2("psrlq $33, %%mm0"); break;
    default: break;
  }
  __asm__ volatile("emms");
  memcpy(out, &r, 8);
}
