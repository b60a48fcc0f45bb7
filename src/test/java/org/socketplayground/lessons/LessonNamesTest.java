package org.socketplayground.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.PyConsole;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.engine.SocketInfo;
import org.socketplayground.peers.Peers;
import org.socketplayground.transcript.PythonTranscript;
import org.socketplayground.transcript.SocketNames;

/**
 * The names a lesson gives sockets ({@code As:}, Show me assignments, peers started {@code as NAME}) are learned as
 * the lesson runs, with Show me alone, and the Python transcript writes them: the lesson's text and the code agree.
 */
class LessonNamesTest {

    /** A lesson run with Show me alone, every name the console bound to a socket kept as the window keeps it. */
    private record Run(SocketNames names, Map<String, String> bound, String code) {
    }

    private static Run runWithShowMe(String title) throws InterruptedException {
        Lesson lesson = LessonLibrary.shipped().stream().filter(l -> l.title().startsWith(title)).findFirst().orElseThrow();
        SocketNames names = new SocketNames();
        Map<String, String> bound = new ConcurrentHashMap<>();
        SocketEngine engine = new SocketEngine();
        Peers peers = new Peers(engine);
        try {
            PyConsole console = new PyConsole(engine);
            console.onSocketNamed((name, id) -> {
                bound.put(name, id);
                names.name(id, name);
            });
            PythonTranscript transcript = new PythonTranscript(3_000, id -> engine.socket(id).map(SocketInfo::local).orElse(null), names);
            LessonSession session = new LessonSession(lesson, engine, console, peers);
            engine.addListener(r -> {
                if (!r.isPending()) {
                    synchronized (transcript) {
                        transcript.add(r);
                    }
                    session.observe(r);
                }
            });
            for (int i = 0; i < lesson.steps().size(); i++) {
                session.showMe();
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (!session.isDone(i)) {
                    if (System.nanoTime() > deadline) {
                        fail("step " + (i + 1) + " of '" + lesson.title() + "' did not tick");
                    }
                    Thread.sleep(20);
                }
                session.next();
            }
            synchronized (transcript) {
                return new Run(names, bound, transcript.text());
            }
        } finally {
            // Closing the engine first ends the peers' waiting calls, so their threads stop at once.
            engine.close();
            peers.close();
        }
    }

    @Test
    void aUdpLessonNamesItsReceiverAndSenderAndTheCodeSaysSo() throws Exception {
        Run run = runWithShowMe("Two UDP sockets");
        assertEquals("s1", run.bound().get("receiver"));
        assertEquals("s2", run.bound().get("sender"));
        assertEquals("receiver", run.names().of("s1"));
        assertEquals("sender", run.names().of("s2"));
        String code = run.code();
        assertTrue(code.contains("receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"), code);
        assertTrue(code.contains("receiver.bind(('127.0.0.1', 0))\n"), code);
        assertTrue(code.contains("sender.sendto(b'Hello World', receiver.getsockname())  # 11\n"), code);
        assertTrue(code.contains("receiver.recvfrom(1024)  # (b'Hello World', ('127.0.0.1', "), code);
        assertFalse(code.matches("(?s).*\\bs[12]\\b.*"), "no socket is written by its id: " + code);
    }

    @Test
    void aTcpLessonNamesTheConnectionThatAcceptReturned() throws Exception {
        Run run = runWithShowMe("A TCP conversation");
        assertEquals("server", run.names().of("s1"));
        assertEquals("client", run.names().of("s2"));
        assertEquals("conn", run.names().of("conn1"));
        String code = run.code();
        assertTrue(code.matches("(?s).*\nclient\\.connect\\([^\n]*server\\.getsockname\\(\\)[^\n]*\n.*"), code);
        assertTrue(code.contains("conn, addr1 = server.accept()  # ('127.0.0.1', "), code);
        assertTrue(code.contains("conn.recv(1024)  # b'Hello, TCP'\n"), code);
    }

    @Test
    void aPeerStartedAsANameIsShownByIt() throws Exception {
        Run run = runWithShowMe("A UDP echo server");
        String server = run.bound().get("server");
        assertEquals("server", run.names().of(server));
        assertTrue(run.code().contains("server.recvfrom("), run.code());
        assertTrue(run.code().contains("client1.sendto(b'hello', server.getsockname())"), run.code());
    }

    @Test
    void aNameIsOneSocketsAtATimeAndOnlyOneAScriptCanUse() {
        SocketNames names = new SocketNames();
        assertTrue(names.name("s1", "server"));
        assertFalse(names.name("s1", "server"), "the same name again changes nothing");
        assertTrue(names.name("s4", "server"), "a later lesson's server takes the name");
        assertEquals("server", names.of("s4"));
        assertEquals("s1", names.of("s1"), "the socket that had it is shown by its id again");
        for (String unusable : List.of("class", "socket", "error", "s7", "conn2", "addr1", "2fast", "my-socket", "")) {
            assertFalse(names.name("s2", unusable), "'" + unusable + "' cannot be a variable in the saved script");
        }
        assertEquals("s2", names.of("s2"));
        assertTrue(names.name("s2", "s"), "a plain s is fine");
        assertTrue(names.isCalled("s2", "S"), "the log filter finds a socket by its name");
        assertTrue(names.isCalled("s2", "s2"), "and by its id");
        assertEquals(null, names.of(null));
    }
}
