package org.jinban.kiosk.appeal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jinban.kiosk.catalog.LocalizedText;

/**
 * The appeal category file as written, every field nullable, so that a missing field is reported
 * by name instead of becoming a 0 or an empty list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AppealCategoryFile(Integer version, List<Domain> domains) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Domain(String code, LocalizedText name, LocalizedText nextSteps, List<Matter> matters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Matter(String code, LocalizedText name, Integer dueDays, List<LocalizedText> quickPhrases) {
    }
}
