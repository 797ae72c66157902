package org.jinban.sync.hub.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The CLI's kiosk commands: kiosks, enrollment codes, central config, remote commands, hub key. */
final class KioskCommands {
    private KioskCommands() {
    }

    @Command(name = "kiosks", mixinStandardHelpOptions = true, description = "List, add or revoke kiosks.")
    static final class Kiosks {
        @Spec
        CommandSpec spec;

        @Command(name = "list", description = "The enrolled kiosks, connected or not, and their queues.")
        void list() {
            Table t = new Table("KIOSK", "CONNECTED", "REVOKED", "LAST CONTACT", "QUEUE", "OLDEST UNSENT (s)",
                    "KEY (SHA-256)");
            for (JsonNode k : HubCli.api(spec).get(AdminApi.PREFIX + "/kiosks")) {
                t.row(k.path("kioskId").asText(), yesNo(k.path("connected")), yesNo(k.path("revoked")),
                        text(k.path("lastContactAt")), text(k.path("queue")), text(k.path("oldestUnsentSeconds")),
                        text(k.path("publicKeyFingerprint")));
            }
            t.print(HubCli.out(spec), "no kiosks enrolled");
        }

        @Command(name = "add", description = "Enroll a kiosk and give out its credential (shown this once).")
        void add(@Parameters(paramLabel = "ID", description = "the kiosk id, e.g. K-370783001001-01") String kioskId,
                 @Option(names = "--credential-file", paramLabel = "FILE",
                         description = "write the credential owner-only to FILE instead of printing it") Path file) {
            ObjectNode body = HubCli.api(spec).json().createObjectNode().put("kioskId", kioskId);
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/kiosks", body);
            PrintWriter out = HubCli.out(spec);
            if (file == null) {
                out.println("kiosk " + kioskId + " enrolled; its credential (shown this once, the hub keeps only a hash):");
                out.println(r.path("credential").asText());
            } else {
                writeOwnerOnly(file, r.path("credential").asText());
                out.println("kiosk " + kioskId + " enrolled; its credential is in " + file + " (owner-only)");
            }
        }

        @Command(name = "revoke", description = "Revoke a kiosk: it is disconnected and refused from now on.")
        void revoke(@Parameters(paramLabel = "ID") String kioskId) {
            HubCli.api(spec).post(AdminApi.PREFIX + "/kiosks/" + AdminApi.segment(kioskId) + "/revoke", "{}");
            HubCli.out(spec).println("kiosk " + kioskId + " revoked");
        }
    }

    @Command(name = "codes", mixinStandardHelpOptions = true, description = "One-time enrollment codes.")
    static final class Codes {
        @Spec
        CommandSpec spec;

        @Command(name = "create", description = "Issue a one-time code that enrolls a kiosk at a station.")
        void create(@Option(names = "--kiosk", required = true, paramLabel = "ID") String kioskId,
                    @Option(names = "--station", required = true, paramLabel = "NAME") String station,
                    @Option(names = "--address", required = true, paramLabel = "ADDRESS") String address,
                    @Option(names = "--grid", required = true, paramLabel = "GRID_CODE") String grid,
                    @Option(names = "--ttl", paramLabel = "SECONDS", description = "how long the code works (default: one day)")
                    Long ttlSeconds,
                    @Option(names = "--qr", paramLabel = "FILE.png",
                            description = "also write the code and the hub's address as a QR code PNG for the kiosk's scanner")
                    Path qr,
                    @Option(names = "--sync-url", paramLabel = "URL", description = "the hub's address as kiosks reach it,"
                            + " for the QR (default: --hub with ws:// or wss:// and /sync/v1)")
                    URI syncUrl) {
            if (syncUrl != null && !"wss".equals(syncUrl.getScheme()) && !"ws".equals(syncUrl.getScheme())) {
                throw new CliException.Usage("--sync-url: " + syncUrl + " is not a ws:// or wss:// address");
            }
            ObjectNode body = HubCli.api(spec).json().createObjectNode().put("kioskId", kioskId)
                    .put("stationName", station).put("address", address).put("gridCode", grid);
            if (ttlSeconds != null) {
                body.put("ttlSeconds", ttlSeconds);
            }
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/enrollment-codes", body);
            PrintWriter out = HubCli.out(spec);
            String code = r.path("code").asText();
            out.println("enrollment code for kiosk " + r.path("kioskId").asText() + ": " + code);
            out.println("works once, until " + r.path("expiresAt").asText());
            if (qr != null) {
                URI url = syncUrl != null ? syncUrl : EnrollmentQr.syncUrl(HubCli.api(spec).hub());
                try {
                    EnrollmentQr.writePng(EnrollmentQr.text(url, code), qr);
                } catch (IOException e) {
                    throw new CliException.Usage("the code is issued (above), but its QR could not be written to "
                            + qr + ": " + e.getMessage());
                }
                out.println("QR code for the kiosk's scanner (hub " + url + ") written to " + qr);
            }
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, description = "Central configuration of a kiosk.")
    static final class ConfigCmd {
        @Spec
        CommandSpec spec;

