package org.socketplayground.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;

/**
 * Issue 17: the robustness line counts a class that failed before its tests ran as failed, rather than dropping
 * its group. Each case runs a small class with JUnit's own engine (EngineTestKit), under groups of its own that
 * are dropped from the tally afterwards, without printing a line of its own.
 */
class RobustnessTallyTest {
    private static final String A = "tally self-test a";
    private static final String B = "tally self-test b";

    /** Runs the class and returns the tally of the groups {tried, passed}, A's then B's, then forgets them. */
    private static long[][] run(Class<?> fixture, boolean containerFails) {
        try {
            var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                    .configurationParameter(Robustness.SUMMARY, "false").execute();
            if (containerFails) {   // JUnit itself reports the class as failed
                results.containerEvents().assertThatEvents().haveAtLeastOne(
                        EventConditions.event(EventConditions.container(fixture), EventConditions.finishedWithFailure()));
            }
            return new long[][] {Robustness.tally(A), Robustness.tally(B)};
        } finally {
            Robustness.forget(A);
            Robustness.forget(B);
        }
    }

    @Test
    void aClassWhoseBeforeAllFailsCountsEachOfItsTestsAsFailedInItsGroup() {
        long[][] t = run(BeforeAllFails.class, true);
        assertArrayEquals(new long[] {2, 0}, t[0], "the class's group: two tests tried, none passed");
        assertArrayEquals(new long[] {1, 0}, t[1], "a method's own group");
    }

    @Test
    void aClassWhoseConstructorFailsCountsAsFailed() {
        assertArrayEquals(new long[] {2, 0}, run(ConstructorFails.class, false)[0]);
    }

    @Test
    void testsThatRanAreCountedOnceEvenWhenAfterAllFails() {
        long[][] t = run(RanThenAfterAllFails.class, true);
        assertArrayEquals(new long[] {2, 1}, t[0]);
        assertArrayEquals(new long[] {0, 0}, t[1]);
    }

    // ---------------------------------------------------------------- the classes run (nested: the build skips them)

    @ExtendWith(Robustness.class)
    @Robustness.Group(A)
    static class BeforeAllFails {
        @BeforeAll
        static void openWindow() {
            throw new IllegalStateException("no window today");
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }

        @Test
        @Robustness.Group(B)
        void three() {
        }
    }

    @ExtendWith(Robustness.class)
    @Robustness.Group(A)
    static class ConstructorFails {
        ConstructorFails() {
            throw new IllegalStateException("no instance today");
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @ExtendWith(Robustness.class)
    @Robustness.Group(A)
    static class RanThenAfterAllFails {
        @Test
        void passes() {
        }

        @Test
        void fails() {
            throw new AssertionError("failed");
        }

        @AfterEach
        void nothing() {
        }

        @AfterAll
        static void closeWindow() {
            throw new IllegalStateException("could not close");
        }
    }
}
