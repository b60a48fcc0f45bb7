package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Watches, for the receive loop, channels its selector cannot take (junixsocket's AF_UNIX channels register only
 * with junixsocket's selectors): on a thread of its own, with a selector of their kind; a channel that becomes ready
 * wakes its loop entry, which the loop then steps as any other.
 */
final class ForeignWatch implements AutoCloseable {
    private final Selector selector;
    /** Registrations and cancellations, made on the watch's own thread: a selector in select() may not take them. */
    private final ConcurrentLinkedQueue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ForeignWatch(SelectorProvider provider) throws IOException {
        selector = provider.openSelector();
        Thread thread = new Thread(this::run, "receive-loop-unix");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches ch for ops, once: when it is ready, ready runs (on this watch's thread) and the watch ends. */
    void watch(SelectableChannel ch, int ops, Runnable ready) {
        changes.add(() -> {
            try {
                SelectionKey key = ch.keyFor(selector);
                if (key != null && key.isValid()) {
                    key.attach(ready);
                    key.interestOps(ops);
                } else {
                    if (key != null) {
                        selector.selectNow();   // a cancelled key stays until the next selection
                    }
                    ch.register(selector, ops, ready);
                }
            } catch (IOException | RuntimeException e) {
                ready.run();   // closed meanwhile: the entry's next step says so
            }
        });
        selector.wakeup();
    }

    /** Stops watching ch. */
    void cancel(SelectableChannel ch) {
        changes.add(() -> {
            SelectionKey key = ch.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
        });
        selector.wakeup();
    }

    private void run() {
        try {
            while (!closed) {
                for (Runnable change = changes.poll(); change != null; change = changes.poll()) {
                    change.run();
                }
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        key.interestOps(0);
                        ((Runnable) key.attachment()).run();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed with the loop
        }
    }

    @Override
    public void close() {
        closed = true;
        PySocket.closeQuietly(selector);
    }
}
