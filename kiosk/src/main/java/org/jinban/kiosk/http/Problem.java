package org.jinban.kiosk.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 9457 problem details body, with the offending fields when there are any. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<ApiException.FieldError> errors) {
    /** Base of the problem type URIs; documented in docs/api.md. */
    public static final String TYPE_BASE = "https://jinban.org/problems/";
}
