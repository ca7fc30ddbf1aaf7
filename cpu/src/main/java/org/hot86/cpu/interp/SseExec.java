package org.hot86.cpu.interp;

import java.util.Map;
import org.hot86.decoder.Form;

/**
 * Registers the executors of the SSE family (SSE, SSE2, SSE3, SSSE3, SSE4.1, SSE4.2) with the interpreter,
 * grouped as the Intel SDM Vol. 1 chapters 10-12 group them: data transfer and MXCSR ({@link SseMoveExec}),
 * floating point ({@link SseFpExec}), packed integer and text processing ({@link SseIntExec}), shuffles,
 * packs, blends and insert/extract ({@link SseShuffleExec}). The semantics themselves are in
 * {@code org.hot86.cpu.sse}.
 */
final class SseExec {
    private SseExec() {
    }

    static void register(Map<Form, Exec> m) {
        SseMoveExec.register(m);
        SseFpExec.register(m);
        SseIntExec.register(m);
        SseShuffleExec.register(m);
    }
}
