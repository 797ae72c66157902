package org.jinban.kiosk.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault suite's proxy against an echo server on loopback: forwards, drops, stalls, counts. */
@Timeout(30)
class FaultProxyIT {
    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> echoAll(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        proxy = FaultProxy.start(echo.getLocalPort(), new Random(7));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWaysAndCountsConnections() throws IOException {
        try (Socket a = connect(); Socket b = connect()) {
            assertEquals("ping", roundTrip(a, "ping"));
            assertEquals("二号", roundTrip(b, "二号"));
            assertEquals(2, proxy.connections());
            assertEquals(2, proxy.live());
        }
    }

    @Test
    void dropAllCutsEveryLiveConnectionAndNewOnesStillWork() throws Exception {
        Socket a = connect();
        Socket b = connect();
        roundTrip(a, "a");
        roundTrip(b, "b");
        assertEquals(2, proxy.dropAll());
        assertClosed(a);
        assertClosed(b);
        assertEquals(0, proxy.live());
        assertEquals(2, proxy.dropped());
        try (Socket c = connect()) {
            assertEquals("again", roundTrip(c, "again"));
        }
        assertEquals(3, proxy.connections());
    }

    @Test
    void aStallForwardsNothingUntilItEndsAndClosesNothing() throws IOException {
        try (Socket s = connect()) {
            roundTrip(s, "before");
            long at = System.nanoTime();
            proxy.stall(Duration.ofMillis(800));
            assertTrue(proxy.stalled());
            s.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(new byte[16]),
                    "nothing crosses during a stall");
            s.setSoTimeout(5_000);
            assertArrayEquals("held".getBytes(StandardCharsets.UTF_8), s.getInputStream().readNBytes(4),
                    "what was sent during the stall arrives after it");
            assertTrue(System.nanoTime() - at >= Duration.ofMillis(800).toNanos(), "not before the stall ends");
            assertEquals(1, proxy.live(), "the connection stayed open");
            assertEquals(0, proxy.connectionsSince(at), "no new connection");
            assertEquals(1, proxy.connections());
        }
    }

    @Test
    void aClientIsCutWhenNothingListensUpstream() throws Exception {
        // a port held by a socket that is bound but not listening: refused, and nobody else's meanwhile
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (FaultProxy nowhere = FaultProxy.start(holder.getLocalPort(), new Random(7))) {
                Socket s = new Socket();
                try (s) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), nowhere.port()), 2_000);
                    s.setSoTimeout(5_000);
                    assertClosed(s);
                } catch (SocketException resetWhileConnecting) {
                    // the proxy's reset can beat the end of the client's own handshake: cut as well
                }
                assertEquals(1, nowhere.connections());
                assertEquals(0, nowhere.live());
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        return new String(s.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    /** The proxy cut {@code s}: a read ends (FIN) or fails (RST), and does not time out. */
    private static void assertClosed(Socket s) {
        try {
            assertEquals(-1, s.getInputStream().read(), "end of stream");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open", e);
        } catch (IOException reset) {
            // a reset: cut as well
        }
    }

    private static void echoAll(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the proxy cut it
        }
    }
}
