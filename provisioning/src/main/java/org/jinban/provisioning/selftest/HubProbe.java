package org.jinban.provisioning.selftest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

import org.jinban.sync.client.PinnedTrustManager;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.ErrorCode;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.ProtocolException;
import org.jinban.sync.protocol.Welcome;

/**
 * One conversation with the hub as this kiosk: open the sync WebSocket, say {@code hello},
 * expect {@code welcome}, close. Tells a refused credential from a hub that cannot be reached
 * and from one that does not answer in time, because the technician's next move differs
 * (enroll again, fix the network, look at the hub). Also reads the hub's HTTP {@code Date}.
 *
 * <p>Uses the JDK's own WebSocket client: one hello needs none of the sync client's machinery
 * (outbox, reconnects, heartbeats), and only the sync modules use Jetty.
 */
final class HubProbe implements AutoCloseable {

    enum Verdict { WELCOMED, REFUSED, UNREACHABLE, TIMEOUT, FAILED }

    record Result(Verdict verdict, String detail) {
    }

    private final SelftestSettings.HubAccess access;
    private final HttpClient http;
    private final Codec codec = new Codec();

    HubProbe(SelftestSettings.HubAccess access, Duration connectTimeout) {
        this.access = access;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        access.pinSha256().ifPresent(pin -> builder.sslContext(PinnedTrustManager.sslContext(pin)));
        this.http = builder.build();
    }

    URI url() {
        return access.url();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    /**
     * Says hello with {@code cursors}, the ones the kiosk's database holds: the hub treats a
     * hello's cursors as what the kiosk applied, and a made-up 0 could make it rebuild streams.
     * Frames the hub sends after {@code welcome} are left unanswered; the kiosk's next hello
     * gets them again.
     */
    Result hello(Map<String, Long> cursors, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Frames frames = new Frames();
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(access.url(), frames)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(timeout, "opening the connection");
        } catch (ExecutionException e) {
            return connectFailure(e.getCause(), timeout);
        }
        try {
            socket.sendText(codec.encode(new Hello(Message.newId(), access.kioskId(), access.credential(),
                    List.of(Codec.VERSION), cursors)), true);
            Object first = frames.first.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            return answer(first);
        } catch (TimeoutException e) {
            return timedOut(timeout, "waiting for welcome");
        } catch (ExecutionException e) {
            return new Result(Verdict.FAILED, "the connection failed after it opened: " + root(e.getCause()));
        } finally {
            // the hub may have closed first (a refused hello): then there is nothing to close
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "self-test done").exceptionally(e -> null)
                    .completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
            socket.abort();
        }
    }

    private Result answer(Object first) {
        if (first instanceof Closed closed) {
            return closed.code == CloseCodes.UNAUTHORIZED
                    ? refused()
                    : new Result(Verdict.FAILED, "the hub closed the connection before welcome: " + closed.code + " " + closed.reason);
        }
        Message message;
        try {
            message = codec.decode((String) first);
        } catch (ProtocolException e) {
            return new Result(Verdict.FAILED, "the hub's first frame is not a sync message: " + e.getMessage());
        }
        return switch (message) {
            case Welcome w -> new Result(Verdict.WELCOMED, "welcome as " + w.kioskId() + " (heartbeat "
                    + w.heartbeatSeconds() + " s)");
            case ErrorMessage e when e.knownCode().orElse(null) == ErrorCode.UNAUTHORIZED -> refused();
            case ErrorMessage e -> new Result(Verdict.FAILED, "the hub answered error '" + e.code() + "': " + e.reason());
            default -> new Result(Verdict.FAILED, "the hub answered " + message.type().wireName() + " instead of welcome");
        };
    }

    private Result refused() {
        return new Result(Verdict.REFUSED, "the hub refused kiosk " + access.kioskId()
                + "'s credential (unauthorized): it is wrong, unknown or revoked; enroll again");
    }

    private Result connectFailure(Throwable cause, Duration timeout) {
        String where = access.url().getHost() + ":" + port(access.url());
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return timedOut(timeout, "connecting to " + where);
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            return new Result(Verdict.FAILED, "the hub answered HTTP " + handshake.getResponse().statusCode()
                    + " instead of opening the sync WebSocket; is sync.hub-url (" + access.url() + ") right?");
        }
        if (hasCause(cause, SSLException.class)) {
            return new Result(Verdict.FAILED, "TLS with " + where + " failed: " + root(cause));
        }
        if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, java.net.UnknownHostException.class)) {
            return new Result(Verdict.UNREACHABLE, "unreachable: unknown host " + access.url().getHost());
        }
        if (hasCause(cause, ConnectException.class)) {
            return new Result(Verdict.UNREACHABLE, "unreachable: " + where + " refused the connection (nothing listens there)");
        }
        if (cause instanceof IOException) {
            return new Result(Verdict.UNREACHABLE, "unreachable: " + where + ": " + root(cause));
        }
        return new Result(Verdict.FAILED, "cannot connect to " + where + ": " + root(cause));
    }

    private static Result timedOut(Duration timeout, String doing) {
        return new Result(Verdict.TIMEOUT, "timeout: no answer within " + SelftestContext.seconds(timeout) + " " + doing);
    }

    /**
     * The hub's clock, from the {@code Date} header of any HTTP answer on its host and port.
     *
     * @return the hub's time and the local time at the middle of the request, or why there is none
     */
    ClockReading date(Duration timeout) throws InterruptedException {
        URI url = access.url();
        String scheme = "wss".equalsIgnoreCase(url.getScheme()) ? "https" : "http";
        URI target = URI.create(scheme + "://" + url.getRawAuthority() + "/");
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
        Instant sent = Instant.now();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            return ClockReading.failed(timedOut(timeout, "asking " + target + " for its Date").detail());
        } catch (IOException e) {
            return ClockReading.failed(connectFailure(e, timeout).detail());
        }
        Instant received = Instant.now();
        Instant local = sent.plus(Duration.between(sent, received).dividedBy(2));
        Optional<String> header = response.headers().firstValue("date");
        if (header.isEmpty()) {
            return ClockReading.failed("the hub's HTTP answer has no Date header");
        }
        try {
            return new ClockReading(ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                    local, null);
        } catch (DateTimeParseException e) {
            return ClockReading.failed("the hub's Date header is not an HTTP date: " + header.get());
        }
    }

    /** The hub's time and ours when it was read, or the reason there is none. */
    record ClockReading(Instant hub, Instant local, String problem) {
        static ClockReading failed(String problem) {
            return new ClockReading(null, null, problem);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
    }

    private record Closed(int code, String reason) {
    }

    /** The first whole text frame, or the close, whichever comes first. */
    private static final class Frames implements WebSocket.Listener {
        final CompletableFuture<Object> first = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                first.complete(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            first.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            first.completeExceptionally(error);
        }
    }
}
