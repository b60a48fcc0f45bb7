package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.PythonTranscript;
import org.socketplayground.transcript.SocketNames;

/**
 * Issue 11: a flood's batch is taken a slice a frame, so that no frame waits for tens of thousands of calls; the
 * log takes the batch's rows at once when the last slice is done (it moves once a batch), in order, and nothing is
 * counted twice or left out.
 */
class RecordIntakeTest {
    @Test
    void aBatchTakenInSlicesEndsAsTakenAtOnce() {
        try (SocketEngine engine = new SocketEngine(); Peers peers = new Peers(engine)) {
            List<CallRecord> records = new ArrayList<>();
            engine.addListener(records::add);
            String s = engine.socket(Family.AF_INET, SockType.SOCK_DGRAM).socketId();
            engine.call(s, "bind", SocketEngine.address("127.0.0.1", 0));
            PyValue to = engine.socket(s).map(SocketInfo::local).orElseThrow();
            engine.call(s, "setblocking", PyValue.of(false));
            int datagrams = 0;
            for (int i = 0; i < 3_000; i++) {
                engine.call(s, "sendto", PyValue.of(("datagram " + i).getBytes()), to);
                if (engine.call(s, "recvfrom", PyValue.of(1024)).receivedData() != null) {
                    datagrams++;
                }
            }
            SocketNames names = new SocketNames();
            SessionLog log = new SessionLog(5_000, SessionLog.DEFAULT_BYTES, names);
            RecordIntake intake = new RecordIntake(new PythonTranscript(100, id -> null, names), log, peers,
                    new ContinuousReceiver(engine, peers, names, n -> { }));

            intake.add(records);
            int slices = 0;
            while (intake.busy()) {
                RecordIntake.Taken taken = intake.step(null, 0);   // the least a slice takes: 256 calls
                slices++;
                assertTrue(taken.finished());
                if (intake.busy()) {
                    assertEquals(0, log.visible().size(), "the log moves once, when the batch is done");
                }
            }
            assertEquals((records.size() + 255) / 256, slices, "256 calls a slice");
            assertEquals(5_000, log.visible().size(), "the newest rows the log keeps");
            assertEquals(records.get(records.size() - 1).seq(), log.visible().get(4_999).record().seq(), "in order, the newest last");
            assertEquals(records.get(records.size() - 5_000).seq(), log.visible().get(0).record().seq());
            assertEquals(records.size(), intake.recordsSeen());
            assertEquals(datagrams, intake.datagramsSeen());
            assertFalse(intake.busy());
        }
    }
}