        @Command(name = "set", description = "Send a kiosk its central config values (they replace earlier ones).")
        void set(@Parameters(index = "0", paramLabel = "KIOSK") String kioskId,
                 @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE",
                         description = "e.g. kiosk.ui.idle-timeout=PT90S") List<String> pairs) {
            ObjectNode body = HubCli.api(spec).json().createObjectNode();
            ObjectNode values = body.putObject("values");
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new CliException.Usage("'" + pair + "' is not KEY=VALUE");
                }
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/kiosks/" + AdminApi.segment(kioskId) + "/config", body);
            HubCli.out(spec).println("config for kiosk " + kioskId + " queued at seq " + r.path("seq").asText()
                    + " (" + values.size() + " value" + (values.size() == 1 ? "" : "s") + ")");
        }
    }

    @Command(name = "command", mixinStandardHelpOptions = true, description = "Signed remote commands.")
    static final class CommandCmd {
        @Spec
        CommandSpec spec;

        @Command(name = "send", description = "Send a kiosk a signed command: refresh-catalog, print-test-page,"
                + " restart-service or purge-personal-data.")
        void send(@Parameters(index = "0", paramLabel = "KIOSK") String kioskId,
                  @Parameters(index = "1", paramLabel = "ACTION") String action,
                  @Option(names = "--ttl", paramLabel = "SECONDS", description = "how long the command is valid (default 300)")
                  Long ttlSeconds) {
            ObjectNode body = HubCli.api(spec).json().createObjectNode().put("action", action);
            body.putObject("args");
            if (ttlSeconds != null) {
                body.put("ttlSeconds", ttlSeconds);
            }
            JsonNode r = HubCli.api(spec).post(AdminApi.PREFIX + "/kiosks/" + AdminApi.segment(kioskId) + "/commands", body);
            HubCli.out(spec).println("command " + r.path("commandId").asText() + " (" + action + ") queued for kiosk "
                    + kioskId + " at seq " + r.path("seq").asText() + ", valid until " + r.path("expiresAt").asText());
        }
    }

    @Command(name = "hub-key", mixinStandardHelpOptions = true,
            description = "Print the hub's public key (base64 X.509 Ed25519), as a kiosk takes it.")
    static final class HubKeyCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            HubCli.out(spec).println(HubCli.api(spec).get(AdminApi.PREFIX + "/hub-key").path("publicKey").asText());
        }
    }

    static String yesNo(JsonNode n) {
        return n.asBoolean() ? "yes" : "no";
    }

    static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }

    private static void writeOwnerOnly(Path file, String credential) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".credential", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, credential, StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException.Usage("the kiosk is enrolled, but its credential could not be written to "
                    + file + ": " + e.getMessage() + "; revoke it and enroll it again");
        }
    }
}
