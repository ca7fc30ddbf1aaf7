package org.hot86.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<Boolean> irqs = new ArrayList<>();
    final Uart16550 uart = new Uart16550(out::write, irqs::add);

    @Test
    void transmitsWhatTheGuestWritesAndStaysReady() {
        for (byte b : "hi\n".getBytes()) {
            assertEquals(0x60, uart.read(5) & 0x60, "THRE and TEMT before each byte");
            uart.write(0, b);
        }
        assertEquals("hi\n", out.toString());
    }

    @Test
    void divisorLatchShadowsDataRegisters() {
        uart.write(3, 0x83); // DLAB, 8N1
        uart.write(0, 0x01); // 115200 baud
        uart.write(1, 0x00);
        assertEquals(0x01, uart.read(0));
        assertEquals(0x00, uart.read(1));
        uart.write(3, 0x03);
        uart.write(0, 'A'); // now THR
        assertEquals("A", out.toString());
        uart.write(3, 0x83);
        assertEquals(0x01, uart.read(0), "divisor kept");
    }

    @Test
    void receivedDataRaisesDataReadyAndInterruptThroughOut2() {
        uart.write(1, 0x01); // RDA interrupt
        uart.receive('x');
        assertTrue((uart.read(5) & 1) != 0, "DR");
        assertFalse(uart.irqLevel(), "no IRQ without OUT2");
        uart.write(4, 0x08); // OUT2
        assertTrue(uart.irqLevel());
        assertEquals(0x04, uart.read(2) & 0x0F, "IIR says received data");
        assertEquals('x', uart.read(0));
        assertFalse(uart.irqLevel());
        assertEquals(0x01, uart.read(2) & 0x0F, "no interrupt pending");
    }

    @Test
    void thrEmptyInterruptIsClearedByReadingIir() {
        uart.write(4, 0x08);
        uart.write(1, 0x02); // enabling THRE interrupt with THR empty raises it
        assertTrue(uart.irqLevel());
        assertEquals(0x02, uart.read(2) & 0x0F);
        assertFalse(uart.irqLevel());
        uart.write(0, 'z');
        assertTrue(uart.irqLevel(), "re-armed after a transmit");
    }

    @Test
    void loopbackFeedsTheReceiverAndMirrorsModemLines() {
        uart.write(4, 0x10 | 0x02 | 0x01); // LOOP, RTS, DTR
        uart.write(0, 0x5A);
        assertEquals(0, out.size(), "nothing leaves the chip in loopback");
        assertEquals(0x5A, uart.read(0));
        assertEquals(0x30, uart.read(6) & 0xF0, "CTS and DSR follow RTS and DTR");
    }

    @Test
    void scratchRegisterHoldsAValue() {
        uart.write(7, 0xA5);
        assertEquals(0xA5, uart.read(7));
    }
}
