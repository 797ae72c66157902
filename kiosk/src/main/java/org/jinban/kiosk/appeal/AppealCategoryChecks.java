package org.jinban.kiosk.appeal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jinban.kiosk.catalog.LocalizedText;

/**
 * Checks an appeal category file completely: every problem is listed with the path of the entry,
 * so one round of fixing is enough. A resident sees these texts and a receipt promises these
 * times, so a half-translated or out-of-range file is refused whole.
 */
final class AppealCategoryChecks {
    static final int MIN_DUE_DAYS = 1;
    static final int MAX_DUE_DAYS = 60;
    static final int MIN_QUICK_PHRASES = 1;
    static final int MAX_QUICK_PHRASES = 8;
    private static final Pattern MATTER_CODE = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");
    private static final int MAX_CODE_LENGTH = 40;

    private AppealCategoryChecks() {
    }

    static List<String> problems(AppealCategoryFile file) {
        List<String> problems = new ArrayList<>();
        if (file == null) {
            problems.add("the file is empty");
            return problems;
        }
        if (file.version() == null || file.version() < 1) {
            problems.add("version must be a positive integer, was " + file.version());
        }
        if (file.domains() == null || file.domains().isEmpty()) {
            problems.add("domains must list at least one domain");
            return problems;
        }
        Set<String> domainCodes = new HashSet<>();
        Set<String> matterCodes = new HashSet<>();
        for (int i = 0; i < file.domains().size(); i++) {
            AppealCategoryFile.Domain domain = file.domains().get(i);
            if (domain == null) {
                problems.add("domains[" + i + "] must not be null");
            } else {
                checkDomain("domains[" + i + "] " + domain.code(), domain, domainCodes, matterCodes, problems);
            }
        }
        return problems;
    }

    private static void checkDomain(String at, AppealCategoryFile.Domain domain, Set<String> domainCodes,
                                    Set<String> matterCodes, List<String> problems) {
        if (!AppealCategories.DOMAIN_CODES.contains(domain.code())) {
            problems.add(at + ": code '" + domain.code() + "' is not a domain code; one of "
                    + String.join(", ", AppealCategories.DOMAIN_CODES));
        } else if (!domainCodes.add(domain.code())) {
            problems.add(at + ": code '" + domain.code() + "' is used twice");
        }
        text(at + ": name", domain.name(), problems);
        text(at + ": nextSteps", domain.nextSteps(), problems);
        if (domain.matters() == null || domain.matters().isEmpty()) {
            problems.add(at + ": matters must list at least one matter type");
            return;
        }
        for (int i = 0; i < domain.matters().size(); i++) {
            AppealCategoryFile.Matter matter = domain.matters().get(i);
            String where = at + ": matters[" + i + "]";
            if (matter == null) {
                problems.add(where + " must not be null");
            } else {
                checkMatter(where + " " + matter.code(), domain.code(), matter, matterCodes, problems);
            }
        }
    }

    private static void checkMatter(String at, String domainCode, AppealCategoryFile.Matter matter,
                                    Set<String> matterCodes, List<String> problems) {
        String code = matter.code();
        if (code == null || code.length() > MAX_CODE_LENGTH || !MATTER_CODE.matcher(code).matches()) {
            problems.add(at + ": code '" + code + "' must be upper-case letters and digits joined by hyphens, "
                    + "at most " + MAX_CODE_LENGTH + " characters");
        } else if (!code.startsWith(domainCode + "-")) {
            problems.add(at + ": code '" + code + "' must start with its domain's code '" + domainCode + "-'");
        } else if (!matterCodes.add(code)) {
            problems.add(at + ": code '" + code + "' is used twice");
        }
        text(at + ": name", matter.name(), problems);
        if (matter.dueDays() == null || matter.dueDays() < MIN_DUE_DAYS || matter.dueDays() > MAX_DUE_DAYS) {
            problems.add(at + ": dueDays must be " + MIN_DUE_DAYS + " to " + MAX_DUE_DAYS + ", was "
                    + matter.dueDays());
        }
        List<LocalizedText> phrases = matter.quickPhrases();
        if (phrases == null || phrases.size() < MIN_QUICK_PHRASES || phrases.size() > MAX_QUICK_PHRASES) {
            problems.add(at + ": quickPhrases must list " + MIN_QUICK_PHRASES + " to " + MAX_QUICK_PHRASES
                    + " phrases, has " + (phrases == null ? "none" : phrases.size()));
        }
        if (phrases != null) {
            for (int i = 0; i < phrases.size(); i++) {
                text(at + ": quickPhrases[" + i + "]", phrases.get(i), problems);
            }
        }
    }

    private static void text(String where, LocalizedText text, List<String> problems) {
        if (text == null) {
            problems.add(where + " is required, with \"zh-CN\" and \"en\" texts");
            return;
        }
        language(where, "zh-CN", text.zh(), problems);
        language(where, "en", text.en(), problems);
        if (text.zh() != null && !text.zh().isBlank() && !hasChinese(text.zh())) {
            problems.add(where + ": the \"zh-CN\" text has no Chinese character: '" + text.zh() + "'");
        }
    }

    private static void language(String where, String lang, String value, List<String> problems) {
        if (value == null) {
            problems.add(where + " has no \"" + lang + "\" text");
        } else if (value.isBlank()) {
            problems.add(where + " has a blank \"" + lang + "\" text");
        }
    }

    static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
