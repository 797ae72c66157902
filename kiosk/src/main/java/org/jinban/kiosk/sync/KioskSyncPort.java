package org.jinban.kiosk.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.outbox.OutboxQueue;
import org.jinban.sync.client.Outbox;
import org.jinban.sync.client.OutboxRecord;
import org.jinban.sync.client.StreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kiosk gives the sync client: its outbox to send, and the downstream streams to apply.
 * The client knows nothing of what a record or an item means; this class is where the kiosk's
 * meaning starts. Items a stream cannot take are refused, passed over and audited.
 */
public final class KioskSyncPort implements Outbox, StreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KioskSyncPort.class);

    private final OutboxQueue outbox;
    private final SyncCursors cursors;
    private final AppealStatusStream statuses;
    private final CatalogStream catalog;
    private final RosterStream roster;
    private final ConfigStream config;
    private final CommandStream commands;
    private final AppealStore audit;
    private final Clock clock;

    /** Without the roster, config and command streams: their items are refused. */
    public KioskSyncPort(OutboxQueue outbox, SyncCursors cursors, AppealStatusStream statuses,
                         CatalogStream catalog, AppealStore audit, Clock clock) {
        this(outbox, cursors, statuses, catalog, null, null, null, audit, clock);
    }

    public KioskSyncPort(OutboxQueue outbox, SyncCursors cursors, AppealStatusStream statuses, CatalogStream catalog,
                         RosterStream roster, ConfigStream config, CommandStream commands, AppealStore audit,
                         Clock clock) {
        this.outbox = outbox;
        this.cursors = cursors;
        this.statuses = statuses;
        this.catalog = catalog;
        this.roster = roster;
        this.config = config;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<OutboxRecord> nextBatch(int max) {
        return outbox.nextBatch(max).stream().map(m -> new OutboxRecord(m.id(), m.kind(), m.aggregateId(),
                m.createdAt(), m.payload(), m.personal())).toList();
    }

    @Override
    public void acked(Collection<String> ids) {
        outbox.acked(ids);
    }

    @Override
    public void rejected(String id, String reason) {
        LOG.warn("sync: the platform refused outbox message {} for good: {}", id, reason);
        outbox.rejected(id, reason);
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    @Override
    public Optional<Instant> oldestPending() {
        return outbox.oldestPending();
    }

    @Override
    public long cursor(String stream) {
        return cursors.cursor(stream);
    }

    @Override
    public void apply(String stream, long seq, String kind, String bodyJson) {
        if (AppealStatusStream.STREAM.equals(stream) && "appeal.status".equals(kind)) {
            statuses.apply(seq, bodyJson);
            return;
        }
        if (CatalogStream.STREAM.equals(stream)) {
            catalog.apply(seq, kind, bodyJson);
            return;
        }
        if (RosterStream.STREAM.equals(stream) && roster != null) {
            roster.apply(seq, kind, bodyJson);
            return;
        }
        if (ConfigStream.STREAM.equals(stream) && config != null) {
            config.apply(seq, kind, bodyJson);
            return;
        }
        if (CommandStream.STREAM.equals(stream) && commands != null) {
            // a refused command is applied too (audited, cursor moved): never a skip
            commands.apply(seq, kind, bodyJson);
            return;
        }
        throw new AppealStatusStream.CannotApply("this kiosk does not take " + stream + "/" + kind + " yet");
    }

    @Override
    public void skip(String stream, long seq, String kind, String reason) {
        LOG.warn("sync: passed over {} item {} ({}): {}", stream, seq, kind, reason);
        cursors.skip(stream, seq);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("stream", stream);
        detail.put("seq", seq);
        detail.put("kind", kind);
        detail.put("reason", reason);
        audit.audit("central", "sync.item-skipped", null, detail, clock.instant());
    }

    @Override
    public void resync(String stream) {
        LOG.info("sync: the platform starts stream {} again from its first item", stream);
        cursors.reset(stream);
    }
}
