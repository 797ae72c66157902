package org.jinban.kiosk.appeal;

import java.util.List;

import org.jinban.kiosk.catalog.LocalizedText;

/**
 * The second level of {@code AppealCategory}: what an appeal is about (e.g. {@code SAFETY-FIRE-EXIT},
 * 消防通道堵塞). {@code dueDays} is the promised handling time in calendar days; the quick
 * phrases are what a resident taps to start the description.
 */
public record MatterType(String code, LocalizedText name, int dueDays, List<LocalizedText> quickPhrases) {

    public MatterType {
        quickPhrases = List.copyOf(quickPhrases);
    }
}
