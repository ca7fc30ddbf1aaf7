package org.hot86.decoder;

import java.util.List;
import org.hot86.decoder.table.Encoding;
import org.hot86.decoder.table.OperandSpec;

/**
 * THE instruction table: one constant per semantic form, one line each, in the notation of
 * the Intel SDM Vol. 2 (opcode column) and its Appendix A (operand abbreviations). It is
 * the single source of truth read by the decoder, the formatter, the CPU (which switches
 * exhaustively over this enum), the translator's flag-liveness pass and the conformance
 * generator.
 *
 * <p>Each line is {@code NAME("encodings", "attributes")}:
 * <ul>
 * <li>NAME is the mnemonic followed by the operands in SDM notation, separated by
 *     underscores ({@code ADD_Ev_Gv}); the operands are parsed from the name
 *     ({@link OperandSpec}). One form may have several encodings ({@code 80 /0, 82 /0 i64}).
 * <li>encodings: see {@link Encoding} for the grammar ({@code NP 0F 58 /r}, {@code 50+r},
 *     {@code 70+cc}, {@code D9 E8}, {@code W1}, {@code i64}, {@code o64} ...).
 * <li>attributes, blank separated: {@code lock} (LOCK allowed with a memory destination),
 *     {@code rep} (REP/REPNE meaningful), {@code d64} (64-bit default operand size in
 *     64-bit mode), {@code f64} (64-bit operand size forced in 64-bit mode, 66 ignored,
 *     Intel behaviour), {@code eob} (ends a basic block), {@code cpl0} (privileged),
 *     {@code fcond} (flags are written only if the count is non-zero, so a liveness pass
 *     must not treat them as killed), {@code r=}/{@code w=}/{@code u=} flags read, written
 *     with a defined value, left undefined (letters of {@link Flags#parse}),
 *     {@code cpu=FEATURE}, {@code mn=a/b/c} mnemonic by operand size 16/32/64,
 *     {@code mna=a/b/c} by address size; {@code *} in a mnemonic is the condition code.
 * </ul>
 * Flags references: SDM Vol. 1 Appendix A (EFLAGS cross-reference) and each instruction's
 * "Flags Affected" section in Vol. 2.
 */
public enum Form {
    /** Not a valid instruction (#UD), or bytes that do not decode. */
    INVALID("", ""),
    /** A VEX-encoded instruction (C4/C5): length and validity only; executes as #UD. */
    VEX_INSTRUCTION("", "cpu=AVX"),
    /** An EVEX-encoded instruction (62): length and validity only; executes as #UD. */
    EVEX_INSTRUCTION("", "cpu=AVX512"),

    // ---- SDM Vol. 1, 7.3.2: binary arithmetic; 7.3.4 logical (one-byte map 00-3F) ----
    ADD_Eb_Gb("00 /r", "lock w=OSZAPC"),
    ADD_Ev_Gv("01 /r", "lock w=OSZAPC"),
    ADD_Gb_Eb("02 /r", "w=OSZAPC"),
    ADD_Gv_Ev("03 /r", "w=OSZAPC"),
    ADD_AL_Ib("04", "w=OSZAPC"),
    ADD_rAX_Iz("05", "w=OSZAPC"),
    OR_Eb_Gb("08 /r", "lock w=OSZPC u=A"),
    OR_Ev_Gv("09 /r", "lock w=OSZPC u=A"),
    OR_Gb_Eb("0A /r", "w=OSZPC u=A"),
    OR_Gv_Ev("0B /r", "w=OSZPC u=A"),
    OR_AL_Ib("0C", "w=OSZPC u=A"),
    OR_rAX_Iz("0D", "w=OSZPC u=A"),
    ADC_Eb_Gb("10 /r", "lock r=C w=OSZAPC"),
    ADC_Ev_Gv("11 /r", "lock r=C w=OSZAPC"),
    ADC_Gb_Eb("12 /r", "r=C w=OSZAPC"),
    ADC_Gv_Ev("13 /r", "r=C w=OSZAPC"),
    ADC_AL_Ib("14", "r=C w=OSZAPC"),
    ADC_rAX_Iz("15", "r=C w=OSZAPC"),
    SBB_Eb_Gb("18 /r", "lock r=C w=OSZAPC"),
    SBB_Ev_Gv("19 /r", "lock r=C w=OSZAPC"),
    SBB_Gb_Eb("1A /r", "r=C w=OSZAPC"),
    SBB_Gv_Ev("1B /r", "r=C w=OSZAPC"),
    SBB_AL_Ib("1C", "r=C w=OSZAPC"),
    SBB_rAX_Iz("1D", "r=C w=OSZAPC"),
    AND_Eb_Gb("20 /r", "lock w=OSZPC u=A"),
    AND_Ev_Gv("21 /r", "lock w=OSZPC u=A"),
    AND_Gb_Eb("22 /r", "w=OSZPC u=A"),
    AND_Gv_Ev("23 /r", "w=OSZPC u=A"),
    AND_AL_Ib("24", "w=OSZPC u=A"),
    AND_rAX_Iz("25", "w=OSZPC u=A"),
    SUB_Eb_Gb("28 /r", "lock w=OSZAPC"),
    SUB_Ev_Gv("29 /r", "lock w=OSZAPC"),
    SUB_Gb_Eb("2A /r", "w=OSZAPC"),
    SUB_Gv_Ev("2B /r", "w=OSZAPC"),
    SUB_AL_Ib("2C", "w=OSZAPC"),
    SUB_rAX_Iz("2D", "w=OSZAPC"),
    XOR_Eb_Gb("30 /r", "lock w=OSZPC u=A"),
    XOR_Ev_Gv("31 /r", "lock w=OSZPC u=A"),
    XOR_Gb_Eb("32 /r", "w=OSZPC u=A"),
    XOR_Gv_Ev("33 /r", "w=OSZPC u=A"),
    XOR_AL_Ib("34", "w=OSZPC u=A"),
    XOR_rAX_Iz("35", "w=OSZPC u=A"),
    CMP_Eb_Gb("38 /r", "w=OSZAPC"),
    CMP_Ev_Gv("39 /r", "w=OSZAPC"),
    CMP_Gb_Eb("3A /r", "w=OSZAPC"),
    CMP_Gv_Ev("3B /r", "w=OSZAPC"),
    CMP_AL_Ib("3C", "w=OSZAPC"),
    CMP_rAX_Iz("3D", "w=OSZAPC"),
    // group 1 (80-83)
    ADD_Eb_Ib("80 /0, 82 /0 i64", "lock w=OSZAPC"),
    OR_Eb_Ib("80 /1, 82 /1 i64", "lock w=OSZPC u=A"),
    ADC_Eb_Ib("80 /2, 82 /2 i64", "lock r=C w=OSZAPC"),
    SBB_Eb_Ib("80 /3, 82 /3 i64", "lock r=C w=OSZAPC"),
    AND_Eb_Ib("80 /4, 82 /4 i64", "lock w=OSZPC u=A"),
    SUB_Eb_Ib("80 /5, 82 /5 i64", "lock w=OSZAPC"),
    XOR_Eb_Ib("80 /6, 82 /6 i64", "lock w=OSZPC u=A"),
    CMP_Eb_Ib("80 /7, 82 /7 i64", "w=OSZAPC"),
    ADD_Ev_Iz("81 /0", "lock w=OSZAPC"),
    OR_Ev_Iz("81 /1", "lock w=OSZPC u=A"),
    ADC_Ev_Iz("81 /2", "lock r=C w=OSZAPC"),
    SBB_Ev_Iz("81 /3", "lock r=C w=OSZAPC"),
    AND_Ev_Iz("81 /4", "lock w=OSZPC u=A"),
    SUB_Ev_Iz("81 /5", "lock w=OSZAPC"),
    XOR_Ev_Iz("81 /6", "lock w=OSZPC u=A"),
    CMP_Ev_Iz("81 /7", "w=OSZAPC"),
    ADD_Ev_Ibs("83 /0", "lock w=OSZAPC"),
    OR_Ev_Ibs("83 /1", "lock w=OSZPC u=A"),
    ADC_Ev_Ibs("83 /2", "lock r=C w=OSZAPC"),
    SBB_Ev_Ibs("83 /3", "lock r=C w=OSZAPC"),
    AND_Ev_Ibs("83 /4", "lock w=OSZPC u=A"),
    SUB_Ev_Ibs("83 /5", "lock w=OSZAPC"),
    XOR_Ev_Ibs("83 /6", "lock w=OSZPC u=A"),
    CMP_Ev_Ibs("83 /7", "w=OSZAPC"),
    TEST_Eb_Gb("84 /r", "w=OSZPC u=A"),
    TEST_Ev_Gv("85 /r", "w=OSZPC u=A"),
    TEST_AL_Ib("A8", "w=OSZPC u=A"),
    TEST_rAX_Iz("A9", "w=OSZPC u=A"),
    // group 3 (F6/F7); /1 is an alias of /0 on real processors and in objdump
    TEST_Eb_Ib("F6 /0, F6 /1", "w=OSZPC u=A"),
    NOT_Eb("F6 /2", "lock"),
    NEG_Eb("F6 /3", "lock w=OSZAPC"),
    MUL_Eb("F6 /4", "w=OC u=SZAP"),
    IMUL_Eb("F6 /5", "w=OC u=SZAP"),
    DIV_Eb("F6 /6", "u=OSZAPC"),
    IDIV_Eb("F6 /7", "u=OSZAPC"),
    TEST_Ev_Iz("F7 /0, F7 /1", "w=OSZPC u=A"),
    NOT_Ev("F7 /2", "lock"),
    NEG_Ev("F7 /3", "lock w=OSZAPC"),
    MUL_Ev("F7 /4", "w=OC u=SZAP"),
    IMUL_Ev("F7 /5", "w=OC u=SZAP"),
    DIV_Ev("F7 /6", "u=OSZAPC"),
    IDIV_Ev("F7 /7", "u=OSZAPC"),
    IMUL_Gv_Ev_Iz("69 /r", "w=OC u=SZAP"),
    IMUL_Gv_Ev_Ibs("6B /r", "w=OC u=SZAP"),
    IMUL_Gv_Ev("0F AF /r", "w=OC u=SZAP"),
    INC_Zv("40+r i64", "w=OSZAP"),
    DEC_Zv("48+r i64", "w=OSZAP"),
    INC_Eb("FE /0", "lock w=OSZAP"),
    DEC_Eb("FE /1", "lock w=OSZAP"),
    INC_Ev("FF /0", "lock w=OSZAP"),
    DEC_Ev("FF /1", "lock w=OSZAP"),
    // decimal arithmetic (SDM Vol. 1, 7.3.2.4), all invalid in 64-bit mode
    DAA("27 i64", "r=AC w=SZAPC u=O"),
    DAS("2F i64", "r=AC w=SZAPC u=O"),
    AAA("37 i64", "r=A w=AC u=OSZP"),
    AAS("3F i64", "r=A w=AC u=OSZP"),
    AAM_Ib("D4 i64", "w=SZP u=OAC"),
    AAD_Ib("D5 i64", "w=SZP u=OAC"),

