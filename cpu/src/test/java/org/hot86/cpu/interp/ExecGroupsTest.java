package org.hot86.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hot86.decoder.Form;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's lazily built executor tables ({@link Interpreter.BaseExecs} and the
 * others): the groups are disjoint and a form's feature and operands name the group that registers
 * it ({@link Interpreter#group}), so {@link Interpreter#exec} finds the same executor as the table of all groups and
 * never builds a table a program does not need.
 */
class ExecGroupsTest {
    @Test
    void groupsAreDisjointAndTheFeaturePicksTheRegisteringGroup() {
        java.util.List<String> misplaced = new java.util.ArrayList<>();
        for (Form f : Form.values()) {
            int k = f.ordinal();
            boolean base = Interpreter.BaseExecs.TABLE[k] != null;
            boolean x87 = Interpreter.X87Execs.TABLE[k] != null;
            boolean mmx = Interpreter.MmxExecs.TABLE[k] != null;
            assertTrue((base ? 1 : 0) + (x87 ? 1 : 0) + (mmx ? 1 : 0) <= 1, f + " registered by two groups");
            Exec[] g = Interpreter.group(f);
            if (x87 && g != Interpreter.X87Execs.TABLE || mmx && g != Interpreter.MmxExecs.TABLE
                    || base && g != Interpreter.BaseExecs.TABLE) {
                misplaced.add(f + " (" + f.feature() + ")");
            }
            assertSame(Interpreter.AllExecs.TABLE[k], Interpreter.exec(f), f.name());
            assertEquals(base || x87 || mmx, Interpreter.implementedForms().contains(f), f.name());
        }
        assertEquals(java.util.List.of(), misplaced, "forms that Interpreter.group puts in the wrong table");
    }
}
