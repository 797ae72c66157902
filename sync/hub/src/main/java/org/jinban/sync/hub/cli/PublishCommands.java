package org.jinban.sync.hub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The CLI's publishing commands: a catalog or a staff roster to every kiosk. */
final class PublishCommands {
    private PublishCommands() {
    }

    @Command(name = "catalog", mixinStandardHelpOptions = true, description = "The service catalog.")
    static final class Catalog {
        @Spec
        CommandSpec spec;

        @Command(name = "publish", description = "Publish a catalog document (docs/catalog-format.md) to every kiosk.")
        void publish(@Parameters(paramLabel = "FILE") Path file) {
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/catalog", readJson(file));
            HubCli.out(spec).println("catalog version " + KioskCommands.text(r.path("version")) + " published");
            Table t = new Table("KIOSK", "SEQ", "KIND", "ITEMS");
            for (JsonNode k : r.path("kiosks")) {
                t.row(k.path("kioskId").asText(), k.path("seq").asText(), k.path("kind").asText(),
                        k.path("items").asText());
            }
            t.print(HubCli.out(spec), "(no kiosk enrolled to send it to)");
        }
    }

    @Command(name = "roster", mixinStandardHelpOptions = true, description = "The staff roster.")
    static final class Roster {
        @Spec
        CommandSpec spec;

        @Command(name = "publish", description = "Publish a staff roster {\"staff\": [{\"id\", \"name\", \"pin\", \"active\"}]}"
                + " to every kiosk; the hub hashes the PINs.")
        void publish(@Parameters(paramLabel = "FILE") Path file) {
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/roster", readJson(file));
            HubCli.out(spec).println("roster published");
            Table t = new Table("KIOSK", "SEQ");
            for (JsonNode k : r.path("kiosks")) {
                t.row(k.path("kioskId").asText(), k.path("seq").asText());
            }
            t.print(HubCli.out(spec), "(no kiosk enrolled to send it to)");
        }
    }

    /** The file's text, checked to be JSON here so that a typo is named before the hub sees it. */
    private static String readJson(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException.Usage("cannot read " + file + ": " + e.getMessage());
        }
        try {
            new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException.Usage(file + " is not JSON: " + e.getOriginalMessage());
        }
        return text;
    }
}
