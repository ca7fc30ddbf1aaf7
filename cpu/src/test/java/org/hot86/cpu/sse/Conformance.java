package org.hot86.cpu.sse;

import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Runs each {@link SseForm} as a QuickTheories property against the host CPU: bit-exact agreement on xmm0..3,
 * the four GPRs, RFLAGS, MXCSR and whether the instruction faulted.
 *
 * <p>Sizes: {@code -Dhot86.conformance.cases=N} is the total for a test class (split evenly over its forms, at
 * least 100 each); {@code -Dhot86.conformance.seed=S} fixes the seed (each form uses S + its index).
 */
final class Conformance {
    private Conformance() {}

    static final Map<String, long[]> FAMILY_COUNTS = new TreeMap<>();

    static Stream<DynamicTest> tests(List<SseForm> forms, int defaultTotal) {
        int total = Integer.getInteger("hot86.conformance.cases", defaultTotal);
        int perForm = Math.max(100, total / forms.size());
        long seed = Long.getLong("hot86.conformance.seed", System.nanoTime());
        return forms.stream().map(form -> DynamicTest.dynamicTest(form.name(), () -> {
            long s = seed + forms.indexOf(form);
            System.out.printf("[sse-conformance] %-14s %-12s cases=%d seed=%d%n", form.family(), form.name(),
                    perForm, s);
            check(form, perForm, s);
        }));
    }

    static void check(SseForm form, int cases, long seed) {
        Gen<Integer> imm = in -> (int) in.next(Constraint.between(0, form.immMax()));
        Gen<SseForm.Case> gen = form.inputs().zip(imm, SseForm.Case::new);
        long[] count = {0};
        qt().withFixedSeed(seed).withExamples(cases).withShrinkCycles(500).forAll(gen).checkAssert(c -> {
            MachineState host = HostCpu.get().run(form.code().apply(c.imm()), c.in());
            MachineState model = c.in().copy();
            form.model().apply(model, c.imm());
            Assertions.assertEquals(host.toString(), model.toString(), () -> form.name() + " seed " + seed
                    + "\n  input: " + c + "\n  (expected = host, actual = hot86)");
            count[0]++;
        });
        synchronized (FAMILY_COUNTS) {
            long[] f = FAMILY_COUNTS.computeIfAbsent(form.family(), k -> new long[2]);
            f[0] += count[0];
            f[1]++;
            System.out.printf("[sse-conformance] family %-14s forms=%d cases agreed=%d%n", form.family(), f[1],
                    f[0]);
        }
    }

    /** Model helper: an FP instruction writing xmm0 from (env, state, imm); marks #XM on unmasked exceptions. */
    interface FpBody {
        boolean run(SimdFpEnv env, MachineState m, int imm);
    }

    static SseForm.Model toXmm0(FpBody body) {
        return (m, imm) -> {
            SimdFpEnv env = new SimdFpEnv().begin(m.mxcsr);
            boolean ok = body.run(env, m, imm);
            m.mxcsr = env.mxcsr();
            if (ok) {
                m.xmm[0] = env.lo();
                m.xmm[1] = env.hi();
            } else {
                m.status = 1;
            }
        };
    }
}
