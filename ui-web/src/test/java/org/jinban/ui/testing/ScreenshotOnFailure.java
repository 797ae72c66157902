package org.jinban.ui.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Saves FAILED-{class}-{test}.png from the browser of the class's {@link KioskSession} when a test
 * fails. The session leaves itself in the class's extension store, so it is found there, whatever
 * the test class names its field.
 */
public final class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser browser = KioskSession.of(context).map(KioskSession::browser).orElse(null);
        if (browser == null) {
            return;
        }
        try {
            String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName()
                    + "-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
            browser.screenshot(name.length() > 120 ? name.substring(0, 120) : name);
        } catch (Exception | AssertionError e) {
            cause.addSuppressed(e);
        }
    }
}
