package org.hot86.cpu.interp;

import java.util.Map;
import org.hot86.decoder.Form;

/**
 * Registers the executors of the x87 FPU (SDM Vol. 1, chapter 8) with the interpreter: data transfer
 * ({@link X87LoadStoreExec}), arithmetic, comparison and transcendentals ({@link X87ArithExec}), control and
 * state save/restore incl. FXSAVE/FXRSTOR ({@link X87ControlExec}). Checks and operand access are in
 * {@link X87Access}; the semantics in {@code org.hot86.cpu.x87}.
 */
final class X87Exec {
    private X87Exec() {
    }

    static void register(Map<Form, Exec> m) {
        X87LoadStoreExec.register(m);
        X87ArithExec.register(m);
        X87ControlExec.register(m);
    }
}
