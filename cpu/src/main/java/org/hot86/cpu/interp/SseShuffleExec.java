package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.SseAccess.check;
import static org.hot86.cpu.interp.SseAccess.setXmm;
import static org.hot86.cpu.interp.SseAccess.src16;
import static org.hot86.cpu.interp.SseAccess.src32;
import static org.hot86.cpu.interp.SseAccess.src64;
import static org.hot86.cpu.interp.SseAccess.srcHi;
import static org.hot86.cpu.interp.SseAccess.srcLo;

import java.util.Map;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.sse.PackedShuffle;
import org.hot86.cpu.sse.PackedShuffle.Horizontal;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for the SSE-family instructions that move data between elements and halves of a register
 * (SDM Vol. 1, 10.4.6 and 11.4.4 shuffle/unpack, 11.4.3 pack, 12.3 SSSE3 PSHUFB/PALIGNR/PHADD/PHSUB,
 * 12.8 SSE4.1 blends, PMOVSX/ZX, insert/extract, MPSADBW, PHMINPOSUW): each is a {@link PackedShuffle}
 * method applied to the destination register and the source operand.
 *
 * <p>Memory operands: xmm/m128 sources are aligned-only; the PMOVSX/ZX sources (m16/m32/m64), MOVDDUP (m64),
 * INSERTPS (m32), PINSRx and PEXTRx are not 16-byte operands and have no alignment rule.
 */
final class SseShuffleExec {
    private SseShuffleExec() {
    }

    /** A cross-half operation on the destination (element 0 of {@code r}) and the source {@code b}. */
    @FunctionalInterface
    interface Shuffle {
        void apply(long[] r, long bLo, long bHi, int imm8);
    }

    /** Runs {@code op} on a scratch copy of the destination and writes it back. */
    static void apply(CpuState s, int d, long bLo, long bHi, int imm8, Shuffle op) {
        long[] r = {s.xmmLo[d], s.xmmHi[d]};
        op.apply(r, bLo, bHi, imm8);
        setXmm(s, d, r[0], r[1]);
    }

    /** dst = op(dst, xmm/m128 aligned, imm8). */
    static void full(Map<Form, Exec> m, Form f, Shuffle op) {
        m.put(f, (s, i) -> {
            check(s);
            long bLo = srcLo(s, i, true);
            long bHi = srcHi(s, i);
            apply(s, i.reg(), bLo, bHi, (int) i.immediate() & 0xFF, op);
        });
    }

    /** A source narrower than 16 bytes, loaded into the low quadword ({@code bytes} 2, 4 or 8). */
    static long narrow(CpuState s, Instruction i, int bytes) {
        return switch (bytes) {
            case 2 -> src16(s, i);
            case 4 -> src32(s, i);
            default -> src64(s, i);
        };
    }

    static void pmovx(Map<Form, Exec> m, Form f, int from, int to, boolean signed) {
        int bytes = 16 / to * from;
        m.put(f, (s, i) -> {
            check(s);
            long b = narrow(s, i, bytes);
            apply(s, i.reg(), b, 0, 0, (r, lo, hi, imm) -> PackedShuffle.pmovx(r, 0, lo, from, to, signed));
        });
    }

