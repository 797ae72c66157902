package org.jinban.kiosk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A TCP proxy on a loopback port that a test controls: it forwards bytes both ways between
 * its clients and one upstream port, and on command drops every live connection abruptly
 * ({@link #dropAll()}) or stops forwarding without closing anything ({@link #stall(Duration)}),
 * as a flaky mobile link or a NAT that forgot the connection would.
 *
 * <p>Each connection has a pump thread per direction: read, wait while stalled, write. During a
 * stall nothing crosses, not even an end of stream, so neither side learns anything from the
 * proxy; only its own liveness logic can tell.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final int upstreamPort;
    private final RandomGenerator random;
    private final Set<Link> live = ConcurrentHashMap.newKeySet();
    private final List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final Object gate = new Object();
    private volatile long stalledUntilNanos = System.nanoTime();
    private volatile boolean closed;
    private final Thread acceptor;

    private FaultProxy(ServerSocket server, int upstreamPort, RandomGenerator random) {
        this.server = server;
        this.upstreamPort = upstreamPort;
        this.random = random;
        this.acceptor = Thread.ofPlatform().name("fault-proxy-accept").daemon().start(this::acceptLoop);
    }

    /** A proxy on a free loopback port in front of {@code 127.0.0.1:upstreamPort}. */
    public static FaultProxy start(int upstreamPort, RandomGenerator random) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        return new FaultProxy(server, upstreamPort, random);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted since the start. */
    public int connections() {
        return acceptedAtNanos.size();
    }

    /** Connections accepted at or after {@code nanos} ({@link System#nanoTime()}). */
    public int connectionsSince(long nanos) {
        int n = 0;
        for (long at : acceptedAtNanos) {
            if (at - nanos >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Connections open now. */
    public int live() {
        return live.size();
    }

    /** Connections cut by {@link #dropAll()} so far. */
    public int dropped() {
        return drops.get();
    }

    /**
     * Closes every live connection at once, each side with a reset (RST) or a plain close (FIN),
     * picked at random per side.
     *
     * @return how many connections were cut
     */
    public int dropAll() {
        List<Link> now = new ArrayList<>(live);
        for (Link link : now) {
            link.cut(random.nextBoolean(), random.nextBoolean());
        }
        drops.addAndGet(now.size());
        return now.size();
    }

    /** Stops forwarding both ways for {@code d}, from now; returns at once. */
    public void stall(Duration d) {
        stalledUntilNanos = System.nanoTime() + d.toNanos();
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    public boolean stalled() {
        return System.nanoTime() - stalledUntilNanos < 0;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Link link : new ArrayList<>(live)) {
            link.cut(false, false);
        }
        synchronized (gate) {
            gate.notifyAll();
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            acceptedAtNanos.add(System.nanoTime());
            Thread.ofVirtual().name("fault-proxy-open").start(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            // nothing listens upstream (the hub is restarting): the client sees its connection reset
            abort(client);
            closeQuietly(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        live.add(link);
        if (closed) {
            link.cut(false, false);
            return;
        }
        link.start();
    }

    /** Blocks while the proxy is stalled; false if the link was cut meanwhile. */
    private boolean awaitFlowing(Link link) {
        synchronized (gate) {
            while (!closed && !link.cut) {
                long wait = stalledUntilNanos - System.nanoTime();
                if (wait <= 0) {
                    return true;
                }
                try {
                    gate.wait(Math.max(1, wait / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0); // close sends RST instead of FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** One proxied connection: the client's socket and the one to upstream. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean cut;
        private final AtomicInteger pumpsDone = new AtomicInteger();

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread.ofVirtual().name("fault-proxy-up").start(() -> pump(client, upstream));
            Thread.ofVirtual().name("fault-proxy-down").start(() -> pump(upstream, client));
        }

        void cut(boolean resetClient, boolean resetUpstream) {
            cut = true;
            live.remove(this);
            if (resetClient) {
                abort(client);
            } else {
                closeQuietly(client);
            }
            if (resetUpstream) {
                abort(upstream);
            } else {
                closeQuietly(upstream);
            }
            synchronized (gate) {
                gate.notifyAll();
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            boolean reset = false;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!awaitFlowing(this)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                reset = true; // a reset, or the other side is gone
            }
            // an end of stream (or reset) is news too: it waits for the stall to end like data
            if (!awaitFlowing(this)) {
                return;
            }
            if (reset) {
                cut(true, true);
                return;
            }
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                cut(true, true);
                return;
            }
            if (pumpsDone.incrementAndGet() == 2) {
                cut(false, false);
            }
        }
    }
}
