package org.jinban.kiosk.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 9457 problem details body, with the offending fields when there are any. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<ApiException.FieldError> errors,
                      @JsonIgnore Map<String, Object> extensions) {
    /** Base of the problem type URIs; documented in docs/api.md. */
    public static final String TYPE_BASE = "https://jinban.org/problems/";

    /** RFC 9457 extension members (e.g. {@code attemptsLeft}), written beside the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }
}
