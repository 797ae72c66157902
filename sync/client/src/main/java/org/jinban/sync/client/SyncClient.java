package org.jinban.sync.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kiosk synced with the hub: one WebSocket at a time, reconnected with {@link Backoff}
 * whenever it ends, each connection driven by a {@link Conversation}.
 *
 * <p>All work happens on one thread of the client's own, so the kiosk's {@link Outbox} and
 * {@link StreamHandler} are called one at a time and never on a caller's (e.g. an HTTP request's)
 * thread. Jetty's callbacks only hand events to that thread.
 */
public final class SyncClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncClient.class);
    /** How often an idle client looks at the outbox; {@link #wake()} is sooner. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    private static final int SEND_QUEUE_FRAMES = 256;

    private final SyncConfig config;
    private final Outbox outbox;
    private final StreamHandler handler;
    private final Clock clock;
    private final Duration poll;
    private final Backoff backoff;
    private final Codec codec = new Codec();
    private final ScheduledExecutorService thread;
    private final WebSocketClient jetty;
    private final AtomicLong reconnects = new AtomicLong();

    // owned by the client's thread
    private long generation;
    private Connection current;
    private volatile boolean closing;
    private volatile SyncStatus status = SyncStatus.INITIAL;
    private Instant lastContact;
    private String lastError;

    public SyncClient(SyncConfig config, Outbox outbox, StreamHandler handler) {
        this(config, outbox, handler, Clock.systemUTC(), RandomGenerator.getDefault(), DEFAULT_POLL);
    }

    /** For tests and tuning: the clock, the jitter's randomness and the idle poll interval. */
    public SyncClient(SyncConfig config, Outbox outbox, StreamHandler handler, Clock clock, RandomGenerator random,
                      Duration poll) {
        this.config = Objects.requireNonNull(config, "config");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.backoff = new Backoff(config.reconnectCap(), random);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-client");
            t.setDaemon(true);
            return t;
        });
        this.jetty = JettyClients.create(config);
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        try {
            jetty.start();
        } catch (Exception e) {
            throw new SyncException("cannot start the WebSocket client", e);
        }
        LOG.info("sync client starting: {}", config);
        thread.execute(this::connect);
        thread.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The kiosk wrote to the outbox (e.g. a new appeal): push now instead of at the next poll. */
    public void wake() {
        if (!closing) {
            thread.execute(this::tick);
        }
    }

    public SyncStatus status() {
        return status;
    }

    /** Connection attempts scheduled after one ended or failed (the first attempt is not one); for metrics. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Closes the connection (1000) and stops, within a few seconds whatever the network does. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        thread.execute(() -> {
            if (current != null) {
                current.close(CloseCodes.NORMAL, "kiosk stopping");
                current = null;
            }
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            jetty.setStopTimeout(CLOSE_WAIT.toMillis());
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("WebSocket client did not stop cleanly: {}", e.toString());
        }
        status = new SyncStatus(false, lastContact, status.queueLength(), status.oldestUnsentAge(), lastError);
        LOG.info("sync client stopped");
    }

    private void connect() {
        if (closing) {
            return;
        }
        long gen = ++generation;
        Conversation conversation = new Conversation(config, outbox, handler, codec, clock, frame -> send(gen, frame));
        current = new Connection(gen, conversation);
        Endpoint endpoint = new Endpoint(gen);
        try {
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setTimeout(JettyClients.UPGRADE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            jetty.connect(endpoint, config.hubUrl(), upgrade).whenComplete((session, failure) -> {
                if (failure != null) {
                    onThread(() -> ended(gen, "cannot connect: " + rootMessage(failure), false));
                }
            });
        } catch (IOException | RuntimeException e) {
            ended(gen, "cannot connect: " + rootMessage(e), false);
        }
    }

    private void opened(long gen, Session session) {
        if (!isCurrent(gen)) {
            session.close(CloseCodes.NORMAL, "superseded", Callback.NOOP);
            return;
        }
        current.opened(session, clock.instant(), new SendQueue((frame, done) ->
                session.sendText(frame, Callback.from(done::succeeded, done::failed)),
                SEND_QUEUE_FRAMES, failure -> onThread(() -> dropIfCurrent(gen, "send failed: " + rootMessage(failure)))));
        LOG.info("connected to {}", config.hubUrl());
        current.conversation.open();
    }

    private void received(long gen, String frame) {
        if (isCurrent(gen)) {
            current.conversation.received(frame);
            lastContact = current.conversation.lastHeard();
            String refused = current.conversation.unauthorized();
            if (refused != null) {
                lastError = "unauthorized: " + refused;
            }
            refreshStatus();
        }
    }

    private void send(long gen, String frame) {
        if (isCurrent(gen) && current.queue != null) {
            try {
                current.queue.offer(frame);
            } catch (SyncException full) {
                dropIfCurrent(gen, full.getMessage());
            }
        }
    }

    private void tick() {
        if (closing || current == null || current.queue == null) {
            refreshStatus();
            return;
        }
        try {
            if (current.conversation.silentTooLong()) {
                dropIfCurrent(current.generation, "the hub has been silent for " + Liveness.MISSED_PERIODS
                        + " heartbeat periods");
            } else {
                current.conversation.tick();
            }
        } catch (RuntimeException e) {
            // the kiosk's outbox or handler failed; the connection is fine, try again next tick
            LOG.error("sync tick failed: {}", e.toString());
            lastError = "kiosk: " + e.getClass().getSimpleName();
        }
        refreshStatus();
    }

    private void dropIfCurrent(long gen, String why) {
        dropIfCurrent(gen, CloseCodes.GOING_AWAY, why);
    }

    /**
     * An error on attempt {@code gen}. Before the connection opened it is a failure to connect,
     * whichever of Jetty's two reports of it (this one, or the connect's future) comes first:
     * staff are told "cannot reach the platform", not "the connection broke".
     */
    private void socketError(long gen, Throwable cause) {
        boolean opened = isCurrent(gen) && current.openedAt != null;
        dropIfCurrent(gen, (opened ? "socket error: " : "cannot connect: ") + rootMessage(cause));
    }

    private void dropIfCurrent(long gen, int code, String why) {
        if (isCurrent(gen)) {
            current.close(code, why);
            ended(gen, why, false);
        }
    }

    /** The connection {@code gen} is over: forget it and schedule the next attempt. */
    private void ended(long gen, String why, boolean unauthorized) {
        if (!isCurrent(gen)) {
            return;
        }
        Connection gone = current;
        current = null;
        if (gone.openedAt != null) {
            backoff.connectionEnded(Duration.between(gone.openedAt, clock.instant()));
        }
        if (gone.queue != null) {
            gone.queue.close();
        }
        unauthorized |= gone.conversation.unauthorized() != null;
        lastError = unauthorized ? "unauthorized: the hub refused this kiosk's credential (close 4001)" : why;
        refreshStatus();
        if (closing) {
            return;
        }
        // a refused credential does not fix itself by knocking faster
        Duration delay = unauthorized ? backoff.cap() : backoff.next();
        if (unauthorized) {
            LOG.error("hub refused kiosk {}: unauthorized; retrying in {} ms", config.kioskId(), delay.toMillis());
        } else {
            LOG.warn("sync connection ended ({}); reconnecting in {} ms", why, delay.toMillis());
        }
        reconnects.incrementAndGet();
        thread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshStatus() {
        boolean connected = current != null && current.conversation.welcomed();
        long queue = status.queueLength();
        Duration age = status.oldestUnsentAge();
        try {
            queue = outbox.pendingCount();
            age = outbox.oldestPending().map(t -> Duration.between(t, clock.instant())).orElse(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the outbox's figures: {}", e.toString());
        }
        status = new SyncStatus(connected, lastContact, queue, age.isNegative() ? Duration.ZERO : age, lastError);
    }

    private boolean isCurrent(long gen) {
        return current != null && current.generation == gen;
    }

    private void onThread(Runnable task) {
        if (!closing) {
            try {
                thread.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // closing meanwhile: nothing left to do
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** One attempt: its generation tells its events from a previous attempt's late ones. */
    private static final class Connection {
        final long generation;
        final Conversation conversation;
        Session session;
        SendQueue queue;
        Instant openedAt;

        Connection(long generation, Conversation conversation) {
            this.generation = generation;
            this.conversation = conversation;
        }

        void opened(Session s, Instant at, SendQueue q) {
            session = s;
            openedAt = at;
            queue = q;
        }

        void close(int code, String reason) {
            if (queue != null) {
                queue.close();
            }
            if (session != null && session.isOpen()) {
                session.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
            }
        }
    }

    /**
     * Jetty's events for one attempt, handed to the client's thread. Public only because Jetty
     * calls a listener through method handles and refuses a class that is not public.
     */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final long gen;

        private Endpoint(long gen) {
            this.gen = gen;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            onThread(() -> opened(gen, session));
        }

        @Override
        public void onWebSocketText(String message) {
            onThread(() -> received(gen, message));
        }

        /** The protocol is text frames only: a binary one is refused with 1003 (docs/sync-protocol.md). */
        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            callback.succeed();
            onThread(() -> dropIfCurrent(gen, CloseCodes.BINARY_FRAME, "the hub sent a binary frame (close 1003)"));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            onThread(() -> ended(gen, "closed by the hub: " + statusCode + " " + reason,
                    statusCode == CloseCodes.UNAUTHORIZED));
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            onThread(() -> socketError(gen, cause));
        }
    }
}
