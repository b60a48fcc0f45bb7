package org.socketplayground.robustness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The robustness suite's tally (issue 6): every test of a class or method marked {@link Group} counts as one
 * case of its group, passed or not; tests that try many cases at once (the fuzz) add their own counts. When the
 * whole test run ends, one line sums it up, e.g.
 * {@code robustness: bad input 29/29, faults 14/14, fuzz 100000/100000, security 9/9}, followed by the figures
 * the tests measured; the same text goes to {@code target/robustness.txt}. A class that fails before any of its
 * tests ran ({@code @BeforeAll}, its constructor, an extension) counts each of its tests as tried and failed,
 * rather than dropping out of the line.
 */
public final class Robustness implements TestWatcher, BeforeAllCallback, AfterAllCallback {
    /** The group a test class or method counts in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Group {
        String value();
    }

    public static final String BAD_INPUT = "bad input";
    public static final String FAULTS = "faults";
    public static final String FUZZ = "fuzz";
    public static final String FUZZ_WINDOW = "fuzz through the window";
    public static final String SECURITY = "security";
    private static final List<String> ORDER = List.of(BAD_INPUT, FAULTS, FUZZ, FUZZ_WINDOW, SECURITY);

    /** Per group: cases tried, cases passed. */
    private static final Map<String, AtomicLongArray> TALLY = new ConcurrentHashMap<>();
    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();
    /** Per test class running: how many of its tests the tally has counted so far. */
    private static final Map<Class<?>, AtomicLong> COUNTED = new ConcurrentHashMap<>();
    /** Configuration parameter: "false" runs the tally without printing the line (a run inside a test). */
    public static final String SUMMARY = "robustness.summary";

    /** Adds cases to a group's count. */
    public static void count(String group, long tried, long passed) {
        AtomicLongArray t = TALLY.computeIfAbsent(group, g -> new AtomicLongArray(2));
        t.addAndGet(0, tried);
        t.addAndGet(1, passed);
    }

    /** A measured figure, printed under the summary line (and to the test's own output at once). */
    public static void figure(String text) {
        FIGURES.add(text);
        System.out.println("robustness figure: " + text);
    }

    /** The summary line as it stands. */
    public static String summary() {
        List<String> parts = new ArrayList<>();
        List<String> groups = new ArrayList<>(ORDER);
        TALLY.keySet().stream().filter(g -> !ORDER.contains(g)).sorted().forEach(groups::add);
        for (String g : groups) {
            AtomicLongArray t = TALLY.get(g);
            if (t != null) {
                parts.add(g + " " + t.get(1) + "/" + t.get(0));
            }
        }
        return "robustness: " + (parts.isEmpty() ? "no cases run" : String.join(", ", parts));
    }

    /** A group's count as it stands: {tried, passed}. */
    static long[] tally(String group) {
        AtomicLongArray t = TALLY.get(group);
        return t == null ? new long[2] : new long[] {t.get(0), t.get(1)};
    }

    /** Drops a group from the tally (a test of the tally itself, so that its cases stay out of the line). */
    static void forget(String group) {
        TALLY.remove(group);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        COUNTED.put(context.getRequiredTestClass(), new AtomicLong());
        if (context.getConfigurationParameter(SUMMARY).map("false"::equals).orElse(false)) {
            return;
        }
        // Closed when the whole run ends, after the last test class: that is when the summary is printed.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Summary.class, k -> new Summary(), Summary.class);
    }

    /** A class that failed before any test of it was counted: each of its tests counts as tried, none as passed. */
    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        AtomicLong counted = COUNTED.remove(c);
        if (context.getExecutionException().isEmpty() || (counted != null && counted.get() > 0)) {
            return;
        }
        List<Method> tests = ReflectionSupport.findMethods(c, m -> AnnotationSupport.isAnnotated(m, Testable.class),
                HierarchyTraversalMode.TOP_DOWN);
        for (Method m : tests) {
            group(Optional.of(m), c).ifPresent(g -> count(g, 1, 0));
        }
        if (tests.isEmpty()) {
            group(Optional.empty(), c).ifPresent(g -> count(g, 1, 0));
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        counted(context).ifPresent(g -> count(g, 1, 1));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        counted(context).ifPresent(g -> count(g, 1, 0));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        counted(context).ifPresent(g -> count(g, 1, 0));
    }

    /** The test's group, once the test is marked as counted for its class. */
    private static Optional<String> counted(ExtensionContext context) {
        context.getTestClass().map(COUNTED::get).ifPresent(AtomicLong::incrementAndGet);
        return group(context.getTestMethod(), context.getTestClass().orElse(null));
    }

    private static Optional<String> group(Optional<Method> method, Class<?> testClass) {
        Optional<Group> onMethod = method.map(m -> m.getAnnotation(Group.class));
        if (onMethod.isPresent()) {
            return onMethod.map(Group::value);
        }
        return Optional.ofNullable(testClass).map(c -> c.getAnnotation(Group.class)).map(Group::value);
    }

    @SuppressWarnings("deprecation")
    private static final class Summary implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final AtomicBoolean printed = new AtomicBoolean();

        @Override
        public void close() {
            if (!printed.compareAndSet(false, true)) {
                return;
            }
            StringBuilder sb = new StringBuilder(summary()).append('\n');
            for (String f : FIGURES) {
                sb.append("  ").append(f).append('\n');
            }
            System.out.print(sb);
            System.out.flush();
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                try {
                    Files.writeString(target.resolve("robustness.txt"), sb, StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    // the console has it
                }
            }
        }
    }
}
