package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The printer is out of paper: the appeal is filed all the same, the receipt screen says the
 * slip could not be printed and why, shows it large enough to photograph, and says staff
 * will print it later.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealReceiptOwedIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.page().openHome();
        session.simulator().paperEnd(true);
    }

    @AfterEach
    void paperBack() {
        session.simulator().paperEnd(false);
    }

    @Test
    void withoutPaperTheReceiptIsShownToPhotograph() {
        AppealPage appeals = session.appeals();
        String no = appeals.fileQuickly("SAFETY", "SAFETY-FIRE-EXIT", null);
        appeals.waitForPrintState("OWED");

        String said = session.browser().visible("print-state").getText();
        assertAll(
                () -> assertTrue(said.contains("回执没能打印出来") && said.contains("打印机没纸了"), said),
                () -> assertTrue(said.contains("工作人员会给您补打"), said));
        session.browser().waitUntil("the receipt image loaded", d -> Boolean.TRUE.equals(session.browser().js("""
                const img = document.querySelector("[data-testid='receipt-image']");
                return !!img && img.complete && img.naturalWidth > 0;""")));
        Map<String, Object> size = session.browser().js("""
                const img = document.querySelector("[data-testid='receipt-image']");
                const r = img.getBoundingClientRect();
                return {width: r.width, height: r.height, src: img.getAttribute('src')};""");
        assertTrue(((Number) size.get("width")).doubleValue() >= 600, "large enough to photograph: " + size);
        assertTrue(String.valueOf(size.get("src")).startsWith("/api/v1/appeals/" + no + "/receipt.png?verifier="), size.toString());
        session.browser().screenshot("39-appeal-receipt-owed");

        appeals.done();
        session.page().waitForScreen("home");
    }
}
