package org.jinban.devices.scanner;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/**
 * Finds a QR code or a common 1D barcode in a camera still or frame, with ZXing.
 *
 * <p>One reader is set up once with its hints and reused through {@code decodeWithState}, as
 * ZXing recommends for a stream of frames; so an instance serves one camera thread.
 */
public final class FrameDecoder {
    static final List<BarcodeFormat> FORMATS = List.of(BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128,
            BarcodeFormat.CODE_39, BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.ITF);

    private final MultiFormatReader reader = new MultiFormatReader();

    public FrameDecoder() {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, FORMATS);
        hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        reader.setHints(hints);
    }

    /** The text of the first code found in {@code frame}, or empty when there is none. */
    public Optional<String> decode(BufferedImage frame) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(frame)));
        try {
            Result result = reader.decodeWithState(bitmap);
            return Optional.of(result.getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } finally {
            reader.reset();
        }
    }
}
