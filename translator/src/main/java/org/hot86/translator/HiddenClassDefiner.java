package org.hot86.translator;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Defines generated classes as JVM hidden classes in this package.
 *
 * <p>Hidden classes are defined without {@code ClassOption.STRONG}, so a translation the
 * code cache drops becomes unreachable and its class is unloaded by the garbage
 * collector: a long run that retranslates self-modifying code does not leak metaspace.
 * Each generated class must name itself in package {@code org.hot86.translator}
 * (the package of the lookup that defines it); {@link #nextName(String)} gives such names.
 *
 * <p>Thread-safe: the translator may compile on a background thread.
 */
public final class HiddenClassDefiner {
    private static final String PACKAGE = HiddenClassDefiner.class.getPackageName().replace('.', '/');

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong defined = new AtomicLong();

    /** A fresh internal name such as {@code org/hot86/translator/Block$401000_17}. */
    public String nextName(String stem) {
        return PACKAGE + "/" + stem + "_" + counter.incrementAndGet();
    }

    /**
     * Defines and initialises {@code classBytes} as a hidden class.
     *
     * @throws IllegalArgumentException if the bytes are not a valid class for this package
     *     (the translator treats this as a bug and falls back to the interpreter)
     */
    public Class<?> define(byte[] classBytes) {
        try {
            Class<?> c = lookup.defineHiddenClass(classBytes, true).lookupClass();
            defined.incrementAndGet();
            return c;
        } catch (IllegalAccessException | LinkageError e) {
            throw new IllegalArgumentException("generated class rejected by the JVM: " + e, e);
        }
    }

    /** Defines the class and returns a new instance made by its public no-argument constructor. */
    public <T> T instantiate(byte[] classBytes, Class<T> type) {
        Class<?> c = define(classBytes);
        try {
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("generated class cannot be instantiated: " + e, e);
        }
    }

    /** How many classes this definer has defined. */
    public long definedCount() {
        return defined.get();
    }
}
