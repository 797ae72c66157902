package org.jinban.kiosk.enroll;

import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.jinban.kiosk.http.ApiException;

/**
 * While the kiosk waits for its enrollment, the API answers only what the page needs to say so
 * and the technician screen: the settings, the device events, the screen's backlight, the
 * technician's routes (and the simulator of a development kiosk). Anything else, filing an appeal
 * above all, is refused with {@code not-enrolled}: an unenrolled kiosk belongs to no station.
 */
public final class NotEnrolledFilter implements Filter {
    private static final List<String> OPEN = List.of("/kiosk/settings", "/events", "/screen", "/technician",
            "/simulator");
    private final String api;

    public NotEnrolledFilter(String api) {
        this.api = api;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.startsWith(api + "/") && OPEN.stream().noneMatch(open -> path.equals(api + open)
                || path.startsWith(api + open + "/"))) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "not-enrolled", "Kiosk not enrolled",
                    "this kiosk is not enrolled with the central platform yet; a technician enrolls it on the"
                            + " technician screen or with jinban-provision enroll", List.of());
        }
        chain.proceed();
    }
}
