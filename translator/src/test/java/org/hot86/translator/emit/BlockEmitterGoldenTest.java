package org.hot86.translator.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.interp.DecodedBlock;
import org.hot86.cpu.interp.Interpreter;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.hot86.translator.BlockTranslator;
import org.hot86.translator.ClassDump;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: a guest snippet and the bytecode listing of its class, in
 * {@code src/test/resources/golden/<name>.txt}. Run with {@code -Dbless=true} to rewrite
 * them after an intended change, and review the diff. Every class must also pass ASM's
 * verifier.
 */
class BlockEmitterGoldenTest {
    static Stream<Arguments> snippets() {
        return Stream.of(
                // add rax,rbx ; add rcx,1 ; cmp rdx,rsi ; jne -14 : the adds' flags are dead, jne is a direct compare
                Arguments.of("dead_flags_fused_jcc", "4801d8 4883c101 4839f2 75f2"),
                // mov rax,[rbx+8] ; add [rbx+16],rax ; push rax ; pop rcx ; ret : memory, stack, indirect exit
                Arguments.of("memory_stack_ret", "488b4308 48014310 50 59 c3"),
                // dec ecx ; jnz -4 : the usual counted loop
                Arguments.of("counted_loop", "ffc9 75fc"),
                // mul rcx ; test eax,eax ; je +2 : MUL through the interpreter's executor, TEST fused
                Arguments.of("fallback_and_test", "48f7e1 85c0 7402"),
                // mov [rip+0],al ; nop ; syscall : a store checks for self-modified code, SYSCALL falls back
                Arguments.of("store_then_syscall", "880500000000 90 0f05"),
                // ror eax,6 ; rol dl,1 ; bswap ecx ; xor eax,ecx ; ror rbx,3 ; syscall : rotates in line, the
                // first two with CF/OF dead (XOR replaces them), the last one's kept as overlay for the exit
                Arguments.of("rotates_bswap", "c1c806 d0c2 0fc9 31c8 48c1cb03 0f05"),
                // the memory_stack_ret snippet with the TLB fast path in line (guest memory is an Mmu)
                Arguments.of("memory_stack_ret_inline_tlb", "488b4308 48014310 50 59 c3"));
    }

    static DecodedBlock decode(String hex) {
        return decode(hex, 0);
    }

    /** Decodes the block at offset {@code at} of the snippet (loaded at 0x1000). */
    static DecodedBlock decode(String hex, int at) {
        byte[] code = HexFormat.of().parseHex(hex.replace(" ", ""));
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        pm.writeBytes(0x1000, code, 0, code.length);
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.mem = new Mmu(pm);
        s.rip = 0x1000 + at;
        return DecodedBlock.decode(new Interpreter(), s, 0x1000 + at);
    }

    /**
     * A region of three blocks, the head first, then its successors:
     * <pre>
     *   1000: cmp byte [rcx+rdx],0 ; jne 100a        (head: in-line TLB read, fused jne)
     *   1006: add rsi,1                              (falls through into 100a's code)
     *   100a: add rdx,1 ; cmp rdx,rdi ; jne 1000     (backward branch: the loop)
     *   1013: ret                                    (not in the region: an exit)
     * </pre>
     */
    @org.junit.jupiter.api.Test
    void regionMatchesGoldenAndVerifies() throws IOException {
        String hex = "803c1100 7504 4883c601 4883c201 4839fa 75ed c3";
        region("region_loop", hex, 0, 0xa, 6);
    }

    /**
     * A region with a call and its return:
     * <pre>
     *   1000: call 100a                 (head: push, then a GOTO to the callee)
     *   100a: add eax,1 ; ret           (the return address is compared with 1005, a member)
     *   1005: dec ecx ; jne 1000        (the return site; loops back to the head)
     * </pre>
     */
    @org.junit.jupiter.api.Test
    void regionWithCallAndReturnMatchesGoldenAndVerifies() throws IOException {
        region("region_call_ret", "e805000000 ffc9 75f7 c3 83c001 c3", 0, 0xa, 5);
    }

    private static void region(String name, String hex, int... starts) throws IOException {
        DecodedBlock[] members = new DecodedBlock[starts.length];
        for (int m = 0; m < starts.length; m++) {
            members[m] = decode(hex, starts[m]);
        }
        BlockEmitter.RegionResult r = BlockEmitter.emitRegion(members, "org/hot86/translator/Golden", true);
        assertEquals(starts.length, r.members());
        byte[] bytes = r.classBytes();
        assertNull(ClassDump.verify(bytes));
        StringBuilder sb = new StringBuilder("// guest region:\n");
        for (DecodedBlock b : members) {
            for (int k = 0; k < b.size(); k++) {
                sb.append("//   ").append(Long.toHexString(b.addr(k))).append("  ").append(b.insn(k)).append('\n');
            }
            sb.append("//   --\n");
        }
        sb.append(ClassDump.text(bytes));
        compare(name, sb.toString());
    }

    private static void compare(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name + ".txt");
        if (Boolean.getBoolean("bless")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "no golden file " + file + "; run with -Dbless=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void matchesGoldenAndVerifies(String name, String hex) throws IOException {
        DecodedBlock b = decode(hex);
        byte[] bytes = BlockEmitter.emit(b, "org/hot86/translator/Golden", name.endsWith("_inline_tlb")).classBytes();
        assertNull(ClassDump.verify(bytes));
        StringBuilder sb = new StringBuilder("// guest:\n");
        for (int k = 0; k < b.size(); k++) {
            sb.append("//   ").append(Long.toHexString(b.addr(k))).append("  ").append(b.insn(k)).append('\n');
        }
        sb.append(ClassDump.text(bytes));
        compare(name, sb.toString());
    }
}
