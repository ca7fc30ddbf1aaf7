package org.hot86.decoder.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hot86.decoder.Form;

/**
 * The decoder's lookup structure, built once from {@link Form} at class initialisation:
 * for each of the four legacy opcode maps and each opcode byte, the candidates in order of
 * decreasing specificity (fixed ModRM, then mandatory prefix, ModRM.reg, mod ...). The
 * first candidate that {@link Candidate#matches matches} wins. Indexed by
 * {@code map << 8 | opcode}; arrays, not maps, so a lookup is two loads.
 */
public final class OpcodeTable {
    /** Candidates per slot, or null for an undefined opcode. */
    public static final Candidate[][] CANDIDATES = new Candidate[4 * 256][];
    /** Whether the opcode in this slot is followed by a ModRM byte. */
    public static final boolean[] HAS_MODRM = new boolean[4 * 256];
    /** Number of (form, encoding, opcode) entries: a measure of the table's size. */
    public static final int ENTRY_COUNT;

    static {
        List<List<Candidate>> slots = new ArrayList<>();
        for (int i = 0; i < 4 * 256; i++) {
            slots.add(null);
        }
        Boolean[] modrm = new Boolean[4 * 256];
        int count = 0;
        for (Form f : Form.values()) {
            for (Encoding e : f.encodings()) {
                for (int k = 0; k < e.opcodeCount; k++) {
                    int idx = e.map << 8 | (e.opcode + k);
                    if (slots.get(idx) == null) {
                        slots.set(idx, new ArrayList<>());
                    }
                    slots.get(idx).add(new Candidate(f, e));
                    if (modrm[idx] != null && modrm[idx] != e.hasModrm) {
                        throw new IllegalStateException("table: ModRM presence differs within slot of " + f);
                    }
                    modrm[idx] = e.hasModrm;
                    count++;
                }
            }
        }
        for (int i = 0; i < 4 * 256; i++) {
            List<Candidate> l = slots.get(i);
            if (l != null) {
                l.sort(Comparator.comparingInt((Candidate c) -> -c.specificity));
                CANDIDATES[i] = l.toArray(new Candidate[0]);
                HAS_MODRM[i] = modrm[i];
            }
        }
        ENTRY_COUNT = count;
    }

    private OpcodeTable() {}
}
