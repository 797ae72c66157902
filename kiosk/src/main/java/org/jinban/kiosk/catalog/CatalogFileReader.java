package org.jinban.kiosk.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a catalog file and checks it completely before anything is imported: a file with any
 * problem is refused whole, with every problem listed, so the kiosk keeps the version it had.
 */
public final class CatalogFileReader {
    private static final Pattern ITEM_CODE = Pattern.compile("[A-Z0-9-]{3,40}");
    private static final Pattern GROUP_CODE = Pattern.compile("[a-z0-9-]{2,40}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final ObjectMapper json;

    public CatalogFileReader(ObjectMapper json) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Reads {@code location}: {@code classpath:path/in/jar} or a file path. */
    public CatalogDocument read(String location) {
        try (InputStream in = open(location)) {
            return read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + location, e);
        }
    }

    /**
     * The {@code version} of the catalog at {@code location}, read without parsing the items;
     * 0 when the file has none at the top level (reading it whole then says what is wrong).
     */
    public long version(String location) {
        try (InputStream in = open(location); JsonParser parser = json.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    return parser.getLongValue();
                }
                parser.skipChildren();
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + location, e);
        }
    }

    public CatalogDocument read(InputStream in, String source) throws IOException {
        CatalogDocument doc;
        try {
            doc = json.readValue(in, CatalogDocument.class);
        } catch (JsonProcessingException e) {
            throw new CatalogFormatException(source, List.of("not valid JSON of the catalog shape: "
                    + e.getOriginalMessage() + " at " + e.getLocation()));
        }
        List<String> problems = new ArrayList<>();
        if (doc == null) {
            problems.add("the file is empty");
        } else {
            check(doc, problems);
        }
        if (!problems.isEmpty()) {
            throw new CatalogFormatException(source, problems);
        }
        return doc;
    }

    /**
     * Checks a catalog built otherwise than from a file (a delta applied to the version held)
     * exactly as a file is checked.
     *
     * @throws CatalogFormatException listing every problem
     */
    static void validate(CatalogDocument doc, String source) {
        List<String> problems = new ArrayList<>();
        check(doc, problems);
        if (!problems.isEmpty()) {
            throw new CatalogFormatException(source, problems);
        }
    }

    /**
     * Adds to {@code problems} those of one item to be added to, or changed in, the catalog held
     * (whose frame was checked when it came), checked as each item of a file is, naming it
     * {@code name} and its code; its competent authority and life events must be among
     * {@code departments} and {@code lifeEvents}. The code given twice is the delta's check.
     */
    static void checkUpsert(ServiceItem item, String name, Set<String> departments, Set<String> lifeEvents,
                            List<String> problems) {
        code(name, item.code(), ITEM_CODE, new HashSet<>(), problems);
        checkItem(name + " " + item.code(), item, departments, lifeEvents, problems);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String path = location.substring("classpath:".length());
            InputStream in = CatalogFileReader.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IOException("no resource " + path + " on the class path");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private static void check(CatalogDocument doc, List<String> problems) {
        if (!CatalogDocument.FORMAT.equals(doc.format())) {
            problems.add("format must be '" + CatalogDocument.FORMAT + "', was '" + doc.format() + "'");
        }
        if (doc.formatVersion() == null || doc.formatVersion() != CatalogDocument.FORMAT_VERSION) {
            problems.add("formatVersion must be " + CatalogDocument.FORMAT_VERSION + ", was " + doc.formatVersion());
        }
        if (doc.version() == null || doc.version() < 1) {
            problems.add("version must be a positive integer, was " + doc.version());
        }
        try {
            OffsetDateTime.parse(String.valueOf(doc.issuedAt()));
        } catch (DateTimeParseException e) {
            problems.add("issuedAt must be an ISO 8601 date-time with offset, was '" + doc.issuedAt() + "'");
        }
        Set<String> departments = new HashSet<>();
        forEach(doc.departments(), "departments", problems, (where, d) -> {
            code(where, d.code(), GROUP_CODE, departments, problems);
            text(where + ".name", d.name(), problems);
        });
        Set<String> lifeEvents = new HashSet<>();
        forEach(doc.lifeEvents(), "lifeEvents", problems, (where, e) -> {
            code(where, e.code(), GROUP_CODE, lifeEvents, problems);
            text(where + ".name", e.name(), problems);
        });
        if (doc.synonyms() != null) {
            for (int i = 0; i < doc.synonyms().size(); i++) {
                List<String> group = doc.synonyms().get(i);
                if (group == null || group.size() < 2 || group.stream().anyMatch(w -> w == null || w.isBlank())) {
                    problems.add("synonyms[" + i + "] must list two or more non-blank words");
                }
            }
        }
        checkItems(doc.items(), "items", departments, lifeEvents, problems);
        if (doc.items() != null && doc.items().isEmpty()) {
            problems.add("items must not be empty");
        }
    }

    /** Each item of the list {@code name}: its code well formed and given once, and its fields. */
    private static void checkItems(List<ServiceItem> items, String name, Set<String> departments,
                                   Set<String> lifeEvents, List<String> problems) {
        Set<String> codes = new HashSet<>();
        forEach(items, name, problems, (where, item) -> {
            code(where, item.code(), ITEM_CODE, codes, problems);
            checkItem(where + " " + item.code(), item, departments, lifeEvents, problems);
        });
    }

    private static void checkItem(String at, ServiceItem item, Set<String> departments, Set<String> lifeEvents,
                                  List<String> problems) {
        text(at + ": name", item.name(), problems);
        for (int i = 0; i < item.alternativeNames().size(); i++) {
            text(at + ": alternativeNames[" + i + "]", item.alternativeNames().get(i), problems);
        }
        text(at + ": description", item.description(), problems);
        if (!departments.contains(item.competentAuthority())) {
            problems.add(at + ": competentAuthority '" + item.competentAuthority() + "' is not a listed department");
        }
        if (item.handlingLevel() == null) {
            problems.add(at + ": handlingLevel is required (COMMUNITY, STREET, DISTRICT or CITY)");
        }
        forEach(item.channels(), at + ": channels", problems, (w, c) -> {
            text(w + ".place", c.place(), problems);
            text(w + ".address", c.address(), problems);
            text(w + ".hours", c.hours(), problems);
        });
        if (item.channels() != null && item.channels().isEmpty()) {
            problems.add(at + ": channels must name at least one place");
        }
        forEach(item.requiredEvidence(), at + ": requiredEvidence", problems, (w, e) -> {
            text(w + ".name", e.name(), problems);
            if (e.original() == null) {
                problems.add(w + ".original is required (true or false)");
            }
            if (e.copies() == null || e.copies() < 0 || e.copies() > 20) {
                problems.add(w + ".copies must be 0 to 20, was " + e.copies());
            }
            if (e.note() != null) {
                text(w + ".note", e.note(), problems);
            }
        });
        forEach(item.steps(), at + ": steps", problems, (w, s) -> text(w, s, problems));
        if (item.steps() != null && item.steps().isEmpty()) {
            problems.add(at + ": steps must list at least one step");
        }
        checkCost(at, item.cost(), problems);
        if (item.processingTimeWorkingDays() == null) {
            problems.add(at + ": processingTimeWorkingDays is required (true or false)");
        }
        try {
            ProcessingTime.parse(item.processingTime(), Boolean.TRUE.equals(item.processingTimeWorkingDays()));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": processingTime " + e.getMessage());
        }
        if (item.proxyHandling() == null) {
            problems.add(at + ": proxyHandling is required (true or false)");
        }
        if (item.online() == null || item.online().available() == null) {
            problems.add(at + ": online.available is required (true or false)");
        } else if (item.online().channel() != null) {
            text(at + ": online.channel", item.online().channel(), problems);
        }
        if (item.lifeEvents() == null || item.lifeEvents().isEmpty()) {
            problems.add(at + ": lifeEvents must name at least one life event");
        } else {
            item.lifeEvents().stream().filter(e -> !lifeEvents.contains(e))
                    .forEach(e -> problems.add(at + ": lifeEvents '" + e + "' is not a listed life event"));
        }
        if (item.keywords() == null) {
            problems.add(at + ": keywords is required ({\"zh-CN\": [...], \"en\": [...]})");
        }
        if (item.popularity() != null && item.popularity() < 0) {
            problems.add(at + ": popularity must not be negative");
        }
    }

    private static void checkCost(String at, ServiceItem.Cost cost, List<String> problems) {
        if (cost == null) {
            problems.add(at + ": cost is required ({\"amount\": \"0.00\", \"currency\": \"CNY\"} when free)");
            return;
        }
        try {
            if (cost.amount() == null || new BigDecimal(cost.amount()).signum() < 0) {
                problems.add(at + ": cost.amount must be a non-negative decimal such as 0.00, was " + cost.amount());
            }
        } catch (NumberFormatException e) {
            problems.add(at + ": cost.amount must be a decimal such as 0.00, was '" + cost.amount() + "'");
        }
        if (cost.currency() == null || !CURRENCY.matcher(cost.currency()).matches()) {
            problems.add(at + ": cost.currency must be an ISO 4217 code such as CNY, was " + cost.currency());
        }
        if (cost.note() != null) {
            text(at + ": cost.note", cost.note(), problems);
        }
    }

    private interface Check<T> {
        void accept(String where, T value);
    }

    private static <T> void forEach(List<T> list, String name, List<String> problems, Check<T> check) {
        if (list == null) {
            problems.add(name + " is required");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            T value = list.get(i);
            if (value == null) {
                problems.add(name + "[" + i + "] must not be null");
            } else {
                check.accept(name + "[" + i + "]", value);
            }
        }
    }

    private static void code(String where, String code, Pattern pattern, Set<String> seen, List<String> problems) {
        if (code == null || !pattern.matcher(code).matches()) {
            problems.add(where + ": code '" + code + "' must match " + pattern.pattern());
        } else if (!seen.add(code)) {
            problems.add(where + ": code '" + code + "' is used twice");
        }
    }

    private static void text(String where, LocalizedText text, List<String> problems) {
        if (text == null || !text.complete()) {
            problems.add(where + " needs non-blank \"zh-CN\" and \"en\" texts");
        }
    }
}
