package org.hot86.softmmu;

/**
 * A device's I/O ports (IN/OUT), registered with
 * {@link org.hot86.softmmu.io.IoPortBus#register}. {@code port} is the absolute port
 * number; {@code size} is 1, 2 or 4. A multi-byte access whose bytes all belong to this
 * handler arrives as one call; one that straddles handlers is split into byte accesses.
 * Reads return the value zero-extended; writes use the low {@code 8*size} bits.
 */
public interface IoPortHandler {
    int ioRead(int port, int size);

    void ioWrite(int port, int size, int value);
}
