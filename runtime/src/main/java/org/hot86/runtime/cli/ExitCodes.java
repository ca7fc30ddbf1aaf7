package org.hot86.runtime.cli;

/**
 * Process exit codes of the {@code hot86} command. In user mode the guest's own exit
 * status is passed through instead; these codes are the emulator's own outcomes and
 * stay away from the 128+N range that a guest killed by signal N produces.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Bad command line: unknown option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** An input file is missing or unreadable. */
    public static final int NO_INPUT = 66;
    /** An input file is readable but malformed (not ELF, bad kernel image, bad hex ...). */
    public static final int BAD_INPUT = 65;
    /** A valid ELF file of a kind hot86 does not run (32-bit, another machine). */
    public static final int UNSUPPORTED = 69;
    /** A dynamically linked program (hot86 user runs static programs). */
    public static final int DYNAMIC = 68;
    /** The guest ran past {@code --max-insns} or {@code --timeout}. */
    public static final int TIMEOUT = 124;
    /** A bug in hot86 itself: an unexpected Java exception reached the top level. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
