package org.jinban.sync.client;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jinban.sync.protocol.CommandSignature;

/**
 * The sync client's settings, validated once at start so a bad value fails with its key's name
 * rather than as a puzzling connection error hours later.
 *
 * @param hubUrl       {@code sync.hub-url}: {@code ws://} or {@code wss://} URL of the hub's {@code /sync/v1}
 * @param kioskId      {@code sync.kiosk-id}: the id the kiosk was enrolled under
 * @param credential   {@code sync.credential}: the enrollment secret; never printed (see {@link #toString()});
 *                     or the content of {@code sync.credential-file} (owner-only, as enrollment writes it)
 * @param reconnectCap {@code sync.reconnect-cap}: the longest wait between reconnects (default 60 s)
 * @param maxBatch     {@code sync.max-batch}: the most outbox records in one {@code push} (default 250);
 *                     the hub's {@code welcome} may lower it
 * @param pinSha256    {@code sync.pin-sha256}: optional SHA-256 of the hub's certificate (64 hex digits,
 *                     colons allowed), or null to trust the system's CAs
 * @param hubPublicKey {@code sync.hub-public-key}: the hub's Ed25519 public key (base64 of its X.509
 *                     encoding, from enrollment) that remote commands are checked against, or null:
 *                     then the kiosk refuses every command; or the content of {@code sync.hub-public-key-file}
 */
