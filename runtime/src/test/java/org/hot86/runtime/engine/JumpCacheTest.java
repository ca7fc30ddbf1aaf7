package org.hot86.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.hot86.cpu.CpuState;
import org.hot86.softmmu.Mmu;
import org.hot86.softmmu.Privilege;
import org.hot86.softmmu.paging.PageTableBuilder;
import org.hot86.softmmu.phys.PhysicalMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The invalidation rules of the engine's jump cache and block links: a block found by
 * linear RIP is never used once the code bytes it was decoded from were written, once CR3
 * points to other page tables, or once the page was unmapped and something else mapped at
 * the same linear address. Each case first makes the stale entry reachable (asserting it
 * was used), then checks that the new code runs.
 */
class JumpCacheTest {
    static final long USER_CODE = 0x40_0000;

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static EngineOptions opts(boolean jit) {
        return EngineOptions.defaults().withJit(jit).withThreshold(1).withVerify(true).withDump(null)
                .withJitLimit(-1);
    }

    /**
     * Three functions called in turn through a table (one call site with three targets: two
     * links cannot hold them, the jump cache does), then the third function's immediate is
     * patched from another page and it is called once more.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWrittenCodePageIsNeverRunFromTheJumpCache(boolean jit) {
        PhysicalMemory pm = new PhysicalMemory();
        pm.addRam(0, 1 << 20);
        // 0x1000: xor ebx,ebx ; mov ecx,30 ; xor esi,esi
        //   l: call [rsi*8+0x3000] ; inc esi ; cmp esi,3 ; jne k ; xor esi,esi
        //   k: dec ecx ; jnz l ; mov byte [0x2022],5 ; call [0x3010] ; syscall
        byte[] main = hex("31dbb91e00000031f6ff14f500300000ffc683fe03750231f6ffc975ec"
                + "c604252220000005ff1425103000000f05");
        pm.writeBytes(0x1000, main, 0, main.length);
        // f0: add ebx,1 ; ret   f1: add ebx,10 ; ret   f2: add ebx,100 ; ret (imm8 at 0x2022)
        byte[] f = hex("83c301c3");
        pm.writeBytes(0x2000, f, 0, 4);
        f = hex("83c30ac3");
        pm.writeBytes(0x2010, f, 0, 4);
        f = hex("83c364c3");
        pm.writeBytes(0x2020, f, 0, 4);
        pm.write(0x3000, 8, 0x2000);
        pm.write(0x3008, 8, 0x2010);
        pm.write(0x3010, 8, 0x2020);
        CpuState s = new CpuState();
        s.resetUserMode(true);
        s.mem = new Mmu(pm);
        s.rip = 0x1000;
        s.gpr[CpuState.RSP] = 0x80000;
        ExecutionEngine e = new ExecutionEngine(s, opts(jit));
        assertEquals(StopReason.SYSCALL, e.run(1_000_000));
        EngineStats st = e.stats();
        if (!jit) { // compiled, the loop and its three callees become one region (calls compared in line)
            assertTrue(st.jumpCacheHits() >= 10, st.format());
        }
        // 10 x (1 + 10 + 100), then the patched f2 (+5); the stale f2 would add 100
        assertEquals(1115, s.gpr[CpuState.RBX], st.format());
        assertTrue(st.blocksInvalidated() >= 3, st.format());
    }

    /** Two address spaces map the same linear code page to different frames. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCr3WriteEmptiesTheJumpCache(boolean jit) {
        Paged g = new Paged();
        PageTableBuilder a = g.tables();
        PageTableBuilder b = g.tables();
        a.map(USER_CODE, g.code("b801000000 0f05"), PageTableBuilder.USER); // mov eax,1 ; syscall
        b.map(USER_CODE, g.code("b802000000 0f05"), PageTableBuilder.USER); // mov eax,2 ; syscall
        g.mmu.setControlRegisters(0x80050033L, a.cr3(), 0x6F0, 0xD01);
        g.mmu.setPrivilege(Privilege.USER);
        ExecutionEngine e = new ExecutionEngine(g.s, opts(jit));
        assertEquals(1, g.runAt(e, USER_CODE));
        long hits = e.stats().jumpCacheHits();
        assertEquals(1, g.runAt(e, USER_CODE));
        assertEquals(hits + 1, e.stats().jumpCacheHits(), "second run found its block in the jump cache");

        g.mmu.setCr3(b.cr3());
        g.s.cr3 = b.cr3();
        assertEquals(2, g.runAt(e, USER_CODE));
        g.mmu.setCr3(a.cr3());
        g.s.cr3 = a.cr3();
        assertEquals(1, g.runAt(e, USER_CODE));
    }

    /**
     * munmap then mmap of other code at the same address, as the user-mode address space
     * does it: page-table edit followed by INVLPG, nothing said to the engine directly.
     * The caller (block 1) reaches the remapped page through a direct link.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void remappingACodePageDropsLinksAndJumpCacheEntries(boolean jit) {
        Paged g = new Paged();
        PageTableBuilder t = g.tables();
        long caller = USER_CODE - 0x1000;
        // caller: jmp USER_CODE (rel32 = 0x1000 - 5)
        t.map(caller, g.code("e9fb0f0000"), PageTableBuilder.USER);
        t.map(USER_CODE, g.code("b801000000 0f05"), PageTableBuilder.USER);
        g.mmu.setControlRegisters(0x80050033L, t.cr3(), 0x6F0, 0xD01);
        g.mmu.setPrivilege(Privilege.USER);
        ExecutionEngine e = new ExecutionEngine(g.s, opts(jit));
        for (int i = 0; i < 5; i++) {
            assertEquals(1, g.runAt(e, caller));
        }
        assertTrue(e.stats().chainedTransfers() >= 3, e.stats().format());

        t.unmap(USER_CODE);
        g.mmu.invlpg(USER_CODE);
        t.map(USER_CODE, g.code("b803000000 0f05"), PageTableBuilder.USER); // mov eax,3 ; syscall
        g.mmu.invlpg(USER_CODE);
        assertEquals(3, g.runAt(e, caller));
        assertEquals(3, g.runAt(e, USER_CODE));

        // An INVLPG of a page without code keeps the links.
        long chained = e.stats().chainedTransfers();
        g.mmu.invlpg(0x7000_0000L);
        assertEquals(3, g.runAt(e, caller));
        assertEquals(chained + 1, e.stats().chainedTransfers(), e.stats().format());
    }

    /** 4-level user-mode paging over 4 MiB of RAM with a bump frame allocator. */
    static final class Paged {
        final PhysicalMemory pm = new PhysicalMemory();
        final Mmu mmu;
        final CpuState s = new CpuState();
        long nextFrame = 0x10_0000;

        Paged() {
            pm.addRam(0, 4 << 20);
            mmu = new Mmu(pm);
            s.resetUserMode(true);
            s.mem = mmu;
        }

        PageTableBuilder tables() {
            return new PageTableBuilder(pm, this::frame);
        }

        long frame() {
            long f = nextFrame;
            nextFrame += 0x1000;
            return f;
        }

        /** A fresh frame holding {@code hex}. */
        long code(String hex) {
            long f = frame();
            byte[] b = hex(hex);
            pm.writeBytes(f, b, 0, b.length);
            return f;
        }

        /** Runs from {@code rip} to the next SYSCALL; returns EAX. */
        long runAt(ExecutionEngine e, long rip) {
            s.rip = rip;
            s.gpr[CpuState.RAX] = 0;
            assertEquals(StopReason.SYSCALL, e.run(1000));
            return s.gpr[CpuState.RAX];
        }
    }
}
