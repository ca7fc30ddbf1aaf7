package org.hot86.runtime.linux;

/** Why a file cannot be run in user mode; the message is one line for the user. */
public final class ElfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The classes of refusal, each with its own exit code in the CLI. */
    public enum Kind {
        /** Not an ELF file at all. */
        NOT_ELF,
        /** An ELF file whose headers are inconsistent or truncated. */
        MALFORMED,
        /** A valid ELF file of a kind hot86 does not run (32-bit, other machine, relocatable). */
        UNSUPPORTED,
        /** A dynamically linked executable (has PT_INTERP). */
        DYNAMIC
    }

    private final Kind kind;

    public ElfException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
