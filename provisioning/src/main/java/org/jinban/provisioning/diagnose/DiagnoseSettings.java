package org.jinban.provisioning.diagnose;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where {@code diagnose} looks and where it writes: every path an option, so that tests run it
 * on a temporary kiosk. Built by {@link DiagnoseCommand} from its options and the installed
 * layout's defaults.
 *
 * @param configFile     the technician's {@code kiosk.yaml}; {@code enrollment.yaml} and
 *                       {@code secret/} sit beside it
 * @param enrollmentFile what enrollment wrote
 * @param secretDir      the secret files, described but never read into the archive
 * @param dataDir        the kiosk's data directory ({@code jinban.db})
 * @param logDir         the kiosk's log files
 * @param devDir         where the device nodes are ({@code /dev})
 * @param libDir         the installed jars, for their versions
 * @param kioskUrl       the kiosk service, for its health and metrics
 * @param outDir         where the archive is written
 * @param httpTimeout    how long the kiosk service may take to answer
 * @param dbCheckTimeout how long {@code PRAGMA integrity_check} may run before quick_check is tried
 * @param clock          the archive's time stamp
 */
record DiagnoseSettings(Path configFile, Path enrollmentFile, Path secretDir, Path dataDir, Path logDir,
                        Path devDir, Path libDir, URI kioskUrl, Path outDir, Duration httpTimeout,
                        Duration dbCheckTimeout, Clock clock) {
    DiagnoseSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(enrollmentFile, "enrollmentFile");
        Objects.requireNonNull(secretDir, "secretDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(devDir, "devDir");
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(kioskUrl, "kioskUrl");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        Objects.requireNonNull(dbCheckTimeout, "dbCheckTimeout");
        Objects.requireNonNull(clock, "clock");
    }
}
