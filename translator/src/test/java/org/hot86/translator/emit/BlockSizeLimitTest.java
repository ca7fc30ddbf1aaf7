package org.hot86.translator.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.cpu.jit.CompiledBlock;
import org.hot86.cpu.jit.JitContext;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.hot86.translator.BlockTranslator;
import org.hot86.translator.ClassDump;
import org.junit.jupiter.api.Test;

/** A block whose full translation would exceed the bytecode budget is cut short, never refused or crashed. */
class BlockSizeLimitTest {
    static CpuState guest(byte[] code) {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        pm.writeBytes(0x1000, code, 0, code.length);
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.mem = new Mmu(pm);
        s.rip = 0x1000;
        for (int r = 0; r < 16; r++) {
            s.gpr[r] = 0x1234_5678_9ABCL * (r + 1);
        }
        return s;
    }

    @Test
    void aHugeBlockIsSplitAndStillCorrect() {
        // 32 x (add r8..r15, 1 ; mul rcx): every MUL is a fallback that spills and reloads many locals
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < 32; k++) {
            hex.append("4983c").append(k % 8).append("01"); // add r(8+k%8), 1
            hex.append("48f7e1"); // mul rcx
        }
        byte[] code = HexFormat.of().parseHex(hex.toString());
        CpuState a = guest(code);
        DecodedBlock b = DecodedBlock.decode(new Interpreter(), a, 0x1000);
        assertEquals(Interpreter.MAX_BLOCK, b.size());
        BlockEmitter.Result r = BlockEmitter.emit(b, "org/hot86/translator/Huge");
        assertTrue(r.instructions() < b.size(), "expected a split, got " + r.instructions());
        assertTrue(r.codeBytes() <= BlockEmitter.MAX_CODE_BYTES, "bytes " + r.codeBytes());
        assertNull(ClassDump.verify(r.classBytes()));

        CompiledBlock c = new BlockTranslator(null, true).compile(b);
        assertNotNull(c);
        assertEquals(CompiledBlock.CONTINUE, c.run(a, new JitContext()));

        CpuState e = guest(code);
        for (int k = 0; k < r.instructions(); k++) {
            assertEquals(CompiledBlock.CONTINUE, b.step(k, e));
            e.instructionsRetired++;
        }
        assertArrayEquals(e.gpr, a.gpr);
        assertEquals(e.rip, a.rip);
        assertEquals(e.getRflags(), a.getRflags());
        assertEquals(e.instructionsRetired, a.instructionsRetired);
    }
}
