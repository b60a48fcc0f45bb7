package org.socketplayground.engine;

import java.util.Arrays;
import java.util.Optional;

/**
 * A socket's state, named as {@code ss} names it where that reads well to a learner. Two names are ours: a TCP socket
 * that is neither connected nor listening is NEW (ss says UNCONN, a UDP word, and the kernel CLOSE, which reads as if
 * close() had been called), and one whose connection is over while the socket is still open is ENDED (not CLOSED:
 * only close() closes it).
 */
public enum SocketState {
    UNCONN("UNCONN", "A UDP socket with no default peer: it can send to and receive from anyone"),
    NEW("NEW", "A TCP socket not yet connected or listening: connect() it, or bind() and listen()"),
    SYN_SENT("SYN-SENT", "connect() has sent its SYN and waits for the peer's answer"),
    ESTAB("ESTAB", "Connected: send() and recv() talk to the peer (for UDP: connect() chose a default peer)"),
    LISTEN("LISTEN", "Listening: the kernel completes connections, accept() hands them out"),
    CLOSE_WAIT("CLOSE-WAIT", "The peer has finished sending: recv() returns b'' from now on; this end may still send, then close()"),
    ENDED("ENDED", "The connection is over (reset by the peer, or finished both ways); the socket stays open until close()"),
    CLOSED("CLOSED", "close() was called: the socket is gone, every call on it fails with EBADF");

    private final String label;
    private final String meaning;

    SocketState(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    /** What the state means to a learner, in one sentence (the socket table's tooltip). */
    public String meaning() {
        return meaning;
    }

    /** The state a table shows as this label, if any. */
    public static Optional<SocketState> ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
