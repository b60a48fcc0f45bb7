package org.socketplayground.ui.session;

import java.util.List;

/**
 * The live log as a CSV file (RFC 4180: every field quoted, quotes doubled, CRLF line ends), with the
 * columns the log shows. No cell can run in a spreadsheet: one that starts with {@code = + - @}, a tab or a
 * carriage return gets a leading single quote, so {@code =cmd|' /C calc'!A0} from a datagram stays text.
 */
public final class LogExport {
    public static final List<String> HEADER = List.of("Time", "Socket", "Call", "Source host", "Source port", "Destination", "Bytes",
            "Data");

    private LogExport() {
    }

    /** The rows as CSV, a header line first. */
    public static String csv(List<LogRow> rows, boolean hexData) {
        StringBuilder sb = new StringBuilder(64 * (rows.size() + 1));
        line(sb, HEADER);
        for (LogRow row : rows) {
            line(sb, row.cells(hexData));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            field(sb, spreadsheetSafe(cells.get(i)));
        }
        sb.append("\r\n");
    }

    private static void field(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** The text, with a leading quote if a spreadsheet would otherwise read it as a formula. */
    public static String spreadsheetSafe(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
