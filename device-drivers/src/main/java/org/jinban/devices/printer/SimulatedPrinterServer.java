package org.jinban.devices.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PrinterSimulator} behind a loopback TCP port, like a network printer on 9100: one
 * connection at a time, replies to DLE EOT written back on the same socket.
 */
public final class SimulatedPrinterServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPrinterServer.class);

    // Like a printer's small input buffer: the sender feels back-pressure instead of the kernel
    // swallowing a whole job.
    static final int RECEIVE_BUFFER_BYTES = 4096;

    private final PrinterSimulator simulator;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile long dropAfterBytes = -1;
    private volatile Socket active;

    public SimulatedPrinterServer(PrinterSimulator simulator, int port) throws IOException {
        this.simulator = simulator;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.acceptor = Thread.ofPlatform().daemon().name("printer-sim " + simulator.name()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Test hook: reset (RST) the current connection (or the next one) once it has delivered
     * {@code bytes} more bytes, as a printer losing power mid-job would.
     */
    public void dropConnectionAfter(long bytes) {
        dropAfterBytes = bytes;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                active = socket;
                serve(socket);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("printer simulator {}: connection ended: {}", simulator.name(), e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        long limit = -1;
        long received = 0;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            long drop = dropAfterBytes;
            if (drop >= 0) {
                limit = received + drop;
                dropAfterBytes = -1;
            }
            int want = limit < 0 ? buffer.length : (int) Math.min(buffer.length, limit - received);
            if (want == 0) {
                socket.setSoLinger(true, 0); // close with RST, as a printer losing power or a NAT reset
                log.info("printer simulator {}: dropping the connection after {} bytes", simulator.name(), received);
                return;
            }
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                return;
            }
            received += n;
            try {
                simulator.receive(buffer, 0, n);
            } catch (MalformedEscPosException e) {
                log.warn("{}", e.getMessage());
            }
            byte[] replies = simulator.takeReplies();
            if (replies.length > 0) {
                out.write(replies);
                out.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = active;
        if (s != null) {
            s.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
