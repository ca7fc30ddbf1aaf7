package org.hot86.decoder;

/**
 * The CPUID feature that must be present for a form to be valid (Intel SDM Vol. 2,
 * CPUID chapter, Table 3-8 feature flags). {@link #BASE} means present on every x86-64
 * processor or not gated by CPUID.
 */
public enum Feature {
    BASE, X87, CMOV, MMX, SSE, SSE2, SSE3, SSSE3, SSE41, SSE42, POPCNT, LZCNT, BMI1, MOVBE,
    CX8, CX16, RDRAND, RDSEED, RDTSCP, RDPID, FXSR, XSAVE, XSAVEOPT, XSAVEC, XSAVES, CLFLUSH,
    CLFLUSHOPT, CLWB, LM, SYSCALL, SEP, VMX, SVM, RTM, MONITOR, SMAP, FSGSBASE, AES, PCLMUL,
    SHA, CET, PKU, AVX, AVX512, INVPCID, PREFETCHW, SERIALIZE, WAITPKG, AMD3DNOW, CLDEMOTE, SGX, MOVDIRI, ENQCMD
}
