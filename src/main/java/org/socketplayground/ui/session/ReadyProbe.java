package org.socketplayground.ui.session;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.socketplayground.engine.SocketEngine;

/**
 * The socket table's Ready column: what select() would answer now for each socket, asked of the system off the
 * JavaFX thread at the window's slow tick (four times a second), one probe at a time, and shown at the next pulse.
 */
final class ReadyProbe {
    private final SocketEngine engine;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicReference<Map<String, String>> latest = new AtomicReference<>();

    ReadyProbe(SocketEngine engine) {
        this.engine = engine;
    }

    /** Starts a probe unless one is under way (a slow machine skips a tick rather than queue them). */
    void tick() {
        if (probing.compareAndSet(false, true)) {
            CompletableFuture.supplyAsync(engine::readiness).whenComplete((ready, failure) -> {
                if (ready != null) {
                    latest.set(ready);
                }
                probing.set(false);
            });
        }
    }

    /** Shows the latest answer, if a new one came; the JavaFX thread. */
    void apply(SocketRows rows) {
        Map<String, String> ready = latest.getAndSet(null);
        if (ready != null) {
            rows.showReady(ready);
        }
    }
}
