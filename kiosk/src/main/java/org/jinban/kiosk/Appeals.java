package org.jinban.kiosk;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import org.jinban.kiosk.appeal.AppealCategories;
import org.jinban.kiosk.appeal.AppealCategoriesHttpService;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.appeal.AppealHttpService;
import org.jinban.kiosk.appeal.AppealReceipts;
import org.jinban.kiosk.appeal.AppealService;
import org.jinban.kiosk.appeal.AppealSimulatorHttpService;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.appeal.AppealValidator;
import org.jinban.kiosk.appeal.AppealViews;
import org.jinban.kiosk.appeal.PurgeJob;
import org.jinban.kiosk.appeal.ReceiptDesk;
import org.jinban.kiosk.appeal.TrackingNumbers;
import org.jinban.kiosk.audit.AuditLog;
import org.jinban.kiosk.audit.Verification;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.Devices;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.identity.CardIdentities;
import org.jinban.kiosk.identity.IdentityHttpService;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.outbox.OutboxQueue;
import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.settings.CentralSettingsStore;
import org.jinban.kiosk.settings.EffectiveSettings;
import org.jinban.kiosk.staff.DemoRoster;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.kiosk.staff.StaffAuthenticator;
import org.jinban.kiosk.staff.StaffHttpService;
import org.jinban.kiosk.staff.StaffSessions;
import org.jinban.kiosk.staff.StaffStore;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;
import org.jinban.kiosk.sync.AppealStatusStream;
import org.jinban.kiosk.sync.CatalogStream;
import org.jinban.kiosk.sync.CommandStream;
import org.jinban.kiosk.sync.ConfigStream;
import org.jinban.kiosk.sync.Restarter;
import org.jinban.kiosk.sync.RosterStream;
import org.jinban.kiosk.sync.CountingSyncPort;
import org.jinban.kiosk.sync.DeviceHealthReporter;
import org.jinban.kiosk.sync.KioskSyncPort;
import org.jinban.kiosk.sync.StaffSyncHttpService;
import org.jinban.kiosk.sync.SyncCounts;
import org.jinban.kiosk.sync.SyncCursors;
import org.jinban.kiosk.sync.SyncMetrics;
import org.jinban.sync.client.SyncClient;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.client.SyncStatus;

/**
 * Wires appeals, identity, staff and their protection (secret, cipher, audit log, outbox)
 * together and onto the routing. Only wiring: the rules live in the packages it names.
 */