    static void register(Map<Form, Exec> m) {
        full(m, Form.PSHUFD_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.pshufd(r, 0, lo, hi, imm));
        full(m, Form.PSHUFHW_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.pshufhw(r, 0, lo, hi, imm));
        full(m, Form.PSHUFLW_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.pshuflw(r, 0, lo, hi, imm));
        full(m, Form.PSHUFB_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.pshufb(r, 0, lo, hi));
        full(m, Form.SHUFPS_Vps_Wps_Ib, (r, lo, hi, imm) -> PackedShuffle.shufps(r, 0, lo, hi, imm));
        full(m, Form.SHUFPD_Vpd_Wpd_Ib, (r, lo, hi, imm) -> PackedShuffle.shufpd(r, 0, lo, hi, imm));
        int[] sizes = {1, 2, 4, 8};
        Form[] lows = {Form.PUNPCKLBW_Vx_Wx, Form.PUNPCKLWD_Vx_Wx, Form.PUNPCKLDQ_Vx_Wx, Form.PUNPCKLQDQ_Vx_Wx};
        Form[] highs = {Form.PUNPCKHBW_Vx_Wx, Form.PUNPCKHWD_Vx_Wx, Form.PUNPCKHDQ_Vx_Wx, Form.PUNPCKHQDQ_Vx_Wx};
        for (int k = 0; k < 4; k++) {
            int z = sizes[k];
            full(m, lows[k], (r, lo, hi, imm) -> PackedShuffle.punpckl(r, 0, lo, hi, z));
            full(m, highs[k], (r, lo, hi, imm) -> PackedShuffle.punpckh(r, 0, lo, hi, z));
        }
        full(m, Form.UNPCKLPS_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.punpckl(r, 0, lo, hi, 4));
        full(m, Form.UNPCKHPS_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.punpckh(r, 0, lo, hi, 4));
        full(m, Form.UNPCKLPD_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.punpckl(r, 0, lo, hi, 8));
        full(m, Form.UNPCKHPD_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.punpckh(r, 0, lo, hi, 8));
        full(m, Form.PACKSSWB_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.packwb(r, 0, lo, hi, false));
        full(m, Form.PACKUSWB_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.packwb(r, 0, lo, hi, true));
        full(m, Form.PACKSSDW_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.packdw(r, 0, lo, hi, false));
        full(m, Form.PACKUSDW_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.packdw(r, 0, lo, hi, true));
        full(m, Form.PALIGNR_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.palignr(r, 0, lo, hi, imm));
        full(m, Form.PBLENDW_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.blend(r, 0, lo, hi, imm, 2));
        full(m, Form.BLENDPS_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.blend(r, 0, lo, hi, imm, 4));
        full(m, Form.BLENDPD_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.blend(r, 0, lo, hi, imm, 8));
        full(m, Form.MPSADBW_Vx_Wx_Ib, (r, lo, hi, imm) -> PackedShuffle.mpsadbw(r, 0, lo, hi, imm));
        full(m, Form.PHMINPOSUW_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.phminposuw(r, 0, lo, hi));
        full(m, Form.MOVSLDUP_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.movsldup(r, 0, lo, hi));
        full(m, Form.MOVSHDUP_Vx_Wx, (r, lo, hi, imm) -> PackedShuffle.movshdup(r, 0, lo, hi));
        m.put(Form.MOVDDUP_Vx_Wsd, (s, i) -> {
            check(s);
            long b = src64(s, i);
            setXmm(s, i.reg(), b, b);
        });
        Object[][] hz = {{Form.PHADDW_Vx_Wx, Horizontal.ADDW}, {Form.PHADDD_Vx_Wx, Horizontal.ADDD},
                {Form.PHADDSW_Vx_Wx, Horizontal.ADDSW}, {Form.PHSUBW_Vx_Wx, Horizontal.SUBW},
                {Form.PHSUBD_Vx_Wx, Horizontal.SUBD}, {Form.PHSUBSW_Vx_Wx, Horizontal.SUBSW}};
        for (Object[] h : hz) {
            Horizontal k = (Horizontal) h[1];
            full(m, (Form) h[0], (r, lo, hi, imm) -> PackedShuffle.horizontal(r, 0, lo, hi, k));
        }
        // PBLENDVB/BLENDVPS/BLENDVPD: the mask is XMM0 as it was before the instruction
        Object[][] bv = {{Form.PBLENDVB_Vx_Wx_XMM0, 1}, {Form.BLENDVPS_Vx_Wx_XMM0, 4}, {Form.BLENDVPD_Vx_Wx_XMM0, 8}};
        for (Object[] b : bv) {
            int z = (Integer) b[1];
            m.put((Form) b[0], (s, i) -> {
                check(s);
                long bLo = srcLo(s, i, true);
                long bHi = srcHi(s, i);
                long mLo = s.xmmLo[0];
                long mHi = s.xmmHi[0];
                apply(s, i.reg(), bLo, bHi, 0, (r, lo, hi, imm) -> PackedShuffle.blendv(r, 0, lo, hi, mLo, mHi, z));
            });
        }
        // PSLLDQ/PSRLDQ: register only, by imm8 bytes
        m.put(Form.PSLLDQ_Ux_Ib, (s, i) -> {
            check(s);
            SseAccess.requireRegister(i);
            apply(s, i.rm(), 0, 0, (int) i.immediate() & 0xFF, (r, lo, hi, imm) -> PackedShuffle.pslldq(r, 0, imm));
        });
        m.put(Form.PSRLDQ_Ux_Ib, (s, i) -> {
            check(s);
            SseAccess.requireRegister(i);
            apply(s, i.rm(), 0, 0, (int) i.immediate() & 0xFF, (r, lo, hi, imm) -> PackedShuffle.psrldq(r, 0, imm));
        });
        // PMOVSX / PMOVZX (SSE4.1)
        int[][] px = {{1, 2}, {1, 4}, {1, 8}, {2, 4}, {2, 8}, {4, 8}};
        Form[] sx = {Form.PMOVSXBW_Vx_Wq, Form.PMOVSXBD_Vx_Wd, Form.PMOVSXBQ_Vx_Ww, Form.PMOVSXWD_Vx_Wq,
                Form.PMOVSXWQ_Vx_Wd, Form.PMOVSXDQ_Vx_Wq};
        Form[] zx = {Form.PMOVZXBW_Vx_Wq, Form.PMOVZXBD_Vx_Wd, Form.PMOVZXBQ_Vx_Ww, Form.PMOVZXWD_Vx_Wq,
                Form.PMOVZXWQ_Vx_Wd, Form.PMOVZXDQ_Vx_Wq};
        for (int k = 0; k < 6; k++) {
            pmovx(m, sx[k], px[k][0], px[k][1], true);
            pmovx(m, zx[k], px[k][0], px[k][1], false);
        }
        registerInsertExtract(m);
    }

