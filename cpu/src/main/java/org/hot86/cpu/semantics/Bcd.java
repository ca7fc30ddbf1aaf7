package org.hot86.cpu.semantics;

import static org.hot86.cpu.CpuState.RAX;
import static org.hot86.cpu.Flags.AF;
import static org.hot86.cpu.Flags.CF;
import static org.hot86.cpu.Flags.zsp;

import org.hot86.cpu.CpuFault;
import org.hot86.cpu.CpuState;

/**
 * Decimal arithmetic (Intel SDM Vol. 1, 7.3.2.3; Vol. 2 DAA, DAS, AAA, AAS, AAM, AAD),
 * all invalid in 64-bit mode (the decoder rejects them there). Operate on AL/AH in place.
 * Undefined flags: OF for DAA/DAS; OF, SF, ZF, PF for AAA/AAS; OF, AF, CF for AAM/AAD
 * (we compute SF/ZF/PF from AL where the SDM leaves them undefined, and clear OF).
 */
public final class Bcd {
    private Bcd() {
    }

    private static int al(CpuState s) {
        return (int) s.gpr[RAX] & 0xFF;
    }

    private static void setAl(CpuState s, int v) {
        s.writeReg(RAX, 8, false, v);
    }

    /** DAA, following the SDM pseudo-code. */
    public static void daa(CpuState s) {
        int oldAl = al(s);
        boolean oldCf = s.cf();
        boolean af = s.af();
        int al = oldAl;
        boolean cf = false;
        if ((al & 0xF) > 9 || af) {
            cf = oldCf || al + 6 > 0xFF;
            al = (al + 6) & 0xFF;
            af = true;
        } else {
            af = false;
        }
        if (oldAl > 0x99 || oldCf) {
            al = (al + 0x60) & 0xFF;
            cf = true;
        } else {
            cf = false;
        }
        setAl(s, al);
        s.setStatusFlags(zsp(al, 8) | (cf ? CF : 0) | (af ? AF : 0));
    }

    /** DAS, following the SDM pseudo-code. */
    public static void das(CpuState s) {
        int oldAl = al(s);
        boolean oldCf = s.cf();
        boolean af = s.af();
        int al = oldAl;
        boolean cf = false;
        if ((al & 0xF) > 9 || af) {
            cf = oldCf || al < 6;
            al = (al - 6) & 0xFF;
            af = true;
        } else {
            af = false;
        }
        if (oldAl > 0x99 || oldCf) {
            al = (al - 0x60) & 0xFF;
            cf = true;
        }
        setAl(s, al);
        s.setStatusFlags(zsp(al, 8) | (cf ? CF : 0) | (af ? AF : 0));
    }

    /** AAA: AX += 106h when the low nibble overflowed; AL keeps its low nibble. */
    public static void aaa(CpuState s) {
        long ax = s.gpr[RAX] & 0xFFFF;
        boolean adj = (ax & 0xF) > 9 || s.af();
        if (adj) {
            ax = (ax + 0x106) & 0xFFFF;
        }
        ax &= 0xFF0F;
        s.writeReg(RAX, 16, false, ax);
        s.setStatusFlags(zsp(ax & 0xFF, 8) | (adj ? CF | AF : 0));
    }

    /** AAS: AX -= 6, AH -= 1 when the low nibble borrowed; AL keeps its low nibble. */
    public static void aas(CpuState s) {
        long ax = s.gpr[RAX] & 0xFFFF;
        boolean adj = (ax & 0xF) > 9 || s.af();
        if (adj) {
            ax = (ax - 6) & 0xFFFF;
            ax = (ax - 0x100) & 0xFFFF;
        }
        ax &= 0xFF0F;
        s.writeReg(RAX, 16, false, ax);
        s.setStatusFlags(zsp(ax & 0xFF, 8) | (adj ? CF | AF : 0));
    }

    /** AAM imm8: AH = AL / imm8, AL = AL % imm8; #DE for imm8 = 0. */
    public static void aam(CpuState s, int base) {
        base &= 0xFF;
        if (base == 0) {
            throw CpuFault.DIVIDE_ERROR;
        }
        int al = al(s);
        int r = al % base;
        s.writeReg(RAX, 16, false, ((long) (al / base) << 8) | r);
        s.setStatusFlags(zsp(r, 8));
    }

    /** AAD imm8: AL = (AL + AH * imm8) & FFh, AH = 0. */
    public static void aad(CpuState s, int base) {
        long ax = s.gpr[RAX];
        int al = (int) ((ax & 0xFF) + ((ax >>> 8) & 0xFF) * (base & 0xFF)) & 0xFF;
        s.writeReg(RAX, 16, false, al);
        s.setStatusFlags(zsp(al, 8));
    }
}
