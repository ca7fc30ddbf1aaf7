package org.hot86.cpu.semantics;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuMode;
import org.hot86.cpu.CpuState;
import org.hot86.cpu.Segment;
import org.hot86.softmmu.MemoryFault;

/**
 * Loading data-segment registers (Intel SDM Vol. 3A, 3.4.3-3.4.5 and 5.5-5.6; Vol. 2 MOV,
 * POP, LDS/LES/LFS/LGS/LSS "Protected Mode Exceptions"): selector checks, the descriptor
 * read from the GDT or LDT, and the descriptor cache fill. Real mode loads base =
 * selector * 16 without checks.
 *
 * <pre>
 * descriptor (8 bytes, little-endian), as a long:
 *  63..56    55 54 53 52  51..48     47 46-45 44 43..40  39..16      15..0
 * +--------+--+--+--+---+----------+--+-----+--+-------+-----------+-----------+
 * |base hi | G|DB| L|AVL| limit hi | P| DPL | S| type  | base 23:0 | limit 15:0|
 * +--------+--+--+--+---+----------+--+-----+--+-------+-----------+-----------+
 * Segment.attributes = bits 55..40 of the descriptor.
 * </pre>
 * The accessed bit is not written back to the descriptor table (Linux pre-sets it).
 */
public final class Segmentation {
    private Segmentation() {
    }

    private static CpuFault gp(int sel) {
        return new CpuFault(CpuFault.GP, sel & 0xFFFC);
    }

    /** Reads the descriptor for {@code sel} (never null), or raises #GP(sel) if outside the table. */
    static long descriptor(CpuState s, int sel) {
        boolean ldt = (sel & 4) != 0;
        long base = ldt ? s.ldtr.base : s.gdtBase;
        long limit = ldt ? (s.ldtr.selector == 0 ? -1 : s.ldtr.limit) : s.gdtLimit;
        int index = sel & 0xFFF8;
        if (index + 7 > limit) {
            throw gp(sel);
        }
        if (!ldt && s.hiddenGdt != null) {
            return index / 8 < s.hiddenGdt.length ? s.hiddenGdt[index / 8] : 0;
        }
        try {
            return s.mem.read64(base + index);
        } catch (MemoryFault f) {
            throw new CpuFault(f.vector(), f.errorCode(), f.address());
        }
    }

