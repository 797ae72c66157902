package org.jinban.provisioning.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one collector gathered: its archive entries, a line for the summary of each thing it
 * collected, what it could not collect and why, and the problems it found on the kiosk. A
 * collector that overran its time is closed, and whatever it adds afterwards is dropped.
 */
final class Section {
    private final String title;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<String> collected = new ArrayList<>();
    private final List<String> notCollected = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean closed;

    Section(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    /** An archive entry of text (UTF-8); a name under a folder is written as such ({@code logs/kiosk.log}). */
    synchronized void entry(String name, String text) {
        if (!closed) {
            entries.put(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One line for the summary's "collected" list. */
    synchronized void collected(String line) {
        if (!closed) {
            collected.add(line);
        }
    }

    /** Something that could not be collected, and why; it is not a fault of the kiosk by itself. */
    synchronized void notCollected(String what, String why) {
        if (!closed) {
            notCollected.add(what + ": " + why);
        }
    }

    /** A fault of the kiosk that support must look at (the command then ends 1). */
    synchronized void problem(String text) {
        if (!closed) {
            problems.add(text);
        }
    }

    synchronized void close() {
        closed = true;
    }

    synchronized Map<String, byte[]> entries() {
        return new LinkedHashMap<>(entries);
    }

    synchronized List<String> collected() {
        return List.copyOf(collected);
    }

    synchronized List<String> notCollected() {
        return List.copyOf(notCollected);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
