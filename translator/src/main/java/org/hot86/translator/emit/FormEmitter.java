package org.hot86.translator.emit;

import static org.hot86.translator.emit.BlockEmitter.S;
import static org.hot86.translator.emit.BlockEmitter.STATE;
import static org.hot86.translator.emit.BlockEmitter.T_A;
import static org.hot86.translator.emit.BlockEmitter.T_B;
import static org.hot86.translator.emit.BlockEmitter.T_EA;
import static org.hot86.translator.emit.BlockEmitter.T_R;
import static org.hot86.translator.emit.BlockEmitter.slot;
import static org.objectweb.asm.Opcodes.*;

import org.hot86.cpu.CpuMode;
import org.hot86.decoder.Flags;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Native bytecode for the hot instruction forms (SDM Vol. 1 chapter 7 groups: data
 * movement 7.3.1, binary arithmetic 7.3.2, logical 7.3.4, shifts and rotates 7.3.6, bit
 * and byte 7.3.7, control transfer 7.3.8, stack; chapters 10-11: SSE/SSE2 moves, logical,
 * integer compare and arithmetic). Semantics with irregular flags are the cpu module's
 * static methods, called with INVOKESTATIC exactly as the interpreter's executors call
 * them; results are computed in line where the operation is simple, and flags go to the
 * block's flag record in locals (a lazy record, or an overlay for instructions that change
 * only some flags: see BlockEmitter#overlay), recorded after the instruction's last
 * possible fault.
 *
 * <p>Invariant: the GPR locals, XMM registers and memory change only after the
 * instruction's last possible fault. Forms not handled here run through the interpreter's
 * executor; {@code -Dhot86.jit.fallbackStats=true} counts those by form.
 */
final class FormEmitter {
    private static final String ARITH = "org/hot86/cpu/semantics/Arithmetic";
    private static final String LOGIC = "org/hot86/cpu/semantics/Logical";
    private static final String MEMORY = "org/hot86/cpu/Memory";
    private static final String COND = "org/hot86/cpu/semantics/Conditions";
    private static final String SHIFT = "org/hot86/cpu/semantics/ShiftRotate";
    private static final String MULDIV = "org/hot86/cpu/semantics/MulDiv";
    private static final String DATAMOV = "org/hot86/cpu/semantics/DataMovement";
    private static final String BINOP = "(L" + STATE + ";IJJ)J";
    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
    private static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;
    /** Fused-compare kind: ZF/SF of the result in T_R (ADD, OR, XOR, ADC, SBB, INC, DEC, NEG). */
    private static final int RESULT = 8;
    /** Fused-compare kind: CF is T_R (0 or 1), the bit that BT* selected. */
    private static final int BITCF = 9;
    private static final int SS = 2;

    private final BlockEmitter e;

    /** The compare that a following Jcc can reuse: SUB or AND of T_A and T_B at {@link #fusedSize}. */
    private int fusedOp = -1;
    private int fusedSize;
    private int fusedIndex = -1;

    FormEmitter(BlockEmitter e) {
        this.e = e;
    }

    private MethodVisitor mv() {
        return e.mv;
    }

    // ---- classification -------------------------------------------------------------------

    private enum Kind { ALU_EG, ALU_GE, ALU_AI, ALU_EI, TEST_EG, TEST_AI, TEST_EI, INC, DEC, INC_Z, DEC_Z, NEG, NOT,
        MOV_EG, MOV_GE, MOV_ZI, MOV_EI, LEA, MOVZX, MOVSX, IMUL2, IMUL3, SHIFT, SETCC, CMOV, XCHG_EG, XCHG_ZA,
        CBW, CWD, NOP, BSWAP, MOVBE_GM, MOVBE_MG, XMM_LOAD, XMM_STORE, XMM_BIN, XMM_LOAD64, XMM_STORE64, MOVD_VE,
        MOVD_EV, PMOVMSKB, XMM_SHIFTI, SSE_COMI, SSE_SCALAR, SSE_SHUF, CVTSI2SD, STRING, FNSTCW, BT_G, BT_I, BSF, SHLD, JCC, JMP, JMP_E, CALL, CALL_E, RET, PUSH_Z, PUSH_I, POP_Z }

    private static Kind kind(Form f) {
        String n = f.name();
        int u = n.indexOf('_');
        String m = u < 0 ? n : n.substring(0, u);
        String ops = u < 0 ? "" : n.substring(u + 1);
        for (String a : ALU) {
            if (a.equals(m)) {
                return switch (ops) {
                    case "Eb_Gb", "Ev_Gv" -> Kind.ALU_EG;
                    case "Gb_Eb", "Gv_Ev" -> Kind.ALU_GE;
                    case "AL_Ib", "rAX_Iz" -> Kind.ALU_AI;
                    case "Eb_Ib", "Ev_Iz", "Ev_Ibs" -> Kind.ALU_EI;
                    default -> null;
                };
            }
        }
        if (m.equals("ROL") || m.equals("ROR") || m.equals("SHL") || m.equals("SHR") || m.equals("SAR")) {
            return Kind.SHIFT;
        }
        return switch (f) {
            case TEST_Eb_Gb, TEST_Ev_Gv -> Kind.TEST_EG;
            case TEST_AL_Ib, TEST_rAX_Iz -> Kind.TEST_AI;
            case TEST_Eb_Ib, TEST_Ev_Iz -> Kind.TEST_EI;
            case INC_Eb, INC_Ev -> Kind.INC;
            case DEC_Eb, DEC_Ev -> Kind.DEC;
            case INC_Zv -> Kind.INC_Z;
            case DEC_Zv -> Kind.DEC_Z;
            case NEG_Eb, NEG_Ev -> Kind.NEG;
            case NOT_Eb, NOT_Ev -> Kind.NOT;
            case MOV_Eb_Gb, MOV_Ev_Gv -> Kind.MOV_EG;
            case MOV_Gb_Eb, MOV_Gv_Ev -> Kind.MOV_GE;
            case MOV_Zb_Ib, MOV_Zv_Iv -> Kind.MOV_ZI;
            case MOV_Eb_Ib, MOV_Ev_Iz -> Kind.MOV_EI;
            case LEA_Gv_M -> Kind.LEA;
            case MOVZX_Gv_Eb, MOVZX_Gv_Ew -> Kind.MOVZX;
            case MOVSX_Gv_Eb, MOVSX_Gv_Ew, MOVSXD_Gv_Ed -> Kind.MOVSX;
            case IMUL_Gv_Ev -> Kind.IMUL2;
            case IMUL_Gv_Ev_Iz, IMUL_Gv_Ev_Ibs -> Kind.IMUL3;
            case SETCC_Eb -> Kind.SETCC;
            case CMOVCC_Gv_Ev -> Kind.CMOV;
            case XCHG_Eb_Gb, XCHG_Ev_Gv -> Kind.XCHG_EG;
            case XCHG_Zv_rAX -> Kind.XCHG_ZA;
            case BSWAP_Zy -> Kind.BSWAP;
            case BT_Ev_Gv, BTS_Ev_Gv, BTR_Ev_Gv, BTC_Ev_Gv -> Kind.BT_G;
            case BT_Ev_Ib, BTS_Ev_Ib, BTR_Ev_Ib, BTC_Ev_Ib -> Kind.BT_I;
            case BSF_Gv_Ev, BSR_Gv_Ev -> Kind.BSF;
            case SHLD_Ev_Gv_Ib, SHLD_Ev_Gv_CL, SHRD_Ev_Gv_Ib, SHRD_Ev_Gv_CL -> Kind.SHLD;
            case MOVAPS_Vps_Wps, MOVAPD_Vpd_Wpd, MOVDQA_Vx_Wx, MOVUPS_Vps_Wps, MOVUPD_Vpd_Wpd, MOVDQU_Vx_Wx ->
                    Kind.XMM_LOAD;
            case MOVAPS_Wps_Vps, MOVAPD_Wpd_Vpd, MOVDQA_Wx_Vx, MOVUPS_Wps_Vps, MOVUPD_Wpd_Vpd, MOVDQU_Wx_Vx,
                    MOVNTPS_Mps_Vps, MOVNTPD_Mpd_Vpd, MOVNTDQ_Mx_Vx -> Kind.XMM_STORE; // non-temporal: a hint only
            case MOVSD_Vx_Wsd, MOVQ_Vx_Wq -> Kind.XMM_LOAD64;
            case MOVSD_Wsd_Vsd, MOVQ_Wq_Vq -> Kind.XMM_STORE64;
            case MOVD_Vx_Ey -> Kind.MOVD_VE;
            case MOVD_Ey_Vx -> Kind.MOVD_EV;
            case PMOVMSKB_Gy_Ux -> Kind.PMOVMSKB;
            case PSLLW_Ux_Ib, PSLLD_Ux_Ib, PSLLQ_Ux_Ib, PSRLW_Ux_Ib, PSRLD_Ux_Ib, PSRLQ_Ux_Ib, PSRAW_Ux_Ib, PSRAD_Ux_Ib ->
                    Kind.XMM_SHIFTI;
            case COMISD_Vsd_Wsd, UCOMISD_Vsd_Wsd, COMISS_Vss_Wss, UCOMISS_Vss_Wss -> Kind.SSE_COMI;
            case ADDSD_Vsd_Wsd, SUBSD_Vsd_Wsd, MULSD_Vsd_Wsd, DIVSD_Vsd_Wsd, MINSD_Vsd_Wsd, MAXSD_Vsd_Wsd,
                    ADDSS_Vss_Wss, SUBSS_Vss_Wss, MULSS_Vss_Wss, DIVSS_Vss_Wss, MINSS_Vss_Wss, MAXSS_Vss_Wss ->
                    Kind.SSE_SCALAR;
            case STOS_Yb_AL, STOS_Yv_rAX, MOVS_Yb_Xb, MOVS_Yv_Xv -> Kind.STRING;
            case FNSTCW_Mw -> Kind.FNSTCW;
            case PSHUFD_Vx_Wx_Ib, PALIGNR_Vx_Wx_Ib, PUNPCKLBW_Vx_Wx, PUNPCKLWD_Vx_Wx, PUNPCKLDQ_Vx_Wx, PUNPCKLQDQ_Vx_Wx ->
                    Kind.SSE_SHUF;
            case CVTSI2SD_Vsd_Ey -> Kind.CVTSI2SD;
            case MOVBE_Gv_Mv -> Kind.MOVBE_GM;
            case MOVBE_Mv_Gv -> Kind.MOVBE_MG;
            case CBW -> Kind.CBW;
            case CWD -> Kind.CWD;
            case NOP, PAUSE, NOP_Ev, ENDBR64, ENDBR32 -> Kind.NOP;
            case JCC_Jb, JCC_Jz -> Kind.JCC;
            case JMP_Jb, JMP_Jz -> Kind.JMP;
            case JMP_Ev -> Kind.JMP_E;
            case CALL_Jz -> Kind.CALL;
            case CALL_Ev -> Kind.CALL_E;
            case RET -> Kind.RET;
            case PUSH_Zv -> Kind.PUSH_Z;
            case PUSH_Iz, PUSH_Ibs -> Kind.PUSH_I;
            case POP_Zv -> Kind.POP_Z;
            default -> packedBinary(f) != null ? Kind.XMM_BIN : null;
        };
    }

