package org.hot86.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class HiddenClassDefinerTest {
    final HiddenClassDefiner definer = new HiddenClassDefiner();

    /** A class implementing LongUnaryOperator as x * mul + add; {@code broken} drops an operand. */
    static byte[] generate(String name, long mul, long add, boolean broken) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {"java/util/function/LongUnaryOperator"});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "applyAsLong", "(J)J", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.LLOAD, 1);
        m.visitLdcInsn(mul);
        m.visitInsn(Opcodes.LMUL);
        if (!broken) {
            m.visitLdcInsn(add);
        }
        m.visitInsn(Opcodes.LADD);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(6, 3);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void definesAndRunsAGeneratedClass() {
        byte[] bytes = generate(definer.nextName("Lin"), 3, 1, false);
        assertNull(ClassDump.verify(bytes));
        LongUnaryOperator f = definer.instantiate(bytes, LongUnaryOperator.class);
        assertEquals(31, f.applyAsLong(10));
        assertTrue(f.getClass().isHidden());
        assertEquals(1, definer.definedCount());
    }

    @Test
    void verifierRejectsBrokenBytecodeAndTheJvmToo() {
        byte[] bytes = generate(definer.nextName("Bad"), 3, 1, true);
        String report = ClassDump.verify(bytes);
        assertNotNull(report);
        assertTrue(report.contains("Cannot pop operand off an empty stack"), report);
        assertThrows(IllegalArgumentException.class, () -> definer.define(bytes));
    }

    @Test
    void textDumpListsTheInstructions() {
        String text = ClassDump.text(generate(definer.nextName("Txt"), 5, 7, false));
        assertTrue(text.contains("LMUL"), text);
        assertTrue(text.contains("LDC 7"), text);
    }

    @Test
    void droppedClassesAreUnloaded() throws InterruptedException {
        WeakReference<Class<?>> ref = defineAndDrop();
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "hidden class still reachable after dropping every reference");
    }

    private WeakReference<Class<?>> defineAndDrop() {
        LongUnaryOperator f = definer.instantiate(generate(definer.nextName("Tmp"), 2, 0, false),
                LongUnaryOperator.class);
        assertEquals(8, f.applyAsLong(4));
        return new WeakReference<>(f.getClass());
    }
}
