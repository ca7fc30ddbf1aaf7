package org.hot86.conformance.decoder;

import org.hot86.decoder.Decoder;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;

/**
 * The documented places where GNU objdump (binutils 2.40) departs from the Intel SDM, so
 * that a length or validity disagreement there is not a hot86 bug. Each entry cites the
 * SDM rule hot86 follows.
 */
final class Departures {
    private Departures() {}

    /** A reason if the disagreement is a known objdump departure, else null. */
    static String explain(Mode mode, byte[] w, Instruction ours, int status, Objdump.Line theirs) {
        // 1. objdump accepts LOCK anywhere. SDM Vol. 2, "LOCK-Assert LOCK# Signal Prefix": LOCK
        //    is allowed only on ADD ADC AND BTC BTR BTS CMPXCHG CMPXCH8B/16B DEC INC NEG NOT OR SBB
        //    SUB XOR XADD XCHG with a memory destination, otherwise #UD.
        if (status == Decoder.INVALID && ours.lockViolation() && !theirs.bad() && theirs.length() == ours.length()) {
            return "LOCK on a non-lockable form or register destination (SDM Vol. 2 LOCK: #UD)";
        }
        // 2. objdump ends an instruction at a REX prefix that is followed by another prefix and
        //    prints it alone. SDM Vol. 2, 2.2.1: a REX prefix not immediately before the opcode
        //    is ignored; the instruction continues.
        if (mode == Mode.BITS64 && prefixOnly(theirs.text()) && theirs.text().trim().matches(".*\\brex(\\.[WRXB]+)?$")) {
            int last = w[theirs.length() - 1] & 0xff;
            if ((last & 0xF0) == 0x40) {
                return "REX followed by another prefix printed as its own instruction (SDM Vol. 2, 2.2.1: ignored REX)";
            }
        }
        String mn = theirs.mnemonic();
        int op = firstOpcodeIndex(mode, w);
        // 3. objdump folds FWAIT (9B) and a following no-wait x87 control instruction into one
        //    "wait form" (finit, fstsw ...). SDM Vol. 2, FWAIT and FINIT/FNINIT: 9B is a
        //    separate one-byte instruction; the wait forms are two instructions.
        if (op >= 0 && (w[op] & 0xff) == 0x9B && ours.length() == op + 1 && theirs.length() > op + 1) {
            return "FWAIT merged with the next x87 instruction (SDM Vol. 2 FINIT/FNINIT: 9B is its own instruction)";
        }
        // 4. AMD 3DNow! (0F 0F, FEMMS 0F 0E) is not in the Intel SDM (opcode map Table A-3: reserved).
        if (op >= 0 && op + 1 < w.length && (w[op] & 0xff) == 0x0F && ((w[op + 1] & 0xff) == 0x0F || (w[op + 1] & 0xff) == 0x0E)
                && status == Decoder.INVALID) {
            return "AMD 3DNow! 0F 0F / FEMMS (not in SDM Table A-3)";
        }
        // 4a. VIA PadLock (0F A6 / 0F A7 with fixed ModRM: xstore, xcrypt-*, montmul, xsha*) is
        //     not in the Intel SDM (Table A-3 leaves 0F A6/A7 blank).
        if (status == Decoder.INVALID && (mn.startsWith("xcrypt") || mn.startsWith("xstore") || mn.equals("montmul")
                || mn.startsWith("xsha"))) {
            return "VIA PadLock 0F A6/A7 (not in SDM Table A-3)";
        }
        // 4b. AMD SSE4a (MOVNTSS/MOVNTSD F3/F2 0F 2B, EXTRQ/INSERTQ 0F 78/79) is not in the Intel SDM.
        if (status == Decoder.INVALID && (mn.equals("movntss") || mn.equals("movntsd") || mn.equals("extrq")
                || mn.equals("insertq"))) {
            return "AMD SSE4a MOVNTSS/MOVNTSD/EXTRQ/INSERTQ (not in the SDM)";
        }
        // 4c. AMD FMA4 (VEX map 3, opcodes 5C-7F with four operands) is not in the Intel SDM
        //     (Table A-5 leaves these 0F 3A slots blank).
        if (status == Decoder.INVALID && ours.opcodeMap() == 3 && ((ours.opcode() >= 0x5C && ours.opcode() <= 0x7F
                && (mn.startsWith("vfmadd") || mn.startsWith("vfmsub") || mn.startsWith("vfnm")))
                || mn.startsWith("vpermil2"))) {
            return "AMD FMA4 / VPERMIL2 (VEX 0F 3A 48-49, 5C-7F, not in SDM Table A-5)";
        }
        // 5. MOV to/from test registers (0F 24, 0F 26) existed on the 386/486 only; SDM Table A-3 leaves them blank.
        if (op >= 0 && op + 1 < w.length && (w[op] & 0xff) == 0x0F && ((w[op + 1] & 0xff) == 0x24 || (w[op + 1] & 0xff) == 0x26)
                && status == Decoder.INVALID) {
            return "386/486 test-register MOV 0F 24/0F 26 (not in SDM Table A-3)";
        }
        // 6. 8087/287-only x87 encodings (FENI, FDISI, FSETPM, FRSTPM): not in SDM Table A-?? (DB E0-E7 row).
        if (status == Decoder.INVALID && (theirs.text().contains("8087 only") || theirs.text().contains("287 only"))) {
            return "8087/287-only x87 encodings (not in the SDM's DB escape map)";
        }
        // 7. objdump decodes 0F 1A/0F 1B as MPX and rejects 16-bit addressing; the current SDM
        //    (Table A-3, 0F 18-1F "NOP Ev" hint space) keeps them as NOP Ev.
        if (Objdump.mnemonicOf(theirs.text()).startsWith("bnd") && ours.form() == org.hot86.decoder.Form.NOP_Ev) {
            return "MPX 0F 1A/1B (SDM: reserved-NOP NOP Ev)";
        }
        // 8. objdump accepts 66/F2/F3/REX before a VEX or EVEX prefix. SDM Vol. 2, 2.3.2 and
        //    2.7.1: any of these before VEX/EVEX is #UD.
        if (status == Decoder.INVALID && op >= 0 && ((w[op] & 0xff) == 0xC4 || (w[op] & 0xff) == 0xC5 || (w[op] & 0xff) == 0x62)
                && hasPrefixBeforeVex(mode, w, op) && mn.startsWith("v")) {
            return "66/F2/F3/REX before VEX/EVEX (SDM Vol. 2, 2.3.2: #UD)";
        }
        // 8b. objdump decodes MOV to/from segment registers 6 and 7 (printed "?") and MOV CS,r/m.
        //     SDM Vol. 2 MOV: #UD if the destination is CS or an invalid segment register.
        if (status == Decoder.INVALID && mn.equals("mov") && (theirs.text().contains("?") || theirs.text().matches(".*mov\\s+cs,.*"))) {
            return "MOV with segment register 6/7 or to CS (SDM Vol. 2 MOV: #UD)";
        }
        // 9. objdump ignores F2/F3 on some forms whose SDM opcode map row has no F2/F3 column
        //    (for example F2 0F D7 "repnz pmovmskb mm"): SDM Vol. 2, Table A-3 and 2.1.2 (mandatory
        //    prefixes select the form; a prefix with no form in the map is #UD on hardware).
        if (status == Decoder.INVALID && !ours.lockViolation() && (theirs.text().startsWith("repz ") || theirs.text().startsWith("repnz "))) {
            byte[] copy = w.clone();
            for (int i = 0; i < op; i++) {
                if ((copy[i] & 0xff) == 0xF2 || (copy[i] & 0xff) == 0xF3) {
                    copy[i] = 0x3E;
                }
            }
            Instruction again = new Instruction();
            int n = new Decoder(mode).decode(copy, 0, copy.length, again);
            if (n == theirs.length() && org.hot86.decoder.format.IntelFormatter.mnemonic(again).equals(mn)) {
                return "F2/F3 accepted by objdump where the SDM opcode map has no F2/F3 form (SDM Table A-3: #UD)";
            }
        }
        // 10. The reverse for BSF/BSR: objdump rejects F2 0F BC / F2 0F BD ("(bad)", it has an F3
        //     form there: TZCNT/LZCNT). SDM Table A-3 lists 0F BC BSF and 0F BD BSR with only an F3
        //     variant, and the host CPU runs F2 0F BC/BD as BSF/BSR with the REPNZ prefix ignored
        //     (checked on the test machine's AMD EPYC: f2 0f bd c1 gives bsr's result, no #UD).
        if (status != Decoder.INVALID && theirs.bad() && op >= 0 && op + 1 < w.length && (w[op] & 0xff) == 0x0F
                && ((w[op + 1] & 0xff) == 0xBC || (w[op + 1] & 0xff) == 0xBD)
                && (ours.form() == org.hot86.decoder.Form.BSF_Gv_Ev || ours.form() == org.hot86.decoder.Form.BSR_Gv_Ev)) {
            return "F2 0F BC/BD rejected by objdump; BSF/BSR with REPNZ ignored on hardware (SDM Table A-3 has no F2 form)";
        }
        return null;
    }

    /** Index of the first byte after the legacy and REX prefixes, or -1. */
    static int firstOpcodeIndex(Mode mode, byte[] w) {
        for (int i = 0; i < w.length; i++) {
            int b = w[i] & 0xff;
            boolean legacy = b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65 || b == 0x66
                    || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3;
            boolean rex = mode == Mode.BITS64 && (b & 0xF0) == 0x40;
            if (!legacy && !rex) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasPrefixBeforeVex(Mode mode, byte[] w, int op) {
        for (int i = 0; i < op; i++) {
            int b = w[i] & 0xff;
            if (b == 0x66 || b == 0xF2 || b == 0xF3 || (mode == Mode.BITS64 && (b & 0xF0) == 0x40)) {
                return true;
            }
        }
        return false;
    }

    static boolean prefixOnly(String text) {
        for (String t : text.trim().split("\\s+")) {
            if (!Objdump.PREFIX_WORDS.contains(t) && !t.startsWith("rex")) {
                return false;
            }
        }
        return true;
    }
}
