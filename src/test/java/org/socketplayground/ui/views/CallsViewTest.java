package org.socketplayground.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.Family;
import org.socketplayground.engine.SockType;
import org.socketplayground.engine.SocketEngine;
import org.socketplayground.ui.calls.CallsView;

/**
 * The calls pane alone, with its outcome (OutcomeView, included in its FXML): its buttons make calls on the socket
 * the session has selected, its fields are checked before any call, and the outcome reads as Python prints it.
 */
class CallsViewTest extends OneView<CallsView> {
    CallsViewTest() {
        super(CallsView.class);
    }

    private void expectOutcome(String text) {
        waitUntil(() -> text("outcomeLabel").equals(text),
                () -> "the outcome reads " + text + " (it reads " + text("outcomeLabel") + ", after " + text("outcomeCallLabel") + ")");
    }

    private boolean outcomeStyled(String style) {
        return onFx(() -> node("outcomeLabel", Label.class).getStyleClass().contains(style));
    }

    @Test
    void sendtoWithTheTypedDestinationReachesASecondRealSocket() {
        String sender = udpSocket();
        long senderPort = bindLoopback(sender);
        String receiver = udpSocket();
        long receiverPort = bindLoopback(receiver);
        selectInSession(sender);
        waitUntil(() -> text("selectedLabel").equals("Calls on " + sender), () -> "the pane names " + sender + " (" + text("selectedLabel") + ")");

        type("payloadField", "hello");
        type("destHostField", "127.0.0.1");
        type("destPortField", Long.toString(receiverPort));
        press("sendButton");
        expectOutcome("5");
        assertEquals(sender + ".sendto(b'hello', ('127.0.0.1', " + receiverPort + "))", text("outcomeCallLabel"));
        assertTrue(outcomeStyled("success"), "a call that returned is styled as a success");

        CallRecord got = recvfrom(receiver);
        assertEquals("hello", got.receivedData().text(), "the datagram arrived whole");
        assertEquals(SocketEngine.address("127.0.0.1", senderPort), got.source(), "from the sender's own address");
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithNoCallAndAFixedOneBindsAndFillsTheDestination() {
        String s = udpSocket();
        selectInSession(s);
        assertEquals("", text("destPortField"));

        typeKeys("portField", "abc");
        click("payloadField");   // the cursor elsewhere when the call is refused
        press("bindButton");
        waitUntil(() -> text("outcomeCallLabel").equals("No call made: the port field needs fixing."),
                () -> "the refusal is shown (" + text("outcomeCallLabel") + " / " + text("outcomeLabel") + ")");
        assertEquals("'abc' is not a port number: type digits, 0-65535.", text("outcomeLabel"));
        assertTrue(outcomeStyled("refused"), "a refusal is styled as one");
        waitUntil(() -> node("portField", TextField.class).isFocused(), "the cursor is put in the field to fix");
        assertEquals("abc", onFx(() -> node("portField", TextField.class).getSelectedText()), "its text selected, to type over");

        typeKeys("portField", "0");
        press("bindButton");
        expectOutcome("None");
        assertEquals(1, finished("bind").size(), () -> "one bind, the fixed one, reached the engine: " + records);
        assertEquals(List.of(SocketEngine.address("127.0.0.1", 0)), finished("bind").get(0).args());
        long port = port(s);
        waitUntil(() -> text("destPortField").equals(Long.toString(port)),
                () -> "after the first bind the destination is the socket's own port " + port + " (it reads " + text("destPortField") + ")");
    }

    @Test
    void theButtonsFollowTheSelectedSocketsType() {
        waitUntil(() -> text("selectedLabel").equals("Calls — select a socket"), () -> "nothing selected (" + text("selectedLabel") + ")");
        for (String button : List.of("bindButton", "connectButton", "sendButton", "recvButton", "closeButton")) {
            assertTrue(disabled(button), button + " is disabled with no socket selected");
        }

        String udp = udpSocket();
        String tcp = socket(Family.AF_INET, SockType.SOCK_STREAM);
        selectInSession(udp);
        waitUntil(() -> text("sendButton").equals("sendto()") && text("recvButton").equals("recvfrom()") && !disabled("bindButton"),
                () -> "UDP buttons (" + text("sendButton") + ", " + text("recvButton") + ")");
        assertTrue(disabled("sendallButton"), "no sendall() for UDP");
        assertFalse(disabled("destPortField"), "UDP sends to a destination");
        assertFalse(disabled("autoReplyToggle"));

        selectInSession(tcp);
        waitUntil(() -> text("sendButton").equals("send()") && text("recvButton").equals("recv()"),
                () -> "TCP buttons (" + text("sendButton") + ", " + text("recvButton") + ")");
        assertEquals("Calls on " + tcp, text("selectedLabel"));
        assertFalse(disabled("sendallButton"), "sendall() for TCP");
        assertTrue(disabled("destHostField") && disabled("destPortField"), "a TCP socket sends to its peer, no destination");
        assertTrue(disabled("autoReplyToggle"), "auto-reply is for UDP");
    }

    @Test
    void theOutcomeShowsABlockingRecvfromWaitingThenItsDatagramAndAnErrorWithItsHint() {
        String s = udpSocket();
        long port = bindLoopback(s);
        String other = udpSocket();
        long otherPort = bindLoopback(other);
        selectInSession(s);

        press("recvButton");
        expectOutcome("waiting…");
        assertEquals(s + ".recvfrom(1024)", text("outcomeCallLabel"));
        assertTrue(outcomeStyled("pending"), "a waiting call is styled as pending");

        sendto(other, "wake up", port);
        expectOutcome("(b'wake up', ('127.0.0.1', " + otherPort + "))");
        assertTrue(outcomeStyled("success") && !outcomeStyled("pending"), "the style follows the outcome");

        selectInSession(other);
        type("portField", Long.toString(port));
        press("bindButton");
        expectOutcome("OSError: [Errno 22] Invalid argument");   // other is bound already
        assertTrue(outcomeStyled("error"), "an exception is styled as an error");
        assertFalse(text("explanationLabel").isBlank(), "the outcome is explained in plain words");

        String third = udpSocket();
        selectInSession(third);
        press("bindButton");
        expectOutcome("OSError: [Errno 98] Address already in use");
        assertTrue(text("explanationLabel").contains("SO_REUSEADDR"), () -> "the hint: " + text("explanationLabel"));
        assertEquals(third + ".bind(('127.0.0.1', " + port + "))", text("outcomeCallLabel"));
        // A long call or explanation may end in "…" in the box: the latest outcome's whole text is a hover away.
        assertEquals(text("outcomeCallLabel"), tooltip("outcomeCallLabel"));
        assertEquals(text("explanationLabel"), tooltip("explanationLabel"));
    }
}
