package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.jinban.kiosk.enroll.Enrollment;
import org.jinban.kiosk.enroll.TechnicianPin;
import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kiosk not enrolled yet: residents see only 尚未注册; the technician opens the technician
 * screen with the PIN, scans the hub's enrollment QR with the (simulated) scanner, and sees the
 * kiosk id, the station and the grid code the hub gave, then the kiosk restarts to take them up.
 * The hub here answers {@code /enroll/v1} as the reference hub does (the kiosk's
 * TechnicianEnrollIT enrolls against the reference hub itself).
 */
@ExtendWith(ScreenshotOnFailure.class)
class TechnicianEnrollIT {
    private static final String PIN = "482915";
    private static final AtomicInteger RESTARTS = new AtomicInteger();
    private static final List<JsonNode> REDEEMED = new CopyOnWriteArrayList<>();
    private static HttpServer hub;

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withTechnician(TechnicianEnrollIT::technician);

    private static TechnicianSetup technician(Path dir) {
        Path secret = dir.resolve("secret");
        try {
            Files.createDirectories(secret);
            Files.writeString(secret.resolve(TechnicianSetup.PIN_FILE), TechnicianPin.hash(PIN) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TechnicianSetup(true, Optional.of(secret.resolve(TechnicianSetup.PIN_FILE)),
                Optional.of(Enrollment.Targets.allIn(secret, dir.resolve("data/secret/kiosk.key"), "enrollment.yaml")),
                Optional.empty(), Duration.ofSeconds(10), RESTARTS::incrementAndGet);
    }

    /** {@code POST /enroll/v1}: the code 7K3M-Q9XD enrolls K-370783001001-09 once; any other is unknown. */
    @BeforeAll
    static void startHub() throws IOException {
        ObjectMapper json = new ObjectMapper();
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/enroll/v1", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody());
            byte[] answer;
            int status;
            if ("7K3M-Q9XD".equals(body.path("code").asText()) && REDEEMED.isEmpty()) {
                REDEEMED.add(body);
                status = 200;
                answer = json.createObjectNode().put("kioskId", "K-370783001001-09").put("credential", "c".repeat(43))
                        .put("hubPublicKey", "MCowBQYDK2VwAyEA" + "A".repeat(43) + "=")
                        .put("stationName", "东城社区便民服务站").put("address", "寿光市东城街道建新街1号")
                        .put("gridCode", "370783001009").toString().getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = "{\"type\":\"https://jinban.org/problems/unknown-code\",\"status\":404}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.stop(0);
        }
    }

    private static String qr(String code) {
        String url = "ws://127.0.0.1:" + hub.getAddress().getPort() + "/sync/v1";
        return "jinban-enroll:v1?hub=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&code=" + code;
    }

    @Test
    void pinThenScanEnrollsTheKioskAndTheScreenSaysAsWhat() {
        Browser browser = session.browser();
        browser.driver().get(session.kiosk().baseUrl());
        session.page().waitForScreen("notEnrolled");
        assertTrue(browser.visible("screen-notEnrolled").getText().contains("尚未注册"));
        browser.screenshot("94-not-enrolled");

        browser.tap("btn-technician");
        session.page().waitForScreen("technician");
        browser.visible("tech-pin-dots");
        for (char c : "111111".toCharArray()) {
            browser.tap("ime-key-" + c);
        }
        browser.tap("btn-tech-ok");
        browser.waitUntil("the wrong PIN said", d -> browser.visible("tech-message").getText().contains("还可以再试 2 次"));
        for (char c : PIN.toCharArray()) {
            browser.tap("ime-key-" + c);
        }
        browser.waitUntil("the PIN as dots", d -> String.valueOf(PIN.length()).equals(
                d.findElement(Browser.testId("tech-pin-dots")).getDomAttribute("data-length")));
        browser.tap("btn-tech-ok");
        assertTrue(browser.visible("tech-scan-prompt").getText().contains("请用扫码器扫描注册二维码"));
        assertFalse(browser.present("tech-pin-dots"));

        session.simulator().scan("JBSTAFF:S001");
        browser.waitUntil("a staff badge is not an enrollment QR",
                d -> browser.present("tech-message") && browser.visible("tech-message").getText().contains("这不是注册二维码"));
        session.simulator().scan(qr("2222-2222"));
        browser.waitUntil("an unknown code said",
                d -> browser.visible("tech-message").getText().contains("不认识这个注册码"));
        assertTrue(REDEEMED.isEmpty());

        session.simulator().scan(qr("7K3M-Q9XD"));
        browser.visible("tech-enrolled");
        assertEquals("K-370783001001-09", browser.visible("tech-kiosk-id").getText());
        assertEquals("东城社区便民服务站", browser.visible("tech-station").getText());
        assertEquals("370783001009", browser.visible("tech-grid-code").getText());
        assertTrue(browser.visible("tech-restart").getText().contains("自动重新启动"));
        browser.screenshot("95-technician-enroll");

        assertEquals(1, REDEEMED.size(), "the code was redeemed once");
        assertFalse(REDEEMED.get(0).path("publicKey").asText().isEmpty(), "with the kiosk's own public key");
        browser.waitUntil("the kiosk restarts to take the enrollment up", Duration.ofSeconds(15),
                d -> RESTARTS.get() == 1);
        assertFalse(browser.driver().getPageSource().contains(PIN), "the PIN is never shown");
    }
}