    /**
     * The 128-bit two-operand SSE forms compiled natively, element-wise on each 64-bit half:
     * the {@code org.hot86.cpu.sse.PackedArith} method the interpreter's executor applies
     * (SseIntExec "binary"); null for other forms. The logical ones are emitted in line.
     */
    static String packedBinary(Form f) {
        return switch (f) {
            case PXOR_Vx_Wx, XORPS_Vps_Wps, XORPD_Vpd_Wpd -> "pxor";
            case POR_Vx_Wx, ORPS_Vps_Wps, ORPD_Vpd_Wpd -> "por";
            case PAND_Vx_Wx, ANDPS_Vps_Wps, ANDPD_Vpd_Wpd -> "pand";
            case PANDN_Vx_Wx, ANDNPS_Vps_Wps, ANDNPD_Vpd_Wpd -> "pandn";
            case PCMPEQB_Vx_Wx -> "pcmpeqb";
            case PCMPEQW_Vx_Wx -> "pcmpeqw";
            case PCMPEQD_Vx_Wx -> "pcmpeqd";
            case PMINUB_Vx_Wx -> "pminub";
            case PMAXUB_Vx_Wx -> "pmaxub";
            case PADDB_Vx_Wx -> "paddb";
            case PADDD_Vx_Wx -> "paddd";
            case PADDQ_Vx_Wx -> "paddq";
            case PSUBB_Vx_Wx -> "psubb";
            case PSUBD_Vx_Wx -> "psubd";
            case PSUBQ_Vx_Wx -> "psubq";
            default -> null;
        };
    }

    private static boolean isSse(Kind k) {
        return switch (k) {
            case XMM_LOAD, XMM_STORE, XMM_BIN, XMM_LOAD64, XMM_STORE64, MOVD_VE, MOVD_EV, PMOVMSKB, XMM_SHIFTI, SSE_COMI,
                    SSE_SCALAR, SSE_SHUF, CVTSI2SD -> true;
            default -> false;
        };
    }

    private static int aluOp(Form f) {
        String n = f.name();
        String m = n.substring(0, n.indexOf('_'));
        for (int k = 0; k < 8; k++) {
            if (ALU[k].equals(m)) {
                return k;
            }
        }
        throw new IllegalStateException(n);
    }

    /** True for forms whose semantics replace the whole lazy-flag record (CpuState.setLazy without materialising). */
    static boolean replacesFlagRecord(Instruction i) {
        Kind k = kind(i.form());
        return k == Kind.ALU_EG || k == Kind.ALU_GE || k == Kind.ALU_AI || k == Kind.ALU_EI || k == Kind.TEST_EG
                || k == Kind.TEST_AI || k == Kind.TEST_EI || k == Kind.NEG;
    }

    /**
     * The masked count of a shift by 1 or by an immediate (SDM SAL/SAR/SHL/SHR: count &amp; 0x1F,
     * 0x3F for 64-bit operands); -1 for a count in CL.
     */
    static int shiftCount(Instruction i) {
        String n = i.form().name();
        if (n.endsWith("_CL")) {
            return -1;
        }
        long c = n.endsWith("_1") ? 1 : i.immediate();
        return (int) c & (size(i) == 64 ? 0x3F : 0x1F);
    }

    /**
     * For SHL/SHR/SAR by a non-zero constant count: the {@code CompiledBlock.FLAGS_*} kind of
     * the record kept in locals (their semantics replace every status flag, so they kill all
     * flags); 0 for every other instruction.
     */
    static int shiftInLocals(Instruction i) {
        return switch (constantShift(i)) {
            case "SHL" -> org.hot86.cpu.jit.CompiledBlock.FLAGS_SHL;
            case "SHR" -> org.hot86.cpu.jit.CompiledBlock.FLAGS_SHR;
            case "SAR" -> org.hot86.cpu.jit.CompiledBlock.FLAGS_SAR;
            default -> 0;
        };
    }

    /** The mnemonic (SHL, ROR ...) of a shift or rotate by a constant that is non-zero after masking; else "". */
    private static String constantShift(Instruction i) {
        return kind(i.form()) == Kind.SHIFT && shiftCount(i) > 0 ? i.form().name().substring(0, 3) : "";
    }

    /**
     * For ROL/ROR by 1 or an immediate whose masked count is non-zero: the overlay bit
     * ({@code CompiledBlock.FLAGS_ROL/ROR}) of the CF/OF record kept in locals; 0 otherwise.
     */
    static int rotateInLocals(Instruction i) {
        return switch (constantShift(i)) {
            case "ROL" -> org.hot86.cpu.jit.CompiledBlock.FLAGS_ROL;
            case "ROR" -> org.hot86.cpu.jit.CompiledBlock.FLAGS_ROR;
            default -> 0;
        };
    }

    /** True if native {@code i} keeps its flag record in the block's locals (see BlockEmitter#flagState). */
    static boolean recordsInLocals(Instruction i) {
        Kind k = kind(i.form());
        if (k == null) {
            return false;
        }
        return switch (k) {
            case ALU_EG, ALU_GE, ALU_AI, ALU_EI -> aluOp(i.form()) != ADC && aluOp(i.form()) != SBB;
            case TEST_EG, TEST_AI, TEST_EI, NEG, INC, DEC, INC_Z, DEC_Z, BT_G, BT_I, BSF -> true;
            default -> shiftInLocals(i) != 0 || rotateInLocals(i) != 0;
        };
    }

    /** True if {@code i} is compiled to native bytecode in mode {@code mode}. */
    boolean isNative(Instruction i, CpuMode mode) {
        if (!i.isValid() || i.lock() || i.lockViolation()) {
            return false;
        }
        Kind k = kind(i.form());
        if (k == null) {
            return false;
        }
        boolean mem = i.hasMemory();
        boolean is64 = mode == CpuMode.LONG_64;
        if (isSse(k)) { // memory operands only through the in-line TLB (linear address = offset: alignment check)
            if (!mem && i.form().name().startsWith("MOVNT")) {
                return false; // memory-only forms: #UD through the executor
            }
            return (!mem || (e.inlineTlb && i.segment() < 4)) && ((k != Kind.PMOVMSKB && k != Kind.XMM_SHIFTI) || !mem);
        }
        return switch (k) {
            // ADC/SBB with a memory destination: the flags would have to be recorded before the store.
            case ALU_EG, ALU_EI -> !(mem && (aluOp(i.form()) == ADC || aluOp(i.form()) == SBB));
            case SETCC, BT_G, SHLD -> !mem; // BT* r/m, reg on memory: bit-string addressing
            case SHIFT -> !mem || shiftCount(i) >= 0; // memory: constant counts (flags after the store)
            case JMP_E, CALL, CALL_E, RET, PUSH_Z, PUSH_I, POP_Z -> is64 && i.operandSize() == 64;
            case FNSTCW -> is64 && mem; // a register operand is #UD (the executor's)
            default -> true;
        };
    }

    /** True if the native code for {@code i} can raise a guest exception. */
    boolean mayFault(Instruction i) {
        Kind k = kind(i.form());
        return switch (k) {
            case LEA, NOP -> false;
            case JMP_E, CALL_E -> true;
            case XMM_LOAD, XMM_STORE, XMM_BIN, XMM_LOAD64, XMM_STORE64, MOVD_VE, MOVD_EV, PMOVMSKB, XMM_SHIFTI,
                    SSE_COMI, SSE_SCALAR, SSE_SHUF, CVTSI2SD -> true; // #UD/#NM (#XM)
            case CALL, RET, PUSH_Z, PUSH_I, POP_Z, STRING, FNSTCW -> true;
            default -> i.hasMemory();
        };
    }

    /** True if the native code for {@code i} may write guest memory. */
    boolean mayStore(Instruction i) {
        Kind k = kind(i.form());
        return switch (k) {
            case ALU_EG, ALU_EI, INC, DEC, NEG, NOT, MOV_EG, MOV_EI, XCHG_EG -> i.hasMemory();
            case XMM_STORE, XMM_STORE64, MOVD_EV, SHIFT -> i.hasMemory();
            case BT_I -> i.hasMemory() && i.form() != Form.BT_Ev_Ib;
            case CALL, CALL_E, PUSH_Z, PUSH_I, MOVBE_MG, STRING, FNSTCW -> true;
            default -> false;
        };
    }

