package org.hot86.cpu;

/**
 * The I/O-port space as the CPU sees it (IN, OUT, INS, OUTS; Intel SDM Vol. 1, chapter 19).
 * The softmmu/devices side implements it; {@link #NONE} reads all-ones and drops writes.
 */
public interface IoBus {
    /** Reads {@code size} bits (8, 16, 32) from {@code port}. */
    int in(int port, int size);

    void out(int port, int size, int value);

    IoBus NONE = new IoBus() {
        @Override
        public int in(int port, int size) {
            return size == 32 ? -1 : (1 << size) - 1;
        }

        @Override
        public void out(int port, int size, int value) {
        }
    };
}
