package org.socketplayground.ui;

import java.util.ArrayList;
import java.util.List;

/** Reads CSV by RFC 4180, strictly: quoted fields with doubled quotes, CRLF between records. */
final class Csv {
    private Csv() {
    }

    /** Whether a spreadsheet would take the cell for a formula: it starts with = + - @, a tab or a return. */
    static boolean runsInSpreadsheet(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("not RFC 4180 at " + i + ": " + text.substring(Math.max(0, i - 20), Math.min(text.length(), i + 20)));
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field does not end");
        }
        if (fieldStarted || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
