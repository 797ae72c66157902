package org.jinban.devices.printer;

/** Test data: the kind of receipt the kiosk prints, built through the public builder. */
final class SampleReceipts {

    static final String TITLE = "圣城街道丰华社区便民服务站";
    static final String TRACKING = "回执编号：3707830011-20261123-0001-K";
    static final String MATTER = "事项：民生保障 / 低保咨询";
    static final String QR_PAYLOAD = "https://jinban.example/a?t=寿光-0001";
    static final String FOOTER = "请保留本回执，扫码查询办理进度";

    private SampleReceipts() {
    }

    static Receipt sample() {
        return Receipt.builder()
                .text(TITLE, Receipt.Align.CENTER, true, false)
                .rule()
                .text(TRACKING)
                .text(MATTER)
                .text("时间：2026-11-23 09:41")
                .feed(1)
                .qr(QR_PAYLOAD, 6)
                .text(FOOTER, Receipt.Align.CENTER)
                .feed(3)
                .cut()
                .build();
    }
}
