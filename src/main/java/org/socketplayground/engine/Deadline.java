package org.socketplayground.engine;

/** When a call must give up, from the timeout it read when it started. */
record Deadline(long atNanos) {
    static final Deadline NON_BLOCKING = new Deadline(-1);
    static final Deadline INFINITE = new Deadline(Long.MAX_VALUE);

    /** From Python's sock_timeout: null blocks forever, 0.0 never blocks, else seconds. */
    static Deadline of(Double timeout) {
        if (timeout == null) {
            return INFINITE;
        }
        if (timeout == 0.0) {
            return NON_BLOCKING;
        }
        return new Deadline(System.nanoTime() + (long) (timeout * 1e9));
    }

    boolean nonBlocking() {
        return atNanos == -1;
    }

    boolean infinite() {
        return atNanos == Long.MAX_VALUE;
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }
}
