package org.jinban.kiosk.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnrollmentQrTextTest {
    @Test
    void readsTheHubAndCodeTheHubPrinted() {
        EnrollmentQrText qr = EnrollmentQrText.parse(
                "jinban-enroll:v1?hub=wss%3A%2F%2Fhub.example.org%3A8443%2Fsync%2Fv1&code=7K3M-Q9XD\r\n");
        assertEquals("wss://hub.example.org:8443/sync/v1", qr.hub());
        assertEquals("7K3M-Q9XD", qr.code());
        assertEquals(new EnrollmentQrText("wss://h/sync/v1", "AAAA-BBBB"),
                EnrollmentQrText.parse("jinban-enroll:v1?code=AAAA-BBBB&extra=1&hub=wss%3A%2F%2Fh%2Fsync%2Fv1"),
                "fields in any order, unknown ones ignored");
    }

    @Test
    void anythingElseSaysWhatIsWrong() {
        assertWrong("https://example.org/?code=1", "not a Jinban enrollment QR");
        assertWrong("jinban-enroll:v2?hub=x&code=y", "format 'v2'");
        assertWrong("jinban-enroll:v1?code=AAAA-BBBB", "no hub address");
        assertWrong("jinban-enroll:v1?hub=wss%3A%2F%2Fh%2Fsync%2Fv1", "no enrollment code");
        assertWrong("jinban-enroll:v1?hub=%zz&code=AAAA-BBBB", "hub field is not URL-encoded");
        assertWrong(null, "not a Jinban enrollment QR");
    }

    private static void assertWrong(String text, String part) {
        EnrollException e = assertThrows(EnrollException.class, () -> EnrollmentQrText.parse(text));
        assertEquals(EnrollException.Kind.NOT_ENROLLMENT_QR, e.kind());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