final class Appeals implements AutoCloseable {
    private final AppealService service;
    private final AppealStore store;
    private final AppealViews views;
    private final AppealReceipts receipts;
    private final AppealCategories categories;
    private final CardIdentities cards;
    private final StaffAuthenticator authenticator;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final Database db;
    private final ReceiptDesk desk;
    private final PurgeJob purge;
    private final Clock clock;
    private final SyncClient sync;
    private final EffectiveSettings settings;
    /** Where remote commands run after their commit: never on the sync client's thread (a restart closes it). */
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jinban-command");
        t.setDaemon(true);
        return t;
    });
    private final SyncMetrics syncMetrics;
    private final DeviceHealthReporter deviceHealth;

    /** What can be made before the devices and the server: the secret, the store, the staff roster. */
    record Prepared(KioskSecret secret, AppealCategories categories, AppealStore store, AuditLog audit,
                    StaffStore staff, ObjectMapper json, EffectiveSettings settings) {
    }

    static Prepared prepare(Database db, ObjectMapper json, KioskConfig config, AppealConfig appealConfig,
                            Clock clock) {
        KioskSecret secret = KioskSecret.loadOrCreate(appealConfig.secretFile(config.dataDir()));
        AppealCategories categories = AppealCategories.load(json, "appeals/categories.json");
        AuditLog audit = new AuditLog(clock);
        AppealStore store = new AppealStore(db, secret.cipher(), audit, new Outbox(), json);
        store.owePrinting();
        StaffStore staff = new StaffStore(db, secret.cipher(), clock);
        if (appealConfig.demoRoster()) {
            DemoRoster.seedIfEmpty(staff, new PinHasher());
        }
        EffectiveSettings settings = new EffectiveSettings(config, appealConfig);
        new CentralSettingsStore(db).loadInto(settings);
        return new Prepared(secret, categories, store, audit, staff, json, settings);
    }

    Appeals(Prepared p, Database db, KioskConfig config, AppealConfig appealConfig, Devices devices,
            EventHub events, Clock clock, Optional<SyncConfig> syncConfig, CatalogStore catalog) {
        this.db = db;
        this.clock = clock;
        this.categories = p.categories();
        this.store = p.store();
        this.audit = p.audit();
        this.settings = p.settings();
        Supplier<LocalizedText> station = settings::stationName;
        this.cards = new CardIdentities(clock, p.secret().idNumbers()::hash);
        this.receipts = new AppealReceipts(categories, station, clock.getZone());
        this.desk = new ReceiptDesk(devices::print, receipts, store, events);
        this.sessions = new StaffSessions(clock, settings::staffIdle);
        this.purge = new PurgeJob(store, settings::retention, clock).start(appealConfig.purgeInterval());
        SyncCounts counts = new SyncCounts();
        this.sync = syncConfig.map(c -> {
            KioskSyncPort port = syncPort(p, db, c, catalog, devices);
            CountingSyncPort counted = new CountingSyncPort(port, counts);
            return new SyncClient(c, counted, counted);
        }).orElse(null);
        Runnable wake = sync == null ? () -> { } : sync::wake;
        this.syncMetrics = sync == null ? null : SyncMetrics.register(sync::status, counts, sync::reconnects, clock);
        this.deviceHealth = sync == null ? null : new DeviceHealthReporter(devices::states, db, new Outbox(), p.json(),
                clock, DeviceHealthReporter.DEFAULT_INTERVAL, wake).start(devices::onChange);
        TrackingNumbers numbers = new TrackingNumbers(config.gridCode(), appealConfig.kioskNo());
        // before the first filing: a kiosk enrolled again must not repeat a number the centre holds
        appealConfig.lastTrackingNo().flatMap(numbers::positionOf).ifPresent(store::continueNumberingAfter);
        this.service = new AppealService(store, new AppealValidator(categories, cards), numbers, config.gridCode(),
                desk, clock, wake);
        this.views = new AppealViews(categories, station, clock);
        this.authenticator = new StaffAuthenticator(p.staff(), new PinHasher(), clock);
        if (sync != null) {
            sync.start();
        }
    }

    /** The sync's side of the kiosk: the outbox to send, every downstream stream to apply. */
    private KioskSyncPort syncPort(Prepared p, Database db, SyncConfig c, CatalogStore catalog, Devices devices) {
        SyncCursors cursors = new SyncCursors(db);
        CommandStream.Effects effects = new CommandStream.Effects(catalog::reload, devices::printTestPage,
                Restarter.exitProcess(), purge::purgeAcknowledgedNow);
        return new KioskSyncPort(new OutboxQueue(db, p.secret().cipher(), clock), cursors,
                new AppealStatusStream(p.store(), cursors, p.json(), clock), new CatalogStream(db, catalog, p.json()),
                new RosterStream(db, p.staff(), sessions, p.store(), p.json(), clock),
                new ConfigStream(db, new CentralSettingsStore(db), settings, p.store(), p.json(), clock),
                new CommandStream(db, p.store(), c.hubKey(), c.kioskId(), effects, commands, p.json(), clock),
                p.store(), clock);
    }

    /** The settings in force: the local configuration with the central platform's values over it. */
    EffectiveSettings settings() {
        return settings;
    }

    /** The sync's state for health, or empty when this kiosk has no central platform configured. */
    Optional<SyncStatus> syncStatus() {
        return sync == null ? Optional.empty() : Optional.of(sync.status());
    }

    void register(HttpRouting.Builder routing, String api, Handler methodNotAllowed, Devices devices) {
        routing.register(api + "/appeal-categories", new AppealCategoriesHttpService(categories, methodNotAllowed))
                .register(api + "/appeals", new AppealHttpService(service, views, receipts, cards, methodNotAllowed))
                .register(api + "/identity", new IdentityHttpService(devices::currentCard, cards, methodNotAllowed))
                .register(api + "/staff", new StaffHttpService(authenticator, sessions, service, store, views,
                        devices::states, auditCheck(), clock, methodNotAllowed))
                .register(api + "/staff/sync", new StaffSyncHttpService(sessions, this::syncStatus, clock,
                        methodNotAllowed));
        if (devices.simulator().isPresent()) {
            routing.register(api + "/simulator/appeals", new AppealSimulatorHttpService(service, views,
                    methodNotAllowed));
        }
    }

    private Supplier<Verification> auditCheck() {
        return () -> {
            try (var c = db.connection()) {
                return audit.verify(c);
            } catch (java.sql.SQLException e) {
                throw new StoreException("cannot read the audit log", e);
            }
        };
    }

    PurgeJob purge() {
        return purge;
    }

    @Override
    public void close() {
        if (sync != null) {
            deviceHealth.close();
            syncMetrics.close();
            sync.close();
        }
        commands.shutdownNow();
        purge.close();
        desk.close();
        sessions.closeAll();
    }
}
