package org.hot86.conformance.jit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hot86.decoder.Decoder;
import org.hot86.decoder.Form;
import org.hot86.decoder.Instruction;
import org.hot86.decoder.Mode;

/**
 * Random x86-64 instruction sequences for the interpreter-vs-compiled differential
 * properties, generated from the instruction table ({@link Form#encoding()} and the
 * operand letters of each form's name). Every generated instruction is decoded back and
 * kept only if the decoder agrees on its form and length.
 *
 * <p>Program shape (R15 is the loop counter and is never an operand, nor is R14, the inner
 * counter of {@link #nested}; RSP is never a ModRM operand):
 * <pre>
 *   mov r15d, iterations
 * loop:
 *   body (each instruction optionally preceded by a Jcc that skips it)
 *   dec r15 ; jnz loop ; syscall
 * </pre>
 * Memory operands are [rbx/rbp/rsi + disp] (pointers into the data pages unless the body
 * clobbers them: then the access faults), RIP-relative into the data pages, or, rarely,
 * RIP-relative into the code page itself (self-modifying stores).
 */
final class BlockSequences {
    private BlockSequences() {
    }

    private static final Set<String> MNEMONICS = Set.of("ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP",
            "TEST", "INC", "DEC", "NEG", "NOT", "MUL", "IMUL", "DIV", "IDIV", "MOV", "MOVZX", "MOVSX", "MOVSXD",
            "LEA", "SHL", "SHR", "SAR", "ROL", "ROR", "RCL", "RCR", "SETCC", "CMOVCC", "XCHG", "CBW", "CWD", "NOP",
            "PUSH", "POP", "BT", "BTS", "BTR", "BTC", "BSF", "BSR", "XADD", "CMPXCHG", "BSWAP", "LAHF", "SAHF", "CLC",
            "STC", "CMC", "SHLD", "SHRD", "MOVBE",
            // SSE forms with native code: moves, logical, integer compare/add/sub, PMOVMSKB
            "MOVAPS", "MOVAPD", "MOVDQA", "MOVUPS", "MOVUPD", "MOVDQU", "MOVSD", "MOVQ", "MOVD", "PMOVMSKB", "PXOR",
            "POR", "PAND", "PANDN", "XORPS", "XORPD", "ORPS", "ORPD", "ANDPS", "ANDPD", "ANDNPS", "ANDNPD", "PCMPEQB",
            "PCMPEQW", "PCMPEQD", "PMINUB", "PMAXUB", "PADDB", "PADDD", "PADDQ", "PSUBB", "PSUBD", "PSUBQ", "PSLLW",
            "PSLLD", "PSLLQ", "PSRLW", "PSRLD", "PSRLQ", "PSRAW", "PSRAD");
    private static final Set<String> OPERANDS = Set.of("Eb", "Ev", "Gb", "Gv", "Ib", "Ibs", "Iz", "Iv", "AL", "rAX",
            "Zv", "Zb", "Ew", "Ed", "M", "Mv", "1", "CL", "Zy", "Gv_Ev", "Vx", "Wx", "Vps", "Wps", "Vpd", "Wpd", "Vsd",
            "Wsd", "Vq", "Wq", "Ey", "Gy", "Ux");

    /** The forms the generator draws from (table-driven). */
    static final List<Form> FORMS = new ArrayList<>();

    static {
        for (Form f : Form.values()) {
            String n = f.name();
            int u = n.indexOf('_');
            String m = u < 0 ? n : n.substring(0, u);
            if (!MNEMONICS.contains(m) || f.encoding().isEmpty()) {
                continue;
            }
            boolean ok = true;
            if (u >= 0) {
                for (String op : n.substring(u + 1).split("_")) {
                    ok &= OPERANDS.contains(op);
                }
            }
            if (ok) {
                FORMS.add(f);
            }
        }
    }

    /** A generated program and a listing of its body for failure reports. */
    record Program(byte[] code, String listing) {
    }

