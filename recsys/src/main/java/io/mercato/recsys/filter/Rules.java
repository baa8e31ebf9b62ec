package io.mercato.recsys.filter;

import io.mercato.recsys.data.IdIndex;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The common {@link BusinessRule}s: exclude, include-only, predicate filters and score boosts. */
public final class Rules {

    private Rules() {
    }

    /** Never recommend these items (unknown ids are ignored). */
    public static BusinessRule exclude(Collection<String> items) {
        Set<String> set = Set.copyOf(items);
        return (data, user, scores) -> {
            IdIndex index = data.items();
            for (String id : set) {
                int i = index.index(id);
                if (i >= 0) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /** Recommend only among these items (e.g. in stock, in the campaign). */
    public static BusinessRule includeOnly(Collection<String> items) {
        Set<String> set = new HashSet<>(items);
        return (data, user, scores) -> {
            IdIndex index = data.items();
            for (int i = 0; i < scores.length; i++) {
                if (!set.contains(index.id(i))) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /** Recommend only items whose id passes {@code keep}. */
    public static BusinessRule filter(Predicate<String> keep) {
        Objects.requireNonNull(keep, "keep");
        return (data, user, scores) -> {
            IdIndex index = data.items();
            for (int i = 0; i < scores.length; i++) {
                if (!keep.test(index.id(i))) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /**
     * Multiplies the score of every item matching {@code which} by {@code factor} (> 0), sign-safely:
     * {@code s + |s| (factor - 1)}, so a factor above 1 always raises a score, even a negative one.
     */
    public static BusinessRule boost(Predicate<String> which, double factor) {
        checkFactor(factor);
        Objects.requireNonNull(which, "which");
        return (data, user, scores) -> {
            IdIndex index = data.items();
            for (int i = 0; i < scores.length; i++) {
                if (which.test(index.id(i))) {
                    scores[i] = boosted(scores[i], factor);
                }
            }
        };
    }

    /** Per-item boost factors (as {@link #boost(Predicate, double)}); unknown ids are ignored. */
    public static BusinessRule boost(Map<String, Double> factors) {
        Map<String, Double> copy = Map.copyOf(factors);
        copy.values().forEach(Rules::checkFactor);
        return (data, user, scores) -> {
            IdIndex index = data.items();
            copy.forEach((id, f) -> {
                int i = index.index(id);
                if (i >= 0) {
                    scores[i] = boosted(scores[i], f);
                }
            });
        };
    }

    private static double boosted(double s, double factor) {
        return Double.isFinite(s) ? s + Math.abs(s) * (factor - 1) : s;
    }

    private static void checkFactor(double f) {
        if (!(f > 0) || !Double.isFinite(f)) {
            throw io.mercato.core.ConfigurationException.invalid("boost factor", f, "must be a finite number > 0");
        }
    }
}