    /**
     * PINSRx/PEXTRx/INSERTPS/EXTRACTPS/PEXTRW/PINSRW (SSE2, SSE4.1; SDM Vol. 2 entries): a general register
     * destination is written zero-extended; a memory destination receives only the element.
     */
    private static void registerInsertExtract(Map<Form, Exec> m) {
        // PEXTRB r32/r64/m8, PEXTRW r32/r64/m16 (0F 3A 15), PEXTRD/Q r/m32/64, EXTRACTPS r/m32
        Object[][] ex = {{Form.PEXTRB_Eb_Vx_Ib, 1}, {Form.PEXTRW_Ew_Vx_Ib, 2}, {Form.PEXTRD_Ey_Vx_Ib, 0},
                {Form.EXTRACTPS_Ed_Vx_Ib, 4}};
        for (Object[] e : ex) {
            int fixed = (Integer) e[1];
            m.put((Form) e[0], (s, i) -> {
                check(s);
                int size = fixed != 0 ? fixed : i.operandSize() / 8;
                int x = i.reg();
                long v = PackedShuffle.pextr(s.xmmLo[x], s.xmmHi[x], (int) i.immediate() & 0xFF, size);
                if (i.hasMemory()) {
                    SseAccess.store(s, i, size * 8, v);
                } else {
                    s.writeReg(i.rm(), size == 8 ? 64 : 32, false, v);
                }
            });
        }
        m.put(Form.PEXTRW_Gy_Ux_Ib, (s, i) -> {
            check(s);
            SseAccess.requireRegister(i);
            int x = i.rm();
            s.writeReg(i.reg(), 32, false, PackedShuffle.pextr(s.xmmLo[x], s.xmmHi[x], (int) i.immediate() & 0xFF, 2));
        });
        // PINSRB xmm, r32/m8; PINSRW xmm, r32/m16; PINSRD/Q xmm, r/m32/64
        Object[][] in = {{Form.PINSRB_Vx_Eb_Ib, 1}, {Form.PINSRW_Vx_Ew_Ib, 2}, {Form.PINSRD_Vx_Ey_Ib, 0}};
        for (Object[] e : in) {
            int fixed = (Integer) e[1];
            m.put((Form) e[0], (s, i) -> {
                check(s);
                int size = fixed != 0 ? fixed : i.operandSize() / 8;
                long v = i.hasMemory() ? Memory.read(s, i.segment(), SseAccess.ea(s, i, size), size * 8) : s.gpr[i.rm()];
                apply(s, i.reg(), v, 0, (int) i.immediate() & 0xFF, (r, lo, hi, imm) -> PackedShuffle.pinsr(r, 0, lo, imm, size));
            });
        }
        // INSERTPS: a memory source is one dword, with imm8[7:6] (COUNT_S) ignored
        m.put(Form.INSERTPS_Vx_Wd_Ib, (s, i) -> {
            check(s);
            int imm8 = (int) i.immediate() & 0xFF;
            long bLo;
            long bHi;
            if (i.hasMemory()) {
                bLo = src32(s, i);
                bHi = 0;
                imm8 &= 0x3F;
            } else {
                bLo = s.xmmLo[i.rm()];
                bHi = s.xmmHi[i.rm()];
            }
            apply(s, i.reg(), bLo, bHi, imm8, (r, lo, hi, imm) -> PackedShuffle.insertps(r, 0, lo, hi, imm));
        });
    }
}
