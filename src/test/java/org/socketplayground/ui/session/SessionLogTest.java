package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;

/** The log keeps the newest calls within its rows and one budget in bytes, paused or not, and says when bytes trimmed it. */
class SessionLogTest {
    private static final PyValue.Tuple FROM = SocketEngine.address("127.0.0.1", 5000);
    private long seq;

    private CallRecord received(int bytes) {
        byte[] data = new byte[bytes];
        data[0] = (byte) (seq % 100);
        return new CallRecord(++seq, Instant.now(), "s1", "recvfrom", List.of(PyValue.of(65536)), CallRecord.Status.DONE,
                PyValue.tuple(PyValue.of(data), FROM), null, 1000, false, 0, FROM);
    }

    private List<CallRecord> batch(int n, int bytes) {
        List<CallRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(received(bytes));
        }
        return out;
    }

    private static long keptBytes(SessionLog log) {
        return log.visible().stream().mapToLong(LogRow::bytes).sum();
    }

    @Test
    void smallCallsAreBoundByRowsAndLargeOnesByBytes() {
        SessionLog log = new SessionLog(100, 1_000_000);
        log.take(batch(150, 10));
        assertEquals(100, log.visible().size(), "small calls: the row limit");
        assertEquals(0, log.trimmedForBytesProperty().get(), "no call left for its bytes");
        assertEquals(151, log.visible().get(99).record().seq() + 1, "the newest stay");

        for (int i = 0; i < 40; i++) {
            log.take(batch(1, 100_000));   // 40 calls of 100 kB: ten fit in 1 MB
        }
        assertTrue(keptBytes(log) <= 1_000_000, "within the budget: " + keptBytes(log));
        assertTrue(log.visible().size() < 11, "rows of 100 kB: " + log.visible().size());
        assertEquals(190, log.visible().get(log.visible().size() - 1).record().seq(), "the newest call is the last row");
        assertTrue(log.trimmedForBytesProperty().get() > 0, "the window can say that bytes trimmed the log");
    }

    @Test
    void aBatchThatFillsTheLogOnItsOwnNeverEmptiesIt() {
        // Emptied for a moment, the table would build every row of its page anew (and flash its placeholder).
        SessionLog log = new SessionLog(100, 1_000_000);
        log.take(batch(100, 10));
        List<Integer> sizes = new ArrayList<>();
        log.visible().addListener((javafx.collections.ListChangeListener<LogRow>) c -> sizes.add(log.visible().size()));
        log.take(batch(250, 10));   // a flood's batch: more calls than the log keeps
        assertTrue(sizes.stream().allMatch(n -> n > 0), "sizes the log went through: " + sizes);
        assertEquals(100, log.visible().size());
        assertEquals(350, log.visible().get(99).record().seq(), "the newest call is the last row");
        assertEquals(251, log.visible().get(0).record().seq(), "the oldest of the newest hundred is the first");
    }

    @Test
    void aBatchThatReplacesEveryRowIsNoRemovalAsLargeAsTheLog() {
        // A table counts its rows when it lays out, between batches; a removal of as many rows as it counted it takes
        // for a clear, and builds every row of its page anew.
        SessionLog log = new SessionLog(100, 1_000_000);
        log.take(batch(100, 10));
        int[] laidOut = new int[1];
        List<String> clears = new ArrayList<>();
        log.visible().addListener((javafx.collections.ListChangeListener<LogRow>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && c.getRemovedSize() == laidOut[0]) {
                    clears.add(c.getRemovedSize() + " rows");
                }
            }
        });
        for (int n : new int[] {250, 100, 30, 100}) {   // more calls than the log keeps, as many, fewer
            laidOut[0] = log.visible().size();
            log.take(batch(n, 10));
        }
        assertEquals(List.of(), clears, "removals as large as the log");
        assertEquals(580, log.visible().get(99).record().seq(), "the newest call is the last row");
        assertEquals(481, log.visible().get(0).record().seq(), "the oldest of the newest hundred is the first");
    }

    @Test
    void oneBatchLargerThanTheBudgetKeepsItsNewestCalls() {
        SessionLog log = new SessionLog(10_000, 1_000_000);
        log.take(batch(100, 100_000));
        assertTrue(keptBytes(log) <= 1_000_000, "within the budget: " + keptBytes(log));
        assertEquals(100, log.visible().get(log.visible().size() - 1).record().seq());
        assertTrue(log.trimmedForBytesProperty().get() >= 90, "counted: " + log.trimmedForBytesProperty().get());

        log.take(List.of(received(5_000_000)));   // one call larger than the whole budget still shows
        assertEquals(1, log.visible().size());
        assertEquals(101, log.visible().get(0).record().seq());
    }

    @Test
    void pausedTheRowsOnScreenStayAndResumeShowsTheNewestWithinTheBudget() {
        SessionLog log = new SessionLog(10_000, 1_000_000);
        log.take(batch(5, 100_000));
        log.pausedProperty().set(true);
        for (int i = 0; i < 30; i++) {
            log.take(batch(1, 100_000));
        }
        assertEquals(30, log.arrivedWhilePausedProperty().get(), "the count of what arrived stays exact");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), log.visible().stream().map(r -> r.record().seq()).toList(),
                "the rows on screen stay while the reader reads");
        assertTrue(log.trimmedForBytesProperty().get() > 0, "held calls left for their bytes are counted");
        log.pausedProperty().set(false);
        assertTrue(keptBytes(log) <= 1_000_000, "within the budget: " + keptBytes(log));
        assertEquals(9, log.visible().size(), "as many of the newest as fit: " + log.visible().size());
        assertEquals(35, log.visible().get(log.visible().size() - 1).record().seq(), "resume shows the newest");
        List<Long> seqs = log.visible().stream().map(r -> r.record().seq()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "in order, without gaps among the newest: " + seqs);
        }
        log.clear();
        assertEquals(0, log.trimmedForBytesProperty().get(), "an empty log has nothing to say about trimming");
    }
}
