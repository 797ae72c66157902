package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.jinban.devices.printer.Receipt;
import org.jinban.devices.printer.ReceiptImageRenderer;
import org.junit.jupiter.api.Test;

/** The simulated operator must read back every test receipt's QR code, whatever the run's nonce. */
class QrImageDecoderTest {
    private static final String[] STATIONS = {"东关社区便民服务站", "Test station", "圣城街道文家社区党群服务中心",
            "Dongguan Community Service Station", "古城街道"};

    @Test
    void everyTestReceiptsCodeIsReadBackFromItsPicture() {
        Random random = new Random(11);
        ReceiptImageRenderer renderer = new ReceiptImageRenderer();
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String nonce = "JINBAN-SELFTEST-" + HexFormat.of().withUpperCase().formatHex(bytes);
            Receipt receipt = Receipt.builder()
                    .text("自检测试单 Self-test receipt", Receipt.Align.CENTER, true, false)
                    .text(STATIONS[random.nextInt(STATIONS.length)], Receipt.Align.CENTER)
                    .text(String.format("2026-11-%02d %02d:%02d:%02d", 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)), Receipt.Align.CENTER)
                    .rule()
                    .text("请用本机扫码器扫描下方二维码", Receipt.Align.CENTER)
                    .text("Scan this code with the kiosk's scanner", Receipt.Align.CENTER)
                    .qr(nonce, 6)
                    .feed(2)
                    .cut()
                    .build();
            if (!nonce.equals(QrImageDecoder.decode(renderer.render(receipt)))) {
                unread.add(nonce);
            }
        }
        assertEquals(List.of(), unread);
    }
}
