package org.hot86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModeTest {
    @Test
    void operandSizeFollowsTheSdmTable() {
        // SDM Vol. 1, Table 3-4: effective operand and address sizes in 64-bit mode.
        assertEquals(32, Mode.BITS64.operandSize(false, false));
        assertEquals(16, Mode.BITS64.operandSize(true, false));
        assertEquals(64, Mode.BITS64.operandSize(true, true));
        assertEquals(16, Mode.BITS16.operandSize(false, false));
        assertEquals(32, Mode.BITS16.operandSize(true, false));
        assertEquals(16, Mode.BITS32.operandSize(true, false));
    }

    @Test
    void addressSizeToggles() {
        assertEquals(32, Mode.BITS64.addressSize(true));
        assertEquals(64, Mode.BITS64.addressSize(false));
        assertEquals(32, Mode.BITS16.addressSize(true));
        assertEquals(16, Mode.BITS32.addressSize(true));
    }

    @Test
    void ofBitsRejectsOtherWidths() {
        assertEquals(Mode.BITS32, Mode.ofBits(32));
        assertThrows(IllegalArgumentException.class, () -> Mode.ofBits(8));
    }
}
