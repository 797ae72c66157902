package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.jinban.ui.testing.StaffPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Five wrong PINs lock the badge (423): the login says so and until when, in plain words. */
@ExtendWith(ScreenshotOnFailure.class)
class StaffLockIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard(); // its own kiosk: the lock stays here

    @Test
    void fiveWrongPinsLockTheBadge() {
        StaffPage staff = session.staff();
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
        staff.open();
        staff.scanBadge(StaffPage.BADGE);
        List<String> said = new ArrayList<>();
        for (int i = 0; i < 6 && said.stream().noneMatch(s -> s.contains("锁定")); i++) {
            staff.markLoginError();
            staff.enterPin("111111");
            said.add(staff.nextLoginError());
        }
        assertEquals("密码不对，还可以再试 4 次。", said.getFirst(), said.toString());
        String locked = said.getLast();
        assertTrue(locked.startsWith("这张工作证输错密码次数太多，已暂时锁定。请在 ") && locked.endsWith(" 以后再试。"), said.toString());
        assertTrue(locked.matches(".*\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}.*"), "the time in plain words: " + locked);
        session.browser().screenshot("81-staff-badge-locked");

        staff.markLoginError();
        staff.enterPin(StaffPage.PIN);
        assertTrue(staff.nextLoginError().contains("锁定"), "even the right PIN waits out the lock");
    }
}
