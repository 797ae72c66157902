package org.jinban.kiosk.systemd;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the kiosk is (the {@code sd_notify} protocol): {@code READY=1} once it
 * serves, {@code WATCHDOG=1} every half watchdog period <em>only while a quick self-check
 * passes</em>, {@code STOPPING=1} as it closes. A kiosk that hangs (a stuck database, a dead
 * web server) stops feeding the watchdog, and systemd kills and restarts it.
 *
 * <p>The protocol is a datagram to the unix socket named by {@code NOTIFY_SOCKET}; Java's
 * channels speak only stream unix sockets, so this runs the {@code systemd-notify} program
 * (the unit sets {@code NotifyAccess=all}: the sender is a child, not the main process;
 * since systemd 246 the program waits until systemd has taken the message, so it is not lost
 * when the child exits at once). The command is handed in, so tests put a script there.
 *
 * <p>Nothing happens outside systemd: {@link #fromEnvironment} is empty without
 * {@code NOTIFY_SOCKET}.
 */
public final class SystemdNotifier implements AutoCloseable {
    /** The program, as found on the PATH. */
    public static final List<String> COMMAND = List.of("systemd-notify");

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LONGEST_CHECK = Duration.ofSeconds(5);

    private final List<String> command;
    private final String socket;
    private final long pid;
    private final Optional<Duration> watchdogInterval;
    private final SelfCheck check;
    private final ScheduledExecutorService timer;
    private volatile boolean sendFailing;
    private volatile boolean checkFailing;

    SystemdNotifier(List<String> command, String socket, long pid, Optional<Duration> watchdogInterval,
                    SelfCheck check) {
        this.command = List.copyOf(command);
        this.socket = socket;
        this.pid = pid;
        this.watchdogInterval = watchdogInterval;
        this.check = check;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "jinban-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A notifier when systemd started this process with a notify socket, else empty. The
     * watchdog is fed only when systemd asks for it ({@code WATCHDOG_USEC}) and for this
     * process ({@code WATCHDOG_PID}, when set, is ours).
     *
     * @param env     the process environment ({@code System.getenv()}; tests hand in a map)
     * @param command the program and its leading arguments ({@link #COMMAND})
     * @param check   what must hold for the watchdog to be fed
     */
    public static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env, List<String> command,
                                                            SelfCheck check) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return Optional.empty();
        }
        long pid = ProcessHandle.current().pid();
        return Optional.of(new SystemdNotifier(command, socket, pid, watchdogInterval(env, pid), check));
    }

    /** Half the watchdog period systemd asked for, as {@code sd_watchdog_enabled(3)} advises. */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        if (forPid != null && !forPid.isBlank() && !forPid.strip().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warn("systemd: ignoring WATCHDOG_USEC '{}': not a number of microseconds", usec);
            return Optional.empty();
        }
    }

    /** Says the kiosk serves, and starts feeding the watchdog if systemd runs one. */
    public void ready() {
        send("READY=1", "STATUS=serving");
        watchdogInterval.ifPresent(every -> {
            long nanos = every.toNanos();
            timer.scheduleAtFixedRate(this::feed, nanos, nanos, TimeUnit.NANOSECONDS);
            LOG.info("systemd: feeding the watchdog every {} ms while the self-check passes", every.toMillis());
        });
    }

    /**
     * One watchdog tick: runs the self-check and sends {@code WATCHDOG=1} only if it passed.
     *
     * @return whether the watchdog was fed
     */
    boolean feed() {
        Optional<String> problem;
        try {
            problem = check.problem(checkBound());
        } catch (RuntimeException e) {
            problem = Optional.of("the self-check failed: " + e.getMessage());
        }
        if (problem.isPresent()) {
            if (!checkFailing) {
                LOG.error("systemd: not feeding the watchdog: {}; systemd restarts the kiosk if this lasts",
                        problem.get());
            }
            checkFailing = true;
            send("STATUS=unhealthy: " + problem.get());
            return false;
        }
        if (checkFailing) {
            LOG.info("systemd: the self-check passes again; feeding the watchdog");
            checkFailing = false;
            send("WATCHDOG=1", "STATUS=serving");
            return true;
        }
        send("WATCHDOG=1");
        return true;
    }

    /** The self-check gets at most half the feeding interval, and never more than 5 s. */
    Duration checkBound() {
        Duration half = watchdogInterval.map(d -> d.dividedBy(2)).orElse(LONGEST_CHECK);
        return half.compareTo(LONGEST_CHECK) < 0 ? half : LONGEST_CHECK;
    }

    /** Stops feeding and says the kiosk is stopping, so systemd does not take the exit for a hang. */
    @Override
    public void close() {
        timer.shutdownNow();
        send("STOPPING=1", "STATUS=stopping");
    }

    private void send(String... assignments) {
        List<String> line = new ArrayList<>(command);
        line.add("--pid=" + pid);
        line.addAll(List.of(assignments));
        // systemd-notify says why it failed on stderr, which goes where the kiosk's goes
        // (the journal under systemd).
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NOTIFY_SOCKET", socket);
        try {
            Process p = builder.start();
            if (!p.waitFor(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                failed(assignments[0], "no answer within " + SEND_TIMEOUT.toSeconds() + " s");
            } else if (p.exitValue() != 0) {
                failed(assignments[0], "exit status " + p.exitValue());
            } else if (sendFailing) {
                LOG.info("systemd: {} works again", command.get(0));
                sendFailing = false;
            }
        } catch (IOException e) {
            failed(assignments[0], e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logged once until it works again: a missing program must not fill the log every tick. */
    private void failed(String what, String why) {
        if (!sendFailing) {
            LOG.warn("systemd: cannot send {} with {}: {}", what, command.get(0), why);
        }
        sendFailing = true;
    }
}
