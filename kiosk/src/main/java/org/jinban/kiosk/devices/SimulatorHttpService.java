package org.jinban.kiosk.devices;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.devices.printer.PrintedReceipt;
import org.jinban.devices.printer.ReceiptImageRenderer;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.JsonBody;

/**
 * {@code /api/v1/simulator}: what a person does to the simulated devices in the demo. Routed
 * only in simulate mode; a real kiosk has no such path.
 */
public final class SimulatorHttpService implements HttpService {
    private static final int MAX_SCAN = 4096;

    private final Devices.Simulator simulator;
    private final Handler methodNotAllowed;
    private ReceiptImageRenderer images;

    public SimulatorHttpService(Devices.Simulator simulator, Handler methodNotAllowed) {
        this.simulator = simulator;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/scan", this::scan).any("/scan", methodNotAllowed)
                .post("/presence", this::presence).any("/presence", methodNotAllowed)
                .post("/help", this::help).any("/help", methodNotAllowed)
                .post("/card", this::card).any("/card", methodNotAllowed)
                .post("/printer", this::printer).any("/printer", methodNotAllowed)
                .post("/printer/test-page", this::testPage).any("/printer/test-page", methodNotAllowed)
                .get("/receipts", this::receipts).any("/receipts", methodNotAllowed)
                .get("/receipts/{image}", this::receiptImage).any("/receipts/{image}", methodNotAllowed);
    }

    /** Body: {"text": "..."}: the scanner reads it as if a code held that text. */
    private void scan(ServerRequest req, ServerResponse res) {
        ScanRequest body = JsonBody.read(req, ScanRequest.class);
        if (body.text() == null || body.text().length() > MAX_SCAN) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("text",
                    "is required and at most " + MAX_SCAN + " characters")));
        }
        simulator.scan(body.text());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Body: {"present": true|false}. */
    private void presence(ServerRequest req, ServerResponse res) {
        PresenceRequest body = JsonBody.read(req, PresenceRequest.class);
        if (body.present() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("present", "is required: true or false")));
        }
        simulator.presence(body.present());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void help(ServerRequest req, ServerResponse res) {
        simulator.pressHelp();
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Body: {"present": true|false, "longTerm": true|false}: places or takes away a sample card. */
    private void card(ServerRequest req, ServerResponse res) {
        CardRequest body = JsonBody.read(req, CardRequest.class);
        if (body.present() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("present", "is required: true or false")));
        }
        if (body.present()) {
            simulator.placeCard(Boolean.TRUE.equals(body.longTerm()));
        } else {
            simulator.removeCard();
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Body: any of {"paperEnd", "paperNearEnd", "coverOpen", "answersStatus"} as true or false. */
    private void printer(ServerRequest req, ServerResponse res) {
        PrinterRequest body = JsonBody.read(req, PrinterRequest.class);
        simulator.printer(body.paperEnd(), body.paperNearEnd(), body.coverOpen(), body.answersStatus());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void testPage(ServerRequest req, ServerResponse res) {
        simulator.printTestPage().ifPresent(reason -> {
            throw new ApiException(Status.CONFLICT_409, "printer-not-ready", "Printer not ready",
                    "the printer cannot print: " + reason, List.of());
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    private void receipts(ServerRequest req, ServerResponse res) {
        List<PrintedReceipt> printed = simulator.receipts();
        List<PrintedView> views = new java.util.ArrayList<>();
        for (int i = 0; i < printed.size(); i++) {
            views.add(new PrintedView(i, printed.get(i).textLines(), printed.get(i).qrPayloads(),
                    "/api/v1/simulator/receipts/" + i + ".png"));
        }
        res.send(new ReceiptsView(views));
    }

    private void receiptImage(ServerRequest req, ServerResponse res) {
        String image = req.path().pathParameters().get("image");
        List<PrintedReceipt> printed = simulator.receipts();
        int index;
        try {
            index = image.endsWith(".png") ? Integer.parseInt(image.substring(0, image.length() - 4)) : -1;
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= printed.size()) {
            throw ApiException.notFound("there is no printed receipt " + image);
        }
        byte[] png = images().renderPng(printed.get(index).toReceipt());
        res.header(HeaderNames.CONTENT_TYPE, "image/png");
        res.send(png);
    }

    /** Made on first use: finding the CJK font costs a moment the start should not pay. */
    private synchronized ReceiptImageRenderer images() {
        if (images == null) {
            images = new ReceiptImageRenderer();
        }
        return images;
    }

    public record PrinterRequest(Boolean paperEnd, Boolean paperNearEnd, Boolean coverOpen, Boolean answersStatus) {
    }

    public record PrintedView(int index, List<String> lines, List<String> qr, String image) {
    }

    public record ReceiptsView(List<PrintedView> receipts) {
    }

    public record CardRequest(Boolean present, Boolean longTerm) {
    }

    public record ScanRequest(String text) {
    }

    public record PresenceRequest(Boolean present) {
    }
}
