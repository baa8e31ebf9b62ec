package io.mercato.core;

/**
 * Argument checks for configuration builders. Each returns its argument when valid and otherwise
 * throws a {@link ConfigurationException} naming the setting, the bad value and the allowed range.
 * NaN never passes a numeric check.
 */
public final class Check {
    private Check() {
    }

    /** @return {@code v} if {@code v > 0} */
    public static int positive(String setting, int v) {
        if (v <= 0) {
            throw ConfigurationException.invalid(setting, v, "must be > 0");
        }
        return v;
    }

    /** @return {@code v} if {@code v > 0} and finite */
    public static double positive(String setting, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw ConfigurationException.invalid(setting, v, "must be a finite number > 0");
        }
        return v;
    }

    /** @return {@code v} if {@code v >= min} */
    public static int atLeast(String setting, int v, int min) {
        if (v < min) {
            throw ConfigurationException.invalid(setting, v, "must be >= " + min);
        }
        return v;
    }

    /** @return {@code v} if {@code lo <= v <= hi} (closed range) */
    public static double inRange(String setting, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw ConfigurationException.invalid(setting, v, "must be in [" + lo + ", " + hi + "]");
        }
        return v;
    }

    /** @return {@code v} if {@code lo <= v <= hi} (closed range) */
    public static int inRange(String setting, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw ConfigurationException.invalid(setting, v, "must be in [" + lo + ", " + hi + "]");
        }
        return v;
    }

    /** @return {@code v} if {@code v >= 0} and finite */
    public static double nonNegative(String setting, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw ConfigurationException.invalid(setting, v, "must be a finite number >= 0");
        }
        return v;
    }

    /** @return {@code v} if it is not null */
    public static <T> T notNull(String setting, T v) {
        if (v == null) {
            throw ConfigurationException.invalid(setting, null, "is required");
        }
        return v;
    }
}
