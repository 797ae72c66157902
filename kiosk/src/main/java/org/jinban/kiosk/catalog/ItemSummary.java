package org.jinban.kiosk.catalog;

/**
 * One search result: what a result row shows, and where the query matched.
 *
 * @param matchScore the weakest word's {@link MatchLevel} score: 6/5 name (direct/synonym), 4/3 keyword,
 *                   2/1 material, 0 when listing without a query
 */
public record ItemSummary(String code, LocalizedText name, String departmentCode, LocalizedText departmentName,
                          HandlingLevel handlingLevel, ProcessingTime processingTime, boolean proxyHandling,
                          boolean onlineAvailable, int matchScore) {

    /** Where the query matched: "name", "keyword", "material", or null when there was no query. */
    public String matchedIn() {
        return MatchLevel.fieldOf(matchScore);
    }
}
