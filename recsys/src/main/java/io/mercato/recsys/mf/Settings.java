package io.mercato.recsys.mf;

import io.mercato.core.ConfigurationException;

/** The half-open range check {@code (lo, hi]} for builder settings, which {@code core.Check} does not cover. */
final class Settings {

    private Settings() {
    }

    static double openClosed(String setting, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw ConfigurationException.invalid(setting, value, "must be in (" + lo + ", " + hi + "]");
        }
        return value;
    }
}
