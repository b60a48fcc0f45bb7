package org.socketplayground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousCloseException;
import org.junit.jupiter.api.Test;

/** The JDK's socket exceptions read back as the errno and exception class Python would show. */
class ErrnoTest {

    private static String python(Exception e) {
        return Errno.of(e).toString();
    }

    @Test
    void jdkMessagesMapToLinuxErrnos() {
        assertEquals("OSError: [Errno 98] Address already in use", python(new BindException("Address already in use")));
        assertEquals("OSError: [Errno 99] Cannot assign requested address",
                python(new BindException("Cannot assign requested address")));
        assertEquals("ConnectionRefusedError: [Errno 111] Connection refused",
                python(new ConnectException("Connection refused")));
        assertEquals("ConnectionResetError: [Errno 104] Connection reset by peer",
                python(new SocketException("Connection reset")));
        assertEquals("BrokenPipeError: [Errno 32] Broken pipe", python(new IOException("Broken pipe")));
        assertEquals("OSError: [Errno 90] Message too long", python(new IOException("Message too long")));
        assertEquals("PermissionError: [Errno 13] Permission denied", python(new IOException("Permission denied")));
        assertEquals("OSError: [Errno 101] Network is unreachable", python(new IOException("Network is unreachable")));
    }

    @Test
    void jdkExceptionTypesMapToo() {
        assertEquals("OSError: [Errno 9] Bad file descriptor", python(new AsynchronousCloseException()));
        assertEquals("OSError: [Errno 22] Invalid argument", python(new AlreadyBoundException()));
        assertEquals("ConnectionRefusedError: [Errno 111] Connection refused", python(new PortUnreachableException()));
    }

    @Test
    void anUnknownFailureKeepsTheJdkWordsAndInventsNoErrno() {
        PyError e = Errno.of(new IOException("Something new"));
        assertEquals("OSError", e.type());
        assertEquals(null, e.errno());
        assertEquals("OSError: Something new", e.toString());
    }

    @Test
    void pythonExceptionClassesFollowPep3151() {
        assertEquals("BlockingIOError: [Errno 11] Resource temporarily unavailable", PyError.of(Errno.EAGAIN).toString());
        assertEquals("BlockingIOError: [Errno 115] Operation now in progress", PyError.of(Errno.EINPROGRESS).toString());
        assertEquals("TimeoutError: timed out", PyError.timeout().toString());
        assertEquals("socket.gaierror: [Errno -2] Name or service not known", Addresses.NAME_UNKNOWN.toString());
        assertEquals("KeyboardInterrupt", PyError.interrupted().toString());
    }
}
