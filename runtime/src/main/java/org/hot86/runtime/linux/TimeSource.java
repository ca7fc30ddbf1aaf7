package org.hot86.runtime.linux;

import java.util.function.LongSupplier;

/**
 * Where the guest's clocks come from. The default, {@link #virtual}, is deterministic:
 * time is a fixed start plus retired instructions at a nominal rate plus whatever the
 * guest has slept, so the same inputs give the same outputs. {@link #host()} is the
 * host's clock ({@code --realtime}).
 */
public interface TimeSource {
    /** Nanoseconds since the Unix epoch (CLOCK_REALTIME). */
    long realtimeNanos();

    /** Nanoseconds since an arbitrary start, never decreasing (CLOCK_MONOTONIC). */
    long monotonicNanos();

    /** CPU time of the process in nanoseconds (CLOCK_PROCESS_CPUTIME_ID). */
    long cpuNanos();

    /** The guest sleeps {@code nanos}: virtual time advances, host time passes. */
    void sleep(long nanos);

    /** 2025-01-01T00:00:00Z, the virtual clock's epoch start. */
    long VIRTUAL_EPOCH_NANOS = 1_735_689_600L * 1_000_000_000L;

    /**
     * A virtual clock: {@code retired} counts instructions retired by the guest, each
     * worth {@code nanosPerInstruction} nanoseconds (1 for a nominal 1 GHz guest).
     */
    static TimeSource virtual(LongSupplier retired, long nanosPerInstruction) {
        return new TimeSource() {
            private long slept;

            @Override
            public long monotonicNanos() {
                return 1_000_000_000L + retired.getAsLong() * nanosPerInstruction + slept;
            }

            @Override
            public long realtimeNanos() {
                return VIRTUAL_EPOCH_NANOS + monotonicNanos();
            }

            @Override
            public long cpuNanos() {
                return retired.getAsLong() * nanosPerInstruction;
            }

            @Override
            public void sleep(long nanos) {
                slept += Math.max(0, nanos);
            }
        };
    }

    /** The host's clocks; sleeping really sleeps. */
    static TimeSource host() {
        return new TimeSource() {
            @Override
            public long realtimeNanos() {
                java.time.Instant t = java.time.Instant.now();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }

            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }

            @Override
            public long cpuNanos() {
                return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }

            @Override
            public void sleep(long nanos) {
                try {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
