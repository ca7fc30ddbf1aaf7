package org.hot86.conformance.host;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays one differential case given on the command line, for debugging a failure printed
 * by {@link InterpreterVsHostTest}:
 * {@code -Dhot86.replay.code=<hex bytes> -Dhot86.replay.regs=<r0,r1,...> -Dhot86.replay.flags=<hex>
 * -Dhot86.replay.seed=<hex> -Dhot86.replay.bits=64|32}. Skipped without those properties.
 */
class ReplayCaseTest {
    @Test
    void replay() {
        String code = System.getProperty("hot86.replay.code");
        Assumptions.assumeTrue(code != null, "no -Dhot86.replay.code");
        boolean bits64 = !"32".equals(System.getProperty("hot86.replay.bits", "64"));
        SequenceGen.Case c = new SequenceGen.Case();
        c.bits64 = bits64;
        String hex = code.replaceAll("[^0-9a-fA-F]", "");
        c.code = new byte[hex.length() / 2];
        for (int k = 0; k < c.code.length; k++) {
            c.code[k] = (byte) Integer.parseInt(hex.substring(2 * k, 2 * k + 2), 16);
        }
        SequenceGen.Insn all = new SequenceGen.Insn();
        all.bytes = c.code;
        all.form = org.hot86.decoder.Form.NOP;
        c.codeStart = HostCpu.EXIT_AT - c.code.length;
        all.address = c.codeStart;
        c.insns.add(all);
        String[] regs = System.getProperty("hot86.replay.regs", "").split(",");
        for (int r = 0; r < regs.length && !regs[r].isBlank(); r++) {
            c.regs[r] = Long.parseUnsignedLong(regs[r].trim().replace("0x", ""), 16);
        }
        if (regs.length < 5) {
            c.regs[4] = HostCpu.DATA_PAGE + 0x700;
        }
        c.flags = Long.parseLong(System.getProperty("hot86.replay.flags", "202"), 16);
        c.dataSeed = Long.parseUnsignedLong(System.getProperty("hot86.replay.seed", "0"), 16);
        try {
            InterpreterVsHostTest.start();
            new InterpreterVsHostTest.Checker(bits64).check(c, false);
            System.out.println("replay: interpreter and host agree");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                InterpreterVsHostTest.host64.close();
                InterpreterVsHostTest.host32.close();
            } catch (java.io.IOException e) {
                // ignore
            }
        }
    }
}
