package org.hot86.cpu.interp;

import static org.hot86.cpu.interp.X87Access.begin;
import static org.hot86.cpu.interp.X87Access.beginNoWait;
import static org.hot86.cpu.interp.X87Access.ea;
import static org.hot86.cpu.interp.X87Access.probe;
import static org.hot86.cpu.interp.X87Access.read;
import static org.hot86.cpu.interp.X87Access.readBytes;
import static org.hot86.cpu.interp.X87Access.writeBytes;
import static org.hot86.cpu.interp.X87LoadStoreExec.stForm;

import java.util.Map;
import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Memory;
import org.hot86.cpu.sse.Mxcsr;
import org.hot86.cpu.x87.X87;
import org.hot86.cpu.x87.X87Env;
import org.hot86.cpu.x87.X87State;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;

/**
 * Executors for the x87 control instructions and the FPU/SSE state save area (SDM Vol. 1, 8.3.11-8.3.13,
 * 10.5; Vol. 2 FLDCW, FNSTCW, FNSTSW (m16 and AX), FLDENV, FNSTENV, FNSAVE, FRSTOR, FNINIT, FNCLEX, FWAIT, FNOP,
 * FFREE, FFREEP, FINCSTP, FDECSTP, FXSAVE, FXRSTOR).
 *
 * <p>The environment layout follows the operand size (16-bit: 14/94 bytes, else 28/108 bytes) and the mode
 * (real-address layout in real mode, protected-mode layout otherwise); the images are built by {@link X87Env}.
 * Control instructions do not update FIP/FDP/FOP (SDM 8.1.8); FNOP, FFREE, FINCSTP and FDECSTP do.
 *
 * <p>FXSAVE/FXRSTOR: the 512-byte area must be 16-byte aligned (#GP(0)); REX.W selects the 64-bit layout
 * (FXSAVE64: 64-bit FIP/FDP, no selectors). Bytes 24-31 hold MXCSR and MXCSR_MASK and 160.. the XMM registers
 * (16 in 64-bit mode, 8 otherwise) when CR4.OSFXSR = 1; bytes past the last XMM register are neither read nor
 * written. FXRSTOR raises #GP(0) when the image's MXCSR has a reserved bit set, before changing anything.
 */
final class X87ControlExec {
    private X87ControlExec() {
    }

    static final long CR4_OSFXSR = 1L << 9;

    /** The environment layout of FLDENV/FNSTENV/FNSAVE/FRSTOR for this instruction. */
    static X87Env.Format format(CpuState s, Instruction i) {
        boolean real = s.mode == CpuMode.REAL;
        if (i.operandSize() == 16) {
            return real ? X87Env.Format.REAL16 : X87Env.Format.PROT16;
        }
        return real ? X87Env.Format.REAL32 : X87Env.Format.PROT32;
    }

    /** FNSTCW before its store: #NM (CR0.EM or TS; no #MF check, SDM Vol. 2 FSTCW/FNSTCW), the control word. */
    static int fnstcw(CpuState s) {
        return X87.fstcw(beginNoWait(s));
    }

    static void register(Map<Form, Exec> m) {
        m.put(Form.FLDCW_Mw, (s, i) -> {
            X87State x = begin(s);
            int v = (int) read(s, i, 16);
            X87.fldcw(x, v);
        });
        m.put(Form.FNSTCW_Mw, (s, i) -> {
            int cw = fnstcw(s);
            Memory.write(s, i.segment(), ea(s, i, 2), 16, cw);
        });
        m.put(Form.FNSTSW_Mw, (s, i) -> {
            X87State x = beginNoWait(s);
            Memory.write(s, i.segment(), ea(s, i, 2), 16, X87.fstsw(x));
        });
        m.put(Form.FNSTSW_AX, (s, i) -> {
            X87State x = beginNoWait(s);
            s.writeReg(CpuState.RAX, 16, false, X87.fstsw(x));
        });
        m.put(Form.FNINIT, (s, i) -> X87.finit(beginNoWait(s)));
        m.put(Form.FNCLEX, (s, i) -> X87.fclex(beginNoWait(s)));
        m.put(Form.FWAIT, (s, i) -> {
            // FWAIT: #NM only when both TS and MP are set (SDM Vol. 3A, Table 2-2)
            if ((s.cr0 & (X87Access.CR0_TS | X87Access.CR0_MP)) == (X87Access.CR0_TS | X87Access.CR0_MP)) {
                throw CpuFault.DEVICE_NOT_AVAILABLE;
            }
            if (s.x87.pendingException()) {
                throw X87Access.FP_ERROR;
            }
        });
        stForm(m, Form.FNOP, (s, x, k) -> { });
        stForm(m, Form.FFREE_STi, (s, x, k) -> X87.ffree(x, k));
        stForm(m, Form.FFREEP_STi, (s, x, k) -> X87.ffreep(x, k));
        stForm(m, Form.FINCSTP, (s, x, k) -> X87.fincstp(x));
        stForm(m, Form.FDECSTP, (s, x, k) -> X87.fdecstp(x));
        m.put(Form.FLDENV_M, (s, i) -> {
            X87State x = begin(s);
            X87Env.Format f = format(s, i);
            byte[] b = readBytes(s, i.segment(), ea(s, i, f.size), f.size);
            X87Env.fldenv(x, f, b, 0);
            loaded(x, f);
        });
        m.put(Form.FRSTOR_M, (s, i) -> {
            X87State x = begin(s);
            X87Env.Format f = format(s, i);
            byte[] b = readBytes(s, i.segment(), ea(s, i, f.size + 80), f.size + 80);
            X87Env.frstor(x, f, b, 0);
            loaded(x, f);
        });
        m.put(Form.FNSTENV_M, (s, i) -> {
            X87State x = beginNoWait(s);
            X87Env.Format f = format(s, i);
            long ea = ea(s, i, f.size);
            probe(s, i.segment(), ea, f.size);
            byte[] b = new byte[f.size];
            X87Env.fstenv(x, f, b, 0);
            writeBytes(s, i.segment(), ea, b, f.size);
        });
        m.put(Form.FNSAVE_M, (s, i) -> {
            X87State x = beginNoWait(s);
            X87Env.Format f = format(s, i);
            int n = f.size + 80;
            long ea = ea(s, i, n);
            probe(s, i.segment(), ea, n);
            byte[] b = new byte[n];
            X87Env.fsave(x, f, b, 0);
            writeBytes(s, i.segment(), ea, b, n);
        });
        m.put(Form.FXSAVE_M, X87ControlExec::fxsave);
        m.put(Form.FXRSTOR_M, X87ControlExec::fxrstor);
    }

