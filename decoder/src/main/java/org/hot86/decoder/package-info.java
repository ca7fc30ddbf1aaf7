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
 * <li>Validity: {@code decode} returns INVALID (#UD) for undefined opcodes, i64/o64 forms in
 *     the wrong mode, LOCK on a non-lockable form or register destination
 *     ({@link org.hot86.decoder.Instruction#lockViolation()}), MOV with segment register 6/7 or
 *     to CS, and prefixes before VEX. Left to the CPU: CR/DR numbers, CPUID features
 *     ({@code form().feature()}), CPL ({@code form().privileged()}).
 * <li>VEX/EVEX instructions decode (exact length, validity) to {@code VEX_INSTRUCTION} /
 *     {@code EVEX_INSTRUCTION}: the CPU raises #UD for them.
 * </ul>
 * Implementation: {@code table} (encoding grammar, operand specs, opcode lookup arrays),
 * {@code VexDecoder}/{@code VexTable}, {@code format} (formatter, VEX names). Changes after
 * the first version are additive only.
 */
package org.hot86.decoder;
