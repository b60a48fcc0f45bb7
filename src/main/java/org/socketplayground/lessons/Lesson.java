package org.socketplayground.lessons;

import java.util.List;

/**
 * A lesson: a title, an introduction and steps. Written by a teacher as Markdown; see {@link LessonParser}.
 */
public record Lesson(String title, String intro, List<Step> steps) {

    public Lesson {
        steps = List.copyOf(steps);
    }

    /**
     * One step: what to read, what to do, and how the playground tells it was done.
     *
     * @param expect  the call that completes the step, or null for a step that is only read
     * @param on      the name of the socket the call must be made on, or null for any
     * @param as      a name to give the socket of the completing call (for accept: the new connection)
     * @param actions what "show me" does, in order: Python lines and built-in peers
     */
    public record Step(String title, String text, Expectation expect, String on, String as, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** A "show me" action: a line of Python, or a built-in peer to start. */
    public sealed interface Action {
    }

    /** {@code Show me: s.recvfrom(1024)} */
    public record PythonLine(String code) implements Action {
    }

    /** {@code Lab: server loss=30 seed=1}: the datagram lab in front of what a named UDP socket receives; off to remove it */
    public record SetLab(String target, int loss, int duplicate, int reorder, int delay, int jitter, int corrupt, long seed,
                         boolean off) implements Action {
    }

    /** {@code Peer: udp-echo as server prefix=OK...} or {@code Peer: udp-clients 5 to server} */
    public record StartPeer(String kind, String as, String prefix, int count, String target) implements Action {
    }

    @Override
    public String toString() {
        return title;
    }
}
