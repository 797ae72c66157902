package org.jinban.sync.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The hub's TLS (wss:// and https://): a PKCS12 key store holding its certificate and key, and
 * a file holding the store's password (one line; never on the command line, where other users
 * can list it). Checked once at start: a store that cannot be opened with that password is a
 * clear error before anything listens.
 */
public record TlsConfig(Path keyStore, Path passwordFile) {
    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /** Jetty's server-side TLS over this store, after checking the store opens. */
    SslContextFactory.Server sslContextFactory() {
        String password = password();
        try (var in = Files.newInputStream(keyStore)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new HubException("cannot open the TLS key store " + keyStore
                    + " as PKCS12 with the password in " + passwordFile + ": " + e.getMessage(), e);
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(password);
        return ssl;
    }

    private String password() {
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return text.strip();
        } catch (IOException e) {
            throw new HubException("cannot read the TLS password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }
}
