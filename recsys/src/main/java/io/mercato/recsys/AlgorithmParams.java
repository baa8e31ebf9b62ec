package io.mercato.recsys;

import io.mercato.core.ConfigurationException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * String parameters of an algorithm chosen by name (CLI flags, config files), with typed getters
 * that fall back to defaults and throw {@link ConfigurationException} for unparsable values. Names
 * never read are reported by {@link #checkAllUsed(String)}, so typos do not pass silently.
 *
 * <p>Providers map parameters onto builder setters one line each, absent ones keeping the builder's
 * default: {@code p.integer("rank", b::rank); p.real("regularization", b::regularization);}.
 */
public final class AlgorithmParams {

    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    /** Wraps a copy of {@code values}. */
    public AlgorithmParams(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The names of all given parameters, sorted (listing them does not count as reading them). */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    /** A string parameter. */
    public String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    /** An integer parameter. */
    public int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ConfigurationException.invalid(name, v, "must be an integer");
        }
    }

    /** A long parameter (e.g. a seed). */
    public long longValue(String name, long fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ConfigurationException.invalid(name, v, "must be an integer");
        }
    }

    /** A real-valued parameter. */
    public double real(String name, double fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw ConfigurationException.invalid(name, v, "must be a number");
        }
    }

    /** A boolean parameter ("true"/"false"). */
    public boolean bool(String name, boolean fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw ConfigurationException.invalid(name, v, "must be true or false");
        };
    }

    /** Passes integer parameter {@code name} to {@code setter} when it was given. */
    public void integer(String name, IntConsumer setter) {
        if (has(name)) {
            setter.accept(integer(name, 0));
        }
    }

    /** Passes long parameter {@code name} to {@code setter} when it was given. */
    public void longValue(String name, LongConsumer setter) {
        if (has(name)) {
            setter.accept(longValue(name, 0));
        }
    }

    /** Passes real parameter {@code name} to {@code setter} when it was given. */
    public void real(String name, DoubleConsumer setter) {
        if (has(name)) {
            setter.accept(real(name, 0));
        }
    }

    /** Passes boolean parameter {@code name} to {@code setter} when it was given. */
    public void bool(String name, Consumer<Boolean> setter) {
        if (has(name)) {
            setter.accept(bool(name, true));
        }
    }

    /** Throws when a given parameter was never read by {@code algorithm}'s provider. */
    public void checkAllUsed(String algorithm) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw ConfigurationException.invalid(name, values.get(name),
                    "unknown parameter of " + algorithm + "; known: " + new TreeSet<>(used));
        }
    }
}
