package org.socketplayground.lessons;

import java.util.List;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;
import org.socketplayground.peers.Peers;

/**
 * One line of a step's Show me as a window plays it, for a class to watch: which socket, which call with which
 * arguments (the window fills its fields with them and highlights the button that makes the call), and the line.
 *
 * @param line     the lesson's line of Python, or the built-in peer in words
 * @param socketId the socket the call is made on, {@code socket} for the module's functions, null for no call
 * @param call     the call's name ({@code bind}, {@code sendto}...), or null for a line that makes no call of its own
 * @param args     the call's arguments, evaluated
 * @param peer     a built-in peer is started (from the toolbar's peers menu)
 * @param number   the line's place in the step, from 1
 * @param count    how many lines the step's Show me has
 */
public record Demonstration(String line, String socketId, String call, List<PyValue> args, boolean peer, int number, int count) {

    public Demonstration {
        args = List.copyOf(args);
    }

    /** A line of Python, made ready by the console: its own call still to make, if it has one. */
    public static Demonstration of(PyConsole.Prepared prepared, int number, int count) {
        return new Demonstration(prepared.line(), prepared.on(), prepared.call(), prepared.args(), false, number, count);
    }

    /** A built-in peer that the step starts. */
    public static Demonstration of(Lesson.StartPeer peer, int number, int count) {
        String what = Peers.Kind.of(peer.kind()).description();
        String line = peer.target() == null ? Texts.get("lessons.demonstration.peer", what)
                : Texts.get("lessons.demonstration.peerTo", what, peer.target());
        return new Demonstration(line, null, null, List.of(), true, number, count);
    }

    /** The datagram lab that the step sets on a socket, as the Lab tab would. */
    public static Demonstration of(Lesson.SetLab lab, int number, int count) {
        String line = lab.off() ? Texts.get("lessons.demonstration.labOff", lab.target())
                : Texts.get("lessons.demonstration.labOn", lab.target(), lab.loss(), lab.seed());
        return new Demonstration(line, null, null, List.of(), true, number, count);
    }

    /** The i-th argument, or null when the line gives fewer. */
    public PyValue arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** Whether the line makes a call of its own on a socket (not a function of the module). */
    public boolean onSocket() {
        return call != null && socketId != null && !socketId.equals(SocketEngine.MODULE);
    }
}
