package org.jinban.kiosk.appeal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.function.Supplier;

import org.jinban.kiosk.catalog.HandlingLevel;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.privacy.Masking;

/**
 * What the page is shown of an appeal (docs/api.md): personal fields masked, texts in the asked
 * language, the warning colour worked out now. A bare tracking number gets {@link #bare} only.
 */
public final class AppealViews {
    private final AppealCategories categories;
    private final Supplier<LocalizedText> stationName;
    private final Clock clock;

    public AppealViews(AppealCategories categories, LocalizedText stationName, Clock clock) {
        this(categories, () -> stationName, clock);
    }

    /** With the station's name as it is now: the central platform may rename the station. */
    public AppealViews(AppealCategories categories, Supplier<LocalizedText> stationName, Clock clock) {
        this.categories = categories;
        this.stationName = stationName;
        this.clock = clock;
    }

    /** What anyone who types a tracking number sees: that it exists, and how far it is. */
    public Map<String, Object> bare(StoredAppeal a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("trackingNo", a.trackingNo());
        v.put("status", a.status().name());
        v.put("filedOn", LocalDate.ofInstant(a.filedAt(), clock.getZone()).toString());
        return v;
    }

    public Map<String, Object> full(StoredAppeal a, String lang) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("trackingNo", a.trackingNo());
        v.put("status", a.status().name());
        MatterType matter = categories.matter(a.categoryCode()).orElse(null);
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("code", a.categoryCode());
        if (matter != null) {
            AppealDomain domain = categories.domainOf(matter);
            category.put("name", matter.name().in(lang));
            category.put("domain", Map.of("code", domain.code(), "name", domain.name().in(lang)));
            v.put("nextSteps", domain.nextSteps().in(lang));
        }
        v.put("category", category);
        v.put("description", a.description());
        v.put("place", a.place());
        v.put("gridCode", a.gridCode());
        v.put("stationName", stationName.get().in(lang));
        Map<String, Object> contact = new LinkedHashMap<>();
        if (a.name() != null) {
            contact.put("name", Masking.name(a.name()));
        }
        if (a.phone() != null) {
            contact.put("phone", Masking.phone(a.phone()));
        }
        v.put("contact", contact.isEmpty() ? null : contact);
        v.put("anonymous", !a.identified() && a.purgedAt() == null);
        v.put("proxy", a.proxyStaffId() != null);
        v.put("filedAt", a.filedAt().toString());
        v.put("dueAt", a.dueAt().toString());
        Warning warning = Warning.of(a.status(), a.filedAt(), a.dueAt(), clock.instant());
        v.put("warning", warning == null ? null : warning.name());
        List<Map<String, Object>> timeline = new ArrayList<>();
        List<Map<String, Object>> replies = new ArrayList<>();
        for (StoredAppeal.Event e : a.timeline()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("status", e.status().name());
            step.put("at", e.at().toString());
            if (e.handlingLevel() != null) {
                step.put("handlingLevel", e.handlingLevel());
                levelText(e.handlingLevel(), lang, step);
            }
            if (e.department() != null) {
                step.put("department", e.department());
            }
            if (e.reason() != null) {
                step.put("reason", e.reason());
            }
            timeline.add(step);
            if (e.reply() != null) {
                replies.add(Map.of("at", e.at().toString(), "text", e.reply()));
            }
        }
        v.put("timeline", timeline);
        v.put("replies", replies);
        if (a.rating() == null) {
            v.put("rating", null);
        } else {
            Map<String, Object> rating = new LinkedHashMap<>();
            rating.put("level", a.rating().level().name());
            rating.put("reason", a.rating().reason());
            rating.put("at", a.rating().ratedAt().toString());
            rating.put("followUp", a.rating().followUp());
            rating.put("followUpBy", a.rating().followUp()
                    ? a.rating().ratedAt().plus(AppealService.FOLLOW_UP).toString() : null);
            v.put("rating", rating);
        }
        v.put("canRate", a.status() == AppealStatus.RESOLVED && a.rating() == null);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("state", a.receiptState().name());
        receipt.put("reason", a.receiptReason());
        v.put("receipt", receipt);
        v.put("purged", a.purgedAt() != null);
        return v;
    }

    /** The view a staff member sees in the station's list, with what they act on. */
    public Map<String, Object> forStaff(StoredAppeal a, String lang) {
        Map<String, Object> v = full(a, lang);
        v.put("acknowledged", a.acknowledgedAt() != null);
        v.put("proxyStaffId", a.proxyStaffId());
        return v;
    }

    private static void levelText(String level, String lang, Map<String, Object> step) {
        try {
            step.put("handlingLevelText", HandlingLevel.valueOf(level).label().in(lang));
        } catch (IllegalArgumentException unknown) {
            // a level this kiosk does not know yet: the code alone is shown
        }
    }
}
