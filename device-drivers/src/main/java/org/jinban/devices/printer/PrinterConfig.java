package org.jinban.devices.printer;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the receipt printer is and how to talk to it, parsed once at start-up from one string:
 * {@code file:/dev/usb/lp0}, {@code serial:/dev/ttyUSB0?baud=9600} or {@code tcp://printer:9100}.
 */
public record PrinterConfig(Transport transport, String target, int port, int baud,
                            Duration connectTimeout, Duration statusTimeout) {

    public enum Transport { FILE, SERIAL, TCP }

    public static final int DEFAULT_TCP_PORT = 9100;
    public static final int DEFAULT_BAUD = 9600;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofMillis(500);

    public PrinterConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(statusTimeout, "statusTimeout");
    }

    public static PrinterConfig parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw invalid(String.valueOf(spec), "is empty; expected file:/dev/usb/lp0, "
                    + "serial:/dev/ttyUSB0?baud=9600 or tcp://host:9100");
        }
        String s = spec.strip();
        if (s.startsWith("file:")) {
            String path = s.substring("file:".length());
            requireAbsolutePath(spec, path);
            return new PrinterConfig(Transport.FILE, path, 0, 0, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATUS_TIMEOUT);
        }
        if (s.startsWith("serial:")) {
            return parseSerial(spec, s.substring("serial:".length()));
        }
        if (s.startsWith("tcp://")) {
            return parseTcp(spec, s.substring("tcp://".length()));
        }
        throw invalid(spec, "has an unknown scheme; expected file:, serial: or tcp://");
    }

    private static PrinterConfig parseSerial(String spec, String rest) {
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        requireAbsolutePath(spec, path);
        int baud = DEFAULT_BAUD;
        if (q >= 0) {
            for (String param : rest.substring(q + 1).split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                if (!key.equals("baud") || eq < 0) {
                    throw invalid(spec, "has unknown parameter '" + param + "'; only baud=<rate> is supported");
                }
                baud = parseInt(spec, "baud", param.substring(eq + 1), 1200, 921_600);
            }
        }
        return new PrinterConfig(Transport.SERIAL, path, 0, baud, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATUS_TIMEOUT);
    }

    private static PrinterConfig parseTcp(String spec, String rest) {
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        int port = colon < 0 ? DEFAULT_TCP_PORT : parseInt(spec, "port", rest.substring(colon + 1), 1, 65_535);
        if (host.isEmpty()) {
            throw invalid(spec, "has no host; expected tcp://host:9100");
        }
        if (host.contains("/") || host.contains("?") || host.contains("@")) {
            throw invalid(spec, "host '" + host + "' is not a host name or address");
        }
        return new PrinterConfig(Transport.TCP, host, port, 0, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATUS_TIMEOUT);
    }

    private static void requireAbsolutePath(String spec, String path) {
        if (!path.startsWith("/") || path.length() < 2) {
            throw invalid(spec, "path '" + path + "' is not an absolute device path like /dev/usb/lp0");
        }
    }

    private static int parseInt(String spec, String what, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw invalid(spec, what + " '" + value + "' is not a number in " + min + ".." + max);
    }

    private static PrinterException invalid(String spec, String problem) {
        return new PrinterException("config", "printer setting '" + spec + "' " + problem);
    }

    /** Opens a new link of this configuration; the driver calls it again after each failure. */
    public PrinterLink open() throws java.io.IOException {
        return switch (transport) {
            case FILE -> new FilePrinterLink(target);
            case SERIAL -> new SerialPrinterLink(target, baud);
            case TCP -> new TcpPrinterLink(target, port, connectTimeout);
        };
    }

    /** The printer's name in logs and errors, e.g. {@code tcp://printer:9100}. */
    public String describe() {
        return switch (transport) {
            case FILE -> "file:" + target;
            case SERIAL -> "serial:" + target + "?baud=" + baud;
            case TCP -> "tcp://" + target + ":" + port;
        };
    }

    public PrinterConfig withStatusTimeout(Duration timeout) {
        return new PrinterConfig(transport, target, port, baud, connectTimeout, timeout);
    }
}
