package org.hot86.translator;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Debugging and test aids for generated classes: a readable bytecode listing (ASM's
 * {@code Textifier}, used by {@code -d out_asm} and the golden tests) and ASM's bytecode
 * verifier ({@code CheckClassAdapter}), which every generated class must pass.
 */
public final class ClassDump {
    private ClassDump() {}

    /** The class as text, one instruction per line. */
    public static String text(byte[] classBytes) {
        StringWriter sw = new StringWriter();
        new ClassReader(classBytes).accept(new TraceClassVisitor(new PrintWriter(sw)), 0);
        return sw.toString();
    }

    /**
     * Runs ASM's data-flow verifier over every method.
     *
     * @return null if the class verifies, otherwise the verifier's report
     */
    public static String verify(byte[] classBytes) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        CheckClassAdapter.verify(new ClassReader(classBytes), HiddenClassDefiner.class.getClassLoader(), false, pw);
        pw.flush();
        String report = sw.toString();
        return report.isEmpty() ? null : report;
    }
}