    /**
     * Loads ES, SS, DS, FS or GS with {@code sel} after the protected-mode checks. A null
     * selector is allowed except for SS (#GP(0); in 64-bit mode allowed only at CPL &lt; 3
     * with RPL = CPL). Raises #GP(selector), #SS(selector) or #NP(selector) otherwise.
     */
    public static void loadDataSegment(CpuState s, int seg, int sel) {
        sel &= 0xFFFF;
        Segment dst = s.seg[seg];
        if (s.mode == CpuMode.REAL) {
            dst.loadReal(sel);
            return;
        }
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (seg == CpuState.SS && !(s.mode == CpuMode.LONG_64 && s.cpl < 3 && rpl == s.cpl)) {
                throw CpuFault.GP0;
            }
            dst.selector = sel;
            dst.attributes = 0; // unusable; base kept (FS/GS bases matter in 64-bit mode)
            return;
        }
        long d = descriptor(s, sel);
        int attr = (int) (d >>> 40) & 0xFFFF;
        int type = attr & 0xF;
        boolean system = (attr & Segment.ATTR_S) == 0;
        boolean code = (type & 8) != 0;
        int dpl = (attr >>> Segment.ATTR_DPL_SHIFT) & 3;
        boolean present = (attr & Segment.ATTR_P) != 0;
        if (seg == CpuState.SS) {
            if (rpl != s.cpl || system || code || (type & 2) == 0 || dpl != s.cpl) {
                throw gp(sel);
            }
            if (!present) {
                throw new CpuFault(CpuFault.SS, sel & 0xFFFC);
            }
        } else {
            if (system || (code && (type & 2) == 0)) {
                throw gp(sel);
            }
            boolean conforming = code && (type & 4) != 0;
            if (!conforming && (rpl > dpl || s.cpl > dpl)) {
                throw gp(sel);
            }
            if (!present) {
                throw new CpuFault(CpuFault.NP, sel & 0xFFFC);
            }
        }
        long base = ((d >>> 16) & 0xFFFFFF) | ((d >>> 32) & 0xFF000000L);
        long limit = (d & 0xFFFF) | ((d >>> 32) & 0xF0000);
        if ((attr & Segment.ATTR_G) != 0) {
            limit = (limit << 12) | 0xFFF;
        }
        dst.load(sel, base, limit, attr | 1); // accessed
    }

    /** The descriptor for a LAR/LSL/VERR/VERW probe, or 0 when the selector is null or beyond the table. */
    private static long probe(CpuState s, int sel) {
        if ((sel & 0xFFFC) == 0) {
            return 0;
        }
        try {
            return descriptor(s, sel);
        } catch (CpuFault f) {
            if (f.vector == CpuFault.GP) {
                return 0;
            }
            throw f;
        }
    }

    /** The privilege test shared by LAR, LSL, VERR, VERW: conforming code passes, else DPL >= max(CPL, RPL). */
    private static boolean privilegeOk(CpuState s, int sel, int attr) {
        boolean conformingCode = (attr & Segment.ATTR_S) != 0 && (attr & 0xC) == 0xC;
        int dpl = (attr >>> Segment.ATTR_DPL_SHIFT) & 3;
        return conformingCode || (dpl >= s.cpl && dpl >= (sel & 3));
    }

    private static boolean systemTypeOk(CpuState s, int type, boolean lar) {
        if (s.mode == CpuMode.LONG_64 || s.mode == CpuMode.COMPAT_16 || s.mode == CpuMode.COMPAT_32) {
            return type == 2 || type == 9 || type == 0xB || (lar && type == 0xC);
        }
        return type == 1 || type == 2 || type == 3 || type == 9 || type == 0xB
                || (lar && (type == 4 || type == 5 || type == 0xC));
    }

    /**
     * LAR (SDM LAR): the access-rights bytes of the descriptor (high doubleword masked by
     * 00FFFF00h), or {@link BitOps#NO_WRITE} with ZF = 0 when the selector fails the checks.
     */
    public static long lar(CpuState s, int sel) {
        return larLsl(s, sel & 0xFFFF, true);
    }

    /** LSL (SDM LSL): the byte-granular segment limit, or {@link BitOps#NO_WRITE} with ZF = 0. */
    public static long lsl(CpuState s, int sel) {
        return larLsl(s, sel & 0xFFFF, false);
    }

    private static long larLsl(CpuState s, int sel, boolean lar) {
        long d = probe(s, sel);
        int attr = (int) (d >>> 40) & 0xFFFF;
        boolean ok = d != 0 && privilegeOk(s, sel, attr)
                && ((attr & Segment.ATTR_S) != 0 || systemTypeOk(s, attr & 0xF, lar));
        setZf(s, ok);
        if (!ok) {
            return BitOps.NO_WRITE;
        }
        if (lar) {
            return (d >>> 32) & 0x00FFFF00L;
        }
        long limit = (d & 0xFFFF) | ((d >>> 32) & 0xF0000);
        return (attr & Segment.ATTR_G) != 0 ? (limit << 12) | 0xFFF : limit;
    }

    /** VERR ({@code write = false}) / VERW: ZF = 1 if the segment is readable / writable at this privilege. */
    public static void verify(CpuState s, int sel, boolean write) {
        long d = probe(s, sel & 0xFFFF);
        int attr = (int) (d >>> 40) & 0xFFFF;
        boolean ok = d != 0 && (attr & Segment.ATTR_S) != 0;
        if (ok) {
            boolean code = (attr & 8) != 0;
            ok = write ? !code && (attr & 2) != 0 : !code || (attr & 2) != 0;
            ok &= privilegeOk(s, sel, attr);
        }
        setZf(s, ok);
    }

    private static void setZf(CpuState s, boolean zf) {
        s.materialize();
        s.rflags = zf ? s.rflags | org.hot86.cpu.Flags.ZF : s.rflags & ~org.hot86.cpu.Flags.ZF;
    }
}
