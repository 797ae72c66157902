package org.jinban.kiosk.devices;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jinban.devices.printer.Receipt;

/** The receipt a test print gives: Chinese text, a rule and a QR, so a technician sees all three work. */
final class TestPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TestPage() {
    }

    static Receipt receipt() {
        String now = LocalDateTime.now().format(TIME);
        return Receipt.builder()
                .text("就近办 打印测试页", Receipt.Align.CENTER, true, false)
                .text("Jinban printer test page", Receipt.Align.CENTER)
                .rule()
                .text("时间：" + now)
                .text("中文、English、0123456789")
                .feed(1)
                .qr("jinban-test " + now, 6)
                .text("扫描上面的二维码检查扫码器", Receipt.Align.CENTER)
                .feed(3)
                .cut()
                .build();
    }
}
