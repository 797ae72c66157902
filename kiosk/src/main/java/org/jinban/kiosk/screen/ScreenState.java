package org.jinban.kiosk.screen;

import java.util.Locale;
import java.util.Optional;

/** What the page asks of the screen: rest ({@code dim}) or full brightness ({@code awake}). */
public enum ScreenState {
    DIM, AWAKE;

    /** The word of the API ({@code dim}, {@code awake}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by the API's word, exactly as written; empty for anything else. */
    public static Optional<ScreenState> ofWord(String word) {
        for (ScreenState s : values()) {
            if (s.word().equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
