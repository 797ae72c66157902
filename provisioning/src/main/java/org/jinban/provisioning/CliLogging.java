package org.jinban.provisioning;

import java.net.URL;
import java.util.logging.Level;
import java.util.logging.LogManager;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging: warnings and errors to standard error ({@value #CONFIG}), never to the
 * technician's standard output. Logback finds this class as a service before it looks for a
 * {@code logback.xml}, so the kiosk's own (INFO to standard output, in jinban-kiosk.jar on the
 * CLI's class path) neither wins nor makes Logback print its "found twice" status to standard
 * output. {@code -Dlogback.configurationFile} (a technician chasing a fault) still decides.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
    static final String CONFIG = "jinban-provision-logback.xml";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        URL url = CliLogging.class.getResource("/" + CONFIG);
        if (url == null) {
            addError("no " + CONFIG + " in the CLI's jar");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(url);
        } catch (JoranException e) {
            addError("cannot read " + url, e);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Helidon's config logs through java.util.logging, whose console handler would print INFO.
        LogManager.getLogManager().getLogger("").setLevel(Level.WARNING);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
