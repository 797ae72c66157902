package org.jinban.provisioning.selftest;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
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

    /**
     * The QR code's text, or null when the picture holds none ZXing can read. ZXing's detector
     * misses some codes that other decoders (zbar) read, at some module sizes and not others:
     * about 1 test receipt in 300 here, always the same one for the same nonce. A camera sees
     * the code at whatever size its distance gives, so the picture is tried as drawn and then
     * at half and a third of its size.
     */
    static String decode(BufferedImage image) {
        String text = decode(new BufferedImageLuminanceSource(image));
        for (int divisor = 2; text == null && divisor <= 3; divisor++) {
            text = decode(new BufferedImageLuminanceSource(scaledDown(image, divisor)));
        }
        return text;
    }

    private static BufferedImage scaledDown(BufferedImage image, int divisor) {
        BufferedImage small = new BufferedImage(Math.max(1, image.getWidth() / divisor),
                Math.max(1, image.getHeight() / divisor), BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, small.getWidth(), small.getHeight(), null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private static String decode(LuminanceSource source) {
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(HINTS);
        try {
            Result result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
            return result.getText();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