    /**
     * After FLDENV/FRSTOR (host-checked): ES and B follow the loaded flags and masks; the 16-bit protected-mode
     * layout has no FOP field, and the host then has FOP = 0.
     */
    private static void loaded(X87State x, X87Env.Format f) {
        if (f == X87Env.Format.PROT16) {
            x.fop = 0;
        }
        x.updateSummary();
    }

    /** Size of the FXSAVE image actually transferred: legacy area and the XMM registers of the mode. */
    private static int fxBytes(CpuState s) {
        return 160 + 16 * (s.mode == CpuMode.LONG_64 ? 16 : 8);
    }

    /** The 16-byte aligned FXSAVE area (#GP(0) when misaligned), limit-checked for 512 bytes. */
    private static long fxArea(CpuState s, Instruction i) {
        long ea = ea(s, i, 512);
        if ((Memory.linear(s, i.segment(), ea) & 15) != 0) {
            throw CpuFault.GP0;
        }
        return ea;
    }

    static void fxsave(CpuState s, Instruction i) {
        X87State x = beginNoWait(s);
        long ea = fxArea(s, i);
        int seg = i.segment();
        probe(s, seg, ea, 512);
        int n = fxBytes(s);
        byte[] b = readBytes(s, seg, ea, n); // bytes 24-31 and the XMM area keep their contents without OSFXSR
        X87Env.fxsave(x, b, 0, i.operandSize() == 64);
        if ((s.cr4 & CR4_OSFXSR) != 0) {
            put(b, 24, Mxcsr.store(s.mxcsr), 4);
            put(b, 28, Mxcsr.WRITABLE_MASK, 4);
            for (int r = 0; r < (n - 160) / 16; r++) {
                put(b, 160 + 16 * r, s.xmmLo[r], 8);
                put(b, 168 + 16 * r, s.xmmHi[r], 8);
            }
        }
        writeBytes(s, seg, ea, b, n);
    }

    static void fxrstor(CpuState s, Instruction i) {
        X87State x = beginNoWait(s);
        long ea = fxArea(s, i);
        int n = fxBytes(s);
        byte[] b = readBytes(s, i.segment(), ea, n);
        boolean sse = (s.cr4 & CR4_OSFXSR) != 0;
        int mxcsr = (int) get(b, 24, 4);
        if (sse && !Mxcsr.isLoadable(mxcsr)) {
            throw CpuFault.GP0;
        }
        X87Env.fxrstor(x, b, 0, i.operandSize() == 64);
        if (i.operandSize() == 64) {
            x.fcs = 0; // the 64-bit image has no selectors: FCS/FDS become 0 (host: a later FNSAVE stores 0)
            x.fds = 0;
        }
        x.updateSummary();
        if (sse) {
            s.mxcsr = mxcsr;
            for (int r = 0; r < (n - 160) / 16; r++) {
                s.xmmLo[r] = get(b, 160 + 16 * r, 8);
                s.xmmHi[r] = get(b, 168 + 16 * r, 8);
            }
        }
    }

    static void put(byte[] b, int off, long v, int n) {
        for (int k = 0; k < n; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    static long get(byte[] b, int off, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v |= (b[off + k] & 0xFFL) << (8 * k);
        }
        return v;
    }
}
