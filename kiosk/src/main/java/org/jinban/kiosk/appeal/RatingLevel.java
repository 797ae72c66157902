package org.jinban.kiosk.appeal;

/** The national five-level 好差评 scale; 不满意 and worse are followed up by a call-back. */
public enum RatingLevel {
    VERY_SATISFIED("非常满意"),
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意"),
    VERY_DISSATISFIED("非常不满意");

    private final String zh;

    RatingLevel(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    public boolean poor() {
        return this == DISSATISFIED || this == VERY_DISSATISFIED;
    }
}
