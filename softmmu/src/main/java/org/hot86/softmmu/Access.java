package org.hot86.softmmu;

/** The kind of a memory access, as paging checks it (SDM Vol. 3A, 4.6). */
public enum Access {
    /** A data read (also the read half of a read-modify-write). */
    READ,
    /** A data write. */
    WRITE,
    /** An instruction fetch: checked against XD and SMEP instead of read permission. */
    EXEC;

    /** The walker's int code for this kind ({@code PageWalker.READ/WRITE/EXEC}). */
    int code() {
        return ordinal();
    }
}
