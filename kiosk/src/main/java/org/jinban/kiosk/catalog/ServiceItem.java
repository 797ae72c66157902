package org.jinban.kiosk.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of the nearby-handling service list (就近办事项), as in the catalog file
 * (docs/catalog-format.md). Field names follow CPSV-AP / HSDS where they fit.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceItem(String code,
                          LocalizedText name,
                          List<LocalizedText> alternativeNames,
                          LocalizedText description,
                          String competentAuthority,
                          HandlingLevel handlingLevel,
                          List<Channel> channels,
                          List<Evidence> requiredEvidence,
                          List<LocalizedText> steps,
                          Cost cost,
                          String processingTime,
                          Boolean processingTimeWorkingDays,
                          Boolean proxyHandling,
                          Online online,
                          List<String> lifeEvents,
                          Keywords keywords,
                          Integer popularity) {

    public ServiceItem {
        alternativeNames = alternativeNames == null ? List.of() : List.copyOf(alternativeNames);
    }

    /** Where and when the item is handled (CPSV-AP Channel with opening hours). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Channel(LocalizedText place, LocalizedText address, LocalizedText hours) {
    }

    /** A document or proof the resident brings (CPSV-AP Evidence). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(LocalizedText name, Boolean original, Integer copies, LocalizedText note) {
    }

    /** The fee; {@code amount} is a decimal string in {@code currency}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cost(String amount, String currency, LocalizedText note) {
    }

    /** Whether, and where, the item can be done online. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Online(Boolean available, LocalizedText channel) {
    }

    /** Words residents search with that are not in the name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Keywords(@JsonProperty("zh-CN") List<String> zh, @JsonProperty("en") List<String> en) {
        public Keywords {
            zh = zh == null ? List.of() : List.copyOf(zh);
            en = en == null ? List.of() : List.copyOf(en);
        }
    }
}
