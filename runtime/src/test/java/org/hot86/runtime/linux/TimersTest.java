package org.hot86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alarm, setitimer(ITIMER_REAL) and pause on the virtual clock. */
class TimersTest {
    @TempDir
    Path dir;

    static UserRegs call(KernelFixture f, int nr, long... a) {
        UserRegs r = SignalsTest.faultRegs();
        r.gpr[UserRegs.RAX] = nr;
        int[] argRegs = {UserRegs.RDI, UserRegs.RSI, UserRegs.RDX, UserRegs.R10, UserRegs.R8, UserRegs.R9};
        for (int i = 0; i < a.length; i++) {
            r.gpr[argRegs[i]] = a[i];
        }
        f.k.syscall(r);
        return r;
    }

    @Test
    void alarmFiresOnTheVirtualClock() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        SignalsTest.install(f, Signals.SIGALRM, Signals.SA_SIGINFO, 0);
        assertEquals(0, f.call(Sys.ALARM, 2));
        f.retired[0] += 500_000_000L;
        assertEquals(2, f.call(Sys.ALARM, 3), "1.5 s left rounds to 2");
        UserRegs r = call(f, Sys.GETPID);
        assertEquals(4242, r.gpr[UserRegs.RAX], "not due yet");
        f.retired[0] += 3_000_000_000L;
        r = call(f, Sys.GETPID);
        assertEquals(SignalsTest.HANDLER, r.rip, "due: delivered on return from the next system call");
        assertEquals(Signals.SIGALRM, r.gpr[UserRegs.RDI]);
        assertEquals(Signals.SI_KERNEL, f.u32(r.gpr[UserRegs.RSI] + 8));
        assertEquals(0, f.call(Sys.ALARM, 0), "one-shot: disarmed after firing");
    }

    @Test
    void defaultActionOfSigalrmEndsTheProcess() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        f.call(Sys.ALARM, 1);
        UserRegs r = SignalsTest.faultRegs();
        assertFalse(f.k.signalsPending(0));
        f.retired[0] += 2_000_000_000L;
        assertTrue(f.k.signalsPending(f.k.time().monotonicNanos()));
        GuestExit e = assertThrows(GuestExit.class, () -> f.k.pollSignals(r));
        assertEquals(128 + Signals.SIGALRM, e.status());
    }

    @Test
    void sleepIsInterruptedByTheTimer() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        SignalsTest.install(f, Signals.SIGALRM, 0, 0);
        f.call(Sys.ALARM, 1);
        long req = f.alloc(16), rem = f.alloc(16);
        f.as.write64(req, 10);
        UserRegs r = call(f, Sys.NANOSLEEP, req, rem);
        long regs = r.gpr[UserRegs.RDX] + 40;
        assertEquals(-Errno.EINTR, f.u64(regs + 8 * 13), "the interrupted call's result, saved for sigreturn");
        assertEquals(9, f.u64(rem), "9 s left");
        assertEquals(SignalsTest.HANDLER, r.rip);
        assertThrows(GuestExit.class, () -> f.call(Sys.PAUSE), "nothing armed: would wait forever");
        f.call(Sys.ALARM, 1);
        assertEquals(-Errno.EINTR, f.call(Sys.PAUSE));
    }

    @Test
    void periodicItimer() {
        KernelFixture f = new KernelFixture(dir, new byte[0]);
        SignalsTest.install(f, Signals.SIGALRM, Signals.SA_NODEFER, 0);
        long it = f.alloc(32), old = f.alloc(32);
        f.as.write64(it + 8, 100_000);      // interval 100 ms
        f.as.write64(it + 24, 100_000);     // first expiry in 100 ms
        assertEquals(0, f.call(Sys.SETITIMER, 0, it, 0));
        f.retired[0] += 350_000_000L;
        UserRegs r = SignalsTest.faultRegs();
        assertTrue(f.k.pollSignals(r), "one SIGALRM for three expiries: standard signals do not queue");
        assertFalse(f.k.pollSignals(SignalsTest.faultRegs()));
        assertEquals(0, f.call(Sys.GETITIMER, 0, old));
        assertEquals(100_000, f.u64(old + 8));
        assertEquals(50_000, f.u64(old + 24), "next expiry at 400 ms");
        assertEquals(-Errno.EINVAL, f.call(Sys.SETITIMER, 1, it, 0));
        f.as.write64(it + 24, 0);
        assertEquals(0, f.call(Sys.SETITIMER, 0, it, old));
        f.retired[0] += 1_000_000_000L;
        assertFalse(f.k.pollSignals(SignalsTest.faultRegs()), "a zero value disarms");
    }
}
