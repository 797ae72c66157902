package org.jinban.sync.hub.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The enrollment QR an operator prints or shows for a technician (docs/sync-protocol.md,
 * "Enrollment codes"): {@code jinban-enroll:v1?hub=<URL-encoded wss URL>&code=XXXX-XXXX}, read by
 * the kiosk's own scanner ({@code jinban-provision enroll --qr-text …}).
 */
final class EnrollmentQr {
    static final String PREFIX = "jinban-enroll:v1?";
    /** Pixels per QR module: sharp on paper and on a phone screen held to the scanner. */
    private static final int MODULE_PIXELS = 8;

    private EnrollmentQr() {
    }

    /** The text of the QR for {@code code} at the hub whose kiosks connect to {@code syncUrl}. */
    static String text(URI syncUrl, String code) {
        return PREFIX + "hub=" + URLEncoder.encode(syncUrl.toString(), StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    /** Writes {@code text} as a QR code PNG to {@code file}, in one step (a temp file moved into place). */
    static void writePng(String text, Path file) throws IOException {
        BitMatrix minimal;
        try {
            minimal = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IOException("the text does not fit a QR code: " + e.getMessage(), e);
        }
        int side = minimal.getWidth() * MODULE_PIXELS;
        BitMatrix scaled;
        try {
            scaled = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IOException("the text does not fit a QR code: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".enroll-qr", ".png");
        try {
            MatrixToImageWriter.writeToPath(scaled, "PNG", temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The kiosks' sync URL of the hub whose admin API is at {@code admin}: http → ws, https → wss. */
    static URI syncUrl(URI admin) {
        String scheme = "https".equals(admin.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + admin.getRawAuthority() + "/sync/v1");
    }
}
