package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.SseAccess.check;
import static org.hot86.cpu.interp.SseAccess.requireMemory;
import static org.hot86.cpu.interp.SseAccess.requireRegister;
import static org.hot86.cpu.interp.SseAccess.setXmm;
import static org.hot86.cpu.interp.SseAccess.src32;
import static org.hot86.cpu.interp.SseAccess.src64;
import static org.hot86.cpu.interp.SseAccess.srcHi;
import static org.hot86.cpu.interp.SseAccess.srcLo;
import static org.hot86.cpu.interp.SseAccess.store;
import static org.hot86.cpu.interp.SseAccess.store128;

import java.util.Map;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.sse.Mxcsr;
import org.hot86.cpu.sse.PackedShuffle;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for SSE/SSE2/SSE3/SSE4.1 data transfer and state management (SDM Vol. 1, 10.4.1, 10.4.6.2 MXCSR,
 * 10.4.6.3 cacheability control, 11.4.1.1, 11.4.6, 12.4.1, 12.10.3): whole-register moves (aligned MOVAPS/
 * MOVAPD/MOVDQA/MOVNT* raise #GP(0) on a misaligned address; MOVUPS/MOVUPD/MOVDQU/LDDQU never do), scalar and
 * half-register moves, MOVD/MOVQ with general registers, MOVMSKPS/PD, PMOVMSKB, MASKMOVDQU, LDMXCSR/STMXCSR.
 *
 * <p>Register-to-register moves copy all 128 bits; a memory destination receives only the operand's bytes.
 * The fences and MOVNTI (general registers) are in {@link DataMovementExec}.
 */
final class SseMoveExec {
    private SseMoveExec() {
    }

    /** MOVAPS-like load: xmm <- xmm/m128. */
    static void load(Map<Form, Exec> m, Form f, boolean aligned) {
        m.put(f, (s, i) -> {
            check(s);
            long lo = srcLo(s, i, aligned);
            long hi = srcHi(s, i);
            setXmm(s, i.reg(), lo, hi);
        });
    }

    /** MOVAPS-like store: xmm/m128 <- xmm. */
    static void storeForm(Map<Form, Exec> m, Form f, boolean aligned, boolean memoryOnly) {
        m.put(f, (s, i) -> {
            check(s);
            int r = i.reg();
            if (i.hasMemory()) {
                store128(s, i, aligned, s.xmmLo[r], s.xmmHi[r]);
            } else {
                if (memoryOnly) {
                    throw CpuFault.INVALID_OPCODE;
                }
                setXmm(s, i.rm(), s.xmmLo[r], s.xmmHi[r]);
            }
        });
    }

    static void register(Map<Form, Exec> m) {
        load(m, Form.MOVAPS_Vps_Wps, true);
        load(m, Form.MOVAPD_Vpd_Wpd, true);
        load(m, Form.MOVDQA_Vx_Wx, true);
        load(m, Form.MOVUPS_Vps_Wps, false);
        load(m, Form.MOVUPD_Vpd_Wpd, false);
        load(m, Form.MOVDQU_Vx_Wx, false);
        storeForm(m, Form.MOVAPS_Wps_Vps, true, false);
        storeForm(m, Form.MOVAPD_Wpd_Vpd, true, false);
        storeForm(m, Form.MOVDQA_Wx_Vx, true, false);
        storeForm(m, Form.MOVUPS_Wps_Vps, false, false);
        storeForm(m, Form.MOVUPD_Wpd_Vpd, false, false);
        storeForm(m, Form.MOVDQU_Wx_Vx, false, false);
        // non-temporal hints have no architectural effect beyond the move (single CPU, no caches modelled)
        storeForm(m, Form.MOVNTPS_Mps_Vps, true, true);
        storeForm(m, Form.MOVNTPD_Mpd_Vpd, true, true);
        storeForm(m, Form.MOVNTDQ_Mx_Vx, true, true);
        m.put(Form.MOVNTDQA_Vx_Mx, (s, i) -> {
            check(s);
            requireMemory(i);
            long lo = srcLo(s, i, true);
            setXmm(s, i.reg(), lo, srcHi(s, i));
        });
        m.put(Form.LDDQU_Vx_Mx, (s, i) -> {
            check(s);
            requireMemory(i);
            long lo = srcLo(s, i, false);
            setXmm(s, i.reg(), lo, srcHi(s, i));
        });
        registerScalar(m);
        registerGeneral(m);
        registerState(m);
    }

    /** MOVSS/MOVSD (register forms merge, loads zero-extend), MOVLPx/MOVHPx/MOVHLPS/MOVLHPS, MOVQ. */
    private static void registerScalar(Map<Form, Exec> m) {
        m.put(Form.MOVSS_Vx_Wss, (s, i) -> {
            check(s);
            int d = i.reg();
            if (i.hasMemory()) {
                setXmm(s, d, src32(s, i), 0);
            } else {
                s.xmmLo[d] = (s.xmmLo[d] & 0xFFFFFFFF00000000L) | (s.xmmLo[i.rm()] & 0xFFFFFFFFL);
            }
        });
        m.put(Form.MOVSD_Vx_Wsd, (s, i) -> {
            check(s);
            int d = i.reg();
            if (i.hasMemory()) {
                setXmm(s, d, src64(s, i), 0);
            } else {
                s.xmmLo[d] = s.xmmLo[i.rm()];
            }
        });
        m.put(Form.MOVSS_Wss_Vss, (s, i) -> {
            check(s);
            long v = s.xmmLo[i.reg()];
            if (i.hasMemory()) {
                store(s, i, 32, v);
            } else {
                int d = i.rm();
                s.xmmLo[d] = (s.xmmLo[d] & 0xFFFFFFFF00000000L) | (v & 0xFFFFFFFFL);
            }
        });
        m.put(Form.MOVSD_Wsd_Vsd, (s, i) -> {
            check(s);
            long v = s.xmmLo[i.reg()];
            if (i.hasMemory()) {
                store(s, i, 64, v);
            } else {
                s.xmmLo[i.rm()] = v;
            }
        });
        for (Form f : new Form[] {Form.MOVLPS_Vq_Mq, Form.MOVLPD_Vq_Mq}) {
            m.put(f, (s, i) -> {
                check(s);
                requireMemory(i);
                s.xmmLo[i.reg()] = src64(s, i);
            });
        }
        for (Form f : new Form[] {Form.MOVHPS_Vq_Mq, Form.MOVHPD_Vq_Mq}) {
            m.put(f, (s, i) -> {
                check(s);
                requireMemory(i);
                s.xmmHi[i.reg()] = src64(s, i);
            });
        }
        for (Form f : new Form[] {Form.MOVLPS_Mq_Vq, Form.MOVLPD_Mq_Vq}) {
            m.put(f, (s, i) -> {
                check(s);
                requireMemory(i);
                store(s, i, 64, s.xmmLo[i.reg()]);
            });
        }
        for (Form f : new Form[] {Form.MOVHPS_Mq_Vq, Form.MOVHPD_Mq_Vq}) {
            m.put(f, (s, i) -> {
                check(s);
                requireMemory(i);
                store(s, i, 64, s.xmmHi[i.reg()]);
            });
        }
        m.put(Form.MOVHLPS_Vq_Uq, (s, i) -> {
            check(s);
            requireRegister(i);
            s.xmmLo[i.reg()] = s.xmmHi[i.rm()];
        });
        m.put(Form.MOVLHPS_Vq_Uq, (s, i) -> {
            check(s);
            requireRegister(i);
            s.xmmHi[i.reg()] = s.xmmLo[i.rm()];
        });
        // MOVQ xmm, xmm/m64 (F3 0F 7E) and MOVQ xmm/m64, xmm (66 0F D6): the xmm destination is zero-extended
        m.put(Form.MOVQ_Vx_Wq, (s, i) -> {
            check(s);
            setXmm(s, i.reg(), src64(s, i), 0);
        });
        m.put(Form.MOVQ_Wq_Vq, (s, i) -> {
            check(s);
            long v = s.xmmLo[i.reg()];
            if (i.hasMemory()) {
                store(s, i, 64, v);
            } else {
                setXmm(s, i.rm(), v, 0);
            }
        });
    }

    /** MOVD/MOVQ with general registers, MOVMSKPS/PD, PMOVMSKB, MASKMOVDQU. */
    private static void registerGeneral(Map<Form, Exec> m) {
        m.put(Form.MOVD_Vx_Ey, (s, i) -> {
            check(s);
            int z = i.operandSize() == 64 ? 64 : 32;
            setXmm(s, i.reg(), Operands.readE(s, i, z), 0);
        });
        m.put(Form.MOVD_Ey_Vx, (s, i) -> {
            check(s);
            int z = i.operandSize() == 64 ? 64 : 32;
            Operands.writeE(s, i, z, s.xmmLo[i.reg()]);
        });
        m.put(Form.MOVMSKPS_Gy_Ups, (s, i) -> {
            check(s);
            requireRegister(i);
            s.writeReg(i.reg(), 32, false, PackedShuffle.movmskps(s.xmmLo[i.rm()], s.xmmHi[i.rm()]));
        });
        m.put(Form.MOVMSKPD_Gy_Upd, (s, i) -> {
            check(s);
            requireRegister(i);
            s.writeReg(i.reg(), 32, false, PackedShuffle.movmskpd(s.xmmLo[i.rm()], s.xmmHi[i.rm()]));
        });
        m.put(Form.PMOVMSKB_Gy_Ux, (s, i) -> {
            check(s);
            requireRegister(i);
            s.writeReg(i.reg(), 32, false, PackedShuffle.pmovmskb(s.xmmLo[i.rm()], s.xmmHi[i.rm()]));
        });
        m.put(Form.MASKMOVDQU_Vx_Ux, SseMoveExec::maskmovdqu);
    }

    /**
     * MASKMOVDQU (SDM Vol. 2): bytes of the first operand whose mask byte (second operand) has bit 7 set are
     * stored at DS:rDI (segment override allowed; rDI by the address size). The SDM leaves faults on bytes
     * whose mask is 0 implementation-specific; like the host (checked by the conformance campaign), all 16
     * bytes are checked for writability before any is written, so a fault leaves memory unchanged.
     */
    private static void maskmovdqu(CpuState s, Instruction i) {
        check(s);
        requireRegister(i);
        long dLo = s.xmmLo[i.reg()];
        long dHi = s.xmmHi[i.reg()];
        long mLo = s.xmmLo[i.rm()];
        long mHi = s.xmmHi[i.rm()];
        int seg = i.segmentOverride() >= 0 ? i.segmentOverride() : CpuState.DS;
        long mask = i.addressSize() == 64 ? -1L : i.addressSize() == 32 ? 0xFFFFFFFFL : 0xFFFFL;
        long base = s.gpr[CpuState.RDI] & mask;
        for (int k = 0; k < 16; k++) {
            if ((k & 7) == 0) {
                // per 8-byte half, as the host does (unlike other 16-byte operands, whose limit is checked as a whole)
                SseAccess.checkLimit(s, seg, base + k, 8);
            }
            SseAccess.probeWrite(s, seg, base + k, 8);
        }
        for (int k = 0; k < 16; k++) {
            long mk = k < 8 ? mLo >>> (8 * k) : mHi >>> (8 * (k - 8));
            if ((mk & 0x80) != 0) {
                long v = k < 8 ? dLo >>> (8 * k) : dHi >>> (8 * (k - 8));
                Memory.write(s, seg, base + k, 8, v & 0xFF);
            }
        }
    }

    /** LDMXCSR/STMXCSR (SDM Vol. 2): #GP(0) when LDMXCSR would set a reserved bit (above bit 15). */
    private static void registerState(Map<Form, Exec> m) {
        m.put(Form.LDMXCSR_Md, (s, i) -> {
            check(s);
            requireMemory(i);
            int v = (int) Memory.read(s, i.segment(), SseAccess.ea(s, i, 4), 32);
            if (!Mxcsr.isLoadable(v)) {
                throw CpuFault.GP0;
            }
            s.mxcsr = v;
        });
        m.put(Form.STMXCSR_Md, (s, i) -> {
            check(s);
            requireMemory(i);
            store(s, i, 32, Mxcsr.store(s.mxcsr));
        });
    }
}