    static Program program(List<Integer> body, int iterations, boolean allowSelfModify) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder listing = new StringBuilder();
        out.writeBytes(new byte[] {0x41, (byte) 0xBF, (byte) iterations, 0, 0, 0}); // mov r15d, n
        int loop = out.size();
        body(out, listing, body, allowSelfModify);
        return closeLoop(out, loop, listing);
    }

    /**
     * A multi-block program for region compilation: nested counted loops (R15 outer, R14
     * inner), random bodies with Jcc skips (forward branches inside the loops), a CALL to a
     * function inside the inner loop and its RET, and a backward Jcc from the inner loop's
     * tail to its head:
     * <pre>
     *   mov r15d, outer
     * outer:
     *   mov r14d, inner
     * inner:
     *   body a ; [call f] ; body b
     *   dec r14 ; jnz inner
     *   body c
     *   dec r15 ; jnz outer
     *   syscall
     * f:
     *   body d ; ret
     * </pre>
     */
    static Program nested(List<Integer> a, List<Integer> b, List<Integer> c, List<Integer> d, int outer, int inner,
            boolean call, boolean allowSelfModify) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder listing = new StringBuilder();
        out.writeBytes(new byte[] {0x41, (byte) 0xBF, (byte) outer, 0, 0, 0}); // mov r15d, outer
        listing.append("  mov r15d, ").append(outer).append("\nouter:\n");
        int outerAt = out.size();
        out.writeBytes(new byte[] {0x41, (byte) 0xBE, (byte) inner, 0, 0, 0}); // mov r14d, inner
        listing.append("  mov r14d, ").append(inner).append("\ninner:\n");
        int innerAt = out.size();
        body(out, listing, a, allowSelfModify);
        int callAt = -1;
        if (call) {
            callAt = out.size();
            out.writeBytes(new byte[] {(byte) 0xE8, 0, 0, 0, 0}); // call f (patched below)
            listing.append("  call f\n");
        }
        body(out, listing, b, allowSelfModify);
        out.writeBytes(new byte[] {0x49, (byte) 0xFF, (byte) 0xCE}); // dec r14
        jcc32(out, 0x85, innerAt);
        listing.append("  dec r14 ; jnz inner\n");
        body(out, listing, c, allowSelfModify);
        out.writeBytes(new byte[] {0x49, (byte) 0xFF, (byte) 0xCF}); // dec r15
        jcc32(out, 0x85, outerAt);
        listing.append("  dec r15 ; jnz outer\n");
        out.writeBytes(new byte[] {0x0F, 0x05}); // syscall
        listing.append("  syscall\nf:\n");
        int f = out.size();
        body(out, listing, d, allowSelfModify);
        out.write(0xC3); // ret
        listing.append("  ret\n");
        byte[] code = out.toByteArray();
        if (callAt >= 0) {
            int rel = f - (callAt + 5);
            for (int k = 0; k < 4; k++) {
                code[callAt + 1 + k] = (byte) (rel >>> (8 * k));
            }
        }
        return new Program(code, listing.toString());
    }

    /** Appends {@code jcc rel32} (0F 80+cc) to {@code target}. */
    private static void jcc32(ByteArrayOutputStream out, int opcode, int target) {
        int rel = target - (out.size() + 6);
        out.writeBytes(new byte[] {0x0F, (byte) opcode, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16),
                (byte) (rel >> 24)});
    }

    /** Appends random instructions, one per seed, each sometimes skipped by a Jcc (a block boundary). */
    private static void body(ByteArrayOutputStream out, StringBuilder listing, List<Integer> body,
            boolean allowSelfModify) {
        Decoder d = new Decoder(Mode.BITS64);
        for (int seed : body) {
            Random r = new Random(seed);
            byte[] insn = null;
            Instruction i = new Instruction();
            for (int attempt = 0; attempt < 20 && insn == null; attempt++) {
                byte[] cand = encode(r, FORMS.get(r.nextInt(FORMS.size())), allowSelfModify);
                if (cand != null && d.decode(cand, 0, cand.length, i) == cand.length && i.isValid()) {
                    insn = cand;
                }
            }
            if (insn == null) {
                insn = new byte[] {(byte) 0x90};
                d.decode(insn, 0, 1, i);
            }
            if (r.nextInt(8) == 0) { // Jcc over the instruction: a block boundary and a conditional exit
                out.write(0x70 | r.nextInt(16));
                out.write(insn.length);
                listing.append("  jcc +").append(insn.length).append('\n');
            }
            out.writeBytes(insn);
            listing.append("  ").append(i).append('\n');
        }
    }

    /** The loop of {@link #program} around a fixed body of encoded instructions. */
    static Program fixed(byte[][] body, int iterations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder listing = new StringBuilder();
        out.writeBytes(new byte[] {0x41, (byte) 0xBF, (byte) iterations, 0, 0, 0}); // mov r15d, n
        int loop = out.size();
        Decoder d = new Decoder(Mode.BITS64);
        for (byte[] insn : body) {
            Instruction i = new Instruction();
            if (d.decode(insn, 0, insn.length, i) != insn.length || !i.isValid()) {
                throw new IllegalArgumentException("bad test instruction " + java.util.HexFormat.of().formatHex(insn));
            }
            out.writeBytes(insn);
            listing.append("  ").append(i).append('\n');
        }
        return closeLoop(out, loop, listing);
    }

    /** Ends a program begun with {@code mov r15d, n} at {@code loop}: dec r15 ; jnz loop ; syscall. */
    private static Program closeLoop(ByteArrayOutputStream out, int loop, StringBuilder listing) {
        out.writeBytes(new byte[] {0x49, (byte) 0xFF, (byte) 0xCF}); // dec r15
        int rel = loop - (out.size() + 6);
        out.writeBytes(new byte[] {0x0F, (byte) 0x85, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16),
                (byte) (rel >> 24)}); // jnz loop
        out.writeBytes(new byte[] {0x0F, 0x05}); // syscall
        return new Program(out.toByteArray(), listing.toString());
    }

    private static int reg(Random r) {
        while (true) {
            int v = r.nextInt(16);
            if (v != 4 && v != 14 && v != 15) {
                return v;
            }
        }
    }

    /** Encodes one instance of {@code f}, or null if its encoding is not one this generator handles. */
    static byte[] encode(Random r, Form f, boolean allowSelfModify) {
        String enc = f.encoding().split(",")[0].trim();
        String name = f.name();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a mandatory prefix (NP: none; 66/F2/F3 before 0F) goes before REX, and excludes a random 66
        int mandatory = -1;
        if (enc.startsWith("NP ")) {
            mandatory = 0;
            enc = enc.substring(3);
        } else if (enc.matches("(66|F2|F3) 0F .*")) {
            mandatory = Integer.parseInt(enc.substring(0, 2), 16);
            enc = enc.substring(3);
        }
        boolean opsize16 = mandatory < 0 && r.nextInt(6) == 0;
        boolean w = r.nextInt(2) == 0;
        List<Integer> ops = new ArrayList<>();
        int digit = -1;
        boolean modrm = false;
        int plusReg = -1;
        for (String t : enc.split(" ")) {
            if (t.matches("[0-9A-F]{2}")) {
                ops.add(Integer.parseInt(t, 16));
            } else if (t.matches("[0-9A-F]{2}\\+r")) {
                plusReg = reg(r);
                ops.add(Integer.parseInt(t.substring(0, 2), 16) + (plusReg & 7));
            } else if (t.matches("[0-9A-F]{2}\\+cc")) {
                ops.add(Integer.parseInt(t.substring(0, 2), 16) + r.nextInt(16));
            } else if (t.equals("/r")) {
                modrm = true;
            } else if (t.matches("/[0-7]")) {
                modrm = true;
                digit = t.charAt(1) - '0';
            }
        }
        boolean memOnly = name.endsWith("_M") || name.contains("_Mv");
        boolean mem = memOnly || (modrm && r.nextInt(5) < 2);
        int regField = digit >= 0 ? digit : reg(r);
        int rmReg = reg(r);
        int rex = 0;
        if (w) {
            rex |= 8;
        }
        if (regField > 7) {
            rex |= 4;
        }
        if (plusReg > 7) {
            rex |= 1;
        }
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        if (modrm) {
            if (mem) {
                int kind = r.nextInt(16);
                if (kind < 10) {
                    int[] bases = {3, 5, 6};
                    int base = bases[r.nextInt(3)];
                    tail.write(0x40 | (regField & 7) << 3 | base);
                    tail.write(r.nextInt(256));
                } else if (kind < 14 || !allowSelfModify) {
                    tail.write((regField & 7) << 3 | 5); // RIP-relative into the data pages
                    writeInt(tail, 0x200000 + r.nextInt(0x1000) - 0x800);
                } else {
                    tail.write((regField & 7) << 3 | 5); // RIP-relative into the code page
                    writeInt(tail, r.nextInt(0x40));
                }
            } else {
                tail.write(0xC0 | (regField & 7) << 3 | (rmReg & 7));
                if (rmReg > 7) {
                    rex |= 1;
                }
            }
        }
        int z = opsize16 ? 2 : 4;
        if (name.endsWith("_Ib") || name.endsWith("_Ibs") || name.contains("_Ib_")) {
            tail.write(r.nextInt(256));
        } else if (name.endsWith("_Iz")) {
            writeN(tail, r.nextLong(), z);
        } else if (name.endsWith("_Iv")) {
            writeN(tail, r.nextLong(), w ? 8 : z);
        }
        if (opsize16) {
            out.write(0x66);
        }
        if (mandatory > 0) {
            out.write(mandatory);
        }
        if (rex != 0 || r.nextInt(4) == 0) {
            out.write(0x40 | rex);
        }
        for (int b : ops) {
            out.write(b);
        }
        out.writeBytes(tail.toByteArray());
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream o, int v) {
        writeN(o, v, 4);
    }

    private static void writeN(ByteArrayOutputStream o, long v, int n) {
        for (int k = 0; k < n; k++) {
            o.write((int) (v >>> (8 * k)));
        }
    }
}
