package org.socketplayground.engine;

/**
 * Lets one thread abandon the calls another thread makes with this handle, a call about to start included: once
 * {@link #abandon} has returned, no call made with it starts, and one under way takes nothing more (it ends with
 * KeyboardInterrupt). A receive loop that is switched off uses it, so that no hidden recvfrom takes the next datagram.
 */
public final class CallHandle {
    private boolean abandoned;
    private CallContext current;

    public void abandon() {
        CallContext ctx;
        synchronized (this) {
            abandoned = true;
            ctx = current;
        }
        if (ctx != null) {
            ctx.cancel();   // outside this lock: it waits for an attempt to take data under way
        }
    }

    public synchronized boolean abandoned() {
        return abandoned;
    }

    /** False once abandoned: the call must not start. */
    synchronized boolean attach(CallContext ctx) {
        if (abandoned) {
            return false;
        }
        current = ctx;
        return true;
    }

    synchronized void detach(CallContext ctx) {
        if (current == ctx) {
            current = null;
        }
    }
}
