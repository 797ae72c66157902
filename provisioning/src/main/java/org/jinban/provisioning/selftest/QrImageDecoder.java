package org.jinban.provisioning.selftest;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** Reads the QR code in a picture, as a camera scanner would: ZXing, which the printer path does not use to encode. */
final class QrImageDecoder {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.CHARACTER_SET, "UTF-8");

    private QrImageDecoder() {
    }

    /** The QR code's text, or null when the picture holds none ZXing can read. */
    static String decode(BufferedImage image) {
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(HINTS);
        try {
            Result result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
            return result.getText();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
