package org.hot86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hot86.decoder.table.OpcodeTable;
import org.hot86.decoder.table.OperandSpec;
import org.junit.jupiter.api.Test;

/** Invariants of the instruction table, and flag facts checked against the SDM's "Flags Affected" sections. */
class FormTableTest {
    @Test
    void everyRealFormHasAnEncodingAndTheTableBuilds() {
        for (Form f : Form.values()) {
            if (f == Form.INVALID || f == Form.VEX_INSTRUCTION || f == Form.EVEX_INSTRUCTION) {
                continue;
            }
            assertFalse(f.encodings().isEmpty(), f.name());
        }
        assertTrue(OpcodeTable.ENTRY_COUNT > Form.values().length);
    }

    @Test
    void undefinedFlagsAreWrittenFlags() {
        for (Form f : Form.values()) {
            assertEquals(f.flagsUndefined(), f.flagsUndefined() & f.flagsWritten(), f.name());
        }
    }

    @Test
    void lockableFormsHaveAMemoryCapableDestination() {
        for (Form f : Form.values()) {
            if (f.lockable()) {
                OperandSpec d = f.operand(0);
                assertTrue(d.method == OperandSpec.Method.E || d.method == OperandSpec.Method.M, f.name());
            }
        }
    }

    @Test
    void branchesEndBlocks() {
        for (Form f : Form.values()) {
            for (int i = 0; i < f.operandCount(); i++) {
                if (f.operand(i).method == OperandSpec.Method.J) {
                    assertTrue(f.endsBlock(), f.name());
                }
            }
        }
    }

    @Test
    void flagFactsFromTheSdm() {
        // INC/DEC: CF unaffected (SDM Vol. 2 INC "Flags Affected").
        assertEquals(0, Form.INC_Ev.flagsWritten() & Flags.CF);
        // ADC/SBB read CF.
        assertEquals(Flags.CF, Form.ADC_Ev_Gv.flagsRead());
        // BT: CF set, OF SF AF PF undefined, ZF unaffected.
        assertEquals(Flags.CF | Flags.OF | Flags.SF | Flags.AF | Flags.PF, Form.BT_Ev_Gv.flagsWritten());
        assertEquals(0, Form.BT_Ev_Gv.flagsWritten() & Flags.ZF);
        // Shifts by CL leave flags alone for a zero count.
        assertTrue(Form.SHL_Ev_CL.flagsConditional());
        assertFalse(Form.SHL_Ev_1.flagsConditional());
        // DIV: all six status flags undefined.
        assertEquals(Flags.STATUS, Form.DIV_Ev.flagsUndefined());
        // AND/OR/XOR/TEST: AF undefined, OF and CF cleared (defined).
        assertEquals(Flags.AF, Form.AND_Ev_Gv.flagsUndefined());
        // FCOMI sets ZF PF CF and clears OF SF AF.
        assertEquals(Flags.STATUS, Form.FCOMI_ST0_STi.flagsWritten());
        // MUL: OF CF defined, SF ZF AF PF undefined.
        assertEquals(Flags.SF | Flags.ZF | Flags.AF | Flags.PF, Form.MUL_Ev.flagsUndefined());
        assertEquals(Flags.OF | Flags.CF, Form.MUL_Ev.flagsWritten() & ~Form.MUL_Ev.flagsUndefined());
        // Jcc reads exactly the flags of its condition: JBE reads CF and ZF.
        assertEquals(Flags.CF | Flags.ZF, Flags.readByCondition(6));
        assertEquals(Flags.SF | Flags.OF, Flags.readByCondition(12));
    }

    @Test
    void attributesFromTheSdm() {
        assertTrue(Form.PUSH_Zv.defaultOperandSize64());
        assertTrue(Form.JCC_Jz.forcedOperandSize64());
        assertTrue(Form.HLT.privileged());
        assertEquals(Feature.POPCNT, Form.POPCNT_Gv_Ev.feature());
        assertEquals(Feature.X87, Form.FADD_Md.feature());
        assertTrue(Form.MOVS_Yv_Xv.repeatable());
        assertFalse(Form.ADD_Ev_Gv.repeatable());
    }
}
