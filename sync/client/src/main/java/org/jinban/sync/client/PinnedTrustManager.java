package org.jinban.sync.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one hub certificate, known by the SHA-256 of its DER encoding
 * ({@code sync.pin-sha256}). A kiosk on a station's network should not trust whatever a
 * middlebox's CA signs; the pin is taken at enrollment.
 */
final class PinnedTrustManager implements X509TrustManager {

    private final String pinHex;

    PinnedTrustManager(String pinHex) {
        this.pinHex = pinHex.toLowerCase(Locale.ROOT);
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
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the sync client does not accept client connections");
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
