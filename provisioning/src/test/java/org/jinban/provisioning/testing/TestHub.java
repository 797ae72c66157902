package org.jinban.provisioning.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;

/** The reference hub in the test's process on a free loopback port, issuing enrollment codes. */
public final class TestHub implements AutoCloseable {
    private final Path dataDir;
    private final HubStore store;
    private final HubServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private TestHub(Path dataDir, HubStore store, HubServer server) {
        this.dataDir = dataDir;
        this.store = store;
        this.server = server;
    }

    public static TestHub start(Path dataDir) {
        HubStore store = HubStore.open(dataDir, Clock.systemUTC());
        return new TestHub(dataDir, store, HubServer.start(new HubConfig(0, dataDir, 5, 100), store));
    }

    public HubStore store() {
        return store;
    }

    /** The kiosks' address, ws://127.0.0.1:port/sync/v1. */
    public String syncUrl() {
        return server.syncUri().toString();
    }

    /** Issues a code for {@code kioskId} at a station, as the hub's operator does. */
    public String code(String kioskId) throws Exception {
        String body = json.createObjectNode().put("kioskId", kioskId).put("stationName", "东城社区便民服务站")
                .put("address", "寿光市东城街道建新街1号").put("gridCode", "370783001001").toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.adminUri() + "/enrollment-codes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("issuing a code answered " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body()).get("code").asText();
    }

    /** The hub's kiosk list as its admin API gives it. */
    public JsonNode kiosks() throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(server.adminUri() + "/kiosks")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Makes every code issued so far expired, in the hub's own database (its clock is the system's). */
    public void expireCodes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE enrollment_code SET expires_at = '2000-01-01T00:00:00Z'");
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
