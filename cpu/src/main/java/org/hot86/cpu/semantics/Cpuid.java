package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.CpuState.RBX;
import static org.hot86.cpu.CpuState.RCX;
import static org.hot86.cpu.CpuState.RDX;

import org.hot86.cpu.CpuState;

/**
 * CPUID for the emulated CPU model (Intel SDM Vol. 2 CPUID, Table 3-8 and Figure 3-7):
 * "GenuineIntel", family 6. Only features that hot86 implements are reported; other
 * parts (x87, SSE) add their bits through {@link #leaf1Edx}/{@link #leaf1Ecx} as they land.
 *
 * <p>Reported by the integer core: TSC (1.EDX[4]), CX8 (1.EDX[8]), CMOV (1.EDX[15]),
 * CLFSH (1.EDX[19]), CX16 (1.ECX[13]), MOVBE (1.ECX[22]), POPCNT (1.ECX[23]), BMI1 for TZCNT only is NOT claimed (BMI1 also
 * means ANDN/BLSI/... which are not implemented), LAHF-SAHF in 64-bit mode
 * (80000001h.ECX[0]), LZCNT/ABM (80000001h.ECX[5]), SYSCALL (80000001h.EDX[11]),
 * NX (80000001h.EDX[20]), LM (80000001h.EDX[29]), ADX (7.EBX[19]).
 */
public final class Cpuid {
    private Cpuid() {
    }

    /** Feature words for leaf 1, mutable so that other parts can add their features at startup. */
    public static volatile int leaf1Edx = (1 << 0) | (1 << 23) | (1 << 24) // FPU, MMX, FXSR (X87Exec, MmxExec)
            | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19)
            | (1 << 25) | (1 << 26); // SSE, SSE2 (interpreter: SseExec, host-checked by SseVsHostTest)
    public static volatile int leaf1Ecx = (1 << 13) | (1 << 22) | (1 << 23)
            | (1 << 0) | (1 << 9) | (1 << 19) | (1 << 20); // SSE3, SSSE3, SSE4.1, SSE4.2
    /** Leaf 7 sub-leaf 0 EBX: ADX (bit 19). */
    public static volatile int leaf7Ebx = 1 << 19;
    public static volatile int ext1Ecx = (1 << 0) | (1 << 5);
    public static volatile int ext1Edx = (1 << 11) | (1 << 20) | (1 << 29);

    /** Family 6, model 0x55 (arbitrary but fixed), stepping 4. */
    static final int SIGNATURE = (0x5 << 16) | (6 << 8) | (5 << 4) | 4;

    private static int str(String s4) {
        return (s4.charAt(0)) | (s4.charAt(1) << 8) | (s4.charAt(2) << 16) | (s4.charAt(3) << 24);
    }

    /** Executes CPUID with EAX (leaf) and ECX (sub-leaf) from the state. */
    public static void cpuid(CpuState s) {
        int leaf = (int) s.gpr[RAX];
        int a = 0, b = 0, c = 0, d = 0;
        switch (leaf) {
            case 0 -> {
                a = 7;
                b = str("Genu");
                d = str("ineI");
                c = str("ntel");
            }
            case 1 -> {
                a = SIGNATURE;
                b = (1 << 16) | (8 << 8); // 1 logical processor, CLFLUSH line 8*8 bytes
                c = leaf1Ecx;
                d = leaf1Edx;
            }
            case 7 -> {
                if ((int) s.gpr[RCX] == 0) {
                    b = leaf7Ebx;
                    c = 1 << 2; // UMIP
                }
            }
            case 0x80000000 -> a = 0x80000001;
            case 0x80000001 -> {
                c = ext1Ecx;
                d = ext1Edx;
            }
            default -> {
                // Leaves above the maximum return the highest basic leaf's data on Intel;
                // we report zeros for unknown leaves below the maximum and for the rest.
            }
        }
        s.gpr[RAX] = a & 0xFFFFFFFFL;
        s.gpr[RBX] = b & 0xFFFFFFFFL;
        s.gpr[RCX] = c & 0xFFFFFFFFL;
        s.gpr[RDX] = d & 0xFFFFFFFFL;
    }
}
