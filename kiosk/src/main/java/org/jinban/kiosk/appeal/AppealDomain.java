package org.jinban.kiosk.appeal;

import java.util.List;

import org.jinban.kiosk.catalog.LocalizedText;

/**
 * One of the five top-level areas of {@code AppealCategory} (综治维稳, 城市管理, 安全, 环保, 民生保障)
 * with its matter types. {@code nextSteps} tells the resident on the receipt what happens next.
 */
public record AppealDomain(String code, LocalizedText name, LocalizedText nextSteps, List<MatterType> matters) {

    public AppealDomain {
        matters = List.copyOf(matters);
    }
}
