package org.jinban.kiosk.appeal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import java.util.function.Supplier;

import org.jinban.devices.printer.Receipt;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.privacy.Masking;

/**
 * The printed receipt (回执) of an appeal: tracking number, category, time, station and grid,
 * what happens next and by when, and the QR that looks it up again. Personal data appears
 * only masked. Chinese always; English beside it when the resident used English.
 */
public final class AppealReceipts {
    /** The QR's text: a version tag, the tracking number and the verifier that proves the receipt. */
    public static final String QR_PREFIX = "JB1:";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppealCategories categories;
    private final Supplier<LocalizedText> stationName;
    private final ZoneId zone;

    public AppealReceipts(AppealCategories categories, LocalizedText stationName, ZoneId zone) {
        this(categories, () -> stationName, zone);
    }

    /** With the station's name as it is now: the central platform may rename the station. */
    public AppealReceipts(AppealCategories categories, Supplier<LocalizedText> stationName, ZoneId zone) {
        this.categories = categories;
        this.stationName = stationName;
        this.zone = zone;
    }

    public static String qr(String trackingNo, String verifier) {
        return QR_PREFIX + trackingNo + ":" + verifier;
    }

    public Receipt receipt(StoredAppeal a) {
        boolean en = "en".equals(a.lang());
        MatterType matter = categories.matter(a.categoryCode()).orElse(null);
        AppealDomain domain = matter == null ? null : categories.domainOf(matter);
        Receipt.Builder b = Receipt.builder()
                .text("就近办 · 诉求回执", Receipt.Align.CENTER, true, true);
        if (en) {
            b.text("Appeal receipt", Receipt.Align.CENTER);
        }
        b.rule()
                .text("受理编号 Tracking no.", Receipt.Align.LEFT)
                .text(a.trackingNo(), Receipt.Align.LEFT, true, false)
                .text("类别：" + (domain == null ? "" : domain.name().zh() + " / ")
                        + (matter == null ? a.categoryCode() : matter.name().zh()));
        if (en && matter != null) {
            b.text("Category: " + (domain == null ? "" : domain.name().en() + " / ") + matter.name().en());
        }
        b.text("提交时间：" + TIME.format(a.filedAt().atZone(zone)))
                .text("服务站：" + stationName.get().zh());
        if (en) {
            b.text("Station: " + stationName.get().en());
        }
        b.text("网格编码：" + a.gridCode());
        if (a.name() != null) {
            b.text("反映人：" + Masking.name(a.name()));
        }
        if (a.phone() != null) {
            b.text("联系电话：" + Masking.phone(a.phone()));
        }
        if (a.proxyStaffId() != null) {
            b.text("帮办代办：工作人员 " + a.proxyStaffId());
        }
        b.rule();
        if (domain != null) {
            b.text("下一步：" + domain.nextSteps().zh());
            if (en) {
                b.text("Next: " + domain.nextSteps().en());
            }
        }
        b.text("办理时限：" + TIME.format(a.dueAt().atZone(zone)) + " 前", Receipt.Align.LEFT, true, false);
        if (en) {
            b.text("Due by " + TIME.format(a.dueAt().atZone(zone)));
        }
        b.feed(1)
                .qr(qr(a.trackingNo(), a.verifier()), 6)
                .text("在任一自助终端扫描此码查询进度", Receipt.Align.CENTER);
        if (en) {
            b.text("Scan at any kiosk to follow it", Receipt.Align.CENTER);
        }
        b.text("请妥善保管本回执", Receipt.Align.CENTER)
                .feed(3)
                .cut();
        return b.build();
    }
}
