package org.jinban.kiosk.testing;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Everything one class logs while it is open, down to DEBUG, so that a test can check what a
 * log line says and, above all, what it must not say (names, ID numbers, PINs, secrets).
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(String source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        this.previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    public static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source.getName());
    }

    /** A logger by name: a package's, or a class this module cannot see (the sync client's). */
    public static CapturedLogs named(String logger) {
        return new CapturedLogs(logger);
    }

    /** Each event as formatted, with its level and, if any, its exception's text. */
    public List<String> lines() {
        synchronized (appender) { // what appends holds (AppenderBase.doAppend): other threads log too
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
