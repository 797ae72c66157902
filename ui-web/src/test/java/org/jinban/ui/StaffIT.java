package org.jinban.ui;

import static org.jinban.ui.testing.Browser.testId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.FetchSpy;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.jinban.ui.testing.Simulator;
import org.jinban.ui.testing.StaffPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staff at the kiosk: badge QR + PIN, the station's queue, filing on a resident's behalf
 * (帮办代办) with the resident's card and agreement, a reprint, logging out.
 */
@ExtendWith(ScreenshotOnFailure.class)
class StaffIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.simulator().removeCardAndWait();
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
    }

    @AfterEach
    void cardAway() {
        session.simulator().removeCardAndWait();
    }

    @Test
    void aWrongPinSaysHowManyTriesAreLeft() {
        StaffPage staff = session.staff();
        staff.open();
        session.browser().screenshot("70-staff-login");
        session.simulator().scan("JB1:not-a-badge:x");
        assertTrue(staff.waitForLoginError().contains("这不是工作证的二维码"));

        // The second demo badge, so that the first one is never locked by this test.
        staff.scanBadge("JBSTAFF:S002");
        session.browser().screenshot("71-staff-pin");
        staff.enterPin("000000");
        String said = staff.waitForLoginError();
        assertTrue(said.matches("密码不对，还可以再试 \\d 次。"), said);
        assertTrue(said.contains("4"), "five tries, one used: " + said);
        assertEquals("0", session.browser().visible("pin-dots").getDomAttribute("data-length"), "the PIN is cleared");
        assertFalse(session.browser().driver().getPageSource().contains("000000"), "the PIN is never shown");
        session.browser().screenshot("72-staff-wrong-pin");
        session.browser().tap("btn-staff-rescan");
        session.browser().visible("staff-scan-prompt");
    }

    @Test
    void staffFileForAResidentReprintAndLogOut() {
        StaffPage staff = session.staff();
        AppealPage appeals = session.appeals();
        Simulator sim = session.simulator();
        // One appeal of a resident already in the queue.
        String residents = appeals.fileQuickly("URBAN", "URBAN-STREET-VENDOR", null);
        appeals.waitForPrintState("PRINTED");
        appeals.done();
        session.page().waitForScreen("home");
        FetchSpy spy = new FetchSpy(session.browser()).install();

        staff.logIn();
        assertTrue(session.browser().visible("staff-name").getText().contains("王*"), "the staff's name masked");
        List<String> unacknowledged = staff.waitForList("unacknowledged");
        assertTrue(unacknowledged.contains(residents), unacknowledged.toString());
        session.browser().visible("audit-state");
        assertEquals("true", session.browser().visible("staff-audit").getDomAttribute("data-intact"));
        session.browser().waitUntil("the devices", d -> !d.findElements(testId("device-printer")).isEmpty());
        assertEquals("这台设备还没有设置中心平台，诉求都保存在本机。", session.browser().visible("sync-state").getText(),
                "a kiosk without a central platform says so on the sync panel");
        session.browser().screenshot("73-staff-home");
        staff.showTab("open");
        staff.showTab("overdue");
        staff.showTab("owed");
        session.browser().screenshot("74-staff-owed");

        // 帮办代办: the resident's ID card, their agreement.
        sim.placeCard();
        session.browser().tap("btn-proxy");
        session.page().waitForScreen("proxy");
        appeals.waitForStep("category");
        appeals.chooseMatter("LIVELIHOOD", "LIVELIHOOD-SUBSISTENCE");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.waitForStep("phone");
        session.browser().tap("btn-no-phone");
        appeals.waitForStep("identity");
        assertFalse(session.browser().present("identity-anonymous"), "filing for a resident needs their card");
        String card = appeals.waitForCard();
        assertTrue(card.contains("*"), card);
        session.browser().screenshot("75-staff-proxy-card");
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        assertFalse(appeals.submitEnabled(), "the resident's agreement is confirmed too");
        session.browser().tap("resident-consent-toggle");
        assertTrue(appeals.submitEnabled());
        session.browser().screenshot("76-staff-proxy-review");
        appeals.submit();
        String proxied = appeals.waitForReceipt("proxyReceipt");
        appeals.waitForPrintState("PRINTED");
        session.browser().screenshot("77-staff-proxy-receipt");

        Map<String, Object> post = spy.calls("POST", "/api/v1/staff/appeals").getFirst();
        JsonNode body = session.kiosk().json(String.valueOf(post.get("body")));
        assertAll(
                () -> assertTrue(body.path("residentConsent").asBoolean(), body.toString()),
                () -> assertFalse(body.path("cardToken").asText("").isBlank(), body.toString()));

        appeals.done();
        staff.waitForHome();
        assertTrue(staff.showTab("unacknowledged").contains(proxied));

        int printsBefore = (int) sim.receipts().stream().filter(r -> r.mentions(residents)).count();
        assertEquals("PRINTED", staff.reprint(residents));
        session.browser().waitUntil("the reprint printed", Duration.ofSeconds(10),
                d -> sim.receipts().stream().filter(r -> r.mentions(residents)).count() > printsBefore);
        session.browser().screenshot("78-staff-reprinted");

        String token = staffToken(spy);
        staff.logOut();
        // The page goes home at once and ends the session on the kiosk in the background.
        session.browser().waitUntil("the staff session over on the kiosk too", Duration.ofSeconds(10),
                d -> staffCall(token).statusCode() == 401);
        session.browser().tap("btn-staff");
        session.browser().visible("staff-scan-prompt");
    }

    /** The kiosk ends an idle staff session; the next staff call brings back the login, saying why. */
    @Test
    void anEndedSessionReturnsToTheLoginWithAPlainMessage() {
        FetchSpy spy = new FetchSpy(session.browser()).install();
        session.staff().logIn();
        session.staff().waitForList("unacknowledged");
        HttpRequest end = HttpRequest.newBuilder(URI.create(session.kiosk().baseUrl() + "api/v1/staff/session"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + staffToken(spy)).DELETE().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertEquals(204, http.send(end, HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        session.browser().tap("tab-open");
        String said = session.browser().visible("staff-notice").getText();
        assertEquals("太久没有操作，已自动退出。请重新扫工作证登录。", said);
        session.browser().visible("staff-scan-prompt");
        session.browser().screenshot("80-staff-session-ended");
    }

    @SuppressWarnings("unchecked")
    private static String staffToken(FetchSpy spy) {
        Map<String, Object> login = spy.calls("POST", "/api/v1/staff/session").stream()
                .filter(c -> c.get("status") instanceof Number n && n.intValue() == 201)
                .findFirst().orElseThrow(() -> new AssertionError("no login"));
        return String.valueOf(((Map<String, Object>) login.get("json")).get("token"));
    }

    private static HttpResponse<String> staffCall(String token) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(session.kiosk().baseUrl() + "api/v1/staff/audit"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
