package org.jinban.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.devices.printer.EscPosRenderer;
import org.jinban.devices.printer.Receipt;
import org.jinban.devices.scanner.FrameDecoder;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.config.KioskConfig;

/**
 * The device figures of docs/benchmarks.md: ZXing decode of a receipt QR in a 1280×720
 * frame, receipt → ESC/POS bytes with its QR, and a scanner line in → the SSE event out.
 */
final class DeviceBench {
    private static final String PAYLOAD = "https://jinban.example/a?t=3707830011-20261123-0001-K&v=8F3A2C";

    private DeviceBench() {
    }

    static List<String> run(Path work, int rounds) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(zxing(rounds));
        rows.add(escPos(rounds));
        rows.add(scanToEvent(work, rounds));
        return rows;
    }

    private static String zxing(int rounds) throws Exception {
        BufferedImage qr = MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(PAYLOAD, BarcodeFormat.QR_CODE,
                260, 260, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")));
        BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(170, 165, 160));
        g.fillRect(0, 0, 1280, 720);
        Random random = new Random(5);
        for (int i = 0; i < 6000; i++) {
            int grey = 110 + random.nextInt(110);
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(random.nextInt(1280), random.nextInt(720), 3, 3);
        }
        g.setColor(Color.WHITE);
        g.fillRect(480, 180, 320, 360); // the receipt paper
        g.drawImage(qr, 510, 230, null);
        g.dispose();
        FrameDecoder decoder = new FrameDecoder();
        for (int i = 0; i < 20; i++) {
            decoder.decode(frame);
        }
        double[] samples = new double[40 * rounds];
        for (int i = 0; i < samples.length; i++) {
            long s = System.nanoTime();
            Optional<String> text = decoder.decode(frame);
            samples[i] = (System.nanoTime() - s) / 1e6;
            if (text.isEmpty() || !text.get().equals(PAYLOAD)) {
                throw new IllegalStateException("the frame's QR was not decoded");
            }
        }
        return Bench.row("ZXing decode of a receipt QR in a 1280×720 frame", Stats.of(samples), "ms", "median ≤ 30 ms");
    }

    private static String escPos(int rounds) {
        Receipt receipt = Receipt.builder()
                .text("圣城街道丰华社区便民服务站", Receipt.Align.CENTER, true, false)
                .rule()
                .text("回执编号：3707830011-20261123-0001-K")
                .text("事项：民生保障 / 低保咨询")
                .text("时间：2026-11-23 09:41")
                .feed(1)
                .qr(PAYLOAD, 6)
                .text("请保留本回执，扫码查询办理进度", Receipt.Align.CENTER)
                .feed(3)
                .cut()
                .build();
        EscPosRenderer renderer = new EscPosRenderer();
        for (int i = 0; i < 20_000; i++) {
            renderer.render(receipt);
        }
        double[] samples = new double[2_000 * rounds];
        for (int i = 0; i < samples.length; i++) {
            long s = System.nanoTime();
            renderer.render(receipt);
            samples[i] = (System.nanoTime() - s) / 1e3;
        }
        return Bench.row("receipt layout → ESC/POS bytes, with its QR", Stats.of(samples), "µs", "≤ 5 ms");
    }

    /** From the simulator's scanner line (an HTTP call, as the panel makes) to the event read from SSE. */
    private static String scanToEvent(Path work, int rounds) throws Exception {
        KioskConfig config = new KioskConfig(work.resolve("events-data"), "测试站", "Test station", "370783001001",
                Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        try (Kiosk kiosk = Kiosk.start(server, config)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + kiosk.port();
            BlockingQueue<String> data = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> stream = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                    .build(), HttpResponse.BodyHandlers.ofLines()).get(5, TimeUnit.SECONDS);
            Thread.startVirtualThread(() -> {
                try {
                    stream.body().filter(l -> l.startsWith("data:")).forEach(data::add);
                } catch (java.io.UncheckedIOException ended) {
                    // the kiosk stopped
                }
            });
            Thread.sleep(300);
            data.clear();
            double[] samples = new double[100 * rounds];
            for (int i = -50; i < samples.length; i++) {
                String code = "JB-" + i;
                long s = System.nanoTime();
                client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/simulator/scan"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + code + "\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
                String event;
                do {
                    event = data.poll(5, TimeUnit.SECONDS);
                    if (event == null) {
                        throw new IllegalStateException("no SSE event for " + code);
                    }
                } while (!event.contains("\"" + code + "\""));
                if (i >= 0) {
                    samples[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            return Bench.row("scanner line in → SSE event out (simulator scan, HTTP POST included)", Stats.of(samples),
                    "ms", "p99 ≤ 50 ms");
        }
    }
}
