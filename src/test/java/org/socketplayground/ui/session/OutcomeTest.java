package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Errno;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.transcript.SocketNames;

/** The outcome pane's call and outcome stay short enough for two lines each: long data shows its beginning. */
class OutcomeTest {
    private static final PyValue.Tuple TO = SocketEngine.address("127.0.0.1", 9999);

    private static byte[] filled(int n, char c) {
        byte[] data = new byte[n];
        Arrays.fill(data, (byte) c);
        return data;
    }

    @Test
    void aSendOf70000BytesShowsItsBeginningAndHowManyMoreBytesThereAre() {
        CallRecord r = new CallRecord(7, Instant.now(), "s2", "sendto", List.of(PyValue.of(filled(70_000, 'x')), TO),
                CallRecord.Status.DONE, null, PyError.of(Errno.EMSGSIZE), 100, false, 0, null);
        Outcome o = Outcome.of(r);
        assertEquals("s2.sendto(b'" + "x".repeat(24) + "'…(69976 more bytes), ('127.0.0.1', 9999))", o.call());
        assertEquals("OSError: [Errno 90] Message too long", o.text());
    }

    @Test
    void aSocketALessonNamedIsCalledByItsName() {
        CallRecord r = new CallRecord(3, Instant.now(), "s5", "bind", List.of(TO), CallRecord.Status.DONE, PyValue.NONE,
                null, 100, false, 0, null);
        SocketNames names = new SocketNames();
        names.name("s5", "receiver");
        assertEquals("receiver.bind(('127.0.0.1', 9999))", Outcome.of(r, names).call(), "as the table, the log and the Python pane");
        assertEquals("s5.bind(('127.0.0.1', 9999))", Outcome.of(r).call());
    }

    @Test
    void shortDataIsShownWholeAndLongReceivedDataIsShortenedInsideTheTuple() {
        assertEquals("(b'hello', ('127.0.0.1', 9999))", Outcome.brief(PyValue.tuple(PyValue.of("hello".getBytes()), TO), false));
        String whole = "kept: received before any bad input";
        assertEquals("b'" + whole + "'", Outcome.brief(PyValue.of(whole.getBytes()), false));
        String received = Outcome.brief(PyValue.tuple(PyValue.of(filled(65_507, 'y')), TO), false);
        assertEquals("(b'" + "y".repeat(24) + "'…(65483 more bytes), ('127.0.0.1', 9999))", received);
    }

    @Test
    void escapedBytesAreCountedByWhatTheyShowNotByTheirNumber() {
        String shown = Outcome.brief(PyValue.of(new byte[100]), true);
        assertTrue(shown.startsWith("b'\\x00") && shown.length() < 60, shown);
        int kept = (shown.indexOf("'…") - 2) / 4;
        assertTrue(shown.endsWith("…(" + (100 - kept) + " more bytes)"), shown);
    }
}
