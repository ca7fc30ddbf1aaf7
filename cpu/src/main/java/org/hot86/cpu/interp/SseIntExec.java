package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.SseAccess.check;
import static org.hot86.cpu.interp.SseAccess.setXmm;
import static org.hot86.cpu.interp.SseAccess.srcHi;
import static org.hot86.cpu.interp.SseAccess.srcLo;

import java.util.Map;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.sse.PackedArith;
import org.hot86.cpu.sse.PackedShuffle;
import org.hot86.cpu.sse.ScalarInt;
import org.hot86.cpu.sse.StringCompare;
import org.hot86.decoder.Form;

/**
 * Executors for the 128-bit SIMD integer instructions of SSE2, SSSE3, SSE4.1 and SSE4.2 (SDM Vol. 1, 11.4.3
 * "128-bit SIMD integer instructions", 12.3 SSSE3, 12.8-12.10 SSE4.1 and SSE4.2): element-wise arithmetic,
 * comparison, logic and shifts (each 64-bit half through one {@link PackedArith} method, so the MMX forms can
 * share them), PTEST, the string and text instructions PCMPxSTRx (unaligned memory allowed, SDM 12.10.3) and
 * CRC32. All xmm/m128 operands here are aligned-only. Shuffles, packs and inserts are in {@link SseShuffleExec}.
 *
 * <p>The MMX-register forms ({@code _Pq_Qq}) are not wired here: they alias the x87 register file, which this
 * branch does not model yet.
 */
final class SseIntExec {
    private SseIntExec() {
    }

