package org.socketplayground.ui.session;

import org.socketplayground.engine.CallRecord;
import org.socketplayground.engine.PyError;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.i18n.Texts;

/** A plain-words line for each outcome a student meets, and a hint where one helps. */
public final class Explanations {

    public record Explanation(String meaning, String hint) {
    }

    private Explanations() {
    }

    public static Explanation of(CallRecord r) {
        if (r.isPending()) {
            return new Explanation(Texts.get("session.explanations.pending.meaning", r.call()),
                    Texts.get("session.explanations.pending.hint"));
        }
        PyError e = r.error();
        if (e == null) {
            return success(r);
        }
        String call = r.call();
        if (e.type().equals("socket.gaierror")) {
            return e.errno() != null && e.errno() == -9
                    ? new Explanation(Texts.get("session.explanations.otherFamily.meaning"),
                            Texts.get("session.explanations.otherFamily.hint"))
                    : looksLikeIpv4(r)
                    ? new Explanation(Texts.get("session.explanations.notIpv4.meaning"),
                            Texts.get("session.explanations.notIpv4.hint"))
                    : new Explanation(Texts.get("session.explanations.noSuchHost.meaning"),
                            Texts.get("session.explanations.noSuchHost.hint"));
        }
        if (e.errno() == null) {
            return switch (e.type()) {
                case "TimeoutError" -> new Explanation(Texts.get("session.explanations.timeout.meaning", call),
                        Texts.get("session.explanations.timeout.hint"));
                case "KeyboardInterrupt" -> new Explanation(Texts.get("session.explanations.interrupted.meaning"), null);
                case "OverflowError" -> new Explanation(Texts.get("session.explanations.overflow.meaning"), null);
                case "ValueError", "TypeError" -> new Explanation(Texts.get("session.explanations.badArgument.meaning"), null);
                default -> new Explanation(e.message(), null);
            };
        }
        return switch (e.errno()) {
            case 11 -> new Explanation(Texts.get("session.explanations.errno11.meaning"),
                    Texts.get("session.explanations.errno11.hint"));
            case 115 -> new Explanation(Texts.get("session.explanations.errno115.meaning"),
                    Texts.get("session.explanations.errno115.hint"));
            case 114 -> new Explanation(Texts.get("session.explanations.errno114.meaning"), null);
            case 98 -> new Explanation(Texts.get("session.explanations.errno98.meaning"),
                    Texts.get("session.explanations.errno98.hint"));
            case 99 -> new Explanation(Texts.get("session.explanations.errno99.meaning"),
                    Texts.get("session.explanations.errno99.hint"));
            case 13 -> new Explanation(Texts.get("session.explanations.errno13.meaning"),
                    Texts.get("session.explanations.errno13.hint"));
            case 111 -> call.startsWith("connect")
                    ? new Explanation(Texts.get("session.explanations.errno111.connect.meaning"),
                            Texts.get("session.explanations.errno111.connect.hint"))
                    // Only a connected UDP socket hears of a refusal, on a later call: ICMP "port unreachable".
                    : new Explanation(Texts.get("session.explanations.errno111.udp.meaning"),
                            Texts.get("session.explanations.errno111.udp.hint"));
            case 104 -> new Explanation(Texts.get("session.explanations.errno104.meaning"), null);
            case 32 -> new Explanation(Texts.get("session.explanations.errno32.meaning"), null);
            case 107 -> new Explanation(Texts.get("session.explanations.errno107.meaning"),
                    Texts.get("session.explanations.errno107.hint"));
            case 106 -> new Explanation(Texts.get("session.explanations.errno106.meaning"), null);
            case 9 -> new Explanation(Texts.get("session.explanations.errno9.meaning"),
                    Texts.get("session.explanations.errno9.hint"));
            case 22 -> new Explanation(Texts.get("session.explanations.errno22.meaning"), null);
            case 95 -> new Explanation(Texts.get("session.explanations.errno95.meaning"), null);
            case 89 -> new Explanation(Texts.get("session.explanations.errno89.meaning"), null);
            case 90 -> new Explanation(Texts.get("session.explanations.errno90.meaning"), null);
            case 92 -> new Explanation(Texts.get("session.explanations.errno92.meaning"), null);
            default -> new Explanation(e.message(), null);
        };
    }

    /** Whether the call's address has a host of four dotted numbers, such as 999.1.1.1. */
    private static boolean looksLikeIpv4(CallRecord r) {
        for (PyValue arg : r.args()) {
            if (arg instanceof PyValue.Tuple t && t.size() >= 2 && t.get(0) instanceof PyValue.Str host) {
                return host.value().matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            }
        }
        return false;
    }

    private static Explanation success(CallRecord r) {
        return switch (r.call()) {
            case "socket" -> new Explanation(Texts.get("session.explanations.socket.meaning", r.socketId()), null);
            case "bind" -> new Explanation(Texts.get("session.explanations.bind.meaning"), null);
            case "listen" -> new Explanation(Texts.get("session.explanations.listen.meaning"), null);
            case "accept" -> new Explanation(Texts.get("session.explanations.accept.meaning"), null);
            case "connect" -> new Explanation(Texts.get("session.explanations.connect.meaning"), null);
            case "sendto", "send" -> new Explanation(Texts.get("session.explanations.send.meaning", r.call()), null);
            case "sendall" -> new Explanation(Texts.get("session.explanations.sendall.meaning"), null);
            case "recvfrom" -> r.discarded() > 0
                    ? new Explanation(r.discarded() == 1
                            ? Texts.get("session.explanations.recvfromCut.meaning.one", r.discarded())
                            : Texts.get("session.explanations.recvfromCut.meaning.other", r.discarded()),
                            Texts.get("session.explanations.recvfromCut.hint"))
                    : r.source() != null && r.source().size() == 1
                    ? new Explanation(Texts.get("session.explanations.recvfromPath.meaning"), null)
                    : new Explanation(Texts.get("session.explanations.recvfrom.meaning"), null);
            case "recv" -> r.receivedData() != null && r.receivedData().length() == 0
                    ? new Explanation(Texts.get("session.explanations.recvClosed.meaning"), null)
                    : new Explanation(Texts.get("session.explanations.recv.meaning"), null);
            case "close" -> new Explanation(Texts.get("session.explanations.close.meaning"), null);
            default -> new Explanation("", null);
        };
    }
}
