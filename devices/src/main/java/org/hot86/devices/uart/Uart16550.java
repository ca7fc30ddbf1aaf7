package org.hot86.devices.uart;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * A National Semiconductor 16550A UART as found at COM1 (I/O 0x3F8, IRQ 4) on a PC: the
 * Linux console in system mode ({@code console=ttyS0}) talks to this.
 *
 * <p>Registers by offset from the base port (DLAB = LCR bit 7):
 * <pre>
 *   off  DLAB=0 read   DLAB=0 write   DLAB=1
 *   0    RBR receive   THR transmit   DLL divisor low
 *   1    IER           IER            DLM divisor high
 *   2    IIR           FCR
 *   3    LCR           LCR
 *   4    MCR           MCR
 *   5    LSR           (ignored)
 *   6    MSR           (ignored)
 *   7    SCR scratch   SCR
 * </pre>
 * Transmission is instantaneous: a byte written to THR goes to the output sink at once
 * and the transmitter is empty again, so THRE and TEMT are always set outside loopback.
 * Received bytes are queued by {@link #receive(int)} (a 16-byte FIFO when FCR enables
 * it; the queue itself is unbounded so host input is never lost, but only one byte is
 * visible through RBR at a time, as on hardware).
 *
 * <p>The interrupt output is level-triggered: {@link #irqLevel()} is recomputed after
 * every register access and reported through the {@code irq} callback on change.
 * Priority (highest first): line status, received data, THR empty, modem status.
 */
public final class Uart16550 {
    // IER bits
    static final int IER_RDA = 1, IER_THRE = 2, IER_RLS = 4, IER_MS = 8;
    // LSR bits
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40;
    // MCR bits
    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    // IIR values
    static final int IIR_NONE = 0x01, IIR_MS = 0x00, IIR_THRE = 0x02, IIR_RDA = 0x04, IIR_RLS = 0x06;

    private final IntConsumer output;
    private final IrqLine irq;
    private final ArrayDeque<Integer> rx = new ArrayDeque<>();

    private int ier, lcr, mcr, scr, fcr;
    private int divisor = 12; // 9600 baud from the 1.8432 MHz clock
    private int lsrErrors; // OE latched until LSR is read
    private boolean thrEmptyPending; // THRE interrupt armed (cleared by IIR read or THR write)
    private int msrDelta; // low 4 bits of MSR: change indicators
    private boolean irqLevel;

    /** The interrupt request output. */
    @FunctionalInterface
    public interface IrqLine {
        void set(boolean level);
    }

    /**
     * @param output receives each transmitted byte (0..255)
     * @param irq told about each change of the interrupt output
     */
    public Uart16550(IntConsumer output, IrqLine irq) {
        this.output = output;
        this.irq = irq;
    }

    /** Host -> guest: queue a received byte (0..255). */
    public void receive(int b) {
        rx.addLast(b & 0xFF);
        update();
    }

    /** Bytes received but not yet read by the guest. */
    public int pendingInput() {
        return rx.size();
    }

    public boolean irqLevel() {
        return irqLevel;
    }

    /** A guest read of register {@code offset} (0..7). */
    public int read(int offset) {
        int v = switch (offset & 7) {
            case 0 -> dlab() ? divisor & 0xFF : readRbr();
            case 1 -> dlab() ? (divisor >>> 8) & 0xFF : ier;
            case 2 -> readIir();
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> readLsr();
            case 6 -> readMsr();
            default -> scr;
        };
        update();
        return v;
    }

    /** A guest write of {@code value} (low 8 bits) to register {@code offset} (0..7). */
    public void write(int offset, int value) {
        value &= 0xFF;
        switch (offset & 7) {
            case 0 -> {
                if (dlab()) {
                    divisor = (divisor & 0xFF00) | value;
                } else {
                    transmit(value);
                }
            }
            case 1 -> {
                if (dlab()) {
                    divisor = (divisor & 0x00FF) | (value << 8);
                } else {
                    boolean thriOn = (value & IER_THRE) != 0 && (ier & IER_THRE) == 0;
                    ier = value & 0x0F;
                    // Enabling the THRE interrupt while THR is empty raises it at once.
                    if (thriOn) {
                        thrEmptyPending = true;
                    }
                }
            }
            case 2 -> {
                fcr = value & 0xC9;
                if ((value & 0x02) != 0) {
                    rx.clear(); // reset receiver FIFO
                }
            }
            case 3 -> lcr = value;
            case 4 -> {
                int old = mcr;
                mcr = value & 0x1F;
                if (((old ^ mcr) & MCR_LOOP) != 0 || (mcr & MCR_LOOP) != 0) {
                    // In loopback the modem inputs follow the outputs; note the changes.
                    msrDelta |= (modemInputs(old) ^ modemInputs(mcr)) & 0x0F;
                }
            }
            case 7 -> scr = value;
            default -> { } // LSR and MSR are read-only
        }
        update();
    }

    private boolean dlab() {
        return (lcr & 0x80) != 0;
    }

    private void transmit(int value) {
        if ((mcr & MCR_LOOP) != 0) {
            // Loopback: the transmitter feeds the receiver, nothing leaves the chip.
            if (rx.size() >= 16 && (fcr & 1) != 0 || rx.size() >= 1 && (fcr & 1) == 0) {
                lsrErrors |= LSR_OE;
            } else {
                rx.addLast(value);
            }
        } else {
            output.accept(value);
        }
        thrEmptyPending = true;
    }

    private int readRbr() {
        Integer b = rx.pollFirst();
        return b == null ? 0 : b;
    }

    private int readLsr() {
        int v = LSR_THRE | LSR_TEMT | lsrErrors | (rx.isEmpty() ? 0 : LSR_DR);
        lsrErrors = 0;
        return v;
    }

    /** Modem inputs CTS, DSR, RI, DCD (MSR bits 4..7); in loopback they mirror RTS, DTR, OUT1, OUT2. */
    private static int modemInputs(int mcr) {
        if ((mcr & MCR_LOOP) == 0) {
            return 0;
        }
        int v = 0;
        if ((mcr & MCR_RTS) != 0) v |= 0x10;
        if ((mcr & MCR_DTR) != 0) v |= 0x20;
        if ((mcr & MCR_OUT1) != 0) v |= 0x40;
        if ((mcr & MCR_OUT2) != 0) v |= 0x80;
        return v >>> 4;
    }

    private int readMsr() {
        int v;
        if ((mcr & MCR_LOOP) != 0) {
            v = (modemInputs(mcr) << 4) | (msrDelta & 0x0F);
        } else {
            // No modem attached: report carrier, DSR and CTS present, as a host tty would.
            v = 0xB0 | (msrDelta & 0x0F);
        }
        msrDelta = 0;
        return v;
    }

    /** The highest-priority pending interrupt, or IIR_NONE. */
    private int pendingInterrupt() {
        if ((ier & IER_RLS) != 0 && lsrErrors != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0 && !rx.isEmpty()) {
            return IIR_RDA;
        }
        if ((ier & IER_THRE) != 0 && thrEmptyPending) {
            return IIR_THRE;
        }
        if ((ier & IER_MS) != 0 && (msrDelta & 0x0F) != 0) {
            return IIR_MS;
        }
        return IIR_NONE;
    }

    private int readIir() {
        int id = pendingInterrupt();
        if (id == IIR_THRE) {
            thrEmptyPending = false; // reading IIR with THRE as the source clears it
        }
        int fifo = (fcr & 1) != 0 ? 0xC0 : 0;
        return fifo | id;
    }

    private void update() {
        // On a PC the UART's interrupt reaches the PIC only through OUT2.
        boolean level = pendingInterrupt() != IIR_NONE && (mcr & MCR_OUT2) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
