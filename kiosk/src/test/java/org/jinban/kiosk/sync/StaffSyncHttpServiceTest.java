package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sync client's errors, as it words them, sorted into what staff are told. */
class StaffSyncHttpServiceTest {
    @Test
    void eachKindOfTroubleIsRecognised() {
        assertEquals("unreachable", StaffSyncHttpService.errorKind(
                "cannot connect: ConnectException: Connection refused"));
        assertEquals("certificate", StaffSyncHttpService.errorKind("cannot connect: CertificateException: the hub's"
                + " certificate (SHA-256 60…40) is not the pinned one (sync.pin-sha256)"));
        assertEquals("certificate", StaffSyncHttpService.errorKind("cannot connect: SunCertPathBuilderException:"
                + " unable to find valid certification path to requested target"));
        assertEquals("unauthorized", StaffSyncHttpService.errorKind(
                "unauthorized: the hub refused this kiosk's credential (close 4001)"));
        assertEquals("silent", StaffSyncHttpService.errorKind("the hub has been silent for 3 heartbeat periods"));
        assertEquals("closed", StaffSyncHttpService.errorKind("closed by the hub: 1001 going away"));
        assertEquals("connection", StaffSyncHttpService.errorKind("socket error: EofException"));
        assertEquals("kiosk", StaffSyncHttpService.errorKind("kiosk: StoreException"));
        assertEquals("other", StaffSyncHttpService.errorKind("something new"));
    }
}
