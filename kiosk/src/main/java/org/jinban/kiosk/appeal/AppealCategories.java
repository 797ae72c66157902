package org.jinban.kiosk.appeal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two-level {@code AppealCategory} tree (事项类别): the five domains and their matter types,
 * read once from a category file and checked whole, so a resident never picks a category with
 * a missing translation or a receipt never promises an impossible handling time.
 */
public final class AppealCategories {
    /** The five domain codes of DESIGN.md; a file may list its domains in any order. */
    public static final List<String> DOMAIN_CODES =
            List.of("STABILITY", "URBAN", "SAFETY", "ENVIRONMENT", "LIVELIHOOD");

    private final int version;
    private final List<AppealDomain> domains;
    private final Map<String, MatterType> matters;
    private final Map<String, AppealDomain> domainOfMatter;
    private final AppealCategoryViews.Categories zhView;
    private final AppealCategoryViews.Categories enView;

    private AppealCategories(int version, List<AppealDomain> domains) {
        this.version = version;
        this.domains = List.copyOf(domains);
        Map<String, MatterType> byCode = new LinkedHashMap<>();
        Map<String, AppealDomain> domainByMatter = new LinkedHashMap<>();
        for (AppealDomain domain : this.domains) {
            for (MatterType matter : domain.matters()) {
                byCode.put(matter.code(), matter);
                domainByMatter.put(matter.code(), domain);
            }
        }
        this.matters = Map.copyOf(byCode);
        this.domainOfMatter = Map.copyOf(domainByMatter);
        this.zhView = AppealCategoryViews.of(this.domains, "zh-CN");
        this.enView = AppealCategoryViews.of(this.domains, "en");
    }

    /** Reads the class-path resource {@code resource}, e.g. {@code appeals/categories.json}. */
    public static AppealCategories load(ObjectMapper json, String resource) {
        try (InputStream in = AppealCategories.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AppealCategoryException(resource, List.of("no such resource on the class path"));
            }
            return parse(json, in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read appeal categories " + resource, e);
        }
    }

    /** Reads a category file from {@code in}; {@code sourceName} names it in error messages. */
    public static AppealCategories parse(ObjectMapper json, InputStream in, String sourceName) {
        AppealCategoryFile file;
        try {
            file = json.copy().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .readValue(in, AppealCategoryFile.class);
        } catch (JsonProcessingException e) {
            throw new AppealCategoryException(sourceName, List.of("not valid JSON of the category shape: "
                    + e.getOriginalMessage() + " at " + e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read appeal categories " + sourceName, e);
        }
        List<String> problems = AppealCategoryChecks.problems(file);
        if (!problems.isEmpty()) {
            throw new AppealCategoryException(sourceName, problems);
        }
        return new AppealCategories(file.version(), file.domains().stream().map(AppealCategories::domain).toList());
    }

    private static AppealDomain domain(AppealCategoryFile.Domain d) {
        return new AppealDomain(d.code(), d.name(), d.nextSteps(), d.matters().stream()
                .map(m -> new MatterType(m.code(), m.name(), m.dueDays(), m.quickPhrases()))
                .toList());
    }

    public int version() {
        return version;
    }

    /** The domains in file order, each with its matter types in file order. */
    public List<AppealDomain> domains() {
        return domains;
    }

    public Optional<MatterType> matter(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(matters.get(code));
    }

    /** The domain {@code matter} belongs to; it must be one of these categories' matter types. */
    public AppealDomain domainOf(MatterType matter) {
        AppealDomain domain = domainOfMatter.get(matter.code());
        if (domain == null) {
            throw new IllegalArgumentException("matter type " + matter.code() + " is not in these appeal categories");
        }
        return domain;
    }

    /** The tree as {@code GET /api/v1/appeal-categories} answers: {@code "en"} gives English, anything else Chinese. */
    public AppealCategoryViews.Categories view(String lang) {
        return "en".equals(lang) ? enView : zhView;
    }
}
