package org.socketplayground.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Starts the calls submitted for one target in the order they were submitted: each starts once the one before has
 * started to wait or has returned, so a recvfrom that waits never holds up the sendto clicked after it. A pool alone
 * would start them in whatever order its threads happen to run.
 */
final class OrderedStarts {
    private final Executor executor;
    /** Per target, the last submitted call's start. */
    private final Map<String, CompletableFuture<Void>> lastStarted = new ConcurrentHashMap<>();

    OrderedStarts(Executor executor) {
        this.executor = executor;
    }

    /** call gets the Runnable to run once it has started to wait or has returned. */
    CompletableFuture<CallRecord> submit(String target, Function<Runnable, CallRecord> call) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<CallRecord> done = new CompletableFuture<>();
        CompletableFuture<Void> before = lastStarted.put(target, started);
        Runnable run = () -> {
            try {
                done.complete(call.apply(() -> started.complete(null)));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            } finally {
                started.complete(null);
                lastStarted.remove(target, started);
            }
        };
        Runnable start = () -> {
            try {
                executor.execute(run);
            } catch (RejectedExecutionException e) {   // the engine is closed
                started.complete(null);
                lastStarted.remove(target, started);
                done.completeExceptionally(e);
            }
        };
        if (before == null) {
            start.run();
        } else {
            before.thenRun(start);
        }
        return done;
    }
}
