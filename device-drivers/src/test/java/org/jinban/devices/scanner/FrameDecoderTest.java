package org.jinban.devices.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder();

    /** A 1280×720 grey, noisy frame with a code pasted in at an offset, like a camera sees a receipt. */
    static BufferedImage frame(BarcodeFormat format, String text, int width, int height) throws WriterException {
        BufferedImage code = MatrixToImageWriter.toBufferedImage(new MultiFormatWriter()
                .encode(text, format, width, height, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")));
        BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(150, 150, 150));
        g.fillRect(0, 0, 1280, 720);
        Random random = new Random(3);
        for (int i = 0; i < 4000; i++) {
            int grey = 100 + random.nextInt(100);
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(random.nextInt(1280), random.nextInt(720), 3, 3);
        }
        g.drawImage(code, 420, 150, null);
        g.dispose();
        return frame;
    }

    @Test
    void findsAReceiptQrInACameraFrame() throws WriterException {
        String payload = "https://jinban.example/a?t=3707830011-20261123-0001-K&v=寿光";
        assertEquals(Optional.of(payload), decoder.decode(frame(BarcodeFormat.QR_CODE, payload, 300, 300)));
    }

    @Test
    void findsCommon1dCodes() throws WriterException {
        assertEquals(Optional.of("JB20261123001"), decoder.decode(frame(BarcodeFormat.CODE_128, "JB20261123001", 500, 120)));
        assertEquals(Optional.of("6901234567892"), decoder.decode(frame(BarcodeFormat.EAN_13, "6901234567892", 400, 120)));
    }

    @Test
    void aFrameWithoutACodeIsEmptyAndTheDecoderStaysUsable() throws WriterException {
        BufferedImage empty = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        assertTrue(decoder.decode(empty).isEmpty());
        assertEquals(Optional.of("again"), decoder.decode(frame(BarcodeFormat.QR_CODE, "again", 300, 300)));
    }
}
