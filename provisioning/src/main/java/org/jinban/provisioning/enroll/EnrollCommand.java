package org.jinban.provisioning.enroll;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jinban.kiosk.Main;
import org.jinban.kiosk.enroll.EnrollException;
import org.jinban.kiosk.enroll.Enrollment;
import org.jinban.kiosk.enroll.EnrollmentQrText;
import org.jinban.kiosk.enroll.HubEnrollment;
import org.jinban.provisioning.ProvisionException;
import org.jinban.sync.client.PinnedTrustManager;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    KioskPathOptions paths;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT15S", converter = TimeoutConverter.class,
            description = "how long to wait to connect, and then for the hub's answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--owner", paramLabel = "USER", defaultValue = "jinban",
            description = "the service user the secrets belong to when run as root (default: ${DEFAULT-VALUE})")
    String owner;

    @Option(names = "--pin-sha256", paramLabel = "HEX",
            description = "trust only the hub certificate with this SHA-256 (64 hex digits, colons allowed) instead"
                    + " of the system's CAs; written to the enrollment for the sync client too")
    String pin;

    @Option(names = "--force", description = "enroll again although this kiosk is enrolled; keeps the data secret")
    boolean force;

    @Override
    public Integer call() {
        String hubUrl = source.typed != null ? source.typed.hub : null;
        String code = source.typed != null ? source.typed.code : null;
        if (source.qrText != null) {
            EnrollmentQrText qr;
            try {
                qr = EnrollmentQrText.parse(source.qrText);
            } catch (EnrollException e) {
                throw new ProvisionException(ProvisionMain.EXIT_USAGE, "--qr-text: " + e.getMessage());
            }
            hubUrl = qr.hub();
            code = qr.code();
        }
        if (pin != null && PinnedTrustManager.normalize(pin).isEmpty()) {
            throw new ProvisionException(ProvisionMain.EXIT_USAGE, "--pin-sha256: '" + pin + "' is not 64 hex digits"
                    + " (the SHA-256 of the hub's certificate; colons allowed)");
        }
        HubEnrollment hub;
        try {
            hub = new HubEnrollment(hubUrl, timeout, Optional.ofNullable(pin));
        } catch (EnrollException e) {
            throw new ProvisionException(ProvisionMain.EXIT_USAGE, "--hub: " + e.getMessage());
        }
        KioskLayout layout = paths.layout(null);
        if (layout.enrolled() && !force) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "this kiosk is enrolled already ("
                    + layout.kioskId().map(id -> "as " + id + ", ").orElse("") + "see " + layout.enrollmentFile()
                    + "); to enroll it again under a new code, add --force (its data secret is kept), or"
                    + " run jinban-provision factory-reset first");
        }
        FileOwner fileOwner = FileOwner.resolve(owner, layout.configFile().getFileSystem());
        PrintWriter out = spec.commandLine().getOut();

        Enrollment.Result result;
        try {
            result = Enrollment.enroll(hub, code, targets(layout), fileOwner, "jinban-provision enroll");
        } catch (EnrollException e) {
            throw new ProvisionException(exitCode(e.kind()), e.getMessage() + hint(e.kind()));
        }
        forgetScreenEnrollment(layout);
        HubEnrollment.Enrolled enrolled = result.enrolled();
        out.println("Enrolled with the hub at " + result.syncUrl() + ".");
        out.println("  kiosk id:    " + enrolled.kioskId());
        out.println("  station:     " + enrolled.stationName());
        out.println("  address:     " + enrolled.address());
        out.println("  grid code:   " + enrolled.gridCode());
        out.println("  kiosk key:   SHA-256 " + result.fingerprint());
        out.println("               (the hub's kiosk list shows " + result.shortFingerprint() + ")");
        hub.pin().ifPresent(p -> out.println("  hub certificate pinned: SHA-256 " + p));
        out.println("Written: " + layout.enrollmentFile() + ", " + layout.hubPublicKey() + ", " + layout.identityPub()
                + "; secrets in " + layout.secretDir() + " (owner-only)"
                + (result.newSecret() ? "; a new data secret " + layout.kioskKey() : "; the data secret "
                + layout.kioskKey() + " was kept") + ".");
        fileOwner.note().ifPresent(n -> out.println("Note: " + n + "."));
        out.println("Next: restart the kiosk service (systemctl restart jinban-kiosk) and check: jinban-provision config check");
        return ProvisionMain.EXIT_OK;
    }

    /** The CLI writes beside the technician's config file (it runs as root; the service could not). */
    static Enrollment.Targets targets(KioskLayout layout) {
        return new Enrollment.Targets(layout.secretDir(), layout.kioskKey(), layout.identityKey(), layout.credential(),
                layout.identityPub(), layout.hubPublicKey(), layout.configFile().resolveSibling(Main.ENROLLMENT_FILE));
    }

    /**
     * An enrollment the technician screen made before (in the secrets' directory) would only be
     * shadowed by the one just written beside the config file; gone, it cannot mislead anyone.
     */
    private static void forgetScreenEnrollment(KioskLayout layout) {
        try {
            Files.deleteIfExists(layout.secretDir().resolve(Main.ENROLLMENT_FILE));
            Files.deleteIfExists(layout.secretDir().resolve("hub-public.key"));
            Files.deleteIfExists(layout.secretDir().resolve("identity.pub"));
        } catch (IOException e) {
            // harmless: the file beside the config wins over it (ConfigCheck.enrollmentFile)
        }
    }

    static int exitCode(EnrollException.Kind kind) {
        return switch (kind) {
            case NOT_ENROLLMENT_QR, BAD_REQUEST -> ProvisionMain.EXIT_USAGE;
            case UNREACHABLE, TIMEOUT -> ProvisionMain.EXIT_UNREACHABLE;
            default -> ProvisionMain.EXIT_FAILED;
        };
    }

    private static String hint(EnrollException.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> " (--timeout)";
            case WRITE_FAILED -> " (run as root on a kiosk; to enroll again, add --force)";
            default -> "";
        };
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
