package org.jinban.ui.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves FAILED-{class}-{test}.png from the test class's static {@link Browser} field when a test fails. */
public final class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Class<?> type = context.getRequiredTestClass();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Browser.class) {
                try {
                    f.setAccessible(true);
                    Browser browser = (Browser) f.get(null);
                    if (browser != null) {
                        String name = "FAILED-" + type.getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                                + "-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
                        browser.screenshot(name.length() > 120 ? name.substring(0, 120) : name);
                    }
                } catch (Exception | AssertionError e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