    /**
     * True if the flag record of native instruction {@code p} can be sunk into the block
     * exits when {@code jcc} (a JCC or JMP right after it, ending the block) follows: p
     * cannot fault, its semantics only record flags (the result is computed inline) and the
     * branch compares its operands or result directly.
     */
    boolean deferrable(Instruction p, Instruction last) {
        Kind k = kind(p.form());
        if (k == null || mayFault(p)) {
            return false;
        }
        // ALU/TEST/NEG keep their record in locals (free when dead): only INC/DEC, whose
        // semantics materialise the previous flags, are worth sinking.
        int producer;
        switch (k) {
            case INC, DEC, INC_Z, DEC_Z -> producer = RESULT;
            default -> {
                return false;
            }
        }
        Kind lk = kind(last.form());
        if (lk == Kind.JMP) {
            return true;
        }
        return lk == Kind.JCC && fusable(producer, last.condition());
    }

    /** Whether {@link #jcc} compares directly (without the flags in the state) for this producer and condition. */
    private static boolean fusable(int producer, int cc) {
        int base = cc >> 1;
        return switch (producer) {
            case SUB -> base == 1 || base == 2 || base == 3 || base == 6 || base == 7;
            case AND -> base != 5;
            default -> base == 2 || base == 4;
        };
    }

    // ---- operands ----------------------------------------------------------------------------

    /** Pushes GPR {@code r} read at {@code size} bits (zero-extended); {@code high8} selects AH..BH. */
    void loadReg(int r, int size, boolean high8) {
        MethodVisitor mv = mv();
        if (size == 8 && high8 && r >= 4 && r < 8) {
            e.used |= 1 << (r - 4);
            mv.visitVarInsn(LLOAD, slot(r - 4));
            mv.visitIntInsn(BIPUSH, 8);
            mv.visitInsn(LUSHR);
            mask(8);
            return;
        }
        e.used |= 1 << r;
        mv.visitVarInsn(LLOAD, slot(r));
        if (size != 64) {
            mask(size);
        }
    }

    /**
     * Set just before a {@link #storeReg} (directly or through storeG/storeE) whose value is
     * already zero-extended from the operand size: the store then emits no mask (read and
     * cleared by every store).
     */
    private boolean knownMasked;

    /** Pops a long and writes it to GPR {@code r} with the x86 merge rules (SDM Vol. 1, 3.4.1.1). */
    void storeReg(int r, int size, boolean high8) {
        MethodVisitor mv = mv();
        boolean masked = knownMasked;
        knownMasked = false;
        if (size == 8 && high8 && r >= 4 && r < 8) {
            int q = r - 4;
            e.used |= 1 << q;
            e.written |= 1 << q;
            if (!masked) {
                mask(8);
            }
            mv.visitIntInsn(BIPUSH, 8);
            mv.visitInsn(LSHL);
            mv.visitVarInsn(LLOAD, slot(q));
            e.pushLong(~0xFF00L);
            mv.visitInsn(LAND);
            mv.visitInsn(LOR);
            mv.visitVarInsn(LSTORE, slot(q));
            return;
        }
        e.used |= 1 << r;
        e.written |= 1 << r;
        switch (size) {
            case 64 -> { }
            case 32 -> {
                if (!masked) {
                    mask(32);
                }
            }
            default -> {
                if (!masked) {
                    mask(size);
                }
                mv.visitVarInsn(LLOAD, slot(r));
                e.pushLong(~org.hot86.cpu.Flags.mask(size));
                mv.visitInsn(LAND);
                mv.visitInsn(LOR);
            }
        }
        mv.visitVarInsn(LSTORE, slot(r));
    }

    void mask(int size) {
        if (size == 64) {
            return;
        }
        e.pushLong(org.hot86.cpu.Flags.mask(size));
        mv().visitInsn(LAND);
    }

    /** Sign-extends the long on the stack from {@code size} bits. */
    void sext(int size) {
        if (size == 64) {
            return;
        }
        e.push(64 - size);
        mv().visitInsn(LSHL);
        e.push(64 - size);
        mv().visitInsn(LSHR);
    }

    /** Computes the effective address of {@code i}'s memory operand into T_EA (SDM Vol. 2, 2.1.5). */
    void ea(int k, Instruction i) {
        MethodVisitor mv = mv();
        long disp = i.displacement();
        if (i.ripRelative()) {
            disp += e.next(k);
        }
        e.pushLong(disp);
        if (i.base() >= 0) {
            e.used |= 1 << i.base();
            mv.visitVarInsn(LLOAD, slot(i.base()));
            mv.visitInsn(LADD);
        }
        if (i.index() >= 0) {
            e.used |= 1 << i.index();
            mv.visitVarInsn(LLOAD, slot(i.index()));
            if (i.scale() > 1) {
                e.push(Integer.numberOfTrailingZeros(i.scale()));
                mv.visitInsn(LSHL);
            }
            mv.visitInsn(LADD);
        }
        if (i.addressSize() != 64) {
            mask(i.addressSize());
        }
        mv.visitVarInsn(LSTORE, T_EA);
    }

    void readMem(int seg, int size) {
        readMem(seg, size, false);
    }

