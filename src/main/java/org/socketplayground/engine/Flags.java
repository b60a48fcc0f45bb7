package org.socketplayground.engine;

/** The flags of recv and send that the engine honours, with Linux's numbers. */
final class Flags {
    static final int MSG_PEEK = 0x2;
    static final int MSG_DONTWAIT = 0x40;

    private Flags() {
    }

    /**
     * MSG_DONTWAIT makes a blocking socket's call not wait. A socket with a timeout still waits for readiness first,
     * as CPython polls before it makes the call, so there the flag changes nothing.
     */
    static Deadline deadline(int flags, Deadline socketDeadline) {
        return (flags & MSG_DONTWAIT) != 0 && socketDeadline.infinite() ? Deadline.NON_BLOCKING : socketDeadline;
    }
}