    /** dst = op(dst, xmm/m128) on each 64-bit half. */
    static void binary(Map<Form, Exec> m, Form f, LongBinaryOperator op) {
        m.put(f, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            int d = i.reg();
            setXmm(s, d, op.applyAsLong(s.xmmLo[d], bLo), op.applyAsLong(s.xmmHi[d], bHi));
        });
    }

    /** dst = op(xmm/m128) on each half (PABSx). */
    static void unary(Map<Form, Exec> m, Form f, LongUnaryOperator op) {
        m.put(f, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            setXmm(s, i.reg(), op.applyAsLong(bLo), op.applyAsLong(bHi));
        });
    }

    /** Shift by the 64-bit count in the low quadword of xmm/m128 (the whole operand is read, aligned). */
    static void shiftByXmm(Map<Form, Exec> m, Form f, LongBinaryOperator op) {
        m.put(f, (s, i) -> {
            check(s);
            long count = srcLo(s, i, true);
            srcHi(s, i);
            int d = i.reg();
            setXmm(s, d, op.applyAsLong(s.xmmLo[d], count), op.applyAsLong(s.xmmHi[d], count));
        });
    }

    /** Shift of the ModRM.rm register by imm8 (group 12-14, register only). */
    static void shiftByImm(Map<Form, Exec> m, Form f, LongBinaryOperator op) {
        m.put(f, (s, i) -> {
            check(s);
            SseAccess.requireRegister(i);
            long count = i.immediate() & 0xFF;
            int d = i.rm();
            setXmm(s, d, op.applyAsLong(s.xmmLo[d], count), op.applyAsLong(s.xmmHi[d], count));
        });
    }

    static void register(Map<Form, Exec> m) {
        // SSE2 packed arithmetic (SDM Vol. 1, 11.4.3.2) and SSE4.1 additions
        binary(m, Form.PADDB_Vx_Wx, PackedArith::paddb);
        binary(m, Form.PADDW_Vx_Wx, PackedArith::paddw);
        binary(m, Form.PADDD_Vx_Wx, PackedArith::paddd);
        binary(m, Form.PADDQ_Vx_Wx, PackedArith::paddq);
        binary(m, Form.PSUBB_Vx_Wx, PackedArith::psubb);
        binary(m, Form.PSUBW_Vx_Wx, PackedArith::psubw);
        binary(m, Form.PSUBD_Vx_Wx, PackedArith::psubd);
        binary(m, Form.PSUBQ_Vx_Wx, PackedArith::psubq);
        binary(m, Form.PADDSB_Vx_Wx, PackedArith::paddsb);
        binary(m, Form.PADDSW_Vx_Wx, PackedArith::paddsw);
        binary(m, Form.PADDUSB_Vx_Wx, PackedArith::paddusb);
        binary(m, Form.PADDUSW_Vx_Wx, PackedArith::paddusw);
        binary(m, Form.PSUBSB_Vx_Wx, PackedArith::psubsb);
        binary(m, Form.PSUBSW_Vx_Wx, PackedArith::psubsw);
        binary(m, Form.PSUBUSB_Vx_Wx, PackedArith::psubusb);
        binary(m, Form.PSUBUSW_Vx_Wx, PackedArith::psubusw);
        binary(m, Form.PMULLW_Vx_Wx, PackedArith::pmullw);
        binary(m, Form.PMULHW_Vx_Wx, PackedArith::pmulhw);
        binary(m, Form.PMULHUW_Vx_Wx, PackedArith::pmulhuw);
        binary(m, Form.PMULUDQ_Vx_Wx, PackedArith::pmuludq);
        binary(m, Form.PMULDQ_Vx_Wx, PackedArith::pmuldq);
        binary(m, Form.PMULLD_Vx_Wx, PackedArith::pmulld);
        binary(m, Form.PMADDWD_Vx_Wx, PackedArith::pmaddwd);
        binary(m, Form.PAVGB_Vx_Wx, PackedArith::pavgb);
        binary(m, Form.PAVGW_Vx_Wx, PackedArith::pavgw);
        binary(m, Form.PSADBW_Vx_Wx, PackedArith::psadbw);
        binary(m, Form.PMINUB_Vx_Wx, PackedArith::pminub);
        binary(m, Form.PMAXUB_Vx_Wx, PackedArith::pmaxub);
        binary(m, Form.PMINSW_Vx_Wx, PackedArith::pminsw);
        binary(m, Form.PMAXSW_Vx_Wx, PackedArith::pmaxsw);
        binary(m, Form.PMINSB_Vx_Wx, PackedArith::pminsb);
        binary(m, Form.PMAXSB_Vx_Wx, PackedArith::pmaxsb);
        binary(m, Form.PMINUW_Vx_Wx, PackedArith::pminuw);
        binary(m, Form.PMAXUW_Vx_Wx, PackedArith::pmaxuw);
        binary(m, Form.PMINSD_Vx_Wx, PackedArith::pminsd);
        binary(m, Form.PMAXSD_Vx_Wx, PackedArith::pmaxsd);
        binary(m, Form.PMINUD_Vx_Wx, PackedArith::pminud);
        binary(m, Form.PMAXUD_Vx_Wx, PackedArith::pmaxud);
        // comparison (11.4.3.3), SSE4.1 PCMPEQQ, SSE4.2 PCMPGTQ
        binary(m, Form.PCMPEQB_Vx_Wx, PackedArith::pcmpeqb);
        binary(m, Form.PCMPEQW_Vx_Wx, PackedArith::pcmpeqw);
        binary(m, Form.PCMPEQD_Vx_Wx, PackedArith::pcmpeqd);
        binary(m, Form.PCMPEQQ_Vx_Wx, PackedArith::pcmpeqq);
        binary(m, Form.PCMPGTB_Vx_Wx, PackedArith::pcmpgtb);
        binary(m, Form.PCMPGTW_Vx_Wx, PackedArith::pcmpgtw);
        binary(m, Form.PCMPGTD_Vx_Wx, PackedArith::pcmpgtd);
        binary(m, Form.PCMPGTQ_Vx_Wx, PackedArith::pcmpgtq);
        // logic (11.4.3.4); the PS/PD forms are bitwise too (11.4.1.3)
        binary(m, Form.PAND_Vx_Wx, PackedArith::pand);
        binary(m, Form.PANDN_Vx_Wx, PackedArith::pandn);
        binary(m, Form.POR_Vx_Wx, PackedArith::por);
        binary(m, Form.PXOR_Vx_Wx, PackedArith::pxor);
        binary(m, Form.ANDPS_Vps_Wps, PackedArith::pand);
        binary(m, Form.ANDPD_Vpd_Wpd, PackedArith::pand);
        binary(m, Form.ANDNPS_Vps_Wps, PackedArith::pandn);
        binary(m, Form.ANDNPD_Vpd_Wpd, PackedArith::pandn);
        binary(m, Form.ORPS_Vps_Wps, PackedArith::por);
        binary(m, Form.ORPD_Vpd_Wpd, PackedArith::por);
        binary(m, Form.XORPS_Vps_Wps, PackedArith::pxor);
        binary(m, Form.XORPD_Vpd_Wpd, PackedArith::pxor);
        // SSSE3 (12.3)
        binary(m, Form.PMADDUBSW_Vx_Wx, PackedArith::pmaddubsw);
        binary(m, Form.PMULHRSW_Vx_Wx, PackedArith::pmulhrsw);
        binary(m, Form.PSIGNB_Vx_Wx, PackedArith::psignb);
        binary(m, Form.PSIGNW_Vx_Wx, PackedArith::psignw);
        binary(m, Form.PSIGND_Vx_Wx, PackedArith::psignd);
        unary(m, Form.PABSB_Vx_Wx, PackedArith::pabsb);
        unary(m, Form.PABSW_Vx_Wx, PackedArith::pabsw);
        unary(m, Form.PABSD_Vx_Wx, PackedArith::pabsd);
        // shifts (11.4.3.5)
        shiftByXmm(m, Form.PSLLW_Vx_Wx, PackedArith::psllw);
        shiftByXmm(m, Form.PSLLD_Vx_Wx, PackedArith::pslld);
        shiftByXmm(m, Form.PSLLQ_Vx_Wx, PackedArith::psllq);
        shiftByXmm(m, Form.PSRLW_Vx_Wx, PackedArith::psrlw);
        shiftByXmm(m, Form.PSRLD_Vx_Wx, PackedArith::psrld);
        shiftByXmm(m, Form.PSRLQ_Vx_Wx, PackedArith::psrlq);
        shiftByXmm(m, Form.PSRAW_Vx_Wx, PackedArith::psraw);
        shiftByXmm(m, Form.PSRAD_Vx_Wx, PackedArith::psrad);
        shiftByImm(m, Form.PSLLW_Ux_Ib, PackedArith::psllw);
        shiftByImm(m, Form.PSLLD_Ux_Ib, PackedArith::pslld);
        shiftByImm(m, Form.PSLLQ_Ux_Ib, PackedArith::psllq);
        shiftByImm(m, Form.PSRLW_Ux_Ib, PackedArith::psrlw);
        shiftByImm(m, Form.PSRLD_Ux_Ib, PackedArith::psrld);
        shiftByImm(m, Form.PSRLQ_Ux_Ib, PackedArith::psrlq);
        shiftByImm(m, Form.PSRAW_Ux_Ib, PackedArith::psraw);
        shiftByImm(m, Form.PSRAD_Ux_Ib, PackedArith::psrad);

        // PTEST (SSE4.1, 12.10.1): only ZF and CF can be set; OF, SF, AF, PF cleared
        m.put(Form.PTEST_Vx_Wx, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            int a = i.reg();
            s.setStatusFlags(PackedShuffle.ptest(s.getRflags(), s.xmmLo[a], s.xmmHi[a], bLo, bHi));
        });

        registerStringCompare(m);

        // CRC32 (SSE4.2, SDM Vol. 2 CRC32): general registers only, so no CR0/CR4 checks
        m.put(Form.CRC32_Gy_Eb, (s, i) -> crc32(s, i.reg(), i.operandSize(), Operands.readE(s, i, 8), 1));
        m.put(Form.CRC32_Gy_Ev, (s, i) -> {
            int z = i.operandSize();
            crc32(s, i.reg(), z, Operands.readE(s, i, z), z / 8);
        });
    }

    private static void crc32(CpuState s, int reg, int opSize, long data, int bytes) {
        long r = ScalarInt.crc32(s.gpr[reg], data, bytes);
        s.writeReg(reg, opSize == 64 ? 64 : 32, false, r);
    }

    /**
     * PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM (SDM Vol. 2, 4.1 "Imm8 control byte operation for
     * PCMPESTRI/..."): xmm/m128 may be unaligned. The I forms write ECX (zero-extending into RCX), the M forms
     * XMM0; all write CF, ZF, SF, OF and clear AF, PF.
     */
    private static void registerStringCompare(Map<Form, Exec> m) {
        for (Form f : new Form[] {Form.PCMPESTRI_Vx_Wx_Ib, Form.PCMPESTRM_Vx_Wx_Ib, Form.PCMPISTRI_Vx_Wx_Ib,
                Form.PCMPISTRM_Vx_Wx_Ib}) {
            final boolean explicit = f == Form.PCMPESTRI_Vx_Wx_Ib || f == Form.PCMPESTRM_Vx_Wx_Ib;
            final boolean index = f == Form.PCMPESTRI_Vx_Wx_Ib || f == Form.PCMPISTRI_Vx_Wx_Ib;
            m.put(f, (s, i) -> {
                check(s);
                int imm8 = (int) i.immediate() & 0xFF;
                long bLo = srcLo(s, i, false);
                long bHi = srcHi(s, i);
                int a = i.reg();
                long aLo = s.xmmLo[a];
                long aHi = s.xmmHi[a];
                int lenA;
                int lenB;
                if (explicit) {
                    boolean w = i.operandSize() == 64;
                    lenA = StringCompare.explicitLength(s.gpr[CpuState.RAX], w, imm8);
                    lenB = StringCompare.explicitLength(s.gpr[CpuState.RDX], w, imm8);
                } else {
                    lenA = StringCompare.implicitLength(aLo, aHi, imm8);
                    lenB = StringCompare.implicitLength(bLo, bHi, imm8);
                }
                int res = StringCompare.compare(aLo, aHi, lenA, bLo, bHi, lenB, imm8);
                long flags = StringCompare.flags(s.getRflags(), res, lenA, lenB, imm8);
                if (index) {
                    s.writeReg(CpuState.RCX, 32, false, StringCompare.index(res, imm8));
                } else {
                    long[] r = new long[2];
                    StringCompare.mask(r, res, imm8);
                    setXmm(s, 0, r[0], r[1]);
                }
                s.setStatusFlags(flags);
            });
        }
    }
}
