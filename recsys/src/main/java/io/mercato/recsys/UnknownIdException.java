package io.mercato.recsys;

import io.mercato.recsys.privacy.IdPseudonymizer;

/**
 * A user or item id that the model never saw in training (and no cold-start fallback is configured).
 * Wrap a model in {@link io.mercato.recsys.hybrid.SwitchingHybrid} to serve new users and items. The message
 * never shows an id that looks like an e-mail address or phone number ({@link #id()} has it).
 */
public final class UnknownIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;

    /** {@code kind} is "user" or "item". */
    public UnknownIdException(String kind, String id, String algorithm) {
        super("unknown " + kind + " " + IdPseudonymizer.forMessages(id) + ": not in the training data of the " + algorithm
                + " model (use a switching hybrid for cold start)");
        this.kind = kind;
        this.id = id;
    }

    /** "user" or "item". */
    public String kind() {
        return kind;
    }

    /** The unknown id. */
    public String id() {
        return id;
    }
}
