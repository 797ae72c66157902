package org.jinban.kiosk.ime;

/** The kiosk's lexicon, read once for all the tests of a run (~0.1 s, ~6 MB). */
final class ImeTestLexicon {
    private static Lexicon lexicon;

    private ImeTestLexicon() {
    }

    static synchronized Lexicon get() {
        if (lexicon == null) {
            lexicon = Lexicon.fromClasspath();
        }
        return lexicon;
    }
}
