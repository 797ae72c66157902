package org.jinban.devices.printer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A network printer on raw TCP (port 9100). */
final class TcpPrinterLink implements PrinterLink {

    /*
     * A receipt is a few kilobytes. With the default (auto-tuned, megabytes) send buffer a whole
     * job vanishes into the kernel and a connection reset mid-job is never seen by write();
     * a small buffer keeps write() in step with what the printer has taken.
     */
    static final int SEND_BUFFER_BYTES = 8 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    TcpPrinterLink(String host, int port, Duration connectTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setSendBufferSize(SEND_BUFFER_BYTES);
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), PrinterLink.timeoutMillis(connectTimeout));
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        socket.setSoTimeout(PrinterLink.timeoutMillis(timeout));
        try {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("connection closed by the printer");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket has nothing left to report; the failure that broke it was
        }
    }
}
