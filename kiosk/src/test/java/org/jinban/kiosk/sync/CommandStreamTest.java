package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.CommandSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandStreamTest {
    private static final String KIOSK = "K-370783001001-01";

    @TempDir
    Path dir;
    private StreamFixture f;
    private final KeyPair hub = CommandSignature.generateKeyPair();
    private final AtomicInteger reloads = new AtomicInteger();
    private final AtomicInteger prints = new AtomicInteger();
    private final AtomicInteger purges = new AtomicInteger();
    private final List<String> restartsSaw = new ArrayList<>();
    private CommandStream commands;

    @BeforeEach
    void open() {
        f = new StreamFixture(dir);
        commands = stream(Optional.of(hub.getPublic()), Runnable::run);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private CommandStream stream(Optional<java.security.PublicKey> key, Executor executor) {
        CommandStream.Effects effects = new CommandStream.Effects(reloads::incrementAndGet, () -> {
            prints.incrementAndGet();
            return Optional.empty();
        }, () -> restartsSaw.add(String.join(",", f.audits("command.executed"))), () -> {
            purges.incrementAndGet();
            return 3;
        });
        return new CommandStream(f.db, f.store, key, KIOSK, effects, executor, f.json, f.clock);
    }

    private ObjectNode command(String id, String kiosk, String action, Instant expiresAt) {
        ObjectNode c = f.json.createObjectNode();
        c.put("commandId", id);
        c.put("kioskId", kiosk);
        c.put("action", action);
        c.putObject("args");
        c.put("issuedAt", f.clock.instant().toString());
        c.put("expiresAt", expiresAt.toString());
        c.put("signature", CommandSignature.sign(hub.getPrivate(), c));
        return c;
    }

    private String signed(String action) {
        return command(UUID.randomUUID().toString(), KIOSK, action, f.clock.instant().plusSeconds(300)).toString();
    }

    private String lastRefusal() {
        List<String> refused = f.audits("command.refused");
        return refused.isEmpty() ? "" : refused.getLast();
    }

    @Test
    void eachActionRunsOnceAfterItsCommitAndIsAudited() throws Exception {
        f.cursors.skip(CatalogStream.STREAM, 5);
        assertTrue(commands.apply(1, CommandStream.KIND, signed(CommandStream.REFRESH_CATALOG)));
        assertEquals(0, f.cursors.cursor(CatalogStream.STREAM), "the catalog is taken again from its first item");
        assertTrue(commands.apply(2, CommandStream.KIND, signed(CommandStream.PRINT_TEST_PAGE)));
        assertTrue(commands.apply(3, CommandStream.KIND, signed(CommandStream.PURGE_PERSONAL_DATA)));
        String restart = signed(CommandStream.RESTART_SERVICE);
        assertTrue(commands.apply(4, CommandStream.KIND, restart));

        assertEquals(List.of(1, 1, 1), List.of(reloads.get(), prints.get(), purges.get()));
        assertEquals(1, restartsSaw.size());
        assertTrue(restartsSaw.getFirst().contains("restarting"), "the restart is recorded before it happens");
        assertEquals(4, f.cursors.cursor(CommandStream.STREAM));
        assertEquals(4, f.audits("command.accepted").size());
        List<String> executed = f.audits("command.executed");
        assertEquals(4, executed.size());
        assertTrue(executed.get(1).contains("printed"), executed.get(1));
        assertTrue(executed.get(2).contains("purged the personal data of 3 acknowledged appeals")
                && executed.get(2).contains("not acknowledged keep theirs"), executed.get(2));
        String id = f.json.readTree(restart).get("commandId").asText();
        assertTrue(commands.outcome(id).orElseThrow().startsWith("restarting"));
        assertTrue(f.audits("command.refused").isEmpty());
    }

    @Test
    void aReplayedCommandIsRefusedAndAuditedButMovesTheCursor() throws Exception {
        String body = signed(CommandStream.PRINT_TEST_PAGE);
        assertTrue(commands.apply(1, CommandStream.KIND, body));
        assertFalse(commands.apply(2, CommandStream.KIND, body));
        assertEquals(1, prints.get(), "printed once");
        assertEquals(2, f.cursors.cursor(CommandStream.STREAM), "a refusal is applied, not skipped");
        String id = f.json.readTree(body).get("commandId").asText();
        assertTrue(lastRefusal().startsWith(id + "|") && lastRefusal().contains("already executed"), lastRefusal());
    }

    @Test
    void aCrashBetweenTheCommitAndTheRestartNeverRestartsTwice() {
        List<Runnable> lost = new ArrayList<>();
        CommandStream beforeCrash = stream(Optional.of(hub.getPublic()), lost::add); // the effect never runs
        String restart = signed(CommandStream.RESTART_SERVICE);
        assertTrue(beforeCrash.apply(1, CommandStream.KIND, restart));
        assertEquals(1, lost.size());
        // after the restart the platform delivers the item again (its cursor answer was lost)
        assertFalse(commands.apply(1, CommandStream.KIND, restart));
        assertTrue(restartsSaw.isEmpty(), "no restart from the replay");
        assertTrue(lastRefusal().contains("already executed"), lastRefusal());
    }

    @Test
    void expiredForAnotherKioskBadlySignedOrUnknownCommandsAreRefused() {
        Instant now = f.clock.instant();
        ObjectNode tampered = command(UUID.randomUUID().toString(), KIOSK, CommandStream.PRINT_TEST_PAGE,
                now.plusSeconds(60));
        tampered.put("action", CommandStream.RESTART_SERVICE);
        ObjectNode otherKey = command(UUID.randomUUID().toString(), KIOSK, CommandStream.PRINT_TEST_PAGE,
                now.plusSeconds(60));
        otherKey.put("signature", CommandSignature.sign(CommandSignature.generateKeyPair().getPrivate(), otherKey));
        ObjectNode argsChanged = command(UUID.randomUUID().toString(), KIOSK, CommandStream.PURGE_PERSONAL_DATA,
                now.plusSeconds(60));
        argsChanged.putObject("args").put("all", true);
        String[][] cases = {
                {command(UUID.randomUUID().toString(), KIOSK, CommandStream.PRINT_TEST_PAGE, now.minusSeconds(1))
                        .toString(), "expired"},
                {command(UUID.randomUUID().toString(), KIOSK, CommandStream.PRINT_TEST_PAGE, now).toString(), "expired"},
                {command(UUID.randomUUID().toString(), "K-370783001001-02", CommandStream.PRINT_TEST_PAGE,
                        now.plusSeconds(60)).toString(), "another kiosk"},
                {tampered.toString(), "bad signature"},
                {otherKey.toString(), "bad signature"},
                {argsChanged.toString(), "bad signature"},
                {command(UUID.randomUUID().toString(), KIOSK, "format-disk", now.plusSeconds(60)).toString(),
                        "unknown action"},
                {command("not-a-uuid", KIOSK, CommandStream.PRINT_TEST_PAGE, now.plusSeconds(60)).toString(),
                        "not a UUID"},
                {"not json", "not a JSON object"},
        };
        long seq = 0;
        for (String[] c : cases) {
            seq++;
            assertFalse(commands.apply(seq, CommandStream.KIND, c[0]), c[1]);
            assertEquals(seq, f.cursors.cursor(CommandStream.STREAM));
            assertTrue(lastRefusal().contains(c[1]), c[1] + ": " + lastRefusal());
        }
        assertFalse(commands.apply(++seq, "command.other", signed(CommandStream.PRINT_TEST_PAGE)));
        assertEquals(0, prints.get() + reloads.get() + purges.get() + restartsSaw.size(), "nothing ran");
        assertEquals(seq, f.audits("command.refused").size());
        assertTrue(f.audits("command.accepted").isEmpty());
    }

    @Test
    void withoutTheHubKeyEveryCommandIsRefused() {
        CommandStream keyless = stream(Optional.empty(), Runnable::run);
        assertFalse(keyless.apply(1, CommandStream.KIND, signed(CommandStream.PRINT_TEST_PAGE)));
        assertEquals(0, prints.get());
        assertTrue(lastRefusal().contains("no hub key"), lastRefusal());
        assertEquals(1, f.cursors.cursor(CommandStream.STREAM));
    }

    @Test
    void theClockDecidesExpiryAtTheMomentOfApplying() {
        String body = command(UUID.randomUUID().toString(), KIOSK, CommandStream.PRINT_TEST_PAGE,
                f.clock.instant().plusSeconds(60)).toString();
        f.clock.advance(Duration.ofSeconds(61));
        assertFalse(commands.apply(1, CommandStream.KIND, body));
        assertTrue(lastRefusal().contains("expired"));
    }
}
