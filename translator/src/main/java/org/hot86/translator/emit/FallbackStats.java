package org.hot86.translator.emit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Profiling aid: with {@code -Dhot86.jit.fallbackStats=true} compiled code counts each
 * instruction it runs through the interpreter's executor, by form name, and prints the
 * counts (largest first) to stderr at JVM exit. Off by default (no bytecode emitted).
 */
public final class FallbackStats {
    static final boolean ENABLED = Boolean.getBoolean("hot86.jit.fallbackStats");
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    static {
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long total = COUNTS.values().stream().mapToLong(LongAdder::sum).sum();
                System.err.println("jit fallbacks: " + total);
                COUNTS.entrySet().stream()
                        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                        .limit(40)
                        .forEach(en -> System.err.printf("  %-24s %d%n", en.getKey(), en.getValue().sum()));
            }));
        }
    }

    private FallbackStats() {
    }

    /** Called by compiled code before a fallback (only when enabled). */
    public static void count(String form) {
        COUNTS.computeIfAbsent(form, f -> new LongAdder()).increment();
    }
}
