package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Normal mode: every visible thing a finger can tap is at least 48 x 48 CSS px, on every screen. */
@ExtendWith(ScreenshotOnFailure.class)
class TouchTargetsIT {
    static final double MIN_TARGET = 48;

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @Test
    void everyTargetIsBigEnough() {
        session.page().openHome();
        assertTargets("home", 4);

        session.page().openCatalog();
        assertTargets("catalog (keyboard, departments)", 40);
        session.browser().tap("tab-life-events");
        session.browser().visible("tab-life-events");
        session.browser().waitUntil("the life-event entries",
                d -> !d.findElements(By.cssSelector("[data-testid^='event-']")).isEmpty());
        assertTargets("catalog (life events)", 40);

        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        assertTargets("catalog (results)", 40);

        String code = session.kiosk().firstCode("lnr");
        session.page().openItem(code);
        assertTargets("item", 4);

        session.page().switchLanguage("en");
        session.page().waitForItem(code);
        assertTargets("item in English", 4);
    }

    private void assertTargets(String screen, int atLeast) {
        long count = session.layout().interactiveCount();
        assertTrue(count >= atLeast, screen + ": only " + count + " interactive elements found");
        assertEquals(List.of(), session.layout().smallTargets(MIN_TARGET), screen + ": targets under " + MIN_TARGET + " px");
    }
}
