/**
 * x86 decoder: bytes to {@link org.hot86.decoder.Instruction} for 16/32/64-bit code.
 *
 * <h2>API note (for cpu, translator, conformance)</h2>
 * <pre>
 *   Decoder d = new Decoder(Mode.BITS64);          // stateless, shareable
 *   Instruction insn = new Instruction();           // reusable; decode allocates nothing else
 *   int n = d.decode(buf, off, limit, insn);        // n &gt; 0: length; or INVALID (#UD),
 *                                                   // TRUNCATED (fetch more), TOO_LONG (#GP)
 *   switch (insn.form()) { case ADD_Ev_Gv -&gt; ...; case JCC_Jb -&gt; insn.condition() ... }
 * </pre>
 * <ul>
 * <li>{@link org.hot86.decoder.Form} is the instruction table and the enum to switch on:
 *     one constant per semantic form, named mnemonic + SDM operand notation; it carries
 *     flags read/written/undefined ({@link org.hot86.decoder.Flags} masks at EFLAGS bit
 *     positions), lockable, d64/f64, ends-block, privileged, CPUID feature.
 * <li>{@link org.hot86.decoder.Instruction}: length, operandSize/addressSize (bits),
 *     prefixes (lock, repPrefix, segmentOverride), reg()/rm() resolved register numbers
 *     (with high-byte flags), memory operand (base, index, scale, displacement, segment,
 *     ripRelative), immediate()/immediate2() already extended per the form, branchTarget().
 * <li>{@link org.hot86.decoder.format.IntelFormatter}: objdump-style Intel syntax.
 * </ul>
 * Implementation: {@code table} (encoding grammar, operand specs, opcode lookup arrays),
 * {@code format} (formatter). The additions after the first version are additive only.
 */
package org.hot86.decoder;