public record SyncConfig(URI hubUrl, String kioskId, String credential, Duration reconnectCap, int maxBatch,
                         String pinSha256, PublicKey hubPublicKey) {

    public static final Duration DEFAULT_RECONNECT_CAP = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_BATCH = 250;

    static final String CREDENTIAL_FILE = "sync.credential-file";
    static final String HUB_PUBLIC_KEY_FILE = "sync.hub-public-key-file";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public SyncConfig {
        if (hubUrl == null) {
            throw invalid("sync.hub-url", "is missing");
        }
        String scheme = hubUrl.getScheme() == null ? "" : hubUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw invalid("sync.hub-url", "must start with ws:// or wss://, was " + hubUrl);
        }
        if (hubUrl.getHost() == null) {
            throw invalid("sync.hub-url", "has no host: " + hubUrl);
        }
        if (kioskId == null || kioskId.isBlank()) {
            throw invalid("sync.kiosk-id", "is missing");
        }
        if (credential == null || credential.isBlank()) {
            throw invalid("sync.credential", "is missing (the secret issued at enrollment; enrollment names its file"
                    + " in sync.credential-file)");
        }
        if (reconnectCap == null || reconnectCap.isNegative() || reconnectCap.isZero()) {
            throw invalid("sync.reconnect-cap", "must be a positive duration, was " + reconnectCap);
        }
        if (maxBatch < 1) {
            throw invalid("sync.max-batch", "must be >= 1, was " + maxBatch);
        }
        if (pinSha256 != null) {
            pinSha256 = pinSha256.replace(":", "").toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(pinSha256).matches()) {
                throw invalid("sync.pin-sha256", "must be 64 hex digits (SHA-256 of the hub's certificate)");
            }
        }
    }

    /** Without the hub's public key: every remote command is refused. */
    public SyncConfig(URI hubUrl, String kioskId, String credential, Duration reconnectCap, int maxBatch,
                      String pinSha256) {
        this(hubUrl, kioskId, credential, reconnectCap, maxBatch, pinSha256, null);
    }

    /**
     * Reads the settings through {@code lookup} (key → value if set), so the kiosk can bind its
     * Helidon {@code Config} without this module depending on Helidon.
     */
    public static SyncConfig from(Function<String, Optional<String>> lookup) {
        URI url = lookup.apply("sync.hub-url").map(v -> uri("sync.hub-url", v)).orElse(null);
        Duration cap = lookup.apply("sync.reconnect-cap").map(v -> duration("sync.reconnect-cap", v))
                .orElse(DEFAULT_RECONNECT_CAP);
        int batch = lookup.apply("sync.max-batch").map(v -> integer("sync.max-batch", v)).orElse(DEFAULT_MAX_BATCH);
        // A value given directly (the environment's SYNC_CREDENTIAL) wins over the file enrollment wrote.
        String credential = lookup.apply("sync.credential").filter(v -> !v.isBlank())
                .or(() -> lookup.apply(CREDENTIAL_FILE).filter(v -> !v.isBlank()).map(f -> secretFile(CREDENTIAL_FILE, f)))
                .orElse(null);
        PublicKey hubKey = lookup.apply("sync.hub-public-key").filter(v -> !v.isBlank())
                .map(v -> publicKey("sync.hub-public-key", v))
                .or(() -> lookup.apply(HUB_PUBLIC_KEY_FILE).filter(v -> !v.isBlank())
                        .map(f -> publicKey(HUB_PUBLIC_KEY_FILE, fileText(HUB_PUBLIC_KEY_FILE, Path.of(f.strip())))))
                .orElse(null);
        return new SyncConfig(url, lookup.apply("sync.kiosk-id").orElse(null), credential, cap, batch,
                lookup.apply("sync.pin-sha256").filter(v -> !v.isBlank()).orElse(null), hubKey);
    }

    /**
     * The credential in {@code file}, which must be readable by this user and by no one else:
     * a credential others can read is a kiosk anyone on the machine can impersonate.
     */
    private static String secretFile(String key, String file) {
        Path path = Path.of(file.strip());
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view != null && Files.exists(path)) {
            Set<PosixFilePermission> perms;
            try {
                perms = view.readAttributes().permissions();
            } catch (IOException e) {
                throw invalid(key, path + " cannot be checked: " + e.getMessage());
            }
            if (perms.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                throw invalid(key, path + " is open to other users (" + PosixFilePermissions.toString(perms)
                        + "); it must be owner-only: chmod 600 " + path);
            }
        }
        return fileText(key, path);
    }

    /** The file's text, stripped; an error naming {@code key} if it is missing, unreadable or empty. */
    private static String fileText(String key, Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw invalid(key, "names " + path + ", which does not exist (enrollment writes it:"
                    + " jinban-provision enroll)");
        } catch (AccessDeniedException e) {
            throw invalid(key, "names " + path + ", which this user (" + System.getProperty("user.name")
                    + ") may not read; it must belong to the kiosk's service user");
        } catch (IOException e) {
            throw invalid(key, "names " + path + ", which cannot be read: " + e.getMessage());
        }
        if (text.isEmpty()) {
            throw invalid(key, "names " + path + ", which is empty");
        }
        return text;
    }

    /** The hub's key that remote commands are checked against; empty: every command is refused. */
    public Optional<PublicKey> hubKey() {
        return Optional.ofNullable(hubPublicKey);
    }

    /** A copy with {@code key} as the hub's command key. */
    public SyncConfig withHubPublicKey(PublicKey key) {
        return new SyncConfig(hubUrl, kioskId, credential, reconnectCap, maxBatch, pinSha256, key);
    }

    /** A config with the defaults for the optional keys. */
    public static SyncConfig of(URI hubUrl, String kioskId, String credential) {
        return new SyncConfig(hubUrl, kioskId, credential, DEFAULT_RECONNECT_CAP, DEFAULT_MAX_BATCH, null);
    }

    public Optional<String> pin() {
        return Optional.ofNullable(pinSha256);
    }

    /** The credential is masked: configs get logged at start-up. */
    @Override
    public String toString() {
        return "SyncConfig[hubUrl=" + hubUrl + ", kioskId=" + kioskId + ", credential=****, reconnectCap="
                + reconnectCap + ", maxBatch=" + maxBatch + ", pinSha256=" + (pinSha256 == null ? "none" : pinSha256)
                + ", hubPublicKey=" + (hubPublicKey == null ? "none (remote commands refused)" : "set") + "]";
    }

    private static URI uri(String key, String value) {
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw invalid(key, "is not a URL: " + e.getMessage());
        }
    }

    /** {@code 60}, {@code 60s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT60S}. */
    static Duration duration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, "is not a duration (e.g. 60s, 500ms, PT1M): " + value);
        }
    }

    private static PublicKey publicKey(String key, String value) {
        try {
            return CommandSignature.decodePublicKey(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is not an Ed25519 public key (base64 of its X.509 encoding)");
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "is not a whole number: " + value);
        }
    }

    private static SyncException invalid(String key, String why) {
        return new SyncException(key + " " + why);
    }
}
