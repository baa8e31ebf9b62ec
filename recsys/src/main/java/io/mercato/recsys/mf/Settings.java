package io.mercato.recsys.mf;

import io.mercato.core.ConfigurationException;

/** Range checks for builder settings that {@code core.Check} does not cover (bounded ints, half-open ranges). */
final class Settings {

    private Settings() {
    }

    static int range(String setting, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw ConfigurationException.invalid(setting, value, "must be in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    static double openClosed(String setting, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw ConfigurationException.invalid(setting, value, "must be in (" + lo + ", " + hi + "]");
        }
        return value;
    }
}
