package org.jinban.kiosk.enroll;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.enroll.EnrollException.Kind;

/**
 * Enrolls this kiosk, the one way both {@code jinban-provision enroll} and the technician screen
 * do it: makes the kiosk's own key pair and data secret here (a data secret already there is
 * kept), redeems the one-time code at the hub with the public key, and writes what the hub gave.
 * Secrets are written owner-only and atomically ({@link SafeFiles}); nothing here prints or logs
 * the credential or a key.
 */
public final class Enrollment {
    static final int SECRET_BYTES = 32;
    private static final String SECRET_FILE = "rw-------";
    private static final String SECRET_DIR = "rwx------";
    private static final String GROUP_READABLE = "rw-r-----";
    private static final String PUBLIC = "rw-r--r--";
    /** Quotes the values of {@code enrollment.yaml} (a JSON string is a YAML string). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private Enrollment() {
    }

    /**
     * Where enrollment writes. The CLI (run as root) writes {@code enrollment.yaml}, the hub's and
     * the kiosk's public keys beside the technician's config file and the secrets in
     * {@code secret/}; the technician screen (the service, which may write only its secrets'
     * directory) writes everything in {@code secret/}.
     */
    public record Targets(Path secretDir, Path kioskKey, Path identityKey, Path credential, Path identityPub,
                          Path hubPublicKey, Path enrollmentFile) {
        public Targets {
            Objects.requireNonNull(secretDir, "secretDir");
            Objects.requireNonNull(kioskKey, "kioskKey");
            Objects.requireNonNull(identityKey, "identityKey");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(identityPub, "identityPub");
            Objects.requireNonNull(hubPublicKey, "hubPublicKey");
            Objects.requireNonNull(enrollmentFile, "enrollmentFile");
        }

        /** Everything in {@code secretDir}, with the data secret where the kiosk keeps it. */
        public static Targets allIn(Path secretDir, Path kioskKey, String enrollmentFileName) {
            return new Targets(secretDir, kioskKey, secretDir.resolve("identity.key"), secretDir.resolve("credential"),
                    secretDir.resolve("identity.pub"), secretDir.resolve("hub-public.key"),
                    secretDir.resolve(enrollmentFileName));
        }
    }

    /** Who the written files belong to: the CLI, run as root, gives them to the service user. */
    public interface Owners {
        /** A secret or its directory: the service user's. */
        void secret(Path file) throws IOException;

        /** {@code enrollment.yaml}: readable by the service user's group. */
        void groupReadable(Path file) throws IOException;

        /** The files stay the writer's own (the service writing for itself, a test). */
        static Owners asIs() {
            return new Owners() {
                @Override
                public void secret(Path file) {
                }

                @Override
                public void groupReadable(Path file) {
                }
            };
        }
    }

    /** What enrolling did. */
    public record Result(HubEnrollment.Enrolled enrolled, URI syncUrl, String fingerprint, String shortFingerprint,
                         boolean newSecret) {
    }

    /**
     * Enrolls with the hub {@code hub} names using {@code code}, writing to {@code targets}.
     *
     * @param writtenBy who wrote the files, for the note at the top of {@code enrollment.yaml}
     * @throws EnrollException if the files cannot be written (before the code is spent, when possible)
     *                         or the hub refuses or cannot be reached (then nothing of the enrollment
     *                         is written)
     */
    public static Result enroll(HubEnrollment hub, String code, Targets targets, Owners owners, String writtenBy) {
        KioskIdentity identity = KioskIdentity.generate();
        boolean newSecret = prepare(targets, owners, identity);
        HubEnrollment.Enrolled enrolled = hub.redeem(code, identity.publicKeyBase64());
        write(targets, owners, hub, enrolled, writtenBy);
        return new Result(enrolled, hub.syncUrl(), identity.fingerprint(), identity.shortFingerprint(), newSecret);
    }

    /**
     * Everything local before the code is spent: the secrets' directory, the data secret (kept if
     * present), the kiosk's key pair. A kiosk that cannot write its files fails here, with its
     * code still good.
     */
    private static boolean prepare(Targets t, Owners owners, KioskIdentity identity) {
        try {
            SafeFiles.directory(t.secretDir(), SECRET_DIR, owners::secret);
            if (!t.kioskKey().getParent().equals(t.secretDir())) {
                SafeFiles.directory(t.kioskKey().getParent(), SECRET_DIR, owners::secret);
            }
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            boolean created = SafeFiles.createIfAbsent(t.kioskKey(),
                    (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII),
                    SECRET_FILE, owners::secret);
            SafeFiles.replace(t.identityKey(), identity.privateKeyPkcs8(), SECRET_FILE, owners::secret);
            SafeFiles.replace(t.identityPub(), (identity.publicKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII),
                    PUBLIC, file -> { });
            return created;
        } catch (IOException | RuntimeException e) {
            throw new EnrollException(Kind.WRITE_FAILED, "cannot write the kiosk's secrets in " + t.secretDir() + ": "
                    + e.getMessage() + "; the code was not used", e);
        }
    }

    private static void write(Targets t, Owners owners, HubEnrollment hub, HubEnrollment.Enrolled enrolled,
                              String writtenBy) {
        try {
            SafeFiles.replace(t.credential(), (enrolled.credential() + "\n").getBytes(StandardCharsets.US_ASCII),
                    SECRET_FILE, owners::secret);
            SafeFiles.replace(t.hubPublicKey(), (enrolled.hubPublicKey() + "\n").getBytes(StandardCharsets.US_ASCII),
                    PUBLIC, file -> { });
            // Last: its presence is what says "enrolled", so it never names files not yet written.
            SafeFiles.replace(t.enrollmentFile(), enrollmentYaml(t, hub, enrolled, writtenBy)
                    .getBytes(StandardCharsets.UTF_8), GROUP_READABLE, owners::groupReadable);
        } catch (IOException | RuntimeException e) {
            throw new EnrollException(Kind.WRITE_FAILED, "the hub enrolled this kiosk as " + enrolled.kioskId()
                    + ", but its files could not be written (" + e.getMessage() + "); ask the hub's operator to"
                    + " revoke it and issue a new code, then enroll again", e);
        }
    }

    /** The config source the kiosk reads beside its file ({@code Main.load}); values as JSON strings, valid YAML. */
    static String enrollmentYaml(Targets t, HubEnrollment hub, HubEnrollment.Enrolled e, String writtenBy) {
        return "# Written by " + writtenBy + " at " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ". Do not edit: enroll again, or factory-reset.\n"
                + "sync:\n"
                + "  hub-url: " + quoted(hub.syncUrl().toString()) + "\n"
                + "  kiosk-id: " + quoted(e.kioskId()) + "\n"
                + "  credential-file: " + quoted(t.credential().toString()) + "\n"
                + "  hub-public-key-file: " + quoted(t.hubPublicKey().toString()) + "\n"
                // the sync client then trusts the certificate enrollment trusted
                + hub.pin().map(pin -> "  pin-sha256: " + quoted(pin) + "\n").orElse("")
                + "kiosk:\n"
                + "  secret-file: " + quoted(t.kioskKey().toString()) + "\n"
                + "  station:\n"
                + "    name-zh: " + quoted(e.stationName() == null ? "" : e.stationName()) + "\n"
                + "    address: " + quoted(e.address() == null ? "" : e.address()) + "\n"
                + "    grid-code: " + quoted(e.gridCode()) + "\n"
                // numbering goes on past what the centre holds from this kiosk id (enrolled again)
                + (e.lastTrackingNo() == null ? ""
                        : "  appeals:\n    last-tracking-no: " + quoted(e.lastTrackingNo()) + "\n");
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
