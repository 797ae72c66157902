package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.kiosk.Kiosk;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalog text is shown as text, never parsed as markup: a catalog whose senior-card item has
 * HTML in its name, description and steps shows those characters literally.
 */
@ExtendWith(ScreenshotOnFailure.class)
class CatalogTextIsTextIT {
    static final String CODE = "MZ-SENIOR-PRIVILEGE-CARD";
    static final String NAME = "老年人优待证办理<img src=x onerror=alert(1)><b>加粗</b>";
    static final String DESCRIPTION = "<script>alert(2)</script><a href=\"javascript:alert(3)\">点这里</a>";
    static final String STEP = "<svg onload=alert(4)></svg>&lt;第一步&gt;";

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withCatalog(CatalogTextIsTextIT::withMarkup);

    /** The demo catalog, with markup put into one item's Chinese texts. */
    private static String withMarkup() throws IOException {
        ObjectMapper json = Kiosk.objectMapper();
        JsonNode catalog;
        try (InputStream in = Kiosk.class.getClassLoader().getResourceAsStream("catalog/demo-catalog.json")) {
            assertNotNull(in, "the demo catalog is on the class path (jinban-kiosk jar)");
            catalog = json.readTree(in);
        }
        for (JsonNode item : catalog.get("items")) {
            if (CODE.equals(item.get("code").asText())) {
                ((ObjectNode) item.get("name")).put("zh-CN", NAME);
                ((ObjectNode) item.get("description")).put("zh-CN", DESCRIPTION);
                ((ObjectNode) ((ArrayNode) item.get("steps")).get(0)).put("zh-CN", STEP);
            }
        }
        return json.writeValueAsString(catalog);
    }

    @Test
    void markupInTheCatalogIsShownLiterally() {
        assertEquals(NAME, session.kiosk().item(CODE, "zh-CN").get("name").asText(), "the kiosk stores the text as it is");

        session.page().openHome();
        session.page().openCatalog();
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        assertEquals(NAME, session.page().resultName(CODE));
        session.page().openItem(CODE);
        session.browser().screenshot("12-catalog-markup-as-text");

        Map<String, Object> dom = session.browser().js("""
                const q = (s) => document.querySelector(s);
                return {
                  name: q("[data-testid='item-name']").textContent,
                  nameChildren: q("[data-testid='item-name']").childElementCount,
                  description: q("[data-testid='item-description']").textContent,
                  descriptionChildren: q("[data-testid='item-description']").childElementCount,
                  step: q("[data-testid='item-steps'] .step-text").textContent,
                  stepChildren: q("[data-testid='item-steps'] .step-text").childElementCount,
                  injected: document.querySelectorAll('img, b, a, main script, main svg:not(.icon)').length,
                };""");
        assertAll(
                () -> assertEquals(NAME, dom.get("name")),
                () -> assertEquals(0L, dom.get("nameChildren")),
                () -> assertEquals(DESCRIPTION, dom.get("description")),
                () -> assertEquals(0L, dom.get("descriptionChildren")),
                () -> assertEquals(STEP, dom.get("step")),
                () -> assertEquals(0L, dom.get("stepChildren")),
                () -> assertEquals(0L, dom.get("injected"), "no element made from catalog text"),
                () -> assertFalse(session.browser().alertOpen(), "no alert"));
    }
}
