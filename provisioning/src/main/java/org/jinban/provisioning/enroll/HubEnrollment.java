package org.jinban.provisioning.enroll;

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

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;

/**
 * Redeems an enrollment code at the hub's {@code POST /enroll/v1} (docs/sync-protocol.md,
 * "Enrollment codes") with the JDK's HttpClient: the address is the kiosk's sync URL with
 * {@code https} for {@code wss} (plain {@code http} for {@code ws}, allowed for a hub on this
 * machine only, like the sync client's rule) and {@code /enroll/v1} for {@code /sync/v1}. Every
 * way it can fail becomes a {@link ProvisionException} in the technician's words: refused codes
 * exit 1, a hub that cannot be reached or does not answer in time exits 3.
 */
final class HubEnrollment {
    private static final String SYNC_PATH = "/sync/v1";
    private static final String ENROLL_PATH = "/enroll/v1";
    private final ObjectMapper json = new ObjectMapper();
    private final URI syncUrl;
    private final URI enrollUri;
    private final Duration timeout;

    /** What the hub gave the kiosk. The credential is never printed (see {@link #toString()}). */
    record Enrolled(String kioskId, String credential, String hubPublicKey, String stationName, String address,
                    String gridCode) {
        @Override
        public String toString() {
            return "Enrolled[" + kioskId + ", credential ****]";
        }
    }

    HubEnrollment(String hubUrl, Duration timeout) {
        this.syncUrl = syncUrl(hubUrl);
        this.enrollUri = enrollUri(syncUrl);
        this.timeout = timeout;
    }

    URI syncUrl() {
        return syncUrl;
    }

    URI enrollUri() {
        return enrollUri;
    }

    /** The kiosk's hub URL, checked: {@code wss://host[:port]/…/sync/v1}, or {@code ws://} on loopback. */
    static URI syncUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw usage("--hub: '" + text + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws") || uri.getHost() == null) {
            throw usage("--hub: '" + text + "' is not a wss://host[:port]/sync/v1 address");
        }
        if (scheme.equals("ws") && !isLoopback(uri.getHost())) {
            throw usage("--hub: plain ws:// is allowed only for a hub on this machine (127.0.0.1); use wss://"
                    + uri.getRawAuthority() + uri.getRawPath());
        }
        if (uri.getRawPath() == null || !uri.getRawPath().endsWith(SYNC_PATH)) {
            throw usage("--hub: '" + text + "' must end with " + SYNC_PATH + " (the address the kiosk syncs with)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw usage("--hub: '" + text + "' must have no user, query or fragment");
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
    Enrolled redeem(String code, String publicKey) {
        String body = json.createObjectNode().put("code", code).put("publicKey", publicKey).toString();
        HttpRequest request = HttpRequest.newBuilder(enrollUri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("could not connect to the hub at " + where() + " within " + seconds()
                    + " (--timeout); check the network and the address");
        } catch (HttpTimeoutException e) {
            throw unreachable("the hub at " + where() + " accepted the connection but did not answer within "
                    + seconds() + " (--timeout); try again, or ask the hub's operator");
        } catch (ConnectException e) {
            throw unreachable("the hub at " + where() + " refused the connection (nothing listens there);"
                    + " is the hub running, and is --hub right?");
        } catch (SSLException e) {
            throw unreachable("the TLS handshake with the hub at " + where() + " failed (" + e.getMessage()
                    + "); is its certificate one this system trusts?");
        } catch (IOException e) {
            throw unreachable("cannot reach the hub at " + where() + ": " + reason(e));
        } catch (UnresolvedAddressException e) {
            throw unreachable("cannot find the hub's host " + enrollUri.getHost() + " (DNS); is --hub right?");
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
                    field(body, "stationName"), field(body, "address"), field(body, "gridCode"));
            if (e.kioskId() == null || e.credential() == null || e.hubPublicKey() == null || e.gridCode() == null) {
                throw failed("the hub at " + where() + " answered the enrollment without a kiosk id, credential,"
                        + " public key or grid code; it may not be a Jinban hub (nothing was written)");
            }
            return e;
        }
        String kind = body == null ? "" : body.path("type").asText("").replaceFirst(".*/", "");
        String detail = body == null ? "" : body.path("detail").asText("");
        throw switch (status) {
            case 404 -> failed("the hub does not know this enrollment code (" + kind + "); check it was typed"
                    + " right (XXXX-XXXX), or ask the hub's operator for a new one");
            case 409 -> kind.equals("code-used")
                    ? failed("this enrollment code was used already (code-used); each code enrolls one kiosk"
                    + " once: ask the hub's operator for a new one")
                    : failed("the hub refused: " + detail + " (" + kind + ")");
            case 410 -> failed("this enrollment code has expired (code-expired); ask the hub's operator for a new one");
            case 429 -> failed("the hub refuses enrollments for now after too many wrong codes (too-many-attempts);"
                    + " try again in " + response.headers().firstValue("Retry-After").map(s -> s + " s")
                    .orElse("a minute"));
            case 400 -> failed("the hub refused the request as malformed: " + detail + " (" + kind + ")");
            default -> failed("the hub at " + where() + " answered HTTP " + status
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

    private String where() {
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

    private static ProvisionException unreachable(String message) {
        return new ProvisionException(ProvisionMain.EXIT_UNREACHABLE, message);
    }

    private static ProvisionException failed(String message) {
        return new ProvisionException(ProvisionMain.EXIT_FAILED, message);
    }

    private static ProvisionException usage(String message) {
        return new ProvisionException(ProvisionMain.EXIT_USAGE, message);
    }
}
