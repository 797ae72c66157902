package org.jinban.kiosk.enroll;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.enroll.EnrollException.Kind;
import org.jinban.sync.client.PinnedTrustManager;

/**
 * Redeems an enrollment code at the hub's {@code POST /enroll/v1} (docs/sync-protocol.md,
 * "Enrollment codes") with the JDK's HttpClient: the address is the kiosk's sync URL with
 * {@code https} for {@code wss} (plain {@code http} for {@code ws}, allowed for a hub on this
 * machine only, like the sync client's rule) and {@code /enroll/v1} for {@code /sync/v1}. Over
 * {@code https} it trusts the system's CAs, or, given a pin ({@code sync.pin-sha256}), exactly the
 * certificate the pin names, as the sync client does. Every way it can fail becomes an
 * {@link EnrollException} in the technician's words.
 */
public final class HubEnrollment {
    private static final String SYNC_PATH = "/sync/v1";
    private static final String ENROLL_PATH = "/enroll/v1";
    private final ObjectMapper json = new ObjectMapper();
    private final URI syncUrl;
    private final URI enrollUri;
    private final Duration timeout;
    private final Optional<String> pin;

    /**
     * What the hub gave the kiosk. The credential is never printed (see {@link #toString()}).
     * {@code lastTrackingNo}: the last number the hub holds from this kiosk id (one enrolled again), or null.
     */
    public record Enrolled(String kioskId, String credential, String hubPublicKey, String stationName, String address,
                           String gridCode, String lastTrackingNo) {
        @Override
        public String toString() {
            return "Enrolled[" + kioskId + ", credential ****]";
        }
    }

    /** Trusting the system's CAs over {@code wss}. */
    public HubEnrollment(String hubUrl, Duration timeout) {
        this(hubUrl, timeout, Optional.empty());
    }

    /**
     * @param pin the SHA-256 of the hub's certificate (64 hex digits, colons allowed), to trust
     *            only that certificate; needs a {@code wss://} address
     */
    public HubEnrollment(String hubUrl, Duration timeout, Optional<String> pin) {
        this.syncUrl = syncUrl(hubUrl);
        this.enrollUri = enrollUri(syncUrl);
        this.timeout = timeout;
        this.pin = pin.map(p -> PinnedTrustManager.normalize(p).orElseThrow(() -> bad("the certificate pin '" + p
                + "' is not 64 hex digits (the SHA-256 of the hub's certificate; colons allowed)")));
        if (this.pin.isPresent() && !syncUrl.getScheme().equalsIgnoreCase("wss")) {
            throw bad("a certificate pin needs a wss:// hub address; " + syncUrl + " is not one");
        }
    }

    public URI syncUrl() {
        return syncUrl;
    }

    public URI enrollUri() {
        return enrollUri;
    }

    /** The pin of the hub's certificate this enrollment trusts (64 lower-case hex digits), if any. */
    public Optional<String> pin() {
        return pin;
    }