    // ---- SDM Vol. 1, 7.3.1: data transfer ----
    MOV_Eb_Gb("88 /r", ""),
    MOV_Ev_Gv("89 /r", ""),
    MOV_Gb_Eb("8A /r", ""),
    MOV_Gv_Ev("8B /r", ""),
    MOV_Ev_Sw("8C /r", ""),
    LEA_Gv_M("8D /r", ""),
    MOV_Sw_Ew("8E /r", ""),
    MOV_AL_Ob("A0", "mna=mov/mov/movabs"),
    MOV_rAX_Ov("A1", "mna=mov/mov/movabs"),
    MOV_Ob_AL("A2", "mna=mov/mov/movabs"),
    MOV_Ov_rAX("A3", "mna=mov/mov/movabs"),
    MOV_Zb_Ib("B0+r", ""),
    MOV_Zv_Iv("B8+r", "mn=mov/mov/movabs"),
    MOV_Eb_Ib("C6 /0", ""),
    MOV_Ev_Iz("C7 /0", ""),
    XCHG_Eb_Gb("86 /r", "lock"),
    XCHG_Ev_Gv("87 /r", "lock"),
    PAUSE("F3 90", ""),
    NOP("90 noB", ""),
    XCHG_Zv_rAX("90+r", ""),
    CBW("98", "mn=cbw/cwde/cdqe"),
    CWD("99", "mn=cwd/cdq/cqo"),
    MOVSXD_Gv_Ed("63 /r o64", ""),
    ARPL_Ew_Gw("63 /r i64", "w=Z"),
    MOVZX_Gv_Eb("0F B6 /r", ""),
    MOVZX_Gv_Ew("0F B7 /r", ""),
    MOVSX_Gv_Eb("0F BE /r", ""),
    MOVSX_Gv_Ew("0F BF /r", ""),
    CMOVCC_Gv_Ev("0F 40+cc /r", "mn=cmov* r=OSZPC cpu=CMOV"),
    XADD_Eb_Gb("0F C0 /r", "lock w=OSZAPC"),
    XADD_Ev_Gv("0F C1 /r", "lock w=OSZAPC"),
    CMPXCHG_Eb_Gb("0F B0 /r", "lock w=OSZAPC"),
    CMPXCHG_Ev_Gv("0F B1 /r", "lock w=OSZAPC"),
    CMPXCHG8B_Mq("0F C7 /1 W0", "lock w=Z cpu=CX8"),
    CMPXCHG16B_Mdq("0F C7 /1 W1", "lock w=Z cpu=CX16"),
    BSWAP_Zy("0F C8+r", ""),
    MOVBE_Gv_Mv("0F 38 F0 /r", "cpu=MOVBE"),
    MOVBE_Mv_Gv("0F 38 F1 /r", "cpu=MOVBE"),
    MOVNTI_My_Gy("NP 0F C3 /r", "cpu=SSE2"),
    MOVDIRI_My_Gy("NP 0F 38 F9 /r mem", "cpu=MOVDIRI"),
    MOVDIR64B_Gv_M("66 0F 38 F8 /r mem", "cpu=MOVDIRI"),
    ENQCMD_Gv_M("F2 0F 38 F8 /r mem", "w=OSZAPC cpu=ENQCMD"),
    ENQCMDS_Gv_M("F3 0F 38 F8 /r mem", "cpl0 w=OSZAPC cpu=ENQCMD"),
    XLAT("D7", ""),
    // stack (SDM Vol. 1, 6.2)
    PUSH_Zv("50+r", "d64"),
    POP_Zv("58+r", "d64"),
    PUSH_Iz("68", "d64 sfx"),
    PUSH_Ibs("6A", "d64 sfx"),
    POP_Ev("8F /0", "d64"),
    PUSH_Ev("FF /6", "d64"),
    PUSH_ES("06 i64", "sfx"),
    POP_ES("07 i64", "sfx"),
    PUSH_CS("0E i64", "sfx"),
    PUSH_SS("16 i64", "sfx"),
    POP_SS("17 i64", "sfx"),
    PUSH_DS("1E i64", "sfx"),
    POP_DS("1F i64", "sfx"),
    PUSH_FS("0F A0", "d64 sfx"),
    POP_FS("0F A1", "d64 sfx"),
    PUSH_GS("0F A8", "d64 sfx"),
    POP_GS("0F A9", "d64 sfx"),
    PUSHA("60 i64", "sfx"),
    POPA("61 i64", "sfx"),
    PUSHF("9C", "d64 r=* sfx"),
    POPF("9D", "d64 w=* sfx eob"),
    ENTER_Iw_Ib("C8", "d64 sfx"),
    LEAVE("C9", "d64 sfx"),
    SAHF("9E", "w=SZAPC"),
    LAHF("9F", "r=SZAPC"),
    // far pointer loads
    BOUND_Gv_Ma("62 /r i64", ""),
    LES_Gz_Mp("C4 /r i64", ""),
    LDS_Gz_Mp("C5 /r i64", ""),
    LSS_Gv_Mp("0F B2 /r", ""),
    LFS_Gv_Mp("0F B4 /r", ""),
    LGS_Gv_Mp("0F B5 /r", ""),

    // ---- SDM Vol. 1, 7.3.6: shift and rotate (group 2) ----
    ROL_Eb_Ib("C0 /0", "w=C u=O fcond"),
    ROR_Eb_Ib("C0 /1", "w=C u=O fcond"),
    RCL_Eb_Ib("C0 /2", "r=C w=C u=O fcond"),
    RCR_Eb_Ib("C0 /3", "r=C w=C u=O fcond"),
    SHL_Eb_Ib("C0 /4, C0 /6", "w=SZPC u=OA fcond"),
    SHR_Eb_Ib("C0 /5", "w=SZPC u=OA fcond"),
    SAR_Eb_Ib("C0 /7", "w=SZPC u=OA fcond"),
    ROL_Ev_Ib("C1 /0", "w=C u=O fcond"),
    ROR_Ev_Ib("C1 /1", "w=C u=O fcond"),
    RCL_Ev_Ib("C1 /2", "r=C w=C u=O fcond"),
    RCR_Ev_Ib("C1 /3", "r=C w=C u=O fcond"),
    SHL_Ev_Ib("C1 /4, C1 /6", "w=SZPC u=OA fcond"),
    SHR_Ev_Ib("C1 /5", "w=SZPC u=OA fcond"),
    SAR_Ev_Ib("C1 /7", "w=SZPC u=OA fcond"),
    ROL_Eb_1("D0 /0", "w=OC"),
    ROR_Eb_1("D0 /1", "w=OC"),
    RCL_Eb_1("D0 /2", "r=C w=OC"),
    RCR_Eb_1("D0 /3", "r=C w=OC"),
    SHL_Eb_1("D0 /4, D0 /6", "w=OSZPC u=A"),
    SHR_Eb_1("D0 /5", "w=OSZPC u=A"),
    SAR_Eb_1("D0 /7", "w=OSZPC u=A"),
    ROL_Ev_1("D1 /0", "w=OC"),
    ROR_Ev_1("D1 /1", "w=OC"),
    RCL_Ev_1("D1 /2", "r=C w=OC"),
    RCR_Ev_1("D1 /3", "r=C w=OC"),
    SHL_Ev_1("D1 /4, D1 /6", "w=OSZPC u=A"),
    SHR_Ev_1("D1 /5", "w=OSZPC u=A"),
    SAR_Ev_1("D1 /7", "w=OSZPC u=A"),
    ROL_Eb_CL("D2 /0", "w=C u=O fcond"),
    ROR_Eb_CL("D2 /1", "w=C u=O fcond"),
    RCL_Eb_CL("D2 /2", "r=C w=C u=O fcond"),
    RCR_Eb_CL("D2 /3", "r=C w=C u=O fcond"),
    SHL_Eb_CL("D2 /4, D2 /6", "w=SZPC u=OA fcond"),
    SHR_Eb_CL("D2 /5", "w=SZPC u=OA fcond"),
    SAR_Eb_CL("D2 /7", "w=SZPC u=OA fcond"),
    ROL_Ev_CL("D3 /0", "w=C u=O fcond"),
    ROR_Ev_CL("D3 /1", "w=C u=O fcond"),
    RCL_Ev_CL("D3 /2", "r=C w=C u=O fcond"),
    RCR_Ev_CL("D3 /3", "r=C w=C u=O fcond"),
    SHL_Ev_CL("D3 /4, D3 /6", "w=SZPC u=OA fcond"),
    SHR_Ev_CL("D3 /5", "w=SZPC u=OA fcond"),
    SAR_Ev_CL("D3 /7", "w=SZPC u=OA fcond"),
    SHLD_Ev_Gv_Ib("0F A4 /r", "w=SZPC u=OA fcond"),
    SHLD_Ev_Gv_CL("0F A5 /r", "w=SZPC u=OA fcond"),
    SHRD_Ev_Gv_Ib("0F AC /r", "w=SZPC u=OA fcond"),
    SHRD_Ev_Gv_CL("0F AD /r", "w=SZPC u=OA fcond"),

    // ---- SDM Vol. 1, 7.3.7: bit and byte ----
    BT_Ev_Gv("0F A3 /r", "w=C u=OSAP"),
    BTS_Ev_Gv("0F AB /r", "lock w=C u=OSAP"),
    BTR_Ev_Gv("0F B3 /r", "lock w=C u=OSAP"),
    BTC_Ev_Gv("0F BB /r", "lock w=C u=OSAP"),
    BT_Ev_Ib("0F BA /4", "w=C u=OSAP"),
    BTS_Ev_Ib("0F BA /5", "lock w=C u=OSAP"),
    BTR_Ev_Ib("0F BA /6", "lock w=C u=OSAP"),
    BTC_Ev_Ib("0F BA /7", "lock w=C u=OSAP"),
    TZCNT_Gv_Ev("F3 0F BC /r", "w=ZC u=OSAP cpu=BMI1"),
    BSF_Gv_Ev("0F BC /r", "w=Z u=OSAPC"),
    LZCNT_Gv_Ev("F3 0F BD /r", "w=ZC u=OSAP cpu=LZCNT"),
    BSR_Gv_Ev("0F BD /r", "w=Z u=OSAPC"),
    POPCNT_Gv_Ev("F3 0F B8 /r", "w=OSZAPC cpu=POPCNT"),
    SETCC_Eb("0F 90+cc /r", "mn=set* r=OSZPC"),
    CRC32_Gy_Eb("F2 0F 38 F0 /r", "cpu=SSE42"),
    CRC32_Gy_Ev("F2 0F 38 F1 /r", "cpu=SSE42"),

