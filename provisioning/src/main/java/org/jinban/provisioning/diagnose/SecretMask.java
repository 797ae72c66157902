package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last line of defence for secrets: the values under secret keys of the configuration and
 * the contents of the secret files are searched for in every archive entry, and any occurrence
 * is replaced by {@value ConfigRedactor#REDACTED}. The secret files are read for this alone,
 * in memory; nothing of them is written. Finding one is a bug (a secret reached a log or an
 * answer), reported with the entries it was found in.
 */
final class SecretMask {
    private static final int MAX_SECRET_FILE = 64 * 1024;

    private final List<String> secrets;

    SecretMask(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= ConfigView.MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The configuration's secret values and the contents of every file in {@code secretDir} and of {@code files}. */
    static SecretMask of(ConfigView config, Path secretDir) {
        Set<String> values = new LinkedHashSet<>(config.secretValues());
        List<Path> files = new ArrayList<>(config.secretFiles());
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(secretDir)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            // not there or not readable by us: then nothing of it can reach the archive through us either
        }
        for (Path file : files) {
            values.addAll(contents(file));
        }
        return new SecretMask(values);
    }

    /** A secret file's text, each of its lines, or for a binary file (a DER key) its base64 and hex. */
    static Set<String> contents(Path file) {
        Set<String> forms = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return forms;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SECRET_FILE);
        } catch (IOException e) {
            return forms;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            forms.add(text.strip());
            text.lines().map(String::strip).forEach(forms::add);
        } catch (CharacterCodingException e) {
            forms.add(Base64.getEncoder().encodeToString(bytes));
            forms.add(HexFormat.of().formatHex(bytes));
        }
        forms.removeIf(s -> s.length() < ConfigView.MIN_SECRET_LENGTH || s.startsWith("-----"));
        return forms;
    }

    /** The text with every secret replaced, and how many were. */
    record Masked(String text, int count) {
    }

    Masked mask(String text) {
        int count = 0;
        String out = text;
        for (String secret : secrets) {
            int at = out.indexOf(secret);
            if (at < 0) {
                continue;
            }
            StringBuilder b = new StringBuilder(out.length());
            int from = 0;
            while (at >= 0) {
                b.append(out, from, at).append(ConfigRedactor.REDACTED);
                count++;
                from = at + secret.length();
                at = out.indexOf(secret, from);
            }
            b.append(out, from, out.length());
            out = b.toString();
        }
        return new Masked(out, count);
    }
}
