package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.FetchSpy;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a resident is told when something is wrong: in plain words, on the step it belongs
 * to, whether the page sees it first or the kiosk answers 400; and a filing that did not get
 * through is tried again with the same id, so it is filed once.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealValidationIT {
    static final String DESCRIPTION_MESSAGE = "请写一写要反映的事情（最多 2000 字）。";
    static final String PHONE_MESSAGE = "这个电话号码不对。手机号是 11 位数字，1 开头；座机号请带上区号，比如 05365201234。";

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.page().openHome();
    }

    @Test
    void anEmptyDescriptionAndABadPhoneAreSaidOnTheirSteps() {
        AppealPage appeals = session.appeals();
        appeals.open();
        appeals.chooseMatter("URBAN", "URBAN-STREET-VENDOR");
        appeals.next();
        assertEquals(DESCRIPTION_MESSAGE, appeals.waitForFieldError("description"));
        assertEquals("description", appeals.step(), "the resident stays where the problem is");
        session.browser().screenshot("50-appeal-empty-description");

        appeals.tapPhrase(0);
        assertNull(appeals.fieldError("description"), "the message goes once there is text");
        appeals.next();
        appeals.phone("12345");
        appeals.next();
        assertEquals(PHONE_MESSAGE, appeals.waitForFieldError("phone"));
        assertEquals("phone", appeals.step());
        session.browser().screenshot("51-appeal-bad-phone");

        appeals.backspace(5);
        assertNull(appeals.fieldError("phone"));
        appeals.typeKeys("05365201234");
        appeals.next();
        appeals.stayAnonymous();
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        appeals.submit();
        assertTrue(appeals.waitForReceipt().length() > 10, "a landline with its area code is a phone number");
    }

    /** The kiosk's own rules answer 400 naming fields: each message goes to its step, in our words. */
    @Test
    void theKiosksFieldErrorsGoToTheirSteps() {
        AppealPage appeals = session.appeals();
        FetchSpy spy = new FetchSpy(session.browser()).install();
        appeals.open();
        appeals.chooseMatter("URBAN", "URBAN-STREET-VENDOR");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.phone("13912345678");
        appeals.next();
        appeals.stayAnonymous();
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        // As if the page's rules and the kiosk's differed: what reaches the kiosk is wrong twice.
        spy.changeBody("POST", "/api/v1/appeals", Map.of("description", " \t ", "phone", "12345"));
        appeals.submit();

        appeals.waitForStep("description");
        assertEquals(DESCRIPTION_MESSAGE, appeals.waitForFieldError("description"));
        List<Map<String, Object>> posts = spy.calls("POST", "/api/v1/appeals");
        assertEquals(400L, ((Number) posts.getFirst().get("status")).longValue(), "the kiosk said no: " + posts);
        String page = session.browser().js("return document.getElementById('app').innerText;");
        assertFalse(page.contains("must") || page.contains("invalid") || page.contains("characters"),
                "no technical words on the screen: " + page);
        session.browser().screenshot("52-appeal-kiosk-400-description");

        appeals.next();
        appeals.waitForStep("phone");
        assertEquals(PHONE_MESSAGE, appeals.fieldError("phone"), "the phone's message waits on its step");
        session.browser().screenshot("53-appeal-kiosk-400-phone");
        appeals.next();
        appeals.waitForStep("identity");
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.waitForStep("review");
        appeals.submit();
        appeals.waitForReceipt();
        List<Map<String, Object>> all = spy.calls("POST", "/api/v1/appeals");
        assertEquals(2, all.size());
        assertEquals(idOf(all.get(0)), idOf(all.get(1)), "the same filing attempt keeps its id");
    }

    /** The answer is lost on the way back: the resident is told plainly; trying again files it once. */
    @Test
    void aLostAnswerIsTriedAgainWithTheSameIdAndFiledOnce() {
        AppealPage appeals = session.appeals();
        FetchSpy spy = new FetchSpy(session.browser()).install();
        appeals.open();
        appeals.chooseMatter("LIVELIHOOD", "LIVELIHOOD-SUBSISTENCE");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.waitForStep("phone");
        session.browser().tap("btn-no-phone");
        appeals.stayAnonymous();
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        spy.loseAnswer("POST", "/api/v1/appeals", 1);
        appeals.submit();

        session.browser().visible("btn-submit-retry");
        String error = session.browser().visible("submit-error").getText();
        assertTrue(error.contains("这台机器没能保存您的诉求"), error);
        assertEquals("review", appeals.step(), "nothing the resident entered is lost");
        session.browser().screenshot("54-appeal-not-saved");

        session.browser().tap("btn-submit-retry");
        String no = appeals.waitForReceipt();
        List<Map<String, Object>> posts = spy.calls("POST", "/api/v1/appeals");
        assertEquals(2, posts.size());
        assertAll(
                () -> assertEquals(idOf(posts.get(0)), idOf(posts.get(1)), "the retry sends the same id"),
                () -> assertEquals(201L, ((Number) posts.get(0).get("status")).longValue(), "the first reached the kiosk"),
                () -> assertEquals(200L, ((Number) posts.get(1).get("status")).longValue(), "the second got the first appeal back"),
                () -> assertEquals(no, jsonField(posts.get(0), "trackingNo")));
    }

    private static String idOf(Map<String, Object> call) {
        return session.kiosk().json(String.valueOf(call.get("body"))).path("id").asText();
    }

    @SuppressWarnings("unchecked")
    private static String jsonField(Map<String, Object> call, String field) {
        return String.valueOf(((Map<String, Object>) call.get("json")).get(field));
    }
}
