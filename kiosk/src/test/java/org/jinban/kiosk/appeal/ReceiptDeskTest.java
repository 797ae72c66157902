package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.audit.AuditLog;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReceiptDeskTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void closingDropsTheWaitingReceiptsAndNothingTouchesTheDatabaseAfterwards() throws Exception {
        AtomicInteger printed = new AtomicInteger();
        AtomicInteger afterClose = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        try (Database db = Database.open(dir)) {
            AppealStore store = new AppealStore(db, KioskSecret.loadOrCreate(dir.resolve("k")).cipher(),
                    new AuditLog(Clock.systemUTC()), new Outbox(), Kiosk.objectMapper());
            AppealCategories categories = AppealCategories.load(Kiosk.objectMapper(), "appeals/categories.json");
            ReceiptDesk desk = new ReceiptDesk(receipt -> {
                if (closed.get()) {
                    afterClose.incrementAndGet();
                }
                printed.incrementAndGet();
                try {
                    Thread.sleep(300); // a slow printer with a long queue
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }, new AppealReceipts(categories, new LocalizedText("站", "Station"), ZoneId.of("Asia/Shanghai")), store,
                    new EventHub());
            for (int i = 0; i < 50; i++) {
                desk.submit(appeal(i));
            }
            long start = System.nanoTime();
            desk.close();
            closed.set(true);
            long took = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(700);
            assertTrue(took < 10_000, "close returned after " + took + " ms");
            assertTrue(printed.get() < 50, "the waiting receipts were dropped, printed " + printed.get());
            assertEquals(0, afterClose.get(), "nothing printed once close returned");
        }
    }

    private static StoredAppeal appeal(int i) {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        return new StoredAppeal("id-" + i, "370783001001-01-261123-0001" + TrackingNumbers.check(
                "370783001001-01-261123-0001"), "h", "v", "URBAN-STREETLIGHT", "d", null, null, null, null,
                "370783001001", AppealStatus.SUBMITTED, null, null, now, now.plusSeconds(86_400), null,
                StoredAppeal.ReceiptState.PRINTING, null, null, null, "zh-CN", List.of(), null);
    }
}