    /** The kiosk's hub URL, checked: {@code wss://host[:port]/…/sync/v1}, or {@code ws://} on loopback. */
    public static URI syncUrl(String text) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.strip());
        } catch (java.net.URISyntaxException e) {
            throw bad("'" + text + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws") || uri.getHost() == null) {
            throw bad("'" + text + "' is not a wss://host[:port]/sync/v1 address");
        }
        if (scheme.equals("ws") && !isLoopback(uri.getHost())) {
            throw bad("plain ws:// is allowed only for a hub on this machine (127.0.0.1); use wss://"
                    + uri.getRawAuthority() + uri.getRawPath());
        }
        if (uri.getRawPath() == null || !uri.getRawPath().endsWith(SYNC_PATH)) {
            throw bad("'" + text + "' must end with " + SYNC_PATH + " (the address the kiosk syncs with)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw bad("'" + text + "' must have no user, query or fragment");
        }
        return uri;
    }

    static URI enrollUri(URI sync) {
        String scheme = sync.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        String path = sync.getRawPath();
        return URI.create(scheme + "://" + sync.getRawAuthority() + path.substring(0, path.length() - SYNC_PATH.length())
                + ENROLL_PATH);
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // A literal address only: a name is not resolved here, so DNS cannot make a hub "local".
            return (h.matches("[0-9.]+") || h.contains(":")) && InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Redeems {@code code}, binding {@code publicKey} (base64 X.509) to the kiosk; returns what the hub gave. */
    public Enrolled redeem(String code, String publicKey) {
        String body = json.createObjectNode().put("code", code).put("publicKey", publicKey).toString();
        HttpRequest request = HttpRequest.newBuilder(enrollUri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        pin.ifPresent(p -> builder.sslContext(PinnedTrustManager.sslContext(p)));
        HttpClient http = builder.build();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new EnrollException(Kind.TIMEOUT, "could not connect to the hub at " + where() + " within "
                    + seconds() + "; check the network and the address");
        } catch (HttpTimeoutException e) {
            throw new EnrollException(Kind.TIMEOUT, "the hub at " + where() + " accepted the connection but did not"
                    + " answer within " + seconds() + "; try again, or ask the hub's operator");
        } catch (ConnectException e) {
            throw unreachable("the hub at " + where() + " refused the connection (nothing listens there);"
                    + " is the hub running, and is the address right?");
        } catch (SSLException e) {
            throw unreachable("the TLS handshake with the hub at " + where() + " failed (" + tlsReason(e) + "); "
                    + (pin.isPresent() ? "is the certificate pin right?" : "is its certificate one this system trusts?"));
        } catch (IOException e) {
            throw unreachable("cannot reach the hub at " + where() + ": " + reason(e));
        } catch (UnresolvedAddressException e) {
            throw unreachable("cannot find the hub's host " + enrollUri.getHost() + " (DNS); is the address right?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while enrolling with the hub at " + where());
        } finally {
            http.close();
        }
        return answer(response);
    }

    private Enrolled answer(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200) {
            Enrolled e = new Enrolled(field(body, "kioskId"), field(body, "credential"), field(body, "hubPublicKey"),
                    field(body, "stationName"), field(body, "address"), field(body, "gridCode"),
                    field(body, "lastTrackingNo"));
            if (e.kioskId() == null || e.credential() == null || e.hubPublicKey() == null || e.gridCode() == null) {
                throw new EnrollException(Kind.REFUSED, "the hub at " + where() + " answered the enrollment without"
                        + " a kiosk id, credential, public key or grid code; it may not be a Jinban hub (nothing was"
                        + " written)");
            }
            return e;
        }
        String kind = body == null ? "" : body.path("type").asText("").replaceFirst(".*/", "");
        String detail = body == null ? "" : body.path("detail").asText("");
        throw switch (status) {
            case 404 -> new EnrollException(Kind.CODE_UNKNOWN, "the hub does not know this enrollment code (" + kind
                    + "); check it was typed right (XXXX-XXXX), or ask the hub's operator for a new one");
            case 409 -> kind.equals("code-used")
                    ? new EnrollException(Kind.CODE_USED, "this enrollment code was used already (code-used); each"
                    + " code enrolls one kiosk once: ask the hub's operator for a new one")
                    : new EnrollException(Kind.REFUSED, "the hub refused: " + detail + " (" + kind + ")");
            case 410 -> new EnrollException(Kind.CODE_EXPIRED, "this enrollment code has expired (code-expired); ask"
                    + " the hub's operator for a new one");
            case 429 -> new EnrollException(Kind.TOO_MANY_ATTEMPTS, "the hub refuses enrollments for now after too"
                    + " many wrong codes (too-many-attempts); try again in " + response.headers()
                    .firstValue("Retry-After").map(s -> s + " s").orElse("a minute"));
            case 400 -> new EnrollException(Kind.REFUSED, "the hub refused the request as malformed: " + detail
                    + " (" + kind + ")");
            default -> new EnrollException(Kind.REFUSED, "the hub at " + where() + " answered HTTP " + status
                    + (detail.isEmpty() ? "" : ": " + detail) + "; nothing was written");
        };
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String field(JsonNode body, String name) {
        JsonNode n = body == null ? null : body.get(name);
        return n == null || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }

    /** {@code host:port} of the hub, for messages. */
    public String where() {
        return enrollUri.getHost() + ":" + (enrollUri.getPort() > 0 ? enrollUri.getPort()
                : enrollUri.getScheme().equals("https") ? 443 : 80);
    }

    private String seconds() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The trust manager's own words when it refused the certificate (e.g. "not the pinned one"). */
    private static String tlsReason(SSLException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }

    private static EnrollException unreachable(String message) {
        return new EnrollException(Kind.UNREACHABLE, message);
    }

    private static EnrollException bad(String message) {
        return new EnrollException(Kind.BAD_REQUEST, message);
    }
}
