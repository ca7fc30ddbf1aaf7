package org.hot86.runtime.linux;

/**
 * What TCGETS and TIOCGWINSZ answer for a terminal. Java cannot read the host
 * terminal's modes, so a terminal gets the modes a fresh Linux pty has ({@code stty
 * sane}): the point of these ioctls in static programs is mostly "is this a tty?" and
 * "how wide is it?". The size comes from $LINES/$COLUMNS if set, else 24x80.
 *
 * <pre>
 * struct termios (asm-generic/termbits.h, 36 bytes)
 *   0 c_iflag u32   4 c_oflag u32   8 c_cflag u32   12 c_lflag u32
 *  16 c_line u8    17 c_cc[19]
 * </pre>
 */
final class Termios {
    static final byte[] DEFAULT = new byte[36];

    static {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(DEFAULT).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x0500);   // ICRNL | IXON
        b.putInt(4, 0x0005);   // OPOST | ONLCR
        b.putInt(8, 0x00bf);   // B38400 | CS8 | CREAD
        b.putInt(12, 0x8a3b);  // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
        byte[] cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
        System.arraycopy(cc, 0, DEFAULT, 17, cc.length);
    }

    private Termios() {}

    static int rows() {
        return envInt("LINES", 24);
    }

    static int columns() {
        return envInt("COLUMNS", 80);
    }

    private static int envInt(String name, int dflt) {
        try {
            String v = System.getenv(name);
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
