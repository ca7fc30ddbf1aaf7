#include <stdint.h>
void mmx_op(uint32_t op, const uint8_t *a, const uint8_t *b, const uint8_t *imm, uint8_t *out) { (void)op;(void)a;(void)b;(void)imm;(void)out; }
