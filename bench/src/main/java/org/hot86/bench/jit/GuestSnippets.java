package org.hot86.bench.jit;

import java.util.HexFormat;
import org.hot86.cpu.CpuState;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.phys.PhysicalMemory;

/** Guest code for the JIT benchmarks: 64-bit user-mode state over an MMU (paging off), code at 0x1000. */
public final class GuestSnippets {
    private GuestSnippets() {
    }

    public static final long CODE = 0x1000, DATA = 0x20000;

    /**
     * A loop-heavy kernel, ECX iterations of a 9-instruction body with loads, stores, ALU,
     * IMUL and a conditional branch; ends with SYSCALL.
     * <pre>
     *   mov ecx, n
     * l: add rax, rcx ; mov [rbx], rax ; add rax, [rbx+8] ; imul rdx, rax, 3 ; xor rdx, rcx
     *   mov [rbx+rcx*8], edx ... (kept in 0x20000..0x28000 by the 0xFFF mask) ; and edx, 0xfff
     *   dec ecx ; jnz l ; syscall
     * </pre>
     */
    public static String loopKernel(int n) {
        String imm = String.format("%02x%02x%02x%02x", n & 0xFF, (n >> 8) & 0xFF, (n >> 16) & 0xFF, (n >>> 24));
        return "b9" + imm // mov ecx, n
                + "4801c8" // l: add rax, rcx
                + "488903" // mov [rbx], rax
                + "48034308" // add rax, [rbx+8]
                + "486bd003" // imul rdx, rax, 3
                + "4831ca" // xor rdx, rcx
                + "81e2ff0f0000" // and edx, 0xfff
                + "891493" // mov [rbx+rdx*4], edx
                + "ffc9" // dec ecx
                + "75" + String.format("%02x", (-(3 + 3 + 4 + 4 + 3 + 6 + 3 + 2 + 2)) & 0xFF) // jnz l
                + "0f05"; // syscall
    }

    /**
     * The shape gcc -O2 gives a summing loop over an array of longs: index increment and
     * CMP/JNE (RBX = array, RDI = element count, repeated {@code outer} times via R8).
     * <pre>
     *   mov r8d, outer
     * o: xor eax, eax ; xor edx, edx
     * l: add rax, [rbx+rdx*8] ; add rdx, 1 ; cmp rdx, rdi ; jne l
     *   dec r8d ; jnz o ; syscall
     * </pre>
     */
    public static String arraySum(int outer) {
        String imm = String.format("%02x%02x%02x%02x", outer & 0xFF, (outer >> 8) & 0xFF, (outer >> 16) & 0xFF,
                outer >>> 24);
        return "41b8" + imm // mov r8d, outer
                + "31c0" + "31d2" // o: xor eax,eax ; xor edx,edx
                + "480304d3" // l: add rax,[rbx+rdx*8]
                + "4883c201" // add rdx,1
                + "4839fa" // cmp rdx,rdi
                + "75f3" // jne l
                + "41ffc8" // dec r8d
                + "75e8" // jnz o
                + "0f05";
    }

    /** A fresh 64-bit user-mode CPU running {@code hex} at {@link #CODE}, RBX pointing at data. */
    public static CpuState guest(String hex) {
        byte[] code = HexFormat.of().parseHex(hex);
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        pm.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.mem = new Mmu(pm);
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x80000;
        s.gpr[CpuState.RBX] = DATA;
        return s;
    }
}
