package org.jinban.sync.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one hub certificate, known by the SHA-256 of its DER encoding
 * ({@code sync.pin-sha256}). A kiosk on a station's network should not trust whatever a
 * middlebox's CA signs; the pin is taken at enrollment. Used by the sync client (Jetty) and by
 * enrollment (the JDK's HttpClient), through {@link #sslContext}.
 *
 * <p>It is an {@link X509ExtendedTrustManager} so that the TLS stack does not add its own host
 * name check over it: the pin names the exact certificate, which is stronger than a host name
 * and works for a hub reached by its IP address.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final String pinHex;

    PinnedTrustManager(String pinHex) {
        this.pinHex = pinHex.toLowerCase(Locale.ROOT);
    }

    /**
     * A pin as a technician may copy it from a certificate viewer (colons, capitals) in the form
     * compared: 64 lower-case hex digits; empty if it is not one.
     */
    public static Optional<String> normalize(String pin) {
        if (pin == null) {
            return Optional.empty();
        }
        String hex = pin.strip().replace(":", "").toLowerCase(Locale.ROOT);
        return HEX64.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
    }

    /**
     * A TLS context that trusts only the certificate {@code pin} names.
     *
     * @throws IllegalArgumentException if {@code pin} is not a SHA-256 in hex ({@link #normalize})
     */
    public static SSLContext sslContext(String pin) {
        String hex = normalize(pin).orElseThrow(() -> new IllegalArgumentException(
                "a certificate pin is 64 hex digits (the SHA-256 of the hub's certificate), colons allowed"));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrustManager(hex)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot set up TLS", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the hub presented no certificate");
        }
        String actual = sha256(chain[0]);
        if (!MessageDigest.isEqual(actual.getBytes(), pinHex.getBytes())) {
            throw new CertificateException("the hub's certificate (SHA-256 " + actual
                    + ") is not the pinned one (sync.pin-sha256)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the sync client does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    static String sha256(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
