package org.jinban.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.Pinyin;
import org.jinban.kiosk.catalog.ServiceItem;
import org.jinban.kiosk.ime.CandidateSearch;
import org.jinban.kiosk.ime.LexiconLoader;

/**
 * {@code ./run bench --parts ime}: the input method's candidates, as the keyboard asks for them —
 * one request per letter typed. 1,000 inputs drawn with a fixed seed: 60% every prefix of the
 * full pinyin of a phrase residents write (service names of the demo catalog and appeal
 * sentences, up to 64 letters: {@code w, wo, woy, … woyaotousuloudao…}), 20% pinyin initials of
 * 2–6 letters, 20% 64 random letters (the worst the endpoint takes). Limit 24, what the page asks.
 */
final class ImeBench {
    private static final int INPUTS = 1_000;
    private static final int LIMIT = 24;
    private static final List<String> APPEALS = List.of(
            "我要投诉楼道堆放杂物堵住了消防通道", "小区物业不管楼上装修噪音太大", "楼下烧烤油烟很大晚上扰民",
            "三号楼电梯经常坏了没人修", "路灯不亮晚上出门不安全", "小区门口乱停车占道经营",
            "下水道堵塞污水漫到路面", "邻居养狗狗叫声影响休息", "申请低保需要带什么材料",
            "我家住在小区一号楼二单元", "停车位被别人占用了", "广场舞音响声音太大");

    private ImeBench() {
    }

    static List<String> run(Path kioskJar, Path work, int rounds) throws Exception {
        List<String> inputs = inputs(INPUTS, 11);
        List<String> rows = new ArrayList<>();
        rows.addAll(serviceLayer(inputs, rounds));
        rows.addAll(http(kioskJar, work, inputs, rounds));
        return rows;
    }

    static List<String> inputs(int count, long seed) {
        CatalogDocument demo = new CatalogFileReader(Kiosk.objectMapper()).read("classpath:catalog/demo-catalog.json");
        List<String> phrases = new ArrayList<>(APPEALS);
        demo.items().stream().map(ServiceItem::name).map(n -> n.zh()).forEach(phrases::add);
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            String phrase = phrases.get(random.nextInt(phrases.size()));
            switch (out.size() % 5) {
                case 0, 1, 2 -> {
                    String full = Pinyin.of(phrase).full();
                    for (int len = 1; len <= Math.min(64, full.length()) && out.size() < count; len++) {
                        out.add(full.substring(0, len));
                    }
                }
                case 3 -> {
                    String initials = Pinyin.of(phrase).initials();
                    out.add(initials.substring(0, Math.min(initials.length(), 2 + random.nextInt(5))));
                }
                default -> {
                    StringBuilder letters = new StringBuilder();
                    for (int i = 0; i < 64; i++) {
                        letters.append((char) ('a' + random.nextInt(26)));
                    }
                    out.add(letters.toString());
                }
            }
        }
        return out;
    }

    private static List<String> serviceLayer(List<String> inputs, int rounds) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        LexiconLoader loader = LexiconLoader.fromClasspath();
        CandidateSearch search = loader.await().orElseThrow();
        double loadMillis = (System.nanoTime() - t0) / 1e6;
        System.gc();
        long retained = rt.totalMemory() - rt.freeMemory() - before;
        for (int warm = 0; warm < 2; warm++) {
            inputs.forEach(q -> search.candidates(q, LIMIT));
        }
        double[] samples = new double[inputs.size() * rounds];
        int i = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : inputs) {
                long s = System.nanoTime();
                search.candidates(q, LIMIT);
                samples[i++] = (System.nanoTime() - s) / 1e6;
            }
        }
        return List.of(
                String.format(Locale.ROOT, "| IME lexicon load (bench JVM, first load) | %.0f ms | | 1 | |", loadMillis),
                String.format(Locale.ROOT, "| IME heap retained after load (GC'd, bench JVM) | %.1f MiB | | 1 | ≤ 12 MB |",
                        retained / 1024.0 / 1024.0),
                Bench.row("IME candidates, service layer (1,000 inputs × " + rounds + ")", Stats.of(samples), "ms",
                        "p99 ≤ 20 ms"));
    }

    private static List<String> http(Path jar, Path work, List<String> inputs, int rounds) throws Exception {
        int port = ChildProcess.freePort();
        List<String> cmd = Bench.kioskCommand(jar, port, work.resolve("ime-data"), null, Bench.kioskFlags());
        try (ChildProcess kiosk = ChildProcess.start(cmd, port, work.resolve("ime.log"))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1/ime/candidates?limit=" + LIMIT + "&pinyin=";
            long waited = System.nanoTime();
            while (status(client, base + "a") == 503) {
                Thread.sleep(5);
            }
            double readyAfterUp = (System.nanoTime() - waited) / 1e6;
            for (int warm = 0; warm < 2; warm++) {
                for (String q : inputs) {
                    if (status(client, base + q) != 200) {
                        throw new IllegalStateException(q + " did not answer 200");
                    }
                }
            }
            double[] samples = new double[inputs.size() * rounds];
            int i = 0;
            for (int r = 0; r < rounds; r++) {
                for (String q : inputs) {
                    long s = System.nanoTime();
                    status(client, base + q);
                    samples[i++] = (System.nanoTime() - s) / 1e6;
                }
            }
            return List.of(
                    String.format(Locale.ROOT, "| IME ready after a first request right at health UP, kiosk flags | %.0f ms | | 1 | |", readyAfterUp),
                    Bench.row("IME candidates through HTTP, kiosk flags (same inputs × " + rounds + ", sequential)",
                            Stats.of(samples), "ms", "p99 ≤ 20 ms"),
                    String.format(Locale.ROOT, "| RSS after that IME run, kiosk flags | %.0f MiB | | 1 | ≤ 160 MB |",
                            kiosk.rssMiB()));
        }
    }

    private static int status(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