    // ---- SDM Vol. 1, 7.3.8: control transfer ----
    JCC_Jb("70+cc", "f64 eob mn=j* r=OSZPC"),
    JCC_Jz("0F 80+cc", "f64 eob mn=j* r=OSZPC"),
    JMP_Jb("EB", "f64 eob"),
    JMP_Jz("E9", "f64 eob sfx"),
    JMP_Ev("FF /4", "f64 eob"),
    JMPF_Ap("EA i64", "eob mn=jmp/jmp/jmp"),
    JMPF_Mp("FF /5 mem", "eob mn=jmp/jmp/jmp"),
    CALL_Jz("E8", "f64 eob sfx"),
    CALL_Ev("FF /2", "f64 eob"),
    CALLF_Ap("9A i64", "eob mn=call/call/call"),
    CALLF_Mp("FF /3 mem", "eob mn=call/call/call"),
    RET_Iw("C2", "f64 eob sfx"),
    RET("C3", "f64 eob sfx"),
    RETF_Iw("CA", "eob sfx"),
    RETF("CB", "eob sfx"),
    LOOPNE_Jb("E0", "f64 eob r=Z"),
    LOOPE_Jb("E1", "f64 eob r=Z"),
    LOOP_Jb("E2", "f64 eob"),
    JRCXZ_Jb("E3", "f64 eob mna=jcxz/jecxz/jrcxz"),
    INT3("CC", "eob r=* w=TI"),
    INT_Ib("CD", "eob r=* w=TI"),
    INTO("CE i64", "eob r=* w=TI"),
    INT1("F1", "eob r=* w=TI"),
    IRET("CF", "eob w=* sfx"),

    // ---- SDM Vol. 1, 7.3.9: string (A4-AF, 6C-6F) ----
    MOVS_Yb_Xb("A4", "rep r=D"),
    MOVS_Yv_Xv("A5", "rep r=D"),
    CMPS_Xb_Yb("A6", "rep r=D w=OSZAPC"),
    CMPS_Xv_Yv("A7", "rep r=D w=OSZAPC"),
    STOS_Yb_AL("AA", "rep r=D"),
    STOS_Yv_rAX("AB", "rep r=D"),
    LODS_AL_Xb("AC", "rep r=D"),
    LODS_rAX_Xv("AD", "rep r=D"),
    SCAS_AL_Yb("AE", "rep r=D w=OSZAPC"),
    SCAS_rAX_Yv("AF", "rep r=D w=OSZAPC"),
    INS_Yb_DX("6C", "rep r=D"),
    INS_Yz_DX("6D", "rep r=D"),
    OUTS_DX_Xb("6E", "rep r=D"),
    OUTS_DX_Xz("6F", "rep r=D"),
    // I/O (SDM Vol. 1, 7.3.10)
    IN_AL_Ib("E4", ""),
    IN_eAX_Ib("E5", ""),
    OUT_Ib_AL("E6", ""),
    OUT_Ib_eAX("E7", ""),
    IN_AL_DX("EC", ""),
    IN_eAX_DX("ED", ""),
    OUT_DX_AL("EE", ""),
    OUT_DX_eAX("EF", ""),

    // ---- SDM Vol. 1, 7.3.13-7.3.16: flag control, segment, misc ----
    CMC("F5", "r=C w=C"),
    CLC("F8", "w=C"),
    STC("F9", "w=C"),
    CLI("FA", "w=I"),
    STI("FB", "w=I eob"),
    CLD("FC", "w=D"),
    STD("FD", "w=D"),
    HLT("F4", "cpl0 eob"),
    FWAIT("9B", "mn=fwait/fwait/fwait"),
    UD2("0F 0B", "eob"),
    UD1_Gv_Ev("0F B9 /r", "eob"),
    UD0_Gv_Ev("0F FF /r", "eob"),
    CPUID("0F A2", "eob"),
    NOP_Ev("0F 1F /r, 0F 19 /r, 0F 1A /r, 0F 1B /r, 0F 1C /r, 0F 1D /r, 0F 1E /r, 0F 18 /4, 0F 18 /5, 0F 18 /6, 0F 18 /7, 0F 18 reg", ""),
    CLDEMOTE_Mb("NP 0F 1C /0 mem", "cpu=CLDEMOTE"),
    PREFETCHNTA_Mb("0F 18 /0 mem", "cpu=SSE"),
    PREFETCHT0_Mb("0F 18 /1 mem", "cpu=SSE"),
    PREFETCHT1_Mb("0F 18 /2 mem", "cpu=SSE"),
    PREFETCHT2_Mb("0F 18 /3 mem", "cpu=SSE"),
    PREFETCH_Mb("0F 0D /0 mem, 0F 0D /3 mem, 0F 0D /4 mem, 0F 0D /5 mem, 0F 0D /6 mem, 0F 0D /7 mem", "cpu=PREFETCHW"),
    PREFETCHW_Mb("0F 0D /1 mem", "cpu=PREFETCHW"),
    PREFETCHWT1_Mb("0F 0D /2 mem", "cpu=PREFETCHW"),
    ENDBR64("F3 0F 1E FA", "cpu=CET"),
    RDSSP_Ry("F3 0F 1E /1 reg", "mn=rdsspd/rdsspd/rdsspq cpu=CET"),
    INCSSP_Ry("F3 0F AE /5 reg", "mn=incsspd/incsspd/incsspq cpu=CET"),
    SETSSBSY("F3 0F 01 E8", "cpl0 cpu=CET"),
    SAVEPREVSSP("F3 0F 01 EA", "cpu=CET"),
    RSTORSSP_Mq("F3 0F 01 /5 mem", "cpu=CET"),
    CLRSSBSY_Mq("F3 0F AE /6 mem", "cpl0 cpu=CET"),
    WRSS_My_Gy("NP 0F 38 F6 /r mem", "mn=wrssd/wrssd/wrssq cpu=CET"),
    WRUSS_My_Gy("66 0F 38 F5 /r mem", "cpl0 mn=wrussd/wrussd/wrussq cpu=CET"),
    ENDBR32("F3 0F 1E FB", "cpu=CET"),
    RDTSC("0F 31", ""),
    RDTSCP("0F 01 F9", "cpu=RDTSCP"),
    RDPMC("0F 33", ""),
    RDRAND_Rv("0F C7 /6 reg", "w=OSZAPC cpu=RDRAND"),
    RDPID_Ry("F3 0F C7 /7 reg", "cpu=RDPID"),
    RDSEED_Rv("0F C7 /7 reg", "w=OSZAPC cpu=RDSEED"),

    // ---- SDM Vol. 3, system instructions (2.8) ----
    SLDT_Ev("0F 00 /0", ""),
    STR_Ev("0F 00 /1", ""),
    LLDT_Ew("0F 00 /2", "cpl0"),
    LTR_Ew("0F 00 /3", "cpl0"),
    VERR_Ew("0F 00 /4", "w=Z"),
    VERW_Ew("0F 00 /5", "w=Z"),
    SGDT_Ms("0F 01 /0 mem", "sfx32"),
    SIDT_Ms("0F 01 /1 mem", "sfx32"),
    LGDT_Ms("0F 01 /2 mem", "cpl0 eob sfx32"),
    LIDT_Ms("0F 01 /3 mem", "cpl0 eob sfx32"),
    SMSW_Ev("0F 01 /4", ""),
    LMSW_Ew("0F 01 /6", "cpl0 eob"),
    INVLPG_Mb("0F 01 /7 mem", "cpl0 eob"),
    ENCLV("NP 0F 01 C0", "eob cpu=SGX"),
    VMCALL("0F 01 C1", "eob cpu=VMX"),
    PCONFIG("NP 0F 01 C5", "eob cpu=SGX"),
    ENCLS("NP 0F 01 CF", "cpl0 eob cpu=SGX"),
    ENCLU("NP 0F 01 D7", "eob cpu=SGX"),
    VMLAUNCH("0F 01 C2", "eob cpu=VMX"),
    VMRESUME("0F 01 C3", "eob cpu=VMX"),
    VMXOFF("0F 01 C4", "eob cpu=VMX"),
    MONITOR("0F 01 C8", "cpl0 cpu=MONITOR"),
    MWAIT("0F 01 C9", "cpl0 eob cpu=MONITOR"),
    CLAC("0F 01 CA", "cpl0 w=X cpu=SMAP"),
    STAC("0F 01 CB", "cpl0 w=X cpu=SMAP"),
    XGETBV("0F 01 D0", "cpu=XSAVE"),
    XSETBV("0F 01 D1", "cpl0 eob cpu=XSAVE"),
    VMFUNC("0F 01 D4", "eob cpu=VMX"),
    XEND("NP 0F 01 D5", "eob cpu=RTM"),
    XTEST("NP 0F 01 D6", "w=OSZAPC cpu=RTM"),
    VMRUN("NP 0F 01 D8", "cpl0 eob cpu=SVM"),
    VMMCALL("NP 0F 01 D9", "eob cpu=SVM"),
    VMLOAD("NP 0F 01 DA", "cpl0 cpu=SVM"),
    VMSAVE("NP 0F 01 DB", "cpl0 cpu=SVM"),
    STGI("NP 0F 01 DC", "cpl0 eob cpu=SVM"),
    CLGI("NP 0F 01 DD", "cpl0 cpu=SVM"),
    SKINIT("NP 0F 01 DE", "cpl0 eob cpu=SVM"),
    INVLPGA("NP 0F 01 DF", "cpl0 cpu=SVM"),
    SERIALIZE("NP 0F 01 E8", "eob cpu=SERIALIZE"),
    RDPKRU("NP 0F 01 EE", "cpu=PKU"),
    WRPKRU("NP 0F 01 EF", "eob cpu=PKU"),
    SWAPGS("0F 01 F8 o64", "cpl0"),
    MONITORX("NP 0F 01 FA", "cpu=SVM"),
    MWAITX("NP 0F 01 FB", "eob cpu=SVM"),
    CLZERO("NP 0F 01 FC", "cpu=SVM"),
    LAR_Gv_Ew("0F 02 /r", "w=Z"),
    LSL_Gv_Ew("0F 03 /r", "w=Z"),
    SYSCALL("0F 05", "eob r=* w=*"),
    CLTS("0F 06", "cpl0"),
    SYSRET("0F 07", "cpl0 eob w=* sfx64"),
    INVD("0F 08", "cpl0 eob"),
    WBNOINVD("F3 0F 09", "cpl0 eob"),
    WBINVD("NP 0F 09", "cpl0 eob"),
    MOV_Ry_Cy("0F 20 /r", "cpl0 eob f64 u=OSZAPC"),
    MOV_Ry_Dy("0F 21 /r", "cpl0 eob f64 u=OSZAPC"),
    MOV_Cy_Ry("0F 22 /r", "cpl0 eob f64 u=OSZAPC"),
    MOV_Dy_Ry("0F 23 /r", "cpl0 eob f64 u=OSZAPC"),
    WRMSR("0F 30", "cpl0 eob"),
    RDMSR("0F 32", "cpl0"),
    SYSENTER("0F 34", "eob w=IX"),
    SYSEXIT("0F 35", "cpl0 eob sfx64"),
    GETSEC("0F 37", "eob"),
    RSM("0F AA", "eob w=*"),
    // group 15 (0F AE) and the XSAVE family (SDM Vol. 1, chapter 13)
    FXSAVE_M("NP 0F AE /0 mem", "mn=fxsave/fxsave/fxsave64 cpu=FXSR"),
    FXRSTOR_M("NP 0F AE /1 mem", "mn=fxrstor/fxrstor/fxrstor64 cpu=FXSR"),
    LDMXCSR_Md("NP 0F AE /2 mem", "cpu=SSE"),
    STMXCSR_Md("NP 0F AE /3 mem", "cpu=SSE"),
    XSAVE_M("NP 0F AE /4 mem", "mn=xsave/xsave/xsave64 cpu=XSAVE"),
    XRSTOR_M("NP 0F AE /5 mem", "mn=xrstor/xrstor/xrstor64 cpu=XSAVE"),
    XSAVEOPT_M("NP 0F AE /6 mem", "mn=xsaveopt/xsaveopt/xsaveopt64 cpu=XSAVEOPT"),
    CLFLUSH_Mb("NP 0F AE /7 mem", "cpu=CLFLUSH"),
    CLWB_Mb("66 0F AE /6 mem", "cpu=CLWB"),
    CLFLUSHOPT_Mb("66 0F AE /7 mem", "cpu=CLFLUSHOPT"),
    LFENCE("NP 0F AE E8+i", "cpu=SSE2"),
    MFENCE("NP 0F AE F0", "cpu=SSE2"),
    SFENCE("NP 0F AE F8", "cpu=SSE"),
    RDFSBASE_Ry("F3 0F AE /0 reg o64", "cpu=FSGSBASE"),
    RDGSBASE_Ry("F3 0F AE /1 reg o64", "cpu=FSGSBASE"),
    WRFSBASE_Ry("F3 0F AE /2 reg o64", "cpu=FSGSBASE"),
    WRGSBASE_Ry("F3 0F AE /3 reg o64", "cpu=FSGSBASE"),
    XRSTORS_M("NP 0F C7 /3 mem", "cpl0 mn=xrstors/xrstors/xrstors64 cpu=XSAVES"),
    XSAVEC_M("NP 0F C7 /4 mem", "mn=xsavec/xsavec/xsavec64 cpu=XSAVEC"),
    XSAVES_M("NP 0F C7 /5 mem", "cpl0 mn=xsaves/xsaves/xsaves64 cpu=XSAVES"),
    VMPTRLD_Mq("NP 0F C7 /6 mem", "cpu=VMX"),
    VMCLEAR_Mq("66 0F C7 /6 mem", "cpu=VMX"),
    VMXON_Mq("F3 0F C7 /6 mem", "cpu=VMX"),
    VMPTRST_Mq("NP 0F C7 /7 mem", "cpu=VMX"),
    VMREAD_Ey_Gy("NP 0F 78 /r", "f64 w=OSZAPC cpu=VMX"),
    VMWRITE_Gy_Ey("NP 0F 79 /r", "f64 w=OSZAPC cpu=VMX"),
    XABORT_Ib("C6 F8", "eob cpu=RTM"),
    XBEGIN_Jz("C7 F8", "eob sfx cpu=RTM"),

