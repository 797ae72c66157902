package org.jinban.provisioning.enroll;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision enroll}: makes the kiosk's own key pair and data secret here, redeems a
 * one-time code at the hub with the public key, and writes what the hub gave (docs/operations.md,
 * section 3). Secrets are written owner-only and atomically; the credential is never printed.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enroll this kiosk with the central platform using a one-time code.")
public final class EnrollCommand implements Callable<Integer> {
    static final int SECRET_BYTES = 32;
    private static final String SECRET_FILE = "rw-------";
    private static final String SECRET_DIR = "rwx------";
    private static final String GROUP_READABLE = "rw-r-----";
    private static final String PUBLIC = "rw-r--r--";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Typed typed;

        @Option(names = "--qr-text", paramLabel = "TEXT", required = true,
                description = "the text of the enrollment QR, as the kiosk's scanner read it")
        String qrText;
    }

    static final class Typed {
        @Option(names = "--hub", required = true, paramLabel = "URL",
                description = "the hub's sync address, wss://host[:port]/sync/v1")
        String hub;

        @Option(names = "--code", required = true, paramLabel = "XXXX-XXXX", description = "the one-time enrollment code")
        String code;
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "the kiosk's config file (default: $JINBAN_CONFIG, else " + KioskLayout.DEFAULT_CONFIG + ")")
    Path config;

    @Option(names = "--secret-dir", paramLabel = "DIR", description = "where the secrets go (default: secret/ beside the config)")
    Path secretDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT15S", converter = TimeoutConverter.class,
            description = "how long to wait to connect, and then for the hub's answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--owner", paramLabel = "USER", defaultValue = "jinban",
            description = "the service user the secrets belong to when run as root (default: ${DEFAULT-VALUE})")
    String owner;

    @Option(names = "--force", description = "enroll again although this kiosk is enrolled; keeps the data secret")
    boolean force;

    @Override
    public Integer call() {
        String hub = source.typed != null ? source.typed.hub : null;
        String code = source.typed != null ? source.typed.code : null;
        if (source.qrText != null) {
            EnrollmentQrText qr = EnrollmentQrText.parse(source.qrText);
            hub = qr.hub();
            code = qr.code();
        }
        HubEnrollment hubCall = new HubEnrollment(hub, timeout);
        KioskLayout layout = KioskLayout.of(KioskLayout.configFile(config), secretDir, null);
        if (layout.enrolled() && !force) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "this kiosk is enrolled already ("
                    + layout.kioskId().map(id -> "as " + id + ", ").orElse("") + "see " + layout.enrollmentFile()
                    + "); to enroll it again under a new code, add --force (its data secret is kept), or"
                    + " run jinban-provision factory-reset first");
        }
        FileOwner fileOwner = FileOwner.resolve(owner, layout.configFile().getFileSystem());
        PrintWriter out = spec.commandLine().getOut();

        KioskIdentity identity = KioskIdentity.generate();
        boolean newSecret = prepare(layout, fileOwner, identity);
        HubEnrollment.Enrolled enrolled = hubCall.redeem(code, identity.publicKeyBase64());
        writeEnrollment(layout, fileOwner, hubCall, enrolled);

        out.println("Enrolled with the hub at " + hubCall.syncUrl() + ".");
        out.println("  kiosk id:    " + enrolled.kioskId());
        out.println("  station:     " + enrolled.stationName());
        out.println("  address:     " + enrolled.address());
        out.println("  grid code:   " + enrolled.gridCode());
        out.println("  kiosk key:   SHA-256 " + identity.fingerprint());
        out.println("               (the hub's kiosk list shows " + identity.shortFingerprint() + ")");
        out.println("Written: " + layout.enrollmentFile() + ", " + layout.hubPublicKey() + ", " + layout.identityPub()
                + "; secrets in " + layout.secretDir() + " (owner-only)"
                + (newSecret ? "; a new data secret " + layout.kioskKey() : "; the data secret " + layout.kioskKey()
                + " was kept") + ".");
        fileOwner.note().ifPresent(n -> out.println("Note: " + n + "."));
        out.println("Next: restart the kiosk service (systemctl restart jinban-kiosk) and check: jinban-provision config check");
        return ProvisionMain.EXIT_OK;
    }

    /**
     * Everything local before the code is spent: the secrets' directory, the data secret (kept if
     * present), the kiosk's key pair. A kiosk that cannot write its files fails here, with its
     * code still good.
     */
    private static boolean prepare(KioskLayout layout, FileOwner owner, KioskIdentity identity) {
        try {
            SafeFiles.directory(layout.secretDir(), SECRET_DIR, owner::giveToService);
            if (!layout.kioskKey().getParent().equals(layout.secretDir())) {
                SafeFiles.directory(layout.kioskKey().getParent(), SECRET_DIR, owner::giveToService);
            }
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            boolean created = SafeFiles.createIfAbsent(layout.kioskKey(),
                    (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII),
                    SECRET_FILE, owner::giveToService);
            SafeFiles.replace(layout.identityKey(), identity.privateKeyPkcs8(), SECRET_FILE, owner::giveToService);
            SafeFiles.replace(layout.identityPub(), (identity.publicKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII),
                    PUBLIC, file -> { });
            return created;
        } catch (IOException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot write the kiosk's secrets in "
                    + layout.secretDir() + ": " + e.getMessage() + " (run as root on a kiosk); the code was not used");
        }
    }

    private static void writeEnrollment(KioskLayout layout, FileOwner owner, HubEnrollment hub,
                                        HubEnrollment.Enrolled enrolled) {
        try {
            SafeFiles.replace(layout.credential(), (enrolled.credential() + "\n").getBytes(StandardCharsets.US_ASCII),
                    SECRET_FILE, owner::giveToService);
            SafeFiles.replace(layout.hubPublicKey(), (enrolled.hubPublicKey() + "\n").getBytes(StandardCharsets.US_ASCII),
                    PUBLIC, file -> { });
            // Last: its presence is what says "enrolled", so it never names files not yet written.
            SafeFiles.replace(layout.enrollmentFile(), enrollmentYaml(layout, hub, enrolled).getBytes(StandardCharsets.UTF_8),
                    GROUP_READABLE, owner::giveGroupToService);
        } catch (IOException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "the hub enrolled this kiosk as " + enrolled.kioskId()
                    + ", but its files could not be written (" + e.getMessage() + "); ask the hub's operator to revoke"
                    + " it and issue a new code, then enroll again with --force");
        }
    }

    /** The config source the kiosk reads beside its file (kiosk Main.load); values as JSON strings, valid YAML. */
    static String enrollmentYaml(KioskLayout layout, HubEnrollment hub, HubEnrollment.Enrolled e) {
        return "# Written by jinban-provision enroll at " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ". Do not edit: enroll again, or factory-reset.\n"
                + "sync:\n"
                + "  hub-url: " + quoted(hub.syncUrl().toString()) + "\n"
                + "  kiosk-id: " + quoted(e.kioskId()) + "\n"
                + "  credential-file: " + quoted(layout.credential().toString()) + "\n"
                + "  hub-public-key-file: " + quoted(layout.hubPublicKey().toString()) + "\n"
                + "kiosk:\n"
                + "  secret-file: " + quoted(layout.kioskKey().toString()) + "\n"
                + "  station:\n"
                + "    name-zh: " + quoted(e.stationName() == null ? "" : e.stationName()) + "\n"
                + "    address: " + quoted(e.address() == null ? "" : e.address()) + "\n"
                + "    grid-code: " + quoted(e.gridCode()) + "\n";
    }

    private static String quoted(String value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code PT15S}, {@code 15s}, {@code 500ms} or {@code 15}: more than nothing, at most ten minutes. */
    static final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                if (v.startsWith("pt")) {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                } else if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
                } else {
                    d = Duration.ofSeconds(Long.parseLong(v));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. PT15S, 15s, 500ms)");
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be more than 0 and at most 10 minutes");
            }
            return d;
        }
    }
}
