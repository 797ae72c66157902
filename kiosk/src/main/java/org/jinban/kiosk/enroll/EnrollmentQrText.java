package org.jinban.kiosk.enroll;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The text of the enrollment QR the hub prints ({@code hub codes create --qr}; docs/sync-protocol.md,
 * "Enrollment codes"): {@code jinban-enroll:v1?hub=<URL-encoded wss URL>&code=XXXX-XXXX}, as the
 * kiosk's scanner reads it back. Read by {@code jinban-provision enroll --qr-text} and by the
 * technician screen alike.
 */
public record EnrollmentQrText(String hub, String code) {
    public static final String SCHEME = "jinban-enroll:";
    static final String VERSION = "v1";

    /** @throws EnrollException ({@link EnrollException.Kind#NOT_ENROLLMENT_QR}) saying what is wrong with the text */
    public static EnrollmentQrText parse(String scanned) {
        String text = scanned == null ? "" : scanned.strip();
        if (!text.startsWith(SCHEME)) {
            throw bad("it is not a Jinban enrollment QR (it should start with " + SCHEME + VERSION + "?)");
        }
        int query = text.indexOf('?');
        String version = text.substring(SCHEME.length(), query < 0 ? text.length() : query);
        if (!version.equals(VERSION)) {
            throw bad("it is an enrollment QR of format '" + version + "', and this kiosk reads " + VERSION
                    + " only; update Jinban, or enter the hub and code by hand");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : query < 0 ? new String[0] : text.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            try {
                fields.putIfAbsent(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw bad("its " + name + " field is not URL-encoded text");
            }
        }
        String hub = fields.get("hub");
        String code = fields.get("code");
        if (hub == null || hub.isBlank()) {
            throw bad("it has no hub address (hub=...)");
        }
        if (code == null || code.isBlank()) {
            throw bad("it has no enrollment code (code=...)");
        }
        return new EnrollmentQrText(hub.strip(), code.strip());
    }

    private static EnrollException bad(String why) {
        return new EnrollException(EnrollException.Kind.NOT_ENROLLMENT_QR, "the scanned text cannot be used: " + why);
    }

    @Override
    public String toString() {
        return "EnrollmentQrText[" + hub + ", code ****]"; // a code enrolls a kiosk: never in a log
    }
}