    // ---- SDM Vol. 1, chapter 8: x87 FPU (escape opcodes D8-DF, Vol. 2 Tables) ----
    FADD_Md("D8 /0 mem", ""),
    FADD_Mq("DC /0 mem", ""),
    FIADD_Md("DA /0 mem", ""),
    FIADD_Mw("DE /0 mem", ""),
    FMUL_Md("D8 /1 mem", ""),
    FMUL_Mq("DC /1 mem", ""),
    FIMUL_Md("DA /1 mem", ""),
    FIMUL_Mw("DE /1 mem", ""),
    FCOM_Md("D8 /2 mem", ""),
    FCOM_Mq("DC /2 mem", ""),
    FICOM_Md("DA /2 mem", ""),
    FICOM_Mw("DE /2 mem", ""),
    FCOMP_Md("D8 /3 mem", ""),
    FCOMP_Mq("DC /3 mem", ""),
    FICOMP_Md("DA /3 mem", ""),
    FICOMP_Mw("DE /3 mem", ""),
    FSUB_Md("D8 /4 mem", ""),
    FSUB_Mq("DC /4 mem", ""),
    FISUB_Md("DA /4 mem", ""),
    FISUB_Mw("DE /4 mem", ""),
    FSUBR_Md("D8 /5 mem", ""),
    FSUBR_Mq("DC /5 mem", ""),
    FISUBR_Md("DA /5 mem", ""),
    FISUBR_Mw("DE /5 mem", ""),
    FDIV_Md("D8 /6 mem", ""),
    FDIV_Mq("DC /6 mem", ""),
    FIDIV_Md("DA /6 mem", ""),
    FIDIV_Mw("DE /6 mem", ""),
    FDIVR_Md("D8 /7 mem", ""),
    FDIVR_Mq("DC /7 mem", ""),
    FIDIVR_Md("DA /7 mem", ""),
    FIDIVR_Mw("DE /7 mem", ""),
    FADD_ST0_STi("D8 C0+i", ""),
    FMUL_ST0_STi("D8 C8+i", ""),
    FSUB_ST0_STi("D8 E0+i", ""),
    FSUBR_ST0_STi("D8 E8+i", ""),
    FDIV_ST0_STi("D8 F0+i", ""),
    FDIVR_ST0_STi("D8 F8+i", ""),
    FADD_STi_ST0("DC C0+i", ""),
    FMUL_STi_ST0("DC C8+i", ""),
    FSUBR_STi_ST0("DC E0+i", ""),
    FSUB_STi_ST0("DC E8+i", ""),
    FDIVR_STi_ST0("DC F0+i", ""),
    FDIV_STi_ST0("DC F8+i", ""),
    FADDP_STi_ST0("DE C0+i", ""),
    FMULP_STi_ST0("DE C8+i", ""),
    FSUBRP_STi_ST0("DE E0+i", ""),
    FSUBP_STi_ST0("DE E8+i", ""),
    FDIVRP_STi_ST0("DE F0+i", ""),
    FDIVP_STi_ST0("DE F8+i", ""),
    FCOM_STi("D8 D0+i", ""),
    FCOMP_STi("D8 D8+i", ""),
    FCOMPP("DE D9", ""),
    FLD_Md("D9 /0 mem", ""),
    FST_Md("D9 /2 mem", ""),
    FSTP_Md("D9 /3 mem", ""),
    FLDENV_M("D9 /4 mem", "sfx"),
    FLDCW_Mw("D9 /5 mem", ""),
    FNSTENV_M("D9 /6 mem", "sfx"),
    FNSTCW_Mw("D9 /7 mem", ""),
    FLD_STi("D9 C0+i", ""),
    FXCH_STi("D9 C8+i", ""),
    FNOP("D9 D0", ""),
    FSTP_STi("DD D8+i", ""),
    FCHS("D9 E0", ""),
    FABS("D9 E1", ""),
    FTST("D9 E4", ""),
    FXAM("D9 E5", ""),
    FLD1("D9 E8", ""),
    FLDL2T("D9 E9", ""),
    FLDL2E("D9 EA", ""),
    FLDPI("D9 EB", ""),
    FLDLG2("D9 EC", ""),
    FLDLN2("D9 ED", ""),
    FLDZ("D9 EE", ""),
    F2XM1("D9 F0", ""),
    FYL2X("D9 F1", ""),
    FPTAN("D9 F2", ""),
    FPATAN("D9 F3", ""),
    FXTRACT("D9 F4", ""),
    FPREM1("D9 F5", ""),
    FDECSTP("D9 F6", ""),
    FINCSTP("D9 F7", ""),
    FPREM("D9 F8", ""),
    FYL2XP1("D9 F9", ""),
    FSQRT("D9 FA", ""),
    FSINCOS("D9 FB", ""),
    FRNDINT("D9 FC", ""),
    FSCALE("D9 FD", ""),
    FSIN("D9 FE", ""),
    FCOS("D9 FF", ""),
    FCMOVB_ST0_STi("DA C0+i", "r=C"),
    FCMOVE_ST0_STi("DA C8+i", "r=Z"),
    FCMOVBE_ST0_STi("DA D0+i", "r=CZ"),
    FCMOVU_ST0_STi("DA D8+i", "r=P"),
    FCMOVNB_ST0_STi("DB C0+i", "r=C"),
    FCMOVNE_ST0_STi("DB C8+i", "r=Z"),
    FCMOVNBE_ST0_STi("DB D0+i", "r=CZ"),
    FCMOVNU_ST0_STi("DB D8+i", "r=P"),
    FUCOMPP("DA E9", ""),
    FILD_Md("DB /0 mem", ""),
    FISTTP_Md("DB /1 mem", "cpu=SSE3"),
    FIST_Md("DB /2 mem", ""),
    FISTP_Md("DB /3 mem", ""),
    FLD_Mt("DB /5 mem", ""),
    FSTP_Mt("DB /7 mem", ""),
    FNCLEX("DB E2", ""),
    FNINIT("DB E3", ""),
    FUCOMI_ST0_STi("DB E8+i", "w=OSZAPC"),
    FCOMI_ST0_STi("DB F0+i", "w=OSZAPC"),
    FLD_Mq("DD /0 mem", ""),
    FISTTP_Mq("DD /1 mem", "cpu=SSE3"),
    FST_Mq("DD /2 mem", ""),
    FSTP_Mq("DD /3 mem", ""),
    FRSTOR_M("DD /4 mem", "sfx"),
    FNSAVE_M("DD /6 mem", "sfx"),
    FNSTSW_Mw("DD /7 mem", ""),
    FFREE_STi("DD C0+i", ""),
    FST_STi("DD D0+i", ""),
    FUCOM_STi("DD E0+i", ""),
    FUCOMP_STi("DD E8+i", ""),
    FILD_Mw("DF /0 mem", ""),
    FISTTP_Mw("DF /1 mem", "cpu=SSE3"),
    FIST_Mw("DF /2 mem", ""),
    FISTP_Mw("DF /3 mem", ""),
    FBLD_Mt("DF /4 mem", ""),
    FILD_Mq("DF /5 mem", ""),
    FBSTP_Mt("DF /6 mem", ""),
    FISTP_Mq("DF /7 mem", ""),
    FFREEP_STi("DF C0+i", ""),
    FNSTSW_AX("DF E0", ""),
    FUCOMIP_ST0_STi("DF E8+i", "w=OSZAPC"),
    FCOMIP_ST0_STi("DF F0+i", "w=OSZAPC"),

