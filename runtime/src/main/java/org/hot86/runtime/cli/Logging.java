package org.hot86.runtime.cli;

import java.util.Locale;

/**
 * Configures slf4j-simple before the first logger is created. Logging always goes to
 * stderr: stdout belongs to the guest.
 */
final class Logging {
    private static boolean configured;

    private Logging() {}

    /** The levels slf4j-simple understands, quietest last. */
    static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "off"};

    /**
     * @param explicit the value of {@code --log-level}, or null
     * @param verbosity how many times {@code -v} was given
     */
    static synchronized void configure(String explicit, int verbosity) {
        String level;
        if (explicit != null) {
            level = explicit.toLowerCase(Locale.ROOT);
            if (!java.util.Arrays.asList(LEVELS).contains(level)) {
                throw new CliError(ExitCodes.USAGE, "invalid --log-level '" + explicit
                        + "' (expected one of trace, debug, info, warn, error, off)");
            }
        } else {
            level = switch (Math.min(verbosity, 3)) {
                case 0 -> "warn";
                case 1 -> "info";
                case 2 -> "debug";
                default -> "trace";
            };
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        configured = true;
    }

    static synchronized boolean isConfigured() {
        return configured;
    }
}
