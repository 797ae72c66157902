package org.jinban.ui.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The kiosk's simulated devices and the stand-in for the central platform, driven over
 * {@code /api/v1/simulator} as the simulator panel or a technician would (docs/api.md).
 */
public final class Simulator {
    private final KioskFixture kiosk;

    public Simulator(KioskFixture kiosk) {
        this.kiosk = kiosk;
    }

    /** The scanner reads a code holding this text. */
    public void scan(String text) {
        kiosk.simulate("/scan", object().put("text", text).toString());
    }

    /** A (fictional, readable) resident ID card is placed on the reader. */
    public void placeCard() {
        kiosk.simulate("/card", object().put("present", true).put("longTerm", false).toString());
    }

    public void removeCard() {
        kiosk.simulate("/card", object().put("present", false).toString());
    }

    /**
     * Takes the card away and waits until the kiosk has noticed (it polls the reader every few
     * hundred ms: a card put back sooner would never have been away, and sends no new event).
     */
    public void removeCardAndWait() {
        removeCard();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            HttpResponse<String> read = kiosk.post("/identity/card", "{}");
            if (read.statusCode() == 409) {
                return;
            }
            if (read.statusCode() == 201) {
                kiosk.delete("/identity/" + kiosk.json(read.body()).path("token").asText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the kiosk still reads a card 5 s after it was taken away: " + read.body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public void paperEnd(boolean on) {
        kiosk.simulate("/printer", object().put("paperEnd", on).toString());
    }

    /** What the simulated printer has printed so far, oldest first. */
    public List<PrintedReceipt> receipts() {
        JsonNode list = kiosk.api("/simulator/receipts", "zh-CN").path("receipts");
        List<PrintedReceipt> out = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> lines = new ArrayList<>();
            r.path("lines").forEach(l -> lines.add(l.asText()));
            List<String> qr = new ArrayList<>();
            r.path("qr").forEach(q -> qr.add(q.asText()));
            out.add(new PrintedReceipt(r.path("index").asInt(), lines, qr, r.path("image").asText()));
        }
        return out;
    }

    /** The printed receipt whose QR code looks this appeal up, if it was printed. */
    public Optional<PrintedReceipt> receiptOf(String trackingNo) {
        return receipts().stream().filter(r -> r.qr().stream().anyMatch(q -> q.startsWith("JB1:" + trackingNo + ":"))).findFirst();
    }

    /** Moves an appeal as the central platform would. */
    public void moveAppeal(String trackingNo, StatusChange change) {
        HttpResponse<String> res = kiosk.post("/simulator/appeals/" + trackingNo + "/status", change.json().toString());
        // 200 with the appeal's bare view (docs/api.md gives no status for this call)
        assertTrue(res.statusCode() == 200 || res.statusCode() == 204,
                () -> "moving " + trackingNo + " with " + change.json() + " -> " + res.statusCode() + " " + res.body());
    }

    static ObjectNode object() {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    }

    /** One printed slip: its text lines, the QR payloads on it and the link to its picture. */
    public record PrintedReceipt(int index, List<String> lines, List<String> qr, String image) {
        public boolean mentions(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    /** A status change from the central platform: {@code StatusChange.to("RESOLVED").reply("…")}. */
    public static final class StatusChange {
        private final ObjectNode json = object();

        private StatusChange(String status) {
            json.put("status", status);
        }

        public static StatusChange to(String status) {
            return new StatusChange(status);
        }

        public StatusChange handlingLevel(String level) {
            json.put("handlingLevel", level);
            return this;
        }

        public StatusChange department(String department) {
            json.put("department", department);
            return this;
        }

        public StatusChange reason(String reason) {
            json.put("reason", reason);
            return this;
        }

        public StatusChange reply(String reply) {
            json.put("reply", reply);
            return this;
        }

        ObjectNode json() {
            return json;
        }
    }
}
