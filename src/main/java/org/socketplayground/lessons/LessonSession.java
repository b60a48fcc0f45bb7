package org.socketplayground.lessons;

import java.util.ArrayList;
import java.util.List;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.peers.Peers;

/**
 * A lesson being followed: which step is current, which steps are done, and the names the lesson gives to
 * sockets. A step is done when a record matching its expectation arrives while it is current, whether the
 * student made the call by hand or pressed "show me". Pure Java, so lessons can be checked without a window.
 */
public final class LessonSession {
    private final Lesson lesson;
    private final SocketEngine engine;
    private final PyConsole console;
    private final Peers peers;
    private final boolean[] done;
    private int current;

    public LessonSession(Lesson lesson, SocketEngine engine, PyConsole console, Peers peers) {
        this.lesson = lesson;
        this.engine = engine;
        this.console = console;
        this.peers = peers;
        this.done = new boolean[lesson.steps().size()];
        markReadOnlyStep();
    }

    public Lesson lesson() {
        return lesson;
    }

    public synchronized int current() {
        return current;
    }

    public synchronized Lesson.Step step() {
        return lesson.steps().get(current);
    }

    public synchronized boolean isDone(int step) {
        return done[step];
    }

    public synchronized boolean isComplete() {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    /** "3 / 7": the current step's number and the number of steps. */
    public synchronized String progress() {
        return (current + 1) + " / " + done.length;
    }

    public synchronized void next() {
        if (current < done.length - 1) {
            current++;
            markReadOnlyStep();
        }
    }

    public synchronized void previous() {
        if (current > 0) {
            current--;
        }
    }

    private void markReadOnlyStep() {
        if (lesson.steps().get(current).expect() == null) {
            done[current] = true;
        }
    }

    /**
     * Looks at a finished call: if it is what the current step expects, the step is done (and its socket
     * named). Returns true when the step changed to done.
     */
    public synchronized boolean observe(CallRecord r) {
        Lesson.Step step = lesson.steps().get(current);
        if (done[current] || step.expect() == null || !step.expect().matches(r)) {
            return false;
        }
        if (step.on() != null && console.variable(step.on()) instanceof PyValue.SocketRef ref
                && !ref.id().equals(r.socketId())) {
            return false;
        }
        if (step.as() != null) {
            PyValue named = r.call().equals("accept") && r.value() instanceof PyValue.Tuple t ? t.get(0)
                    : r.socketId() == null ? null : new PyValue.SocketRef(r.socketId());
            if (named != null) {
                console.define(step.as(), named);
            }
        }
        done[current] = true;
        return true;
    }

    /**
     * Performs the current step as the lesson shows it: its Python lines and peers, in order. Blocks while
     * the calls run, so a window calls it off its own thread. Returns what each line gave, for display.
     */
    public List<String> showMe() {
        Lesson.Step step = step();
        List<String> results = new ArrayList<>();
        for (Lesson.Action action : step.actions()) {
            if (action instanceof Lesson.PythonLine line) {
                PyConsole.Result r = console.run(line.code());
                results.add(line.code() + "  # " + describe(r));
            } else if (action instanceof Lesson.StartPeer peer) {
                results.add(startPeer(peer));
            } else if (action instanceof Lesson.SetLab lab) {
                results.add(setLab(lab));
            }
        }
        return results;
    }

    /**
     * For a window that plays Show me line by line: runs a line up to its own call (the calls in its arguments are
     * made), which the window then shows and makes. Blocks while those calls run.
     */
    public PyConsole.Prepared prepare(String line) {
        return console.prepare(line);
    }

    /** Completes a prepared line with its call's record: the names it assigns are bound for the next line. */
    public PyConsole.Result finish(PyConsole.Prepared line, CallRecord record) {
        return console.finish(line, record);
    }

    /** What a line gave, as Python would print it: its value (sockets by their names), or its error. */
    public String describe(PyConsole.Result r) {
        return r.failed() ? r.error().toString() : console.describe(r.value());
    }

    /** Puts the datagram lab in front of a named socket (or takes it away) and says what it did. */
    public String setLab(Lesson.SetLab l) {
        if (!(console.variable(l.target()) instanceof PyValue.SocketRef ref)) {
            return Texts.get("lessons.lessonSession.labNoSocket", l.target());
        }
        org.socketplayground.engine.Lab.Settings settings = l.off() ? null : new org.socketplayground.engine.Lab.Settings(
                l.loss(), l.duplicate(), l.reorder(), l.delay(), l.jitter(), l.corrupt(), l.seed());
        if (!engine.lab(ref.id(), settings)) {
            return Texts.get("lessons.lessonSession.labNotUdp", l.target());
        }
        return settings == null ? Texts.get("lessons.lessonSession.labOff", l.target())
                : Texts.get("lessons.lessonSession.labOn", l.target(), settings.describe());
    }

    /** Starts a step's built-in peer and says what started; blocks briefly while its socket is bound. */
    public String startPeer(Lesson.StartPeer p) {
        Peers.Kind kind = Peers.Kind.of(p.kind());
        if (kind == Peers.Kind.UDP_PINGER) {
            PyValue.Tuple target = addressOf(p.target());
            if (target == null) {
                return Texts.get("lessons.lessonSession.pingNoSocket", p.target());
            }
            peers.startPinger(target);
            return Texts.get("lessons.lessonSession.startedPinger", Peers.PINGS, p.target());
        }
        if (kind == Peers.Kind.UDP_FLOOD) {
            PyValue.Tuple target = addressOf(p.target());
            return target == null ? Texts.get("lessons.lessonSession.sendNoSocket", p.target())
                    : Texts.get("lessons.lessonSession.startedFlood", Peers.FLOOD_DATAGRAMS, peers.startFlood(target));
        }
        if (kind == Peers.Kind.UDP_CLIENTS || kind == Peers.Kind.TCP_CLIENTS) {
            PyValue.Tuple target = addressOf(p.target());
            if (target == null) {
                return Texts.get("lessons.lessonSession.sendNoSocket", p.target());
            }
            List<String> ids = peers.startClients(kind == Peers.Kind.UDP_CLIENTS, p.count(), target);
            return Texts.get("lessons.lessonSession.startedClients", ids.size(), String.join(", ", ids));
        }
        String id = peers.startServer(kind, Peers.LOOPBACK, 0, p.prefix() == null ? Peers.DEFAULT_PREFIX : p.prefix());
        if (p.as() != null) {
            console.define(p.as(), new PyValue.SocketRef(id));
        }
        return Texts.get("lessons.lessonSession.startedServer", kind.description(), id);
    }

    /** The address to reach a named socket at: its local address, with 127.0.0.1 for every interface. */
    private PyValue.Tuple addressOf(String name) {
        if (name == null || !(console.variable(name) instanceof PyValue.SocketRef ref)) {
            return null;
        }
        SocketInfo info = engine.socket(ref.id()).orElse(null);
        if (info == null || info.local() == null || !info.family().usesPorts()) {
            return null;   // the built-in peers are UDP and TCP ones
        }
        String host = ((PyValue.Str) info.local().get(0)).value();
        boolean any = host.equals("0.0.0.0") || host.equals("::");
        return SocketEngine.address(any ? Peers.LOOPBACK : host, ((PyValue.Int) info.local().get(1)).value());
    }
}