    /**
     * The TLB fast path of softmmu's {@code Tlb} contract: the entry index of T_EA goes to
     * int local T_E; jumps to {@code miss} unless the read (or write) tag equals the page of
     * the access's last byte; else leaves (host array, index) on the stack. Only for
     * segments without a base in 64-bit mode.
     */
    private void tlbProbe(int size, boolean write, Label miss) {
        MethodVisitor mv = mv();
        if (write) {
            e.tlbWrite = true;
        } else {
            e.tlbRead = true;
        }
        mv.visitVarInsn(ALOAD, write ? BlockEmitter.TAG_W : BlockEmitter.TAG_R);
        mv.visitInsn(DUP);
        mv.visitInsn(ARRAYLENGTH);
        mv.visitVarInsn(LLOAD, T_EA);
        e.push(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        mv.visitInsn(SWAP);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitInsn(IAND);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, BlockEmitter.T_E);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LLOAD, T_EA);
        if (size > 8) {
            e.pushLong(size / 8 - 1);
            mv.visitInsn(LADD);
        }
        e.pushLong(~0xFFFL);
        mv.visitInsn(LAND);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
        // host[i] (the page's own array), (int) ea & 0xFFF
        mv.visitVarInsn(ALOAD, BlockEmitter.HOST);
        mv.visitVarInsn(ILOAD, BlockEmitter.T_E);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(LLOAD, T_EA);
        mv.visitInsn(L2I);
        e.push(0xFFF);
        mv.visitInsn(IAND);
    }

    private boolean inline(int seg) {
        return e.inlineTlb && seg < 4;
    }

    private static final String VH = "java/lang/invoke/VarHandle";

    private void vhField(int size) {
        mv().visitFieldInsn(GETSTATIC, BlockEmitter.MMU, size == 16 ? "LE16" : size == 32 ? "LE32" : "LE64",
                "L" + VH + ";");
    }

    /** Reads seg:T_EA; {@code rmw}: the read half of a read-modify-write (write intent, Memory.readForWrite). */
    void readMem(int seg, int size, boolean rmw) {
        MethodVisitor mv = mv();
        Label done = null;
        if (inline(seg)) {
            Label miss = new Label();
            done = new Label();
            if (size == 8) {
                tlbProbe(size, false, miss);
                mv.visitInsn(BALOAD);
                e.push(0xFF);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
            } else {
                // VarHandle first on the stack: the probe leaves (byte[], int) on it
                Label miss2 = miss;
                vhField(size);
                tlbProbeUnder(size, false, miss2);
                String desc = size == 16 ? "([BI)S" : size == 32 ? "([BI)I" : "([BI)J";
                mv.visitMethodInsn(INVOKEVIRTUAL, VH, "get", desc, false);
                if (size != 64) {
                    mv.visitInsn(I2L);
                    mask(size);
                }
            }
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(miss);
            if (size != 8) {
                mv.visitInsn(POP); // the VarHandle
            }
        }
        mv.visitVarInsn(ALOAD, S);
        e.push(seg);
        mv.visitVarInsn(LLOAD, T_EA);
        e.push(size);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, rmw ? "readForWrite" : "read", "(L" + STATE + ";IJI)J", false);
        if (done != null) {
            mv.visitLabel(done);
        }
    }

    /** {@link #tlbProbe} with one value (the VarHandle) already on the operand stack. */
    private void tlbProbeUnder(int size, boolean write, Label miss) {
        tlbProbe(size, write, miss);
    }

    /** Raises #GP(0) unless the long in {@code slot} is canonical (a 64-bit branch target, SDM JMP/RET). */
    void checkCanonical(int slot) {
        MethodVisitor mv = mv();
        Label ok = new Label();
        mv.visitVarInsn(LLOAD, slot);
        e.push(16);
        mv.visitInsn(LSHL);
        e.push(16);
        mv.visitInsn(LSHR);
        mv.visitVarInsn(LLOAD, slot);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, ok);
        mv.visitFieldInsn(GETSTATIC, BlockEmitter.FAULT, "GP0", "L" + BlockEmitter.FAULT + ";");
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
    }

    /** True for a relative branch whose (constant) target is not canonical: it raises #GP, so it falls back. */
    static boolean nonCanonicalTarget(Instruction i, long addr, CpuMode mode) {
        Kind k = kind(i.form());
        if (mode != CpuMode.LONG_64 || (k != Kind.JCC && k != Kind.JMP && k != Kind.CALL)) {
            return false;
        }
        long t = i.branchTarget(addr);
        return (t << 16 >> 16) != t;
    }

    /** Writes long local {@code valueSlot} at seg:T_EA. */
    void writeMem(int seg, int size, int valueSlot) {
        MethodVisitor mv = mv();
        Label done = null;
        if (inline(seg)) {
            Label miss = new Label();
            done = new Label();
            if (size == 8) {
                tlbProbe(size, true, miss);
                mv.visitVarInsn(LLOAD, valueSlot);
                mv.visitInsn(L2I);
                mv.visitInsn(BASTORE);
            } else {
                vhField(size);
                tlbProbe(size, true, miss);
                mv.visitVarInsn(LLOAD, valueSlot);
                String desc;
                if (size == 64) {
                    desc = "([BIJ)V";
                } else {
                    mv.visitInsn(L2I);
                    if (size == 16) {
                        mv.visitInsn(I2S);
                        desc = "([BIS)V";
                    } else {
                        desc = "([BII)V";
                    }
                }
                mv.visitMethodInsn(INVOKEVIRTUAL, VH, "set", desc, false);
            }
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(miss);
            if (size != 8) {
                mv.visitInsn(POP);
            }
        }
        mv.visitVarInsn(ALOAD, S);
        e.push(seg);
        mv.visitVarInsn(LLOAD, T_EA);
        e.push(size);
        mv.visitVarInsn(LLOAD, valueSlot);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "write", "(L" + STATE + ";IJIJ)V", false);
        if (done != null) {
            mv.visitLabel(done);
        }
    }

    /** Pushes the r/m operand (EA must already be in T_EA for memory). */
    void loadE(Instruction i, int size) {
        loadE(i, size, false);
    }

    /** Pushes the r/m operand; {@code rmw} for the read half of a read-modify-write. */
    void loadE(Instruction i, int size, boolean rmw) {
        if (i.hasMemory()) {
            readMem(i.segment(), size, rmw);
        } else {
            loadReg(i.rm(), size, i.rmIsHigh8());
        }
    }

    /** Writes long local {@code valueSlot} to the r/m operand. */
    void storeE(Instruction i, int size, int valueSlot) {
        if (i.hasMemory()) {
            knownMasked = false;
            writeMem(i.segment(), size, valueSlot);
        } else {
            mv().visitVarInsn(LLOAD, valueSlot);
            storeReg(i.rm(), size, i.rmIsHigh8());
        }
    }

    void loadG(Instruction i, int size) {
        loadReg(i.reg(), size, i.regIsHigh8());
    }

    void storeG(Instruction i, int size) {
        storeReg(i.reg(), size, i.regIsHigh8());
    }

    static int size(Instruction i) {
        String n = i.form().name();
        return n.contains("Eb") || n.contains("Gb") || n.contains("AL_") || n.endsWith("_Zb_Ib") ? 8 : i.operandSize();
    }

    private boolean flagsLive(int k, Instruction i) {
        return (e.liveAfter[k] & i.flagsWritten() & Flags.STATUS) != 0;
    }

    // ---- emission ----------------------------------------------------------------------------

    /**
     * Emits native code for instruction {@code k}.
     *
     * @return true if the code always leaves the block (control transfer)
     */
    boolean emit(int k, Instruction i, boolean last) {
        Kind kind = kind(i.form());
        MethodVisitor mv = mv();
        int z = size(i);
        switch (kind) {
            case ALU_EG, ALU_GE, ALU_AI, ALU_EI -> alu(k, i, kind, z);
            case TEST_EG, TEST_AI, TEST_EI -> test(k, i, kind, z);
            case INC, DEC, NEG, NOT, INC_Z, DEC_Z -> unary(k, i, kind, z);
            case MOV_EG -> {
                if (i.hasMemory()) {
                    ea(k, i);
                }
                loadG(i, z);
                mv.visitVarInsn(LSTORE, T_R);
                knownMasked = true;
                storeE(i, z, T_R);
            }
            case MOV_GE -> {
                if (i.hasMemory()) {
                    ea(k, i);
                }
                loadE(i, z);
                knownMasked = true;
                storeG(i, z);
            }
            case MOV_ZI -> {
                e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
                knownMasked = true;
                storeReg(i.reg(), z, z == 8 && i.regIsHigh8());
            }
            case MOV_EI -> {
                if (i.hasMemory()) {
                    ea(k, i);
                }
                e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
                mv.visitVarInsn(LSTORE, T_R);
                knownMasked = true;
                storeE(i, z, T_R);
            }
            case LEA -> {
                ea(k, i);
                mv.visitVarInsn(LLOAD, T_EA);
                storeG(i, i.operandSize());
            }
            case MOVZX, MOVSX -> {
                int from = switch (i.form()) {
                    case MOVZX_Gv_Eb, MOVSX_Gv_Eb -> 8;
                    case MOVZX_Gv_Ew, MOVSX_Gv_Ew -> 16;
                    default -> 32;
                };
                if (i.hasMemory()) {
                    ea(k, i);
                }
                loadE(i, from);
                if (kind == Kind.MOVSX) {
                    e.push(from);
                    e.push(i.operandSize());
                    mv.visitMethodInsn(INVOKESTATIC, DATAMOV, "movsx", "(JII)J", false);
                } else {
                    knownMasked = true; // zero-extended from 8 or 16 bits
                }
                storeG(i, i.operandSize());
            }
            case IMUL2, IMUL3 -> {
                if (i.hasMemory()) {
                    ea(k, i);
                }
                boolean live = flagsLive(k, i);
                if (live) {
                    e.flush();
                    mv.visitVarInsn(ALOAD, S);
                    e.push(z);
                }
                if (kind == Kind.IMUL2) {
                    loadG(i, z);
                    if (!live) {
                        sext(z);
                    }
                    loadE(i, z);
                } else {
                    loadE(i, z);
                    if (!live) {
                        sext(z);
                    }
                    e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
                }
                if (live) {
                    mv.visitMethodInsn(INVOKESTATIC, MULDIV, "imul", BINOP, false);
                } else { // flags dead: only the truncated product (SDM IMUL "Operation")
                    sext(z);
                    mv.visitInsn(LMUL);
                }
                storeG(i, z);
            }
            case SHIFT -> {
                String n = i.form().name();
                String op = n.substring(0, 3).toLowerCase();
                if ((op.equals("rol") || op.equals("ror")) && !n.endsWith("_CL")) {
                    rotate(k, i, z, op.equals("rol"));
                    break;
                }
                int inLocals = shiftInLocals(i);
                if (i.hasMemory()) { // constant counts only (isNative): read with write intent, store first
                    ea(k, i);
                }
                if (inLocals == 0 && i.hasMemory()) { // masked count 0: the operand is written back unchanged
                    loadE(i, z, true);
                    mv.visitVarInsn(LSTORE, T_R);
                    storeE(i, z, T_R);
                    break;
                }
                if (inLocals != 0) {
                    int c = shiftCount(i);
                    loadE(i, z, true);
                    mv.visitVarInsn(LSTORE, T_A);
                    mv.visitVarInsn(LLOAD, T_A);
                    switch (inLocals) {
                        case org.hot86.cpu.jit.CompiledBlock.FLAGS_SHL -> {
                            e.push(c);
                            mv.visitInsn(LSHL);
                            mask(z);
                        }
                        case org.hot86.cpu.jit.CompiledBlock.FLAGS_SHR -> {
                            e.push(c);
                            mv.visitInsn(LUSHR);
                        }
                        default -> {
                            sext(z);
                            e.push(c);
                            mv.visitInsn(LSHR);
                            mask(z);
                        }
                    }
                    mv.visitVarInsn(LSTORE, T_R);
                    knownMasked = true;
                    storeE(i, z, T_R);
                    e.push(z);
                    mv.visitVarInsn(ISTORE, BlockEmitter.F_SIZE);
                    mv.visitVarInsn(LLOAD, T_A);
                    mv.visitVarInsn(LSTORE, BlockEmitter.F_DST);
                    e.pushLong(c);
                    mv.visitVarInsn(LSTORE, BlockEmitter.F_SRC);
                    e.flagsInLocals(inLocals);
                    break;
                }
                e.flush();
                mv.visitVarInsn(ALOAD, S);
                e.push(z);
                loadReg(i.rm(), z, i.rmIsHigh8());
                if (n.endsWith("_CL")) {
                    e.used |= 1 << 1;
                    mv.visitVarInsn(LLOAD, slot(1));
                } else if (n.endsWith("_1")) {
                    mv.visitInsn(LCONST_1);
                } else {
                    e.pushLong(i.immediate());
                }
                mv.visitMethodInsn(INVOKESTATIC, SHIFT, op, BINOP, false);
                knownMasked = true;
                storeReg(i.rm(), z, i.rmIsHigh8());
            }
            case SETCC -> {
                condValue(k, i.condition());
                mv.visitInsn(I2L);
                knownMasked = true;
                storeReg(i.rm(), 8, i.rmIsHigh8());
            }
            case CMOV -> { // the condition first: it may compare the previous instruction's T_A/T_B
                condValue(k, i.condition());
                mv.visitVarInsn(ISTORE, BlockEmitter.T_C);
                if (i.hasMemory()) {
                    ea(k, i);
                }
                loadE(i, z); // read (and may fault) whatever the condition (SDM CMOVcc)
                mv.visitVarInsn(LSTORE, T_A);
                Label no = new Label(), join = new Label();
                mv.visitVarInsn(ILOAD, BlockEmitter.T_C);
                mv.visitJumpInsn(IFEQ, no);
                mv.visitVarInsn(LLOAD, T_A);
                mv.visitJumpInsn(GOTO, join);
                mv.visitLabel(no);
                loadG(i, z);
                mv.visitLabel(join);
                knownMasked = true;
                storeG(i, z);
            }
            case XCHG_EG -> {
                if (i.hasMemory()) { // read with write intent, store, then the register (SDM XCHG; the lock is moot)
                    ea(k, i);
                    loadE(i, z, true);
                    mv.visitVarInsn(LSTORE, T_A);
                    loadG(i, z);
                    mv.visitVarInsn(LSTORE, T_R);
                    storeE(i, z, T_R);
                    mv.visitVarInsn(LLOAD, T_A);
                    knownMasked = true;
                    storeG(i, z);
                    break;
                }
                loadE(i, z);
                mv.visitVarInsn(LSTORE, T_A);
                loadG(i, z);
                knownMasked = true;
                storeReg(i.rm(), z, i.rmIsHigh8());
                mv.visitVarInsn(LLOAD, T_A);
                knownMasked = true;
                storeG(i, z);
            }
            case XCHG_ZA -> {
                loadReg(i.reg(), z, false);
                mv.visitVarInsn(LSTORE, T_A);
                loadReg(0, z, false);
                knownMasked = true;
                storeReg(i.reg(), z, false);
                mv.visitVarInsn(LLOAD, T_A);
                knownMasked = true;
                storeReg(0, z, false);
            }
            case CBW -> {
                loadReg(0, z / 2, false);
                sext(z / 2);
                storeReg(0, z, false);
            }
            case CWD -> {
                loadReg(0, z, false);
                sext(z);
                e.push(63);
                mv.visitInsn(LSHR);
                storeReg(2, z, false);
            }
            case NOP -> { }
            case BSWAP -> { // SDM BSWAP; 16-bit: undefined, real CPUs (and the interpreter) give 0
                if (z == 16) {
                    mv.visitInsn(LCONST_0);
                } else {
                    loadReg(i.reg(), z, false);
                    byteSwap(z);
                }
                knownMasked = true;
                storeReg(i.reg(), z, false);
            }
            case MOVBE_GM -> {
                ea(k, i);
                loadE(i, z);
                byteSwap(z);
                knownMasked = true;
                storeG(i, z);
            }
            case MOVBE_MG -> {
                ea(k, i);
                loadG(i, z);
                byteSwap(z);
                mv.visitVarInsn(LSTORE, T_R);
                storeE(i, z, T_R);
            }
            case XMM_LOAD, XMM_STORE, XMM_BIN, XMM_LOAD64, XMM_STORE64, MOVD_VE, MOVD_EV, PMOVMSKB, XMM_SHIFTI,
                    SSE_COMI, SSE_SCALAR, SSE_SHUF, CVTSI2SD -> sse(k, i, kind);
            case BT_G, BT_I -> bitTest(k, i, kind);
            case STRING -> string(k, i);
            case FNSTCW -> { // #NM first (DecodedBlock.fnstcw, the executor's), then the 16-bit store
                ea(k, i);
                mv.visitVarInsn(ALOAD, S);
                mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, "fnstcw", "(L" + STATE + ";)I", false);
                mv.visitInsn(I2L);
                mv.visitVarInsn(LSTORE, T_R);
                storeE(i, 16, T_R);
            }
            case BSF -> bitScan(k, i);
            case SHLD -> { // register destination: ShiftRotate.shld/shrd on the state's flags (no fault possible)
                e.flush();
                mv.visitVarInsn(ALOAD, S);
                e.push(z);
                loadE(i, z);
                loadG(i, z);
                if (i.form().name().endsWith("_CL")) {
                    e.used |= 1 << 1;
                    mv.visitVarInsn(LLOAD, slot(1));
                } else {
                    e.pushLong(i.immediate() & 0xFF);
                }
                mv.visitMethodInsn(INVOKESTATIC, SHIFT, i.form().name().startsWith("SHLD") ? "shld" : "shrd",
                        "(L" + STATE + ";IJJJ)J", false);
                knownMasked = true;
                storeReg(i.rm(), z, false);
            }
            case JCC -> {
                Label taken = new Label();
                jcc(k, i.condition(), taken);
                e.branch(e.next(k), k + 1);
                mv.visitLabel(taken);
                e.branch(i.branchTarget(e.addr(k)), k + 1);
                return true;
            }
            case JMP -> {
                e.branch(i.branchTarget(e.addr(k)), k + 1);
                return true;
            }
            case JMP_E -> {
                if (i.hasMemory()) {
                    ea(k, i);
                }
                loadE(i, 64);
                mv.visitVarInsn(LSTORE, T_A);
                checkCanonical(T_A);
                e.exitDynamic(T_A, k + 1);
                return true;
            }
            case CALL, CALL_E -> {
                if (kind == Kind.CALL_E) {
                    if (i.hasMemory()) {
                        ea(k, i);
                    }
                    loadE(i, 64);
                } else {
                    e.pushLong(i.branchTarget(e.addr(k)));
                }
                mv.visitVarInsn(LSTORE, T_A);
                if (kind == Kind.CALL_E) {
                    checkCanonical(T_A);
                }
                e.pushLong(e.next(k));
                mv.visitVarInsn(LSTORE, T_R);
                push(T_R);
                if (kind == Kind.CALL && e.isRegion()) {
                    e.branch(i.branchTarget(e.addr(k)), k + 1); // the callee may be a region member
                } else {
                    e.exitDynamic(T_A, k + 1);
                }
                return true;
            }
            case RET -> {
                pop(T_A, true);
                e.exitDynamic(T_A, k + 1);
                return true;
            }
            case PUSH_Z -> {
                loadReg(i.reg(), 64, false);
                mv.visitVarInsn(LSTORE, T_R);
                push(T_R);
            }
            case PUSH_I -> {
                e.pushLong(i.immediate());
                mv.visitVarInsn(LSTORE, T_R);
                push(T_R);
            }
            case POP_Z -> {
                pop(T_R, false);
                mv.visitVarInsn(LLOAD, T_R);
                storeReg(i.reg(), 64, false);
            }
        }
        return false;
    }

    /** 64-bit PUSH of long local {@code slot}: store first, then commit RSP (SDM PUSH; Stack.push). */
    private void push(int valueSlot) {
        MethodVisitor mv = mv();
        loadReg(4, 64, false);
        e.pushLong(8);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, T_EA);
        writeMem(SS, 64, valueSlot);
        mv.visitVarInsn(LLOAD, T_EA);
        storeReg(4, 64, false);
    }

    /** 64-bit POP into long local {@code slot}, committing RSP ({@code target}: RET, check the value first). */
    private void pop(int valueSlot, boolean target) {
        MethodVisitor mv = mv();
        loadReg(4, 64, false);
        mv.visitVarInsn(LSTORE, T_EA);
        readMem(SS, 64);
        mv.visitVarInsn(LSTORE, valueSlot);
        if (target) {
            checkCanonical(valueSlot);
        }
        mv.visitVarInsn(LLOAD, T_EA);
        e.pushLong(8);
        mv.visitInsn(LADD);
        storeReg(4, 64, false);
    }

    // ---- SSE (SDM Vol. 1 chapters 10-11: data transfer, logical, integer compare) ----------------

    /** Pushes half {@code hi} of XMM register {@code r}. */
    private void xmmGet(int r, boolean hi) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, hi ? "xmmHi" : "xmmLo", "[J");
        e.push(r);
        mv.visitInsn(LALOAD);
    }

    /** Sets half {@code hi} of XMM register {@code r} to long local {@code slot} (-1: zero). */
    private void xmmSet(int r, boolean hi, int slot) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE, hi ? "xmmHi" : "xmmLo", "[J");
        e.push(r);
        if (slot < 0) {
            mv.visitInsn(LCONST_0);
        } else {
            mv.visitVarInsn(LLOAD, slot);
        }
        mv.visitInsn(LASTORE);
    }

    /**
     * #GP(0) unless T_EA (the linear address: in-line TLB segments have no base) is 16-byte
     * aligned; a non-canonical address faults first, as in the interpreter (Memory.linear).
     */
    private void checkAligned16(int seg) {
        MethodVisitor mv = mv();
        Label ok = new Label();
        mv.visitVarInsn(ALOAD, S);
        e.push(seg);
        mv.visitVarInsn(LLOAD, T_EA);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "linear", "(L" + STATE + ";IJ)J", false);
        mv.visitInsn(POP2);
        mv.visitVarInsn(LLOAD, T_EA);
        mv.visitInsn(L2I);
        e.push(15);
        mv.visitInsn(IAND);
        mv.visitJumpInsn(IFEQ, ok);
        mv.visitFieldInsn(GETSTATIC, BlockEmitter.FAULT, "GP0", "L" + BlockEmitter.FAULT + ";");
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
    }

    private static boolean aligned(Form f) {
        return switch (f) {
            case MOVUPS_Vps_Wps, MOVUPD_Vpd_Wpd, MOVDQU_Vx_Wx, MOVUPS_Wps_Vps, MOVUPD_Wpd_Vpd, MOVDQU_Wx_Vx -> false;
            default -> true;
        };
    }

    /**
     * The xmm/m128 source of {@code i} into T_A (low quadword) and T_B (high): from memory
     * ({@code ea} already computed; #GP unless 16-byte aligned when {@code aligned}) or from
     * register {@code i.rm()}.
     */
    private void source128(Instruction i, boolean mem, int seg, boolean aligned) {
        MethodVisitor mv = mv();
        if (mem) {
            if (aligned) {
                checkAligned16(seg);
            }
            read128(seg);
        } else {
            xmmGet(i.rm(), false);
            mv.visitVarInsn(LSTORE, T_A);
            xmmGet(i.rm(), true);
            mv.visitVarInsn(LSTORE, T_B);
        }
    }

    /** Reads the 16 bytes at T_EA into T_A (low) and T_B (high); T_EA is left at the high half. */
    private void read128(int seg) {
        MethodVisitor mv = mv();
        readMem(seg, 64);
        mv.visitVarInsn(LSTORE, T_A);
        mv.visitVarInsn(LLOAD, T_EA);
        e.pushLong(8);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, T_EA);
        readMem(seg, 64);
        mv.visitVarInsn(LSTORE, T_B);
    }

    /**
     * The SSE forms of {@link #isSse}: the #UD/#NM check, operands read (and every fault raised)
     * before any register or memory is written, as the interpreter's SseAccess does.
     */
    /**
     * STOS and MOVS, with or without REP (F2 acts as F3 on these, SDM Vol. 2 "REP/REPE/REPZ/
     * REPNE/REPNZ"): the interpreter's executor, {@code StringOps.stos/movs} (by pages through
     * the host arrays where the TLB allows), called on the state without the fallback's flag
     * flush and state snapshot. The GPR locals are stored first; a fault leaves the completed
     * iterations in the state, so the instruction index is recorded as "state already
     * precise" (the handler does not store the locals over it). rCX, rSI, rDI are reloaded.
     */
    private void string(int k, Instruction i) {
        MethodVisitor mv = mv();
        boolean movs = i.form().name().startsWith("MOVS");
        e.writeback();
        e.setIdx(-k - 1);
        mv.visitVarInsn(ALOAD, S);
        e.push(i.form().name().contains("Yb") ? 8 : i.operandSize());
        e.push(i.addressSize());
        if (movs) {
            e.push(i.segmentOverride() >= 0 ? i.segmentOverride() : org.hot86.cpu.CpuState.DS);
        }
        e.push(i.repPrefix() == 0 ? org.hot86.cpu.semantics.StringOps.REP_NONE : org.hot86.cpu.semantics.StringOps.REP_E);
        mv.visitMethodInsn(INVOKESTATIC, "org/hot86/cpu/semantics/StringOps", movs ? "movs" : "stos",
                "(L" + STATE + ";II" + (movs ? "I" : "") + "I)V", false);
        for (int r : movs ? new int[] {1, 6, 7} : new int[] {1, 7}) {
            e.used |= 1 << r;
            e.written |= 1 << r;
            mv.visitVarInsn(ALOAD, S);
            mv.visitFieldInsn(GETFIELD, STATE, "gpr", "[J");
            e.push(r);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, slot(r));
        }
    }

    private void sse(int k, Instruction i, Kind kind) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, S);
        mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, "checkSse", "(L" + STATE + ";)V", false);
        boolean mem = i.hasMemory();
        int seg = i.segment();
        if (mem) {
            ea(k, i);
        }
        int d = i.reg();
        switch (kind) {
            case XMM_LOAD -> {
                source128(i, mem, seg, aligned(i.form()));
                xmmSet(d, false, T_A);
                xmmSet(d, true, T_B);
            }
            case XMM_STORE -> {
                xmmGet(d, false);
                mv.visitVarInsn(LSTORE, T_A);
                xmmGet(d, true);
                mv.visitVarInsn(LSTORE, T_B);
                if (!mem) {
                    xmmSet(i.rm(), false, T_A);
                    xmmSet(i.rm(), true, T_B);
                    break;
                }
                if (aligned(i.form())) {
                    checkAligned16(seg);
                } else { // crossing a page: probe both halves (write intent) before writing either
                    Label same = new Label();
                    mv.visitVarInsn(LLOAD, T_EA);
                    mv.visitInsn(L2I);
                    e.push(0xFFF);
                    mv.visitInsn(IAND);
                    e.push(0xFF0);
                    mv.visitJumpInsn(IF_ICMPLE, same);
                    for (int off : new int[] {0, 8}) {
                        mv.visitVarInsn(ALOAD, S);
                        e.push(seg);
                        mv.visitVarInsn(LLOAD, T_EA);
                        e.pushLong(off);
                        mv.visitInsn(LADD);
                        e.push(64);
                        mv.visitVarInsn(ALOAD, S);
                        e.push(seg);
                        mv.visitVarInsn(LLOAD, T_EA);
                        e.pushLong(off);
                        mv.visitInsn(LADD);
                        e.push(64);
                        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "readForWrite", "(L" + STATE + ";IJI)J", false);
                        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "write", "(L" + STATE + ";IJIJ)V", false);
                    }
                    mv.visitLabel(same);
                }
                writeMem(seg, 64, T_A);
                mv.visitVarInsn(LLOAD, T_EA);
                e.pushLong(8);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, T_EA);
                writeMem(seg, 64, T_B);
            }
            case XMM_BIN -> {
                String op = packedBinary(i.form());
                source128(i, mem, seg, true); // the "binary" executor checks a memory source's alignment
                for (boolean hi : new boolean[] {false, true}) {
                    xmmGet(d, hi);
                    mv.visitVarInsn(LLOAD, hi ? T_B : T_A);
                    switch (op) {
                        case "pxor" -> mv.visitInsn(LXOR);
                        case "por" -> mv.visitInsn(LOR);
                        case "pand" -> mv.visitInsn(LAND);
                        case "pandn" -> { // ~a & b
                            mv.visitInsn(DUP2_X2);
                            mv.visitInsn(POP2);
                            e.pushLong(-1L);
                            mv.visitInsn(LXOR);
                            mv.visitInsn(LAND);
                        }
                        default -> mv.visitMethodInsn(INVOKESTATIC, "org/hot86/cpu/sse/PackedArith", op, "(JJ)J",
                                false);
                    }
                    mv.visitVarInsn(LSTORE, hi ? T_B : T_A);
                }
                xmmSet(d, false, T_A);
                xmmSet(d, true, T_B);
            }
            case SSE_SHUF -> { // xmm/m128 source (aligned), the executor's PackedShuffle method on the state
                source128(i, mem, seg, true);
                String n = i.form().name();
                mv.visitVarInsn(ALOAD, S);
                e.push(d);
                mv.visitVarInsn(LLOAD, T_A);
                mv.visitVarInsn(LLOAD, T_B);
                String op;
                if (n.startsWith("PUNPCKL")) {
                    op = "punpckl";
                    e.push(switch (i.form()) {
                        case PUNPCKLBW_Vx_Wx -> 1;
                        case PUNPCKLWD_Vx_Wx -> 2;
                        case PUNPCKLDQ_Vx_Wx -> 4;
                        default -> 8;
                    });
                } else {
                    op = n.startsWith("PSHUFD") ? "pshufd" : "palignr";
                    e.push((int) i.immediate() & 0xFF);
                }
                mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, op, "(L" + STATE + ";IJJI)V", false);
            }
            case CVTSI2SD -> { // r/m32 sign-extended or r/m64 (REX.W)
                int z = i.operandSize() == 64 ? 64 : 32;
                if (mem) {
                    readMem(seg, z);
                } else {
                    loadReg(i.rm(), z, false);
                }
                sext(z);
                mv.visitVarInsn(LSTORE, T_B);
                mv.visitVarInsn(ALOAD, S);
                e.push(d);
                mv.visitVarInsn(LLOAD, T_B);
                mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, "cvtsi2sd", "(L" + STATE + ";IJ)V", false);
            }
            case SSE_COMI, SSE_SCALAR -> { // the executor's semantics (DecodedBlock.comi / scalarArith)
                String n = i.form().name();
                boolean single = n.contains("SS_");
                if (mem) {
                    readMem(seg, single ? 32 : 64);
                } else {
                    xmmGet(i.rm(), false);
                    if (single) {
                        e.pushLong(0xFFFFFFFFL);
                        mv.visitInsn(LAND);
                    }
                }
                mv.visitVarInsn(LSTORE, T_B);
                if (kind == Kind.SSE_COMI) { // ZF/PF/CF (OF/SF/AF cleared) go to the state's flags
                    e.flush();
                    mv.visitVarInsn(ALOAD, S);
                    e.push(n.startsWith("COMI") ? 1 : 0);
                    e.push(single ? 1 : 0);
                    xmmGet(d, false);
                    mv.visitVarInsn(LLOAD, T_B);
                    mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, "comi", "(L" + STATE + ";ZZJJ)V", false);
                } else {
                    String fbo = "org/hot86/cpu/sse/FpBinaryOp";
                    mv.visitVarInsn(ALOAD, S);
                    mv.visitFieldInsn(GETSTATIC, fbo, n.substring(0, 3), "L" + fbo + ";");
                    e.push(single ? 1 : 0);
                    xmmGet(d, false);
                    mv.visitVarInsn(LLOAD, T_B);
                    mv.visitMethodInsn(INVOKESTATIC, BlockEmitter.BLOCK, "scalarArith",
                            "(L" + STATE + ";L" + fbo + ";ZJJ)J", false);
                    mv.visitVarInsn(LSTORE, T_A);
                    xmmSet(d, false, T_A);
                }
            }
            case XMM_LOAD64 -> { // MOVSD xmm, xmm/m64 / MOVQ xmm, xmm/m64
                boolean movq = i.form() == Form.MOVQ_Vx_Wq;
                if (mem) {
                    readMem(seg, 64);
                } else {
                    xmmGet(i.rm(), false);
                }
                mv.visitVarInsn(LSTORE, T_A);
                xmmSet(d, false, T_A);
                if (mem || movq) { // loads (and MOVQ) zero the high quadword; MOVSD reg-reg merges
                    xmmSet(d, true, -1);
                }
            }
            case XMM_STORE64 -> { // MOVSD xmm/m64, xmm / MOVQ xmm/m64, xmm
                xmmGet(d, false);
                mv.visitVarInsn(LSTORE, T_A);
                if (mem) {
                    writeMem(seg, 64, T_A);
                } else {
                    xmmSet(i.rm(), false, T_A);
                    if (i.form() == Form.MOVQ_Wq_Vq) {
                        xmmSet(i.rm(), true, -1);
                    }
                }
            }
            case MOVD_VE -> {
                int z = i.operandSize() == 64 ? 64 : 32;
                loadE(i, z);
                mv.visitVarInsn(LSTORE, T_A);
                xmmSet(d, false, T_A);
                xmmSet(d, true, -1);
            }
            case MOVD_EV -> {
                int z = i.operandSize() == 64 ? 64 : 32;
                xmmGet(d, false);
                mv.visitVarInsn(LSTORE, T_R);
                storeE(i, z, T_R);
            }
            case XMM_SHIFTI -> { // PSLLx/PSRLx/PSRAx xmm, imm8: each half by the immediate (SseIntExec shiftByImm)
                String op = i.form().name().substring(0, 5).toLowerCase();
                for (boolean hi : new boolean[] {false, true}) {
                    xmmGet(i.rm(), hi);
                    e.pushLong(i.immediate() & 0xFF);
                    mv.visitMethodInsn(INVOKESTATIC, "org/hot86/cpu/sse/PackedArith", op, "(JJ)J", false);
                    mv.visitVarInsn(LSTORE, hi ? T_B : T_A);
                }
                xmmSet(i.rm(), false, T_A);
                xmmSet(i.rm(), true, T_B);
            }
            default -> { // PMOVMSKB r32, xmm
                xmmGet(i.rm(), false);
                xmmGet(i.rm(), true);
                mv.visitMethodInsn(INVOKESTATIC, "org/hot86/cpu/sse/PackedShuffle", "pmovmskb", "(JJ)J", false);
                knownMasked = true;
                storeReg(d, 32, false);
            }
        }
    }

    // ---- bit test and scan (SDM Vol. 1, 7.3.7) -----------------------------------------------

    /**
     * BT/BTS/BTR/BTC with a register bit offset (register destination: offset modulo the
     * operand size) or an immediate one (register or memory: modulo the size, SDM BT). CF =
     * the selected bit (in T_R), kept as the BT overlay of the flag record in locals; OF, SF,
     * AF, PF are undefined and ZF unaffected, which our semantics leave unchanged.
     */
    private void bitTest(int k, Instruction i, Kind kind) {
        MethodVisitor mv = mv();
        int z = i.operandSize();
        String n = i.form().name();
        int op = n.startsWith("BTS") ? 1 : n.startsWith("BTR") ? 2 : n.startsWith("BTC") ? 3 : 0;
        if (i.hasMemory()) {
            ea(k, i);
        }
        loadE(i, z, op != 0);
        mv.visitVarInsn(LSTORE, T_A);
        if (kind == Kind.BT_G) {
            loadG(i, z);
            mv.visitInsn(L2I);
        } else {
            e.push((int) i.immediate() & 0xFF);
        }
        e.push(z - 1);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, BlockEmitter.T_C);
        mv.visitVarInsn(LLOAD, T_A); // the selected bit
        mv.visitVarInsn(ILOAD, BlockEmitter.T_C);
        mv.visitInsn(LUSHR);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, T_R);
        if (op != 0) {
            mv.visitVarInsn(LLOAD, T_A);
            mv.visitInsn(LCONST_1);
            mv.visitVarInsn(ILOAD, BlockEmitter.T_C);
            mv.visitInsn(LSHL);
            switch (op) {
                case 1 -> mv.visitInsn(LOR);
                case 2 -> {
                    e.pushLong(-1L);
                    mv.visitInsn(LXOR);
                    mv.visitInsn(LAND);
                }
                default -> mv.visitInsn(LXOR);
            }
            mv.visitVarInsn(LSTORE, T_B);
            knownMasked = true;
            storeE(i, z, T_B);
        }
        fusedOp = BITCF;
        fusedSize = z;
        fusedIndex = k;
        if (flagsLive(k, i)) {
            e.overlay(org.hot86.cpu.jit.CompiledBlock.FLAGS_BT, z, T_R);
        }
    }

    /**
     * BSF/BSR: ZF = (source == 0), and then the destination is not written at all (real CPUs
     * keep it, even the upper half of a 32-bit register; BitOps.NO_WRITE); else it gets the
     * index of the lowest / highest set bit. ZF goes to the BSF overlay (source in F_RRES).
     */
    private void bitScan(int k, Instruction i) {
        MethodVisitor mv = mv();
        int z = i.operandSize();
        boolean reverse = i.form() == Form.BSR_Gv_Ev;
        if (i.hasMemory()) {
            ea(k, i);
        }
        loadE(i, z);
        mv.visitVarInsn(LSTORE, T_A);
        Label zero = new Label();
        mv.visitVarInsn(LLOAD, T_A);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, zero);
        mv.visitVarInsn(LLOAD, T_A);
        if (reverse) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false);
            e.push(63);
            mv.visitInsn(SWAP);
            mv.visitInsn(ISUB);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfTrailingZeros", "(J)I", false);
        }
        mv.visitInsn(I2L);
        knownMasked = true;
        storeG(i, z);
        mv.visitLabel(zero);
        fusedOp = -1;
        if (flagsLive(k, i)) {
            e.overlay(org.hot86.cpu.jit.CompiledBlock.FLAGS_BSF, z, T_A);
        }
    }

    /** Reverses the bytes of the zero-extended {@code z}-bit long on the stack (BSWAP, MOVBE). */
    private void byteSwap(int z) {
        MethodVisitor mv = mv();
        switch (z) {
            case 64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
            case 32 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                mv.visitInsn(I2L);
                mask(32);
            }
            default -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Short", "reverseBytes", "(S)S", false);
                mv.visitInsn(I2L);
                mask(16);
            }
        }
    }

    /**
     * ROL/ROR of a register by a constant, in line (SDM ROL/ROR: the count is masked, then
     * taken modulo the operand size; a masked count of 0 changes nothing). CF/OF go to the
     * rotate overlay of the flag record in locals (BlockEmitter#overlay), and nowhere
     * when no later instruction can observe them.
     */
    private void rotate(int k, Instruction i, int z, boolean left) {
        MethodVisitor mv = mv();
        int c = shiftCount(i);
        int rot = c == 0 ? 0 : (left ? c : z - c % z) % z; // as a left rotate
        if (i.hasMemory()) {
            ea(k, i);
        }
        loadE(i, z, true);
        if (rot != 0) {
            switch (z) {
                case 64 -> {
                    e.push(rot);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateLeft", "(JI)J", false);
                }
                case 32 -> {
                    mv.visitInsn(L2I);
                    e.push(rot);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false);
                    mv.visitInsn(I2L);
                    mask(32);
                }
                default -> {
                    mv.visitInsn(DUP2);
                    e.push(rot);
                    mv.visitInsn(LSHL);
                    mv.visitInsn(DUP2_X2);
                    mv.visitInsn(POP2);
                    e.push(z - rot);
                    mv.visitInsn(LUSHR);
                    mv.visitInsn(LOR);
                    mask(z);
                }
            }
        }
        mv.visitVarInsn(LSTORE, T_R);
        knownMasked = true;
        storeE(i, z, T_R);
        if (c == 0 || (e.liveAfter[k] & (Flags.CF | Flags.OF)) == 0) {
            return;
        }
        e.overlay(rotateInLocals(i), z, T_R);
    }

    /**
     * Pushes condition {@code cc} as an int 0/1: compared directly when instruction
     * {@code k - 1} left its operands in T_A/T_B/T_R (see {@link #jcc}), else via the flags.
     */
    private void condValue(int k, int cc) {
        MethodVisitor mv = mv();
        if ((fusedIndex != k - 1 || fusedOp < 0) && !lazyInLocals()) {
            cond(cc);
            return;
        }
        Label t = new Label(), join = new Label();
        jcc(k, cc, t);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, join);
        mv.visitLabel(t);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(join);
    }

    private void cond(int cc) {
        e.flush();
        mv().visitVarInsn(ALOAD, S);
        e.push(cc);
        mv().visitMethodInsn(INVOKESTATIC, COND, "test", "(L" + STATE + ";I)Z", false);
    }

    private void alu(int k, Instruction i, Kind kind, int z) {
        MethodVisitor mv = mv();
        int op = aluOp(i.form());
        boolean destMem = (kind == Kind.ALU_EG || kind == Kind.ALU_EI) && i.hasMemory();
        if (i.hasMemory()) {
            ea(k, i);
        }
        boolean rmw = destMem && op != CMP;
        switch (kind) {
            case ALU_EG -> {
                loadE(i, z, rmw);
                mv.visitVarInsn(LSTORE, T_A);
                loadG(i, z);
            }
            case ALU_GE -> {
                loadG(i, z);
                mv.visitVarInsn(LSTORE, T_A);
                loadE(i, z);
            }
            case ALU_AI -> {
                loadReg(0, z, false);
                mv.visitVarInsn(LSTORE, T_A);
                e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
            }
            default -> {
                loadE(i, z, rmw);
                mv.visitVarInsn(LSTORE, T_A);
                e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
            }
        }
        mv.visitVarInsn(LSTORE, T_B);
        fusedOp = op == CMP || op == SUB ? SUB : op == AND ? AND : RESULT;
        fusedSize = z;
        fusedIndex = k;
        if (op == ADC || op == SBB) { // read CF through the state: semantics call
            e.flush();
            semantic(op, z);
            mv.visitVarInsn(LSTORE, T_R);
            storeAluResult(i, kind, z);
            return;
        }
        mv.visitVarInsn(LLOAD, T_A);
        mv.visitVarInsn(LLOAD, T_B);
        mv.visitInsn(switch (op) {
            case ADD -> LADD;
            case SUB, CMP -> LSUB;
            case AND -> LAND;
            case OR -> LOR;
            default -> LXOR;
        });
        if (op == ADD || op == SUB || op == CMP) {
            mask(z);
        }
        mv.visitVarInsn(LSTORE, T_R);
        if (op != CMP) {
            storeAluResult(i, kind, z);
        }
        recordLazy(op == ADD ? "ADD" : op == SUB || op == CMP ? "SUB" : "LOGIC", z, T_B, T_A);
    }

    /** Writes T_R to the destination of ALU form {@code kind}. */
    private void storeAluResult(Instruction i, Kind kind, int z) {
        MethodVisitor mv = mv();
        knownMasked = true; // operands are zero-extended, results masked
        switch (kind) {
            case ALU_EG, ALU_EI -> storeE(i, z, T_R);
            case ALU_GE -> {
                mv.visitVarInsn(LLOAD, T_R);
                storeG(i, z);
            }
            default -> {
                mv.visitVarInsn(LLOAD, T_R);
                storeReg(0, z, false);
            }
        }
    }

    /**
     * Records in the flag locals what {@code CpuState.setLazy(op, z, src, dst, T_R)} would
     * store; {@code srcSlot} -1 means the constant 0 (for NEG, dst).
     */
    private void recordLazy(String op, int z, int srcSlot, int dstSlot) {
        MethodVisitor mv = mv();
        lazyOp = op;
        lazySize = z;
        mv.visitFieldInsn(GETSTATIC, "org/hot86/cpu/FlagOp", op, "Lorg/hot86/cpu/FlagOp;");
        mv.visitVarInsn(ASTORE, BlockEmitter.F_OP);
        e.push(z);
        mv.visitVarInsn(ISTORE, BlockEmitter.F_SIZE);
        if (srcSlot < 0) {
            mv.visitInsn(LCONST_0);
        } else {
            mv.visitVarInsn(LLOAD, srcSlot);
        }
        mv.visitVarInsn(LSTORE, BlockEmitter.F_SRC);
        if (dstSlot < 0) {
            mv.visitInsn(LCONST_0);
        } else {
            mv.visitVarInsn(LLOAD, dstSlot);
        }
        mv.visitVarInsn(LSTORE, BlockEmitter.F_DST);
        mv.visitVarInsn(LLOAD, T_R);
        mv.visitVarInsn(LSTORE, BlockEmitter.F_RES);
        e.flagsInLocals(org.hot86.cpu.jit.CompiledBlock.FLAGS_LAZY);
    }

    /** Calls the semantics method of ALU operation {@code op} on T_A, T_B; leaves the result. */
    private void semantic(int op, int z) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, S);
        e.push(z);
        mv.visitVarInsn(LLOAD, T_A);
        mv.visitVarInsn(LLOAD, T_B);
        String owner = op == OR || op == AND || op == XOR ? LOGIC : ARITH;
        String name = switch (op) {
            case ADD -> "add";
            case OR -> "or";
            case ADC -> "adc";
            case SBB -> "sbb";
            case AND -> "and";
            case XOR -> "xor";
            default -> "sub";
        };
        mv.visitMethodInsn(INVOKESTATIC, owner, name, BINOP, false);
    }

    private void test(int k, Instruction i, Kind kind, int z) {
        MethodVisitor mv = mv();
        if (i.hasMemory()) {
            ea(k, i);
        }
        if (kind == Kind.TEST_AI) {
            loadReg(0, z, false);
        } else {
            loadE(i, z);
        }
        mv.visitVarInsn(LSTORE, T_A);
        if (kind == Kind.TEST_EG) {
            loadG(i, z);
        } else {
            e.pushLong(i.immediate() & org.hot86.cpu.Flags.mask(z));
        }
        mv.visitVarInsn(LSTORE, T_B);
        fusedOp = AND;
        fusedSize = z;
        fusedIndex = k;
        mv.visitVarInsn(LLOAD, T_A);
        mv.visitVarInsn(LLOAD, T_B);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, T_R);
        recordLazy("LOGIC", z, T_B, T_A);
    }

    private void unary(int k, Instruction i, Kind kind, int z) {
        MethodVisitor mv = mv();
        boolean zreg = kind == Kind.INC_Z || kind == Kind.DEC_Z;
        boolean destMem = !zreg && i.hasMemory();
        if (destMem) {
            ea(k, i);
        }
        if (zreg) {
            loadReg(i.reg(), z, false);
        } else {
            loadE(i, z, true);
        }
        mv.visitVarInsn(LSTORE, T_A);
        boolean live = kind != Kind.NOT && kind != Kind.NEG && flagsLive(k, i);
        String name = switch (kind) {
            case INC, INC_Z -> "inc";
            case DEC, DEC_Z -> "dec";
            case NEG -> "neg";
            default -> null;
        };
        if (live && e.deferFlagsOf == k) {
            live = false;
            e.deferredFlags = () -> {
                callUnary(name, z);
                mv().visitInsn(POP2);
            };
        }
        if (kind != Kind.NOT) {
            fusedOp = RESULT;
            fusedSize = z;
            fusedIndex = k;
        }
        mv.visitVarInsn(LLOAD, T_A);
        switch (kind) {
            case INC, INC_Z -> {
                mv.visitInsn(LCONST_1);
                mv.visitInsn(LADD);
            }
            case DEC, DEC_Z -> {
                mv.visitInsn(LCONST_1);
                mv.visitInsn(LSUB);
            }
            case NEG -> mv.visitInsn(LNEG);
            default -> {
                e.pushLong(-1L);
                mv.visitInsn(LXOR);
            }
        }
        mask(z);
        mv.visitVarInsn(LSTORE, T_R);
        if (zreg) {
            mv.visitVarInsn(LLOAD, T_R);
            knownMasked = true;
            storeReg(i.reg(), z, false);
        } else {
            knownMasked = true;
            storeE(i, z, T_R);
        }
        if (live) { // INC/DEC: OF/SF/ZF/AF/PF of T_R over the current record (after the last fault)
            e.overlay(name.equals("inc") ? org.hot86.cpu.jit.CompiledBlock.FLAGS_INC
                    : org.hot86.cpu.jit.CompiledBlock.FLAGS_DEC, z, T_R);
        }
        if (kind == Kind.NEG) { // CpuState.setLazy(NEG, size, src, 0, r)
            recordLazy("NEG", z, T_A, -1);
        }
    }

    private void callUnary(String name, int z) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, S);
        e.push(z);
        mv.visitVarInsn(LLOAD, T_A);
        mv.visitMethodInsn(INVOKESTATIC, ARITH, name, "(L" + STATE + ";IJ)J", false);
    }

    /**
     * Jumps to {@code taken} if condition {@code cc} holds. Right after a CMP/SUB or
     * TEST/AND whose operands are still in T_A/T_B, compares them directly (SDM Vol. 1,
     * Appendix B); otherwise evaluates the lazy flags with {@code Conditions.test}.
     */
    private void jcc(int k, int cc, Label taken) {
        MethodVisitor mv = mv();
        int fop = fusedOp, z = fusedSize, sa = T_A, sb = T_B, sr = T_R;
        boolean resOnly = false;
        if (fusedIndex != k - 1 || fusedOp < 0) {
            if (!lazyInLocals()) {
                cond(cc);
                mv.visitJumpInsn(IFNE, taken);
                return;
            }
            // the newest record is a known lazy one in the flag locals: compare its fields
            z = lazySize;
            sa = BlockEmitter.F_DST;
            sb = BlockEmitter.F_SRC;
            sr = BlockEmitter.F_RES;
            switch (lazyOp) {
                case "SUB" -> fop = SUB;
                case "LOGIC" -> {
                    fop = AND;
                    resOnly = true;
                }
                default -> fop = RESULT; // ADD, NEG: ZF/SF of the result
            }
        }
        boolean neg = (cc & 1) != 0;
        int base = cc >> 1;
        if (fop == BITCF) {
            if (base == 1) { // B / AE: CF = the selected bit
                mv.visitVarInsn(LLOAD, T_R);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(neg ? IFEQ : IFNE, taken);
            } else {
                cond(cc);
                mv.visitJumpInsn(IFNE, taken);
            }
            return;
        }
        if (fop == RESULT) {
            if (base == 2 || base == 4) { // E / NE, S / NS
                mv.visitVarInsn(LLOAD, sr);
                sext(z);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(base == 2 ? (neg ? IFNE : IFEQ) : (neg ? IFGE : IFLT), taken);
            } else {
                cond(cc);
                mv.visitJumpInsn(IFNE, taken);
            }
            return;
        }
        if (fop == SUB) {
            switch (base) {
                case 2 -> { // E / NE
                    loadAB(sa, sb);
                    mv.visitInsn(LCMP);
                    mv.visitJumpInsn(neg ? IFNE : IFEQ, taken);
                }
                case 1, 3 -> { // B / AE, BE / A: unsigned
                    loadAB(sa, sb);
                    if (z == 64) {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                    } else {
                        mv.visitInsn(LCMP);
                    }
                    mv.visitJumpInsn(base == 1 ? (neg ? IFGE : IFLT) : (neg ? IFGT : IFLE), taken);
                }
                case 6, 7 -> { // L / GE, LE / G: signed
                    mv.visitVarInsn(LLOAD, sa);
                    sext(z);
                    mv.visitVarInsn(LLOAD, sb);
                    sext(z);
                    mv.visitInsn(LCMP);
                    mv.visitJumpInsn(base == 6 ? (neg ? IFGE : IFLT) : (neg ? IFGT : IFLE), taken);
                }
                default -> {
                    cond(cc);
                    mv.visitJumpInsn(IFNE, taken);
                }
            }
            return;
        }
        // AND/TEST (any logical record): CF = OF = 0, so every condition is a test of the
        // (sign-extended) result.
        if (resOnly) {
            mv.visitVarInsn(LLOAD, sr);
        } else {
            mv.visitVarInsn(LLOAD, sa);
            mv.visitVarInsn(LLOAD, sb);
            mv.visitInsn(LAND);
        }
        sext(z);
        switch (base) {
            case 0 -> { // O / NO
                mv.visitInsn(POP2);
                if (neg) {
                    mv.visitJumpInsn(GOTO, taken);
                }
            }
            case 1 -> { // B / AE
                mv.visitInsn(POP2);
                if (neg) {
                    mv.visitJumpInsn(GOTO, taken);
                }
            }
            case 2, 3 -> { // E / NE, BE / A
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(neg ? IFNE : IFEQ, taken);
            }
            case 4, 6 -> { // S / NS, L / GE
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(neg ? IFGE : IFLT, taken);
            }
            case 7 -> { // LE / G
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(neg ? IFGT : IFLE, taken);
            }
            default -> { // P / NP
                mv.visitInsn(POP2);
                cond(cc);
                mv.visitJumpInsn(IFNE, taken);
            }
        }
    }

    /** Forgets the compare a following Jcc could reuse (at a region member's start: other predecessors). */
    void resetFusion() {
        fusedOp = -1;
        fusedIndex = -1;
        lazyOp = null;
    }

    /** The FlagOp name and size of the last {@link #recordLazy} (valid while {@link #lazyInLocals}). */
    private String lazyOp;
    private int lazySize;

    /** True if the flag locals hold, statically known, the lazy record that {@link #recordLazy} wrote last. */
    private boolean lazyInLocals() {
        return e.flagState == org.hot86.cpu.jit.CompiledBlock.FLAGS_LAZY && lazyOp != null;
    }

    private void loadAB(int sa, int sb) {
        mv().visitVarInsn(LLOAD, sa);
        mv().visitVarInsn(LLOAD, sb);
    }
}
