package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Export capture… in the log's bar: a pcap file of what the log shows, and the status bar says what it wrote. */
class CaptureExportTest extends SharedWindow {

    @Test
    void theLogsCaptureExportSaysWhatItWrote() throws Exception {
        String a = boundUdp();
        ui.selectSocket(a);
        ui.set("payloadField", "captured");
        ui.set("destHostField", "127.0.0.1");
        ui.set("destPortField", port(a));
        ui.call("sendButton");
        ui.expectOutcome("8");
        Path pcap = Files.createTempFile("capture", ".pcap");
        System.setProperty("playground.pcapTo", pcap.toString());
        try {
            ui.call("exportPcapButton");
            ui.waitUntil(() -> ui.label("statusBar").matches(".*Exported a capture of [0-9,]+ packets? to " + Pattern.quote(pcap.toString()) + "\\..*"),
                    () -> "exported: " + ui.label("statusBar"));
        } finally {
            System.clearProperty("playground.pcapTo");
        }
        byte[] file = Files.readAllBytes(pcap);
        assertEquals(0xd4, file[0] & 0xff, "a pcap file, little-endian");
        assertEquals(101, file[20] & 0xff, "LINKTYPE_RAW");
        assertTrue(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains("captured"), "the datagram's bytes");
        Files.delete(pcap);
    }
}
