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
    MOV_AL_Ob("A0", ""),
    MOV_rAX_Ov("A1", ""),
    MOV_Ob_AL("A2", ""),
    MOV_Ov_rAX("A3", ""),
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
    XLAT("D7", ""),
    // stack (SDM Vol. 1, 6.2)
    PUSH_Zv("50+r", "d64"),
    POP_Zv("58+r", "d64"),
    PUSH_Iz("68", "d64"),
    PUSH_Ibs("6A", "d64"),
    POP_Ev("8F /0", "d64"),
    PUSH_Ev("FF /6", "d64"),
    PUSH_ES("06 i64", ""),
    POP_ES("07 i64", ""),
    PUSH_CS("0E i64", ""),
    PUSH_SS("16 i64", ""),
    POP_SS("17 i64", ""),
    PUSH_DS("1E i64", ""),
    POP_DS("1F i64", ""),
    PUSH_FS("0F A0", "d64"),
    POP_FS("0F A1", "d64"),
    PUSH_GS("0F A8", "d64"),
    POP_GS("0F A9", "d64"),
    PUSHA("60 i64", "mn=pushaw/pusha/pusha"),
    POPA("61 i64", "mn=popaw/popa/popa"),
    PUSHF("9C", "d64 r=* mn=pushfw/pushf/pushf"),
    POPF("9D", "d64 w=* mn=popfw/popf/popf"),
    ENTER_Iw_Ib("C8", "d64"),
    LEAVE("C9", "d64"),
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
    JMP_Jz("E9", "f64 eob"),
    JMP_Ev("FF /4", "f64 eob"),
    JMPF_Ap("EA i64", "eob mn=jmp/jmp/jmp"),
    JMPF_Mp("FF /5 mem", "eob mn=jmp/jmp/jmp"),
    CALL_Jz("E8", "f64 eob"),
    CALL_Ev("FF /2", "f64 eob"),
    CALLF_Ap("9A i64", "eob mn=call/call/call"),
    CALLF_Mp("FF /3 mem", "eob mn=call/call/call"),
    RET_Iw("C2", "f64 eob"),
    RET("C3", "f64 eob"),
    RETF_Iw("CA", "eob"),
    RETF("CB", "eob"),
    LOOPNE_Jb("E0", "f64 eob r=Z"),
    LOOPE_Jb("E1", "f64 eob r=Z"),
    LOOP_Jb("E2", "f64 eob"),
    JRCXZ_Jb("E3", "f64 eob mna=jcxz/jecxz/jrcxz"),
    INT3("CC", "eob r=* w=TI"),
    INT_Ib("CD", "eob r=* w=TI"),
    INTO("CE i64", "eob r=* w=TI"),
    INT1("F1", "eob r=* w=TI"),
    IRET("CF", "eob w=* mn=iretw/iret/iretq"),

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
    PREFETCHNTA_Mb("0F 18 /0 mem", "cpu=SSE"),
    PREFETCHT0_Mb("0F 18 /1 mem", "cpu=SSE"),
    PREFETCHT1_Mb("0F 18 /2 mem", "cpu=SSE"),
    PREFETCHT2_Mb("0F 18 /3 mem", "cpu=SSE"),
    PREFETCH_Mb("0F 0D /0 mem, 0F 0D /3 mem, 0F 0D /4 mem, 0F 0D /5 mem, 0F 0D /6 mem, 0F 0D /7 mem", "cpu=PREFETCHW"),
    PREFETCHW_Mb("0F 0D /1 mem", "cpu=PREFETCHW"),
    PREFETCHWT1_Mb("0F 0D /2 mem", "cpu=PREFETCHW"),
    ENDBR64("F3 0F 1E FA", "cpu=CET"),
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
    SGDT_Ms("0F 01 /0 mem", ""),
    SIDT_Ms("0F 01 /1 mem", ""),
    LGDT_Ms("0F 01 /2 mem", "cpl0 eob"),
    LIDT_Ms("0F 01 /3 mem", "cpl0 eob"),
    SMSW_Ev("0F 01 /4", ""),
    LMSW_Ew("0F 01 /6", "cpl0 eob"),
    INVLPG_Mb("0F 01 /7 mem", "cpl0 eob"),
    VMCALL("0F 01 C1", "eob cpu=VMX"),
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
    VMRUN("0F 01 D8", "cpl0 eob cpu=SVM"),
    VMMCALL("0F 01 D9", "eob cpu=SVM"),
    VMLOAD("0F 01 DA", "cpl0 cpu=SVM"),
    VMSAVE("0F 01 DB", "cpl0 cpu=SVM"),
    STGI("0F 01 DC", "cpl0 eob cpu=SVM"),
    CLGI("0F 01 DD", "cpl0 cpu=SVM"),
    SKINIT("0F 01 DE", "cpl0 eob cpu=SVM"),
    INVLPGA("0F 01 DF", "cpl0 cpu=SVM"),
    SERIALIZE("NP 0F 01 E8", "eob cpu=SERIALIZE"),
    RDPKRU("NP 0F 01 EE", "cpu=PKU"),
    WRPKRU("NP 0F 01 EF", "eob cpu=PKU"),
    SWAPGS("0F 01 F8 o64", "cpl0"),
    MONITORX("0F 01 FA", "cpu=SVM"),
    MWAITX("0F 01 FB", "eob cpu=SVM"),
    CLZERO("0F 01 FC", "cpu=SVM"),
    LAR_Gv_Ew("0F 02 /r", "w=Z"),
    LSL_Gv_Ew("0F 03 /r", "w=Z"),
    SYSCALL("0F 05", "eob r=* w=*"),
    CLTS("0F 06", "cpl0"),
    SYSRET("0F 07", "cpl0 eob w=*"),
    INVD("0F 08", "cpl0 eob"),
    WBINVD("0F 09", "cpl0 eob"),
    MOV_Ry_Cy("0F 20 /r", "cpl0 eob u=OSZAPC"),
    MOV_Ry_Dy("0F 21 /r", "cpl0 eob u=OSZAPC"),
    MOV_Cy_Ry("0F 22 /r", "cpl0 eob u=OSZAPC"),
    MOV_Dy_Ry("0F 23 /r", "cpl0 eob u=OSZAPC"),
    WRMSR("0F 30", "cpl0 eob"),
    RDMSR("0F 32", "cpl0"),
    SYSENTER("0F 34", "eob w=IX"),
    SYSEXIT("0F 35", "cpl0 eob"),
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
    MFENCE("NP 0F AE F0+i", "cpu=SSE2"),
    SFENCE("NP 0F AE F8+i", "cpu=SSE"),
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
    XBEGIN_Jz("C7 F8", "eob cpu=RTM"),
    ;

    /** Attribute bits. */
    private static final int A_LOCK = 1, A_REP = 2, A_D64 = 4, A_F64 = 8, A_EOB = 16, A_CPL0 = 32,
            A_FCOND = 64, A_MNA = 128;

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
        for (String tok : attributes.trim().split("\\s+")) {
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
