package org.socketplayground.engine;

/** A socket's state, named as {@code ss} names it. */
public enum SocketState {
    UNCONN("UNCONN"),
    SYN_SENT("SYN-SENT"),
    ESTAB("ESTAB"),
    LISTEN("LISTEN"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSED("CLOSED");

    private final String label;

    SocketState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
