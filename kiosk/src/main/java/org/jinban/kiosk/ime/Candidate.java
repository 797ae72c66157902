package org.jinban.kiosk.ime;

/**
 * A word the resident may pick for what they typed.
 *
 * @param text     the Chinese text
 * @param pinyin   its syllables, space-separated ({@code shen qing})
 * @param consumed how many of the typed letters it stands for, from the first: the page keeps the
 *                 rest as the composition and offers words for them next
 */
public record Candidate(String text, String pinyin, int consumed) {
}
