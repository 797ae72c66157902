package org.jinban.sync.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The CLI's appeal commands: list what kiosks filed, move an appeal's status. */
@Command(name = "appeals", mixinStandardHelpOptions = true, description = "Appeals received from kiosks.")
final class AppealCommands {
    @Spec
    CommandSpec spec;

    @Command(name = "list", description = "Every appeal received, oldest first.")
    void list() {
        Table t = new Table("TRACKING NO", "KIOSK", "STATUS", "RECEIVED", "RATING", "FOLLOW-UP");
        for (JsonNode a : HubCli.api(spec).get(AdminApi.PREFIX + "/appeals")) {
            JsonNode followUp = a.path("followUp");
            t.row(a.path("trackingNo").asText(), a.path("kioskId").asText(), a.path("status").asText(),
                    KioskCommands.text(a.path("receivedAt")), KioskCommands.text(a.path("rating")),
                    followUp.isBoolean() ? KioskCommands.yesNo(followUp) : "-");
        }
        t.print(HubCli.out(spec), "no appeals received");
    }

    @Command(name = "status", description = "Set an appeal's status; it reaches the kiosk that filed it.")
    void status(@Parameters(paramLabel = "TRACKING_NO") String trackingNo,
                @Option(names = "--status", required = true, paramLabel = "STATUS",
                        description = "RECEIVED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED or REJECTED") String status,
                @Option(names = "--level", paramLabel = "LEVEL", description = "COMMUNITY, STREET, DISTRICT or CITY") String level,
                @Option(names = "--department", paramLabel = "NAME") String department,
                @Option(names = "--reason", paramLabel = "TEXT", description = "why, for REJECTED") String reason,
                @Option(names = "--reply", paramLabel = "TEXT", description = "the answer to the resident") String reply) {
        ObjectNode body = HubCli.api(spec).json().createObjectNode().put("status", status);
        putIfSet(body, "handlingLevel", level);
        putIfSet(body, "department", department);
        putIfSet(body, "reason", reason);
        putIfSet(body, "reply", reply);
        JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/appeals/" + AdminApi.segment(trackingNo) + "/status", body);
        HubCli.out(spec).println("appeal " + trackingNo + " is now " + status + "; sent to kiosk "
                + r.path("kioskId").asText() + " (appeal-status seq " + r.path("seq").asText() + ")");
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
