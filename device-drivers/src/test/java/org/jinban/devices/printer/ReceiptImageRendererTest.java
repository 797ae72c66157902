package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReceiptImageRendererTest {

    private static final Path SAMPLE = Path.of("target", "receipts", "sample.png");
    private final ReceiptImageRenderer renderer = new ReceiptImageRenderer();

    @Test
    void usesTheNotoCjkFont() {
        assertTrue(renderer.fontFamily().contains("Noto Sans CJK"),
                "font is " + renderer.fontFamily() + "; install fonts-noto-cjk");
    }

    @Test
    void previewIsPrinterWideWithWhiteBackground() {
        BufferedImage image = renderer.render(SampleReceipts.sample());
        assertEquals(576, image.getWidth());
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, image.getRGB(575, image.getHeight() - 1) & 0xFFFFFF);
    }

    @Test
    void previewQrDecodesWithZxing() throws Exception {
        assertEquals(SampleReceipts.QR_PAYLOAD, decodeWithZxing(renderer.render(SampleReceipts.sample())));
    }

    @Test
    void samplePngQrDecodesWithZbarimg() throws Exception {
        renderer.writePng(SampleReceipts.sample(), SAMPLE);
        assertEquals(SampleReceipts.QR_PAYLOAD, decodeWithZxing(ImageIO.read(SAMPLE.toFile())));
        assertEquals(SampleReceipts.QR_PAYLOAD, zbarimg(SAMPLE));
    }

    @Test
    void simulatorDrawsTheLastJobLikeTheOriginal() throws Exception {
        PrinterSimulator sim = new PrinterSimulator("sim");
        sim.receive(new EscPosRenderer().render(SampleReceipts.sample()));
        Receipt rebuilt = sim.lastJob().orElseThrow().toReceipt();
        BufferedImage fromPrinter = renderer.render(rebuilt);
        BufferedImage original = renderer.render(SampleReceipts.sample());
        assertEquals(original.getHeight(), fromPrinter.getHeight());
        assertEquals(SampleReceipts.QR_PAYLOAD, decodeWithZxing(fromPrinter));
        ImageIO.write(fromPrinter, "png", Path.of("target", "receipts", "sample-from-simulator.png").toFile());
    }

    static String decodeWithZxing(BufferedImage image) throws NotFoundException, ChecksumException, FormatException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    static String zbarimg(Path png) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("zbarimg", "--raw", "-q", png.toAbsolutePath().toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            fail("zbarimg is missing (an independent QR decoder): sudo apt-get install zbar-tools", e);
            throw e;
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("zbarimg did not finish within 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "zbarimg found no code in " + png + ": " + err);
        assertTrue(Files.exists(png));
        return out;
    }
}