    // ---- SDM Vol. 1, chapters 10-12: SSE, SSE2, SSE3 (0F map, Vol. 2 Table A-3) ----
    MOVUPS_Vps_Wps("NP 0F 10 /r", "cpu=SSE"),
    MOVUPD_Vpd_Wpd("66 0F 10 /r", "cpu=SSE2"),
    MOVSS_Vx_Wss("F3 0F 10 /r", "cpu=SSE"),
    MOVSD_Vx_Wsd("F2 0F 10 /r", "cpu=SSE2"),
    MOVUPS_Wps_Vps("NP 0F 11 /r", "cpu=SSE"),
    MOVUPD_Wpd_Vpd("66 0F 11 /r", "cpu=SSE2"),
    MOVSS_Wss_Vss("F3 0F 11 /r", "cpu=SSE"),
    MOVSD_Wsd_Vsd("F2 0F 11 /r", "cpu=SSE2"),
    MOVLPS_Vq_Mq("NP 0F 12 /r", "cpu=SSE"),
    MOVHLPS_Vq_Uq("NP 0F 12 /r", "cpu=SSE"),
    MOVLPD_Vq_Mq("66 0F 12 /r", "cpu=SSE2"),
    MOVSLDUP_Vx_Wx("F3 0F 12 /r", "cpu=SSE3"),
    MOVDDUP_Vx_Wsd("F2 0F 12 /r", "cpu=SSE3"),
    MOVLPS_Mq_Vq("NP 0F 13 /r", "cpu=SSE"),
    MOVLPD_Mq_Vq("66 0F 13 /r", "cpu=SSE2"),
    UNPCKLPS_Vx_Wx("NP 0F 14 /r", "cpu=SSE"),
    UNPCKLPD_Vx_Wx("66 0F 14 /r", "cpu=SSE2"),
    UNPCKHPS_Vx_Wx("NP 0F 15 /r", "cpu=SSE"),
    UNPCKHPD_Vx_Wx("66 0F 15 /r", "cpu=SSE2"),
    MOVHPS_Vq_Mq("NP 0F 16 /r", "cpu=SSE"),
    MOVLHPS_Vq_Uq("NP 0F 16 /r", "cpu=SSE"),
    MOVHPD_Vq_Mq("66 0F 16 /r", "cpu=SSE2"),
    MOVSHDUP_Vx_Wx("F3 0F 16 /r", "cpu=SSE3"),
    MOVHPS_Mq_Vq("NP 0F 17 /r", "cpu=SSE"),
    MOVHPD_Mq_Vq("66 0F 17 /r", "cpu=SSE2"),
    MOVAPS_Vps_Wps("NP 0F 28 /r", "cpu=SSE"),
    MOVAPD_Vpd_Wpd("66 0F 28 /r", "cpu=SSE2"),
    MOVAPS_Wps_Vps("NP 0F 29 /r", "cpu=SSE"),
    MOVAPD_Wpd_Vpd("66 0F 29 /r", "cpu=SSE2"),
    CVTPI2PS_Vps_Qq("NP 0F 2A /r", "cpu=SSE"),
    CVTPI2PD_Vpd_Qq("66 0F 2A /r", "cpu=SSE2"),
    CVTSI2SS_Vss_Ey("F3 0F 2A /r", "cpu=SSE"),
    CVTSI2SD_Vsd_Ey("F2 0F 2A /r", "cpu=SSE2"),
    MOVNTPS_Mps_Vps("NP 0F 2B /r", "cpu=SSE"),
    MOVNTPD_Mpd_Vpd("66 0F 2B /r", "cpu=SSE2"),
    CVTTPS2PI_Pq_Wq("NP 0F 2C /r", "cpu=SSE"),
    CVTTPD2PI_Pq_Wpd("66 0F 2C /r", "cpu=SSE2"),
    CVTTSS2SI_Gy_Wss("F3 0F 2C /r", "cpu=SSE"),
    CVTTSD2SI_Gy_Wsd("F2 0F 2C /r", "cpu=SSE2"),
    CVTPS2PI_Pq_Wq("NP 0F 2D /r", "cpu=SSE"),
    CVTPD2PI_Pq_Wpd("66 0F 2D /r", "cpu=SSE2"),
    CVTSS2SI_Gy_Wss("F3 0F 2D /r", "cpu=SSE"),
    CVTSD2SI_Gy_Wsd("F2 0F 2D /r", "cpu=SSE2"),
    UCOMISS_Vss_Wss("NP 0F 2E /r", "w=OSZAPC cpu=SSE"),
    UCOMISD_Vsd_Wsd("66 0F 2E /r", "w=OSZAPC cpu=SSE2"),
    COMISS_Vss_Wss("NP 0F 2F /r", "w=OSZAPC cpu=SSE"),
    COMISD_Vsd_Wsd("66 0F 2F /r", "w=OSZAPC cpu=SSE2"),
    MOVMSKPS_Gy_Ups("NP 0F 50 /r", "cpu=SSE"),
    MOVMSKPD_Gy_Upd("66 0F 50 /r", "cpu=SSE2"),
    SQRTPS_Vps_Wps("NP 0F 51 /r", "cpu=SSE"),
    SQRTPD_Vpd_Wpd("66 0F 51 /r", "cpu=SSE2"),
    SQRTSS_Vss_Wss("F3 0F 51 /r", "cpu=SSE"),
    SQRTSD_Vsd_Wsd("F2 0F 51 /r", "cpu=SSE2"),
    RSQRTPS_Vps_Wps("NP 0F 52 /r", "cpu=SSE"),
    RSQRTSS_Vss_Wss("F3 0F 52 /r", "cpu=SSE"),
    RCPPS_Vps_Wps("NP 0F 53 /r", "cpu=SSE"),
    RCPSS_Vss_Wss("F3 0F 53 /r", "cpu=SSE"),
    ANDPS_Vps_Wps("NP 0F 54 /r", "cpu=SSE"),
    ANDPD_Vpd_Wpd("66 0F 54 /r", "cpu=SSE2"),
    ANDNPS_Vps_Wps("NP 0F 55 /r", "cpu=SSE"),
    ANDNPD_Vpd_Wpd("66 0F 55 /r", "cpu=SSE2"),
    ORPS_Vps_Wps("NP 0F 56 /r", "cpu=SSE"),
    ORPD_Vpd_Wpd("66 0F 56 /r", "cpu=SSE2"),
    XORPS_Vps_Wps("NP 0F 57 /r", "cpu=SSE"),
    XORPD_Vpd_Wpd("66 0F 57 /r", "cpu=SSE2"),
    ADDPS_Vps_Wps("NP 0F 58 /r", "cpu=SSE"),
    ADDPD_Vpd_Wpd("66 0F 58 /r", "cpu=SSE2"),
    ADDSS_Vss_Wss("F3 0F 58 /r", "cpu=SSE"),
    ADDSD_Vsd_Wsd("F2 0F 58 /r", "cpu=SSE2"),
    MULPS_Vps_Wps("NP 0F 59 /r", "cpu=SSE"),
    MULPD_Vpd_Wpd("66 0F 59 /r", "cpu=SSE2"),
    MULSS_Vss_Wss("F3 0F 59 /r", "cpu=SSE"),
    MULSD_Vsd_Wsd("F2 0F 59 /r", "cpu=SSE2"),
    CVTPS2PD_Vpd_Wq("NP 0F 5A /r", "cpu=SSE2"),
    CVTPD2PS_Vps_Wpd("66 0F 5A /r", "cpu=SSE2"),
    CVTSS2SD_Vsd_Wss("F3 0F 5A /r", "cpu=SSE2"),
    CVTSD2SS_Vss_Wsd("F2 0F 5A /r", "cpu=SSE2"),
    CVTDQ2PS_Vps_Wx("NP 0F 5B /r", "cpu=SSE2"),
    CVTPS2DQ_Vx_Wps("66 0F 5B /r", "cpu=SSE2"),
    CVTTPS2DQ_Vx_Wps("F3 0F 5B /r", "cpu=SSE2"),
    SUBPS_Vps_Wps("NP 0F 5C /r", "cpu=SSE"),
    SUBPD_Vpd_Wpd("66 0F 5C /r", "cpu=SSE2"),
    SUBSS_Vss_Wss("F3 0F 5C /r", "cpu=SSE"),
    SUBSD_Vsd_Wsd("F2 0F 5C /r", "cpu=SSE2"),
    MINPS_Vps_Wps("NP 0F 5D /r", "cpu=SSE"),
    MINPD_Vpd_Wpd("66 0F 5D /r", "cpu=SSE2"),
    MINSS_Vss_Wss("F3 0F 5D /r", "cpu=SSE"),
    MINSD_Vsd_Wsd("F2 0F 5D /r", "cpu=SSE2"),
    DIVPS_Vps_Wps("NP 0F 5E /r", "cpu=SSE"),
    DIVPD_Vpd_Wpd("66 0F 5E /r", "cpu=SSE2"),
    DIVSS_Vss_Wss("F3 0F 5E /r", "cpu=SSE"),
    DIVSD_Vsd_Wsd("F2 0F 5E /r", "cpu=SSE2"),
    MAXPS_Vps_Wps("NP 0F 5F /r", "cpu=SSE"),
    MAXPD_Vpd_Wpd("66 0F 5F /r", "cpu=SSE2"),
    MAXSS_Vss_Wss("F3 0F 5F /r", "cpu=SSE"),
    MAXSD_Vsd_Wsd("F2 0F 5F /r", "cpu=SSE2"),
    // MMX (NP, mm registers) and SSE2 (66, xmm registers) integer forms
    PUNPCKLBW_Pq_Qq("NP 0F 60 /r", "cpu=MMX"),
    PUNPCKLBW_Vx_Wx("66 0F 60 /r", "cpu=SSE2"),
    PUNPCKLWD_Pq_Qq("NP 0F 61 /r", "cpu=MMX"),
    PUNPCKLWD_Vx_Wx("66 0F 61 /r", "cpu=SSE2"),
    PUNPCKLDQ_Pq_Qq("NP 0F 62 /r", "cpu=MMX"),
    PUNPCKLDQ_Vx_Wx("66 0F 62 /r", "cpu=SSE2"),
    PACKSSWB_Pq_Qq("NP 0F 63 /r", "cpu=MMX"),
    PACKSSWB_Vx_Wx("66 0F 63 /r", "cpu=SSE2"),
    PCMPGTB_Pq_Qq("NP 0F 64 /r", "cpu=MMX"),
    PCMPGTB_Vx_Wx("66 0F 64 /r", "cpu=SSE2"),
    PCMPGTW_Pq_Qq("NP 0F 65 /r", "cpu=MMX"),
    PCMPGTW_Vx_Wx("66 0F 65 /r", "cpu=SSE2"),
    PCMPGTD_Pq_Qq("NP 0F 66 /r", "cpu=MMX"),
    PCMPGTD_Vx_Wx("66 0F 66 /r", "cpu=SSE2"),
    PACKUSWB_Pq_Qq("NP 0F 67 /r", "cpu=MMX"),
    PACKUSWB_Vx_Wx("66 0F 67 /r", "cpu=SSE2"),
    PUNPCKHBW_Pq_Qq("NP 0F 68 /r", "cpu=MMX"),
    PUNPCKHBW_Vx_Wx("66 0F 68 /r", "cpu=SSE2"),
    PUNPCKHWD_Pq_Qq("NP 0F 69 /r", "cpu=MMX"),
    PUNPCKHWD_Vx_Wx("66 0F 69 /r", "cpu=SSE2"),
    PUNPCKHDQ_Pq_Qq("NP 0F 6A /r", "cpu=MMX"),
    PUNPCKHDQ_Vx_Wx("66 0F 6A /r", "cpu=SSE2"),
    PACKSSDW_Pq_Qq("NP 0F 6B /r", "cpu=MMX"),
    PACKSSDW_Vx_Wx("66 0F 6B /r", "cpu=SSE2"),
    PUNPCKLQDQ_Vx_Wx("66 0F 6C /r", "cpu=SSE2"),
    PUNPCKHQDQ_Vx_Wx("66 0F 6D /r", "cpu=SSE2"),
    MOVD_Pq_Ey("NP 0F 6E /r", "mn=movd/movd/movq cpu=MMX"),
    MOVD_Vx_Ey("66 0F 6E /r", "mn=movd/movd/movq cpu=SSE2"),
    MOVQ_Pq_Qq("NP 0F 6F /r", "cpu=MMX"),
    MOVDQA_Vx_Wx("66 0F 6F /r", "cpu=SSE2"),
    MOVDQU_Vx_Wx("F3 0F 6F /r", "cpu=SSE2"),
    PSHUFW_Pq_Qq_Ib("NP 0F 70 /r", "cpu=SSE"),
    PSHUFD_Vx_Wx_Ib("66 0F 70 /r", "cpu=SSE2"),
    PSHUFHW_Vx_Wx_Ib("F3 0F 70 /r", "cpu=SSE2"),
    PSHUFLW_Vx_Wx_Ib("F2 0F 70 /r", "cpu=SSE2"),
    PSRLW_Nq_Ib("NP 0F 71 /2", "cpu=MMX"),
    PSRLW_Ux_Ib("66 0F 71 /2", "cpu=SSE2"),
    PSRAW_Nq_Ib("NP 0F 71 /4", "cpu=MMX"),
    PSRAW_Ux_Ib("66 0F 71 /4", "cpu=SSE2"),
    PSLLW_Nq_Ib("NP 0F 71 /6", "cpu=MMX"),
    PSLLW_Ux_Ib("66 0F 71 /6", "cpu=SSE2"),
    PSRLD_Nq_Ib("NP 0F 72 /2", "cpu=MMX"),
    PSRLD_Ux_Ib("66 0F 72 /2", "cpu=SSE2"),
    PSRAD_Nq_Ib("NP 0F 72 /4", "cpu=MMX"),
    PSRAD_Ux_Ib("66 0F 72 /4", "cpu=SSE2"),
    PSLLD_Nq_Ib("NP 0F 72 /6", "cpu=MMX"),
    PSLLD_Ux_Ib("66 0F 72 /6", "cpu=SSE2"),
    PSRLQ_Nq_Ib("NP 0F 73 /2", "cpu=MMX"),
    PSRLQ_Ux_Ib("66 0F 73 /2", "cpu=SSE2"),
    PSLLQ_Nq_Ib("NP 0F 73 /6", "cpu=MMX"),
    PSLLQ_Ux_Ib("66 0F 73 /6", "cpu=SSE2"),
    PSRLDQ_Ux_Ib("66 0F 73 /3", "cpu=SSE2"),
    PSLLDQ_Ux_Ib("66 0F 73 /7", "cpu=SSE2"),
    PCMPEQB_Pq_Qq("NP 0F 74 /r", "cpu=MMX"),
    PCMPEQB_Vx_Wx("66 0F 74 /r", "cpu=SSE2"),
    PCMPEQW_Pq_Qq("NP 0F 75 /r", "cpu=MMX"),
    PCMPEQW_Vx_Wx("66 0F 75 /r", "cpu=SSE2"),
    PCMPEQD_Pq_Qq("NP 0F 76 /r", "cpu=MMX"),
    PCMPEQD_Vx_Wx("66 0F 76 /r", "cpu=SSE2"),
    EMMS("NP 0F 77", "cpu=MMX"),
    HADDPD_Vpd_Wpd("66 0F 7C /r", "cpu=SSE3"),
    HADDPS_Vps_Wps("F2 0F 7C /r", "cpu=SSE3"),
    HSUBPD_Vpd_Wpd("66 0F 7D /r", "cpu=SSE3"),
    HSUBPS_Vps_Wps("F2 0F 7D /r", "cpu=SSE3"),
    MOVD_Ey_Pq("NP 0F 7E /r", "mn=movd/movd/movq cpu=MMX"),
    MOVD_Ey_Vx("66 0F 7E /r", "mn=movd/movd/movq cpu=SSE2"),
    MOVQ_Vx_Wq("F3 0F 7E /r", "cpu=SSE2"),
    MOVQ_Qq_Pq("NP 0F 7F /r", "cpu=MMX"),
    MOVDQA_Wx_Vx("66 0F 7F /r", "cpu=SSE2"),
    MOVDQU_Wx_Vx("F3 0F 7F /r", "cpu=SSE2"),
    CMPPS_Vps_Wps_Ib("NP 0F C2 /r", "cpu=SSE"),
    CMPPD_Vpd_Wpd_Ib("66 0F C2 /r", "cpu=SSE2"),
    CMPSS_Vss_Wss_Ib("F3 0F C2 /r", "cpu=SSE"),
    CMPSD_Vsd_Wsd_Ib("F2 0F C2 /r", "cpu=SSE2"),
    PINSRW_Pq_Ew_Ib("NP 0F C4 /r", "cpu=SSE"),
    PINSRW_Vx_Ew_Ib("66 0F C4 /r", "cpu=SSE2"),
    PEXTRW_Gy_Nq_Ib("NP 0F C5 /r", "cpu=SSE"),
    PEXTRW_Gy_Ux_Ib("66 0F C5 /r", "cpu=SSE2"),
    SHUFPS_Vps_Wps_Ib("NP 0F C6 /r", "cpu=SSE"),
    SHUFPD_Vpd_Wpd_Ib("66 0F C6 /r", "cpu=SSE2"),
    ADDSUBPD_Vpd_Wpd("66 0F D0 /r", "cpu=SSE3"),
    ADDSUBPS_Vps_Wps("F2 0F D0 /r", "cpu=SSE3"),
    PSRLW_Pq_Qq("NP 0F D1 /r", "cpu=MMX"),
    PSRLW_Vx_Wx("66 0F D1 /r", "cpu=SSE2"),
    PSRLD_Pq_Qq("NP 0F D2 /r", "cpu=MMX"),
    PSRLD_Vx_Wx("66 0F D2 /r", "cpu=SSE2"),
    PSRLQ_Pq_Qq("NP 0F D3 /r", "cpu=MMX"),
    PSRLQ_Vx_Wx("66 0F D3 /r", "cpu=SSE2"),
    PADDQ_Pq_Qq("NP 0F D4 /r", "cpu=MMX"),
    PADDQ_Vx_Wx("66 0F D4 /r", "cpu=SSE2"),
    PMULLW_Pq_Qq("NP 0F D5 /r", "cpu=MMX"),
    PMULLW_Vx_Wx("66 0F D5 /r", "cpu=SSE2"),
    MOVQ_Wq_Vq("66 0F D6 /r", "cpu=SSE2"),
    MOVQ2DQ_Vx_Nq("F3 0F D6 /r", "cpu=SSE2"),
    MOVDQ2Q_Pq_Uq("F2 0F D6 /r", "cpu=SSE2"),
    PMOVMSKB_Gy_Nq("NP 0F D7 /r", "cpu=SSE"),
    PMOVMSKB_Gy_Ux("66 0F D7 /r", "cpu=SSE2"),
    PSUBUSB_Pq_Qq("NP 0F D8 /r", "cpu=MMX"),
    PSUBUSB_Vx_Wx("66 0F D8 /r", "cpu=SSE2"),
    PSUBUSW_Pq_Qq("NP 0F D9 /r", "cpu=MMX"),
    PSUBUSW_Vx_Wx("66 0F D9 /r", "cpu=SSE2"),
    PMINUB_Pq_Qq("NP 0F DA /r", "cpu=MMX"),
    PMINUB_Vx_Wx("66 0F DA /r", "cpu=SSE2"),
    PAND_Pq_Qq("NP 0F DB /r", "cpu=MMX"),
    PAND_Vx_Wx("66 0F DB /r", "cpu=SSE2"),
    PADDUSB_Pq_Qq("NP 0F DC /r", "cpu=MMX"),
    PADDUSB_Vx_Wx("66 0F DC /r", "cpu=SSE2"),
    PADDUSW_Pq_Qq("NP 0F DD /r", "cpu=MMX"),
    PADDUSW_Vx_Wx("66 0F DD /r", "cpu=SSE2"),
    PMAXUB_Pq_Qq("NP 0F DE /r", "cpu=MMX"),
    PMAXUB_Vx_Wx("66 0F DE /r", "cpu=SSE2"),
    PANDN_Pq_Qq("NP 0F DF /r", "cpu=MMX"),
    PANDN_Vx_Wx("66 0F DF /r", "cpu=SSE2"),
    PAVGB_Pq_Qq("NP 0F E0 /r", "cpu=MMX"),
    PAVGB_Vx_Wx("66 0F E0 /r", "cpu=SSE2"),
    PSRAW_Pq_Qq("NP 0F E1 /r", "cpu=MMX"),
    PSRAW_Vx_Wx("66 0F E1 /r", "cpu=SSE2"),
    PSRAD_Pq_Qq("NP 0F E2 /r", "cpu=MMX"),
    PSRAD_Vx_Wx("66 0F E2 /r", "cpu=SSE2"),
    PAVGW_Pq_Qq("NP 0F E3 /r", "cpu=MMX"),
    PAVGW_Vx_Wx("66 0F E3 /r", "cpu=SSE2"),
    PMULHUW_Pq_Qq("NP 0F E4 /r", "cpu=MMX"),
    PMULHUW_Vx_Wx("66 0F E4 /r", "cpu=SSE2"),
    PMULHW_Pq_Qq("NP 0F E5 /r", "cpu=MMX"),
    PMULHW_Vx_Wx("66 0F E5 /r", "cpu=SSE2"),
    CVTTPD2DQ_Vx_Wpd("66 0F E6 /r", "cpu=SSE2"),
    CVTDQ2PD_Vx_Wq("F3 0F E6 /r", "cpu=SSE2"),
    CVTPD2DQ_Vx_Wpd("F2 0F E6 /r", "cpu=SSE2"),
    MOVNTQ_Mq_Pq("NP 0F E7 /r", "cpu=SSE"),
    MOVNTDQ_Mx_Vx("66 0F E7 /r", "cpu=SSE2"),
    PSUBSB_Pq_Qq("NP 0F E8 /r", "cpu=MMX"),
    PSUBSB_Vx_Wx("66 0F E8 /r", "cpu=SSE2"),
    PSUBSW_Pq_Qq("NP 0F E9 /r", "cpu=MMX"),
    PSUBSW_Vx_Wx("66 0F E9 /r", "cpu=SSE2"),
    PMINSW_Pq_Qq("NP 0F EA /r", "cpu=MMX"),
    PMINSW_Vx_Wx("66 0F EA /r", "cpu=SSE2"),
    POR_Pq_Qq("NP 0F EB /r", "cpu=MMX"),
    POR_Vx_Wx("66 0F EB /r", "cpu=SSE2"),
    PADDSB_Pq_Qq("NP 0F EC /r", "cpu=MMX"),
    PADDSB_Vx_Wx("66 0F EC /r", "cpu=SSE2"),
    PADDSW_Pq_Qq("NP 0F ED /r", "cpu=MMX"),
    PADDSW_Vx_Wx("66 0F ED /r", "cpu=SSE2"),
    PMAXSW_Pq_Qq("NP 0F EE /r", "cpu=MMX"),
    PMAXSW_Vx_Wx("66 0F EE /r", "cpu=SSE2"),
    PXOR_Pq_Qq("NP 0F EF /r", "cpu=MMX"),
    PXOR_Vx_Wx("66 0F EF /r", "cpu=SSE2"),
    LDDQU_Vx_Mx("F2 0F F0 /r", "cpu=SSE3"),
    PSLLW_Pq_Qq("NP 0F F1 /r", "cpu=MMX"),
    PSLLW_Vx_Wx("66 0F F1 /r", "cpu=SSE2"),
    PSLLD_Pq_Qq("NP 0F F2 /r", "cpu=MMX"),
    PSLLD_Vx_Wx("66 0F F2 /r", "cpu=SSE2"),
    PSLLQ_Pq_Qq("NP 0F F3 /r", "cpu=MMX"),
    PSLLQ_Vx_Wx("66 0F F3 /r", "cpu=SSE2"),
    PMULUDQ_Pq_Qq("NP 0F F4 /r", "cpu=MMX"),
    PMULUDQ_Vx_Wx("66 0F F4 /r", "cpu=SSE2"),
    PMADDWD_Pq_Qq("NP 0F F5 /r", "cpu=MMX"),
    PMADDWD_Vx_Wx("66 0F F5 /r", "cpu=SSE2"),
    PSADBW_Pq_Qq("NP 0F F6 /r", "cpu=MMX"),
    PSADBW_Vx_Wx("66 0F F6 /r", "cpu=SSE2"),
    MASKMOVQ_Pq_Nq("NP 0F F7 /r", "cpu=SSE"),
    MASKMOVDQU_Vx_Ux("66 0F F7 /r", "cpu=SSE2"),
    PSUBB_Pq_Qq("NP 0F F8 /r", "cpu=MMX"),
    PSUBB_Vx_Wx("66 0F F8 /r", "cpu=SSE2"),
    PSUBW_Pq_Qq("NP 0F F9 /r", "cpu=MMX"),
    PSUBW_Vx_Wx("66 0F F9 /r", "cpu=SSE2"),
    PSUBD_Pq_Qq("NP 0F FA /r", "cpu=MMX"),
    PSUBD_Vx_Wx("66 0F FA /r", "cpu=SSE2"),
    PSUBQ_Pq_Qq("NP 0F FB /r", "cpu=MMX"),
    PSUBQ_Vx_Wx("66 0F FB /r", "cpu=SSE2"),
    PADDB_Pq_Qq("NP 0F FC /r", "cpu=MMX"),
    PADDB_Vx_Wx("66 0F FC /r", "cpu=SSE2"),
    PADDW_Pq_Qq("NP 0F FD /r", "cpu=MMX"),
    PADDW_Vx_Wx("66 0F FD /r", "cpu=SSE2"),
    PADDD_Pq_Qq("NP 0F FE /r", "cpu=MMX"),
    PADDD_Vx_Wx("66 0F FE /r", "cpu=SSE2"),
    // ---- SSSE3, SSE4.1, SSE4.2, AES, SHA (0F 38 and 0F 3A maps, Vol. 2 Tables) ----
    PSHUFB_Pq_Qq("NP 0F 38 00 /r", "cpu=SSSE3"),
    PSHUFB_Vx_Wx("66 0F 38 00 /r", "cpu=SSSE3"),
    PHADDW_Pq_Qq("NP 0F 38 01 /r", "cpu=SSSE3"),
    PHADDW_Vx_Wx("66 0F 38 01 /r", "cpu=SSSE3"),
    PHADDD_Pq_Qq("NP 0F 38 02 /r", "cpu=SSSE3"),
    PHADDD_Vx_Wx("66 0F 38 02 /r", "cpu=SSSE3"),
    PHADDSW_Pq_Qq("NP 0F 38 03 /r", "cpu=SSSE3"),
    PHADDSW_Vx_Wx("66 0F 38 03 /r", "cpu=SSSE3"),
    PMADDUBSW_Pq_Qq("NP 0F 38 04 /r", "cpu=SSSE3"),
    PMADDUBSW_Vx_Wx("66 0F 38 04 /r", "cpu=SSSE3"),
    PHSUBW_Pq_Qq("NP 0F 38 05 /r", "cpu=SSSE3"),
    PHSUBW_Vx_Wx("66 0F 38 05 /r", "cpu=SSSE3"),
    PHSUBD_Pq_Qq("NP 0F 38 06 /r", "cpu=SSSE3"),
    PHSUBD_Vx_Wx("66 0F 38 06 /r", "cpu=SSSE3"),
    PHSUBSW_Pq_Qq("NP 0F 38 07 /r", "cpu=SSSE3"),
    PHSUBSW_Vx_Wx("66 0F 38 07 /r", "cpu=SSSE3"),
    PSIGNB_Pq_Qq("NP 0F 38 08 /r", "cpu=SSSE3"),
    PSIGNB_Vx_Wx("66 0F 38 08 /r", "cpu=SSSE3"),
    PSIGNW_Pq_Qq("NP 0F 38 09 /r", "cpu=SSSE3"),
    PSIGNW_Vx_Wx("66 0F 38 09 /r", "cpu=SSSE3"),
    PSIGND_Pq_Qq("NP 0F 38 0A /r", "cpu=SSSE3"),
    PSIGND_Vx_Wx("66 0F 38 0A /r", "cpu=SSSE3"),
    PMULHRSW_Pq_Qq("NP 0F 38 0B /r", "cpu=SSSE3"),
    PMULHRSW_Vx_Wx("66 0F 38 0B /r", "cpu=SSSE3"),
    PABSB_Pq_Qq("NP 0F 38 1C /r", "cpu=SSSE3"),
    PABSB_Vx_Wx("66 0F 38 1C /r", "cpu=SSSE3"),
    PABSW_Pq_Qq("NP 0F 38 1D /r", "cpu=SSSE3"),
    PABSW_Vx_Wx("66 0F 38 1D /r", "cpu=SSSE3"),
    PABSD_Pq_Qq("NP 0F 38 1E /r", "cpu=SSSE3"),
    PABSD_Vx_Wx("66 0F 38 1E /r", "cpu=SSSE3"),
    PBLENDVB_Vx_Wx_XMM0("66 0F 38 10 /r", "cpu=SSE41"),
    BLENDVPS_Vx_Wx_XMM0("66 0F 38 14 /r", "cpu=SSE41"),
    BLENDVPD_Vx_Wx_XMM0("66 0F 38 15 /r", "cpu=SSE41"),
    PTEST_Vx_Wx("66 0F 38 17 /r", "w=OSZAPC cpu=SSE41"),
    PMOVSXBW_Vx_Wq("66 0F 38 20 /r", "cpu=SSE41"),
    PMOVSXBD_Vx_Wd("66 0F 38 21 /r", "cpu=SSE41"),
    PMOVSXBQ_Vx_Ww("66 0F 38 22 /r", "cpu=SSE41"),
    PMOVSXWD_Vx_Wq("66 0F 38 23 /r", "cpu=SSE41"),
    PMOVSXWQ_Vx_Wd("66 0F 38 24 /r", "cpu=SSE41"),
    PMOVSXDQ_Vx_Wq("66 0F 38 25 /r", "cpu=SSE41"),
    PMOVZXBW_Vx_Wq("66 0F 38 30 /r", "cpu=SSE41"),
    PMOVZXBD_Vx_Wd("66 0F 38 31 /r", "cpu=SSE41"),
    PMOVZXBQ_Vx_Ww("66 0F 38 32 /r", "cpu=SSE41"),
    PMOVZXWD_Vx_Wq("66 0F 38 33 /r", "cpu=SSE41"),
    PMOVZXWQ_Vx_Wd("66 0F 38 34 /r", "cpu=SSE41"),
    PMOVZXDQ_Vx_Wq("66 0F 38 35 /r", "cpu=SSE41"),
    PMULDQ_Vx_Wx("66 0F 38 28 /r", "cpu=SSE41"),
    PCMPEQQ_Vx_Wx("66 0F 38 29 /r", "cpu=SSE41"),
    PACKUSDW_Vx_Wx("66 0F 38 2B /r", "cpu=SSE41"),
    PMINSB_Vx_Wx("66 0F 38 38 /r", "cpu=SSE41"),
    PMINSD_Vx_Wx("66 0F 38 39 /r", "cpu=SSE41"),
    PMINUW_Vx_Wx("66 0F 38 3A /r", "cpu=SSE41"),
    PMINUD_Vx_Wx("66 0F 38 3B /r", "cpu=SSE41"),
    PMAXSB_Vx_Wx("66 0F 38 3C /r", "cpu=SSE41"),
    PMAXSD_Vx_Wx("66 0F 38 3D /r", "cpu=SSE41"),
    PMAXUW_Vx_Wx("66 0F 38 3E /r", "cpu=SSE41"),
    PMAXUD_Vx_Wx("66 0F 38 3F /r", "cpu=SSE41"),
    PMULLD_Vx_Wx("66 0F 38 40 /r", "cpu=SSE41"),
    PHMINPOSUW_Vx_Wx("66 0F 38 41 /r", "cpu=SSE41"),
    PCMPGTQ_Vx_Wx("66 0F 38 37 /r", "cpu=SSE42"),
    MOVNTDQA_Vx_Mx("66 0F 38 2A /r", "cpu=SSE41"),
    INVEPT_Gq_Mdq("66 0F 38 80 /r", "cpl0 cpu=VMX"),
    INVVPID_Gq_Mdq("66 0F 38 81 /r", "cpl0 cpu=VMX"),
    INVPCID_Gq_Mdq("66 0F 38 82 /r", "cpl0 cpu=INVPCID"),
    SHA1NEXTE_Vx_Wx("NP 0F 38 C8 /r", "cpu=SHA"),
    SHA1MSG1_Vx_Wx("NP 0F 38 C9 /r", "cpu=SHA"),
    SHA1MSG2_Vx_Wx("NP 0F 38 CA /r", "cpu=SHA"),
    SHA256MSG1_Vx_Wx("NP 0F 38 CC /r", "cpu=SHA"),
    SHA256MSG2_Vx_Wx("NP 0F 38 CD /r", "cpu=SHA"),
    SHA256RNDS2_Vx_Wx_XMM0("NP 0F 38 CB /r", "cpu=SHA"),
    AESIMC_Vx_Wx("66 0F 38 DB /r", "cpu=AES"),
    AESENC_Vx_Wx("66 0F 38 DC /r", "cpu=AES"),
    AESENCLAST_Vx_Wx("66 0F 38 DD /r", "cpu=AES"),
    AESDEC_Vx_Wx("66 0F 38 DE /r", "cpu=AES"),
    AESDECLAST_Vx_Wx("66 0F 38 DF /r", "cpu=AES"),
    ADCX_Gy_Ey("66 0F 38 F6 /r", "r=C w=C"),
    ADOX_Gy_Ey("F3 0F 38 F6 /r", "r=O w=O"),
    ROUNDPS_Vx_Wx_Ib("66 0F 3A 08 /r", "cpu=SSE41"),
    ROUNDPD_Vx_Wx_Ib("66 0F 3A 09 /r", "cpu=SSE41"),
    ROUNDSS_Vx_Wss_Ib("66 0F 3A 0A /r", "cpu=SSE41"),
    ROUNDSD_Vx_Wsd_Ib("66 0F 3A 0B /r", "cpu=SSE41"),
    BLENDPS_Vx_Wx_Ib("66 0F 3A 0C /r", "cpu=SSE41"),
    BLENDPD_Vx_Wx_Ib("66 0F 3A 0D /r", "cpu=SSE41"),
    PBLENDW_Vx_Wx_Ib("66 0F 3A 0E /r", "cpu=SSE41"),
    DPPS_Vx_Wx_Ib("66 0F 3A 40 /r", "cpu=SSE41"),
    DPPD_Vx_Wx_Ib("66 0F 3A 41 /r", "cpu=SSE41"),
    MPSADBW_Vx_Wx_Ib("66 0F 3A 42 /r", "cpu=SSE41"),
    PALIGNR_Pq_Qq_Ib("NP 0F 3A 0F /r", "cpu=SSSE3"),
    PALIGNR_Vx_Wx_Ib("66 0F 3A 0F /r", "cpu=SSSE3"),
    PEXTRB_Eb_Vx_Ib("66 0F 3A 14 /r", "cpu=SSE41"),
    PEXTRW_Ew_Vx_Ib("66 0F 3A 15 /r", "cpu=SSE41"),
    PEXTRD_Ey_Vx_Ib("66 0F 3A 16 /r", "mn=pextrd/pextrd/pextrq cpu=SSE41"),
    EXTRACTPS_Ed_Vx_Ib("66 0F 3A 17 /r", "cpu=SSE41"),
    PINSRB_Vx_Eb_Ib("66 0F 3A 20 /r", "cpu=SSE41"),
    INSERTPS_Vx_Wd_Ib("66 0F 3A 21 /r", "cpu=SSE41"),
    PINSRD_Vx_Ey_Ib("66 0F 3A 22 /r", "mn=pinsrd/pinsrd/pinsrq cpu=SSE41"),
    PCLMULQDQ_Vx_Wx_Ib("66 0F 3A 44 /r", "cpu=PCLMUL"),
    PCMPESTRM_Vx_Wx_Ib("66 0F 3A 60 /r", "w=OSZAPC mn=pcmpestrm/pcmpestrm/pcmpestrmq cpu=SSE42"),
    PCMPESTRI_Vx_Wx_Ib("66 0F 3A 61 /r", "w=OSZAPC mn=pcmpestri/pcmpestri/pcmpestriq cpu=SSE42"),
    PCMPISTRM_Vx_Wx_Ib("66 0F 3A 62 /r", "w=OSZAPC cpu=SSE42"),
    PCMPISTRI_Vx_Wx_Ib("66 0F 3A 63 /r", "w=OSZAPC cpu=SSE42"),
    SHA1RNDS4_Vx_Wx_Ib("NP 0F 3A CC /r", "cpu=SHA"),
    AESKEYGENASSIST_Vx_Wx_Ib("66 0F 3A DF /r", "cpu=AES"),
    ;

