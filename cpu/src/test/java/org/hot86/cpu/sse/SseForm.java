package org.hot86.cpu.sse;

import java.util.function.IntFunction;
import org.quicktheories.core.Gen;

/**
 * One instruction form under test: its register-form encoding (xmm0 destination, xmm1 source unless noted),
 * the generator of input states, the range of imm8 values exercised, and the model that applies hot86's
 * semantics to a {@link MachineState}.
 */
record SseForm(String family, String name, IntFunction<byte[]> code, Gen<MachineState> inputs, int immMax,
               Model model) {

    interface Model {
        void apply(MachineState m, int imm);
    }

    /** A generated case. */
    record Case(MachineState in, int imm) {
        @Override
        public String toString() {
            return "imm=" + Integer.toHexString(imm) + " " + in;
        }
    }

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }
}
