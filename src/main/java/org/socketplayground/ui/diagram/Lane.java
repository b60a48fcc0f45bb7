package org.socketplayground.ui.diagram;

/**
 * One endpoint of the sequence diagram: an app socket (its name and address) or a remote host:port or path.
 *
 * @param key     "s:" and the socket's id for an app socket, "a:" and the address for any other endpoint
 * @param title   the socket's name, or "remote" for an endpoint outside the app
 * @param address the address as ss shows it (127.0.0.1:5000, *:9999, /tmp/chat.sock)
 * @param colour  the sender colour of the address, or -1 while it sent nothing the log shows
 */
public record Lane(String key, String title, String address, int colour) {
}