    /** Attribute bits. */
    private static final int A_LOCK = 1, A_REP = 2, A_D64 = 4, A_F64 = 8, A_EOB = 16, A_CPL0 = 32,
            A_FCOND = 64, A_MNA = 128, A_SFX = 256, A_SFX32 = 512, A_SFX64 = 1024;

    private final String encoding;
    private final String[] mnemonics;
    private final int attrs;
    private final int flagsRead;
    private final int flagsWritten;
    private final int flagsUndefined;
    private final Feature feature;
    private final OperandSpec[] operands;

    Form(String encoding, String attributes) {
        this.encoding = encoding;
        String[] parts = name().split("_");
        String mn = parts[0].toLowerCase(java.util.Locale.ROOT);
        String[] mns = {mn, mn, mn};
        int a = 0, r = 0, w = 0, u = 0;
        Feature f = Feature.BASE;
        for (String tok : Encoding.words(attributes.trim())) {
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.startsWith("r=")) {
                r = Flags.parse(tok.substring(2));
            } else if (tok.startsWith("w=")) {
                w = Flags.parse(tok.substring(2));
            } else if (tok.startsWith("u=")) {
                u = Flags.parse(tok.substring(2));
            } else if (tok.startsWith("cpu=")) {
                f = Feature.valueOf(tok.substring(4));
            } else if (tok.startsWith("mn=") || tok.startsWith("mna=")) {
                String v = tok.substring(tok.indexOf('=') + 1);
                String[] s = v.split("/");
                mns = s.length == 3 ? s : new String[] {v, v, v};
                if (tok.startsWith("mna=")) {
                    a |= A_MNA;
                }
            } else {
                a |= switch (tok) {
                    case "lock" -> A_LOCK;
                    case "rep" -> A_REP;
                    case "d64" -> A_D64;
                    case "f64" -> A_F64;
                    case "eob" -> A_EOB;
                    case "cpl0" -> A_CPL0;
                    case "fcond" -> A_FCOND;
                    case "sfx" -> A_SFX;
                    case "sfx32" -> A_SFX32;
                    case "sfx64" -> A_SFX64;
                    default -> throw new IllegalArgumentException(name() + ": bad attribute " + tok);
                };
            }
        }
        if (f == Feature.BASE && (name().startsWith("F") && parts[0].length() > 1 && isX87Name(parts[0]))) {
            f = Feature.X87;
        }
        this.mnemonics = mns;
        this.attrs = a;
        this.flagsRead = r;
        this.flagsWritten = w | u;
        this.flagsUndefined = u;
        this.feature = f;
        // The pseudo-forms without an encoding (INVALID, VEX_/EVEX_INSTRUCTION) have no operands.
        OperandSpec[] ops = new OperandSpec[encoding.isEmpty() ? 0 : parts.length - 1];
        for (int i = 1; i <= ops.length; i++) {
            ops[i - 1] = OperandSpec.parse(parts[i]);
        }
        this.operands = ops;
    }

    private static boolean isX87Name(String mn) {
        return !mn.equals("FWAIT") && !mn.startsWith("FXSAVE") && !mn.startsWith("FXRSTOR");
    }

    /** The encodings column of the table (see {@link Encoding} for the grammar). */
    public String encoding() {
        return encoding;
    }

    /** Parsed encodings; a new list on each call (for table builders and generators). */
    public List<Encoding> encodings() {
        return encoding.isEmpty() ? List.of() : Encoding.parseAll(encoding);
    }

    /**
     * The lowercase mnemonic as objdump prints it, for an effective operand size (16, 32,
     * 64) and address size; {@code *} stands for the condition code in Jcc/SETcc/CMOVcc.
     */
    public String mnemonic(int operandSize, int addressSize) {
        int s = (attrs & A_MNA) != 0 ? addressSize : operandSize;
        return mnemonics[s == 16 ? 0 : s == 32 ? 1 : 2];
    }

    /**
     * objdump appends a size letter (w, d, q) to this mnemonic when the operand size is not
     * the mode's natural one, because no operand shows the size ({@code pushfw}, {@code iretq}).
     */
    public boolean sizeSuffixed() {
        return (attrs & A_SFX) != 0;
    }

    /**
     * objdump always appends the size letter: {@code 32} outside 64-bit mode (SGDT, LIDT ...),
     * {@code 64} in 64-bit mode (SYSRET, SYSEXIT), else 0.
     */
    public int sizeSuffixAlways() {
        return (attrs & A_SFX32) != 0 ? 32 : (attrs & A_SFX64) != 0 ? 64 : 0;
    }

    /** The operand list, in Intel order (destination first). */
    public OperandSpec operand(int i) {
        return operands[i];
    }

    public int operandCount() {
        return operands.length;
    }

    /** EFLAGS bits ({@link Flags}) the form reads; for the cc forms, the union over all conditions. */
    public int flagsRead() {
        return flagsRead;
    }

    /** EFLAGS bits the form may modify, including the undefined ones. */
    public int flagsWritten() {
        return flagsWritten;
    }

    /** EFLAGS bits whose value is undefined after the form (a subset of {@link #flagsWritten()}). */
    public int flagsUndefined() {
        return flagsUndefined;
    }

    /**
     * True if the flags are left unchanged when the count operand is zero (shifts,
     * rotates, SHLD/SHRD): a liveness pass must not treat {@link #flagsWritten()} as killed.
     */
    public boolean flagsConditional() {
        return (attrs & A_FCOND) != 0;
    }

    /** LOCK is accepted (with a memory destination); otherwise LOCK makes the instruction #UD. */
    public boolean lockable() {
        return (attrs & A_LOCK) != 0;
    }

    /** F3/F2 act as REP/REPE/REPNE (string instructions). */
    public boolean repeatable() {
        return (attrs & A_REP) != 0;
    }

    /** Default 64-bit operand size in 64-bit mode (d64: 66 gives 16, no 32-bit form). */
    public boolean defaultOperandSize64() {
        return (attrs & A_D64) != 0;
    }

    /** Forced 64-bit operand size in 64-bit mode (f64: 66 is ignored, Intel behaviour). */
    public boolean forcedOperandSize64() {
        return (attrs & A_F64) != 0;
    }

    /** Ends a basic block: control transfer, serialising or mode-changing instruction. */
    public boolean endsBlock() {
        return (attrs & A_EOB) != 0;
    }

    /** Allowed only at CPL 0 (#GP(0) otherwise). */
    public boolean privileged() {
        return (attrs & A_CPL0) != 0;
    }

    /** The CPUID feature that makes this form valid. */
    public Feature feature() {
        return feature;
    }
}
