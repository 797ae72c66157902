package org.jinban.provisioning.diagnose;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts a YAML configuration file line by line, so that support sees the file as the
 * technician wrote it (comments, order, even a file that does not parse) with every secret
 * value replaced by {@value #REDACTED}.
 *
 * <p>A key is secret when one of its words (split at {@code - _ .} and camel case) is secret,
 * credential, password, passwd, passphrase, pin, key or token (plurals too): its value is
 * redacted, and so is everything nested under it. The one exception is a key that only names a
 * file ({@code kiosk.secret-file}, {@code sync.credential-file}: last word file, path or dir)
 * whose value is a path ({@code /…}, {@code ./…}, {@code ~/…}, {@code file:…},
 * {@code classpath:…}, no spaces): support needs to see which file is meant, and the file's
 * contents never enter the archive. A secret-looking key with any other value under such a name
 * is redacted as usual. {@code key: value} and {@code KEY=value} pairs inside comments and flow
 * mappings are redacted by the same rule. Public values that happen to sit under such names
 * ({@code sync.hub-public-key}, {@code sync.pin-sha256}) are redacted too: the rule stays
 * simple and errs on the safe side.
 */
final class ConfigRedactor {
    static final String REDACTED = "<redacted>";

    private static final Set<String> SECRET_WORDS = Set.of("secret", "secrets", "credential", "credentials",
            "password", "passwords", "passwd", "passphrase", "pin", "key", "keys", "token", "tokens", "apikey",
            "privatekey");
    private static final Set<String> FILE_WORDS = Set.of("file", "path", "dir", "directory");
    private static final Pattern PATH = Pattern.compile("(?:/|\\./|\\.\\./|~/|file:|classpath:)\\S*");
    /** indent, list dashes, key (plain or quoted), rest of the line after the colon. */
    private static final Pattern ENTRY = Pattern.compile(
            "^(\\s*)((?:-\\s+)*)(\"[^\"]*\"|'[^']*'|[^\\s#'\"{\\[\\-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?=\\s|$)(.*)$");
    private static final Pattern INLINE = Pattern.compile(
            "([A-Za-z_][\\w.-]*)(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,}\\]#]+)");

    /** The redacted text and how many values were redacted. */
    record Redacted(String text, int values) {
    }

    private ConfigRedactor() {
    }

    static boolean isSecretKey(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Arrays.stream(spaced.split("[^A-Za-z0-9]+"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .anyMatch(SECRET_WORDS::contains);
    }

    /**
     * A key naming a public key's file ({@code sync.hub-public-key-file}): enrollment writes that
     * file world-readable (0644) on purpose, so it is not judged as a secret file; its value is
     * still redacted like any other under a secret-looking name.
     */
    static boolean namesAPublicKey(String key) {
        return Arrays.stream(key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").split("[^A-Za-z0-9]+"))
                .anyMatch(w -> w.equalsIgnoreCase("public"));
    }

    /** A key whose last word is file, path or dir, with a value that is a path and nothing else. */
    static boolean namesAFile(String key, String value) {
        String[] words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").split("[^A-Za-z0-9]+");
        if (words.length == 0 || !FILE_WORDS.contains(words[words.length - 1].toLowerCase(Locale.ROOT))) {
            return false;
        }
        return PATH.matcher(unquote(value.strip())).matches();
    }

    static Redacted redact(String yaml) {
        StringBuilder out = new StringBuilder(yaml.length());
        int[] count = {0};
        int blockIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (line.isBlank()) {
                out.append(line);
                continue;
            }
            int indent = indentOf(line);
            if (blockIndent >= 0) {
                if (indent > blockIndent) {
                    out.append(redactNested(line, indent, count));
                    continue;
                }
                blockIndent = -1;
            }
            if (line.strip().startsWith("#")) {
                out.append(redactInline(line, count));
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                out.append(redactInline(line, count));
                continue;
            }
            String key = unquote(m.group(3));
            String rest = m.group(4);
            String value = withoutComment(rest).strip();
            String prefix = m.group(1) + m.group(2) + m.group(3) + ":";
            if (!isSecretKey(key)) {
                out.append(prefix).append(redactInline(rest, count));
            } else if (value.isEmpty() || value.startsWith("|") || value.startsWith(">") || value.startsWith("&")) {
                // a mapping, list or block scalar follows: everything deeper is secret
                blockIndent = m.group(1).length() + m.group(2).length();
                out.append(prefix).append(value.isEmpty() ? "" : " " + (value.startsWith("&") ? "" : value));
            } else if (namesAFile(key, value)) {
                out.append(prefix).append(redactInline(rest, count));
            } else {
                count[0]++;
                out.append(prefix).append(' ').append(REDACTED);
            }
        }
        return new Redacted(out.toString(), count[0]);
    }

    /** A line nested under a secret key: keep the structure (keys, dashes), drop every value. */
    private static String redactNested(String line, int indent, int[] count) {
        Matcher m = ENTRY.matcher(line);
        if (m.matches() && withoutComment(m.group(4)).isBlank()) {
            return m.group(1) + m.group(2) + m.group(3) + ":";
        }
        count[0]++;
        if (m.matches()) {
            return m.group(1) + m.group(2) + m.group(3) + ": " + REDACTED;
        }
        String body = line.substring(indent);
        String dash = body.startsWith("- ") ? "- " : "";
        return " ".repeat(indent) + dash + REDACTED;
    }

    /** Redacts {@code key: value} and {@code KEY=value} pairs with a secret key inside a line's text. */
    static String redactInline(String text, int[] count) {
        Matcher m = INLINE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String key = m.group(1);
            String value = m.group(3);
            if (isSecretKey(key) && !namesAFile(key, value)) {
                count[0]++;
                m.appendReplacement(out, Matcher.quoteReplacement(key + m.group(2) + REDACTED));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The value part of what follows a key's colon: a {@code #} after a space starts a comment. */
    private static String withoutComment(String rest) {
        String s = rest.strip();
        if (s.startsWith("\"") || s.startsWith("'")) {
            int end = s.indexOf(s.charAt(0), 1);
            return end > 0 ? s.substring(0, end + 1) : s;
        }
        int hash = rest.indexOf(" #");
        return hash >= 0 ? rest.substring(0, hash) : rest;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
