package org.socketplayground.transcript;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names sockets are shown by: the name a lesson gave a socket ({@code As: receiver}, or a Show me line such as
 * {@code receiver = socket.socket(...)}), else the engine's id ({@code s4}). The engine keeps its ids; only what the
 * window shows and the transcript writes changes, so that the lesson's text and the screen agree.
 *
 * <p>The transcript writes names as Python variables, so a name must be one that a script can use: an identifier,
 * not a keyword, not a name the saved script uses itself, and not one that looks like another socket's id. A name
 * belongs to one socket at a time: given to another socket (a later lesson's {@code server}), it moves there, as a
 * Python variable would, and the socket that had it is shown by its id again. Reads are safe from any thread.
 */
public final class SocketNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names that could be taken for an engine id or an accept's address variable. */
    private static final Pattern LOOKS_LIKE_ID = Pattern.compile("(s|conn|addr)\\d+");
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield", "match", "case", "_");
    /** What the saved script itself uses: its modules, select()'s r, w, x, helpers and the builtins it calls. */
    private static final Set<String> SCRIPT_NAMES = Set.of("socket", "select", "r", "w", "x", "error", "e", "print", "repr",
            "type", "str", "set", "Exception", "SystemExit", "TimeoutError", "OSError", "BlockingIOError", "KeyboardInterrupt",
            OtherPrograms.WAIT, OtherPrograms.PRINT, OtherPrograms.ACCEPT, OtherPrograms.SILENT);

    private final Map<String, String> nameById = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();

    /** Whether a script may use this as a socket's variable. */
    public static boolean usable(String name) {
        return name != null && IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name)
                && !SCRIPT_NAMES.contains(name) && !LOOKS_LIKE_ID.matcher(name).matches();
    }

    /**
     * Gives a socket a name, taking it from the socket that had it. A name a script could not use is ignored, and the
     * socket keeps what it had. Returns whether any socket's name changed.
     */
    public synchronized boolean name(String socketId, String name) {
        if (socketId == null || !usable(name) || name.equals(nameById.get(socketId))) {
            return false;
        }
        String previousHolder = idByName.put(name, socketId);
        if (previousHolder != null) {
            nameById.remove(previousHolder);
        }
        String previousName = nameById.put(socketId, name);
        if (previousName != null) {
            idByName.remove(previousName);
        }
        return true;
    }

    /** The name a socket is shown by: its lesson name, else its id (null stays null). */
    public String of(String socketId) {
        if (socketId == null) {
            return null;
        }
        return nameById.getOrDefault(socketId, socketId);
    }

    /** Whether the text is what the socket is shown by, or its id (so a log filter finds it either way). */
    public boolean isCalled(String socketId, String text) {
        return socketId != null && (socketId.equalsIgnoreCase(text) || of(socketId).equalsIgnoreCase(text));
    }
}
