package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the receive loop watches for one socket: its channel's key on the loop's selector, or, for a channel of another
 * kind (AF_UNIX datagrams), the {@link ForeignWatch} of that kind, which wakes the socket's entry itself. The loop's
 * thread only.
 */
final class ChannelWatch {
    /** What came of a watch: the channel is watched, it closed meanwhile, or no selector was to be had for it. */
    enum Outcome { WATCHED, CHANGED, NO_SELECTOR }

    /** The selector and the foreign watches of one receive loop, shared by its entries' watches. */
    static final class Selectors implements AutoCloseable {
        final Selector selector;
        /** Watches for channels of other kinds, made when first needed. */
        private final Map<SelectorProvider, ForeignWatch> foreign = new ConcurrentHashMap<>();

        Selectors() throws IOException {
            selector = Selector.open();
        }

        /** Closing the selector wakes the loop's thread; every channel's registration goes with it. */
        @Override
        public void close() {
            PySocket.closeQuietly(selector);
            foreign.values().forEach(ForeignWatch::close);
        }
    }

    private final Selectors selectors;
    /** The key's attachment: what the loop steps when the key is selected. */
    private final Object attachment;
    /** What a foreign watch runs when the channel is ready. */
    private final Runnable waker;
    private SelectionKey key;
    /** The channel a {@link ForeignWatch} watches, or null. */
    private SelectableChannel foreignChannel;

    ChannelWatch(Selectors selectors, Object attachment, Runnable waker) {
        this.selectors = selectors;
        this.attachment = attachment;
        this.waker = waker;
    }

    /** Watches ch for ops (null: nothing, while the socket rests). */
    Outcome watch(SelectableChannel ch, int ops) {
        if (foreignChannel != null && foreignChannel != ch) {
            selectors.foreign.get(foreignChannel.provider()).cancel(foreignChannel);
            foreignChannel = null;
        }
        if (ch != null && ch.provider() != selectors.selector.provider()) {
            return watchForeign(ch, ops);
        }
        try {
            if (key != null && (ch == null || key.channel() != ch || !key.isValid())) {
                if (ch == null && key.isValid()) {
                    key.interestOps(0);
                    return Outcome.WATCHED;
                }
                key.cancel();
                key = null;
            }
            if (ch == null) {
                return Outcome.WATCHED;
            }
            if (key == null) {
                try {
                    key = ch.register(selectors.selector, ops, attachment);
                } catch (CancelledKeyException stale) {
                    selectors.selector.selectNow();   // a key cancelled here stays until the next selection
                    key = ch.register(selectors.selector, ops, attachment);
                }
            } else {
                key.interestOps(ops);
            }
            return Outcome.WATCHED;
        } catch (ClosedChannelException | CancelledKeyException ex) {
            key = null;
            return Outcome.CHANGED;   // closed meanwhile: the next step says so
        } catch (IOException ex) {
            return Outcome.CHANGED;
        }
    }

    private Outcome watchForeign(SelectableChannel ch, int ops) {
        if (key != null) {
            key.cancel();
            key = null;
        }
        ForeignWatch watch = selectors.foreign.get(ch.provider());
        try {
            if (watch == null) {
                watch = new ForeignWatch(ch.provider());
                selectors.foreign.put(ch.provider(), watch);
            }
        } catch (IOException ex) {
            return Outcome.NO_SELECTOR;
        }
        foreignChannel = ch;
        watch.watch(ch, ops, waker);
        return Outcome.WATCHED;
    }

    /** Watches nothing more, for good. */
    void cancel() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (foreignChannel != null) {
            selectors.foreign.get(foreignChannel.provider()).cancel(foreignChannel);
            foreignChannel = null;
        }
    }
}
