package io.mercato.recsys;

import io.mercato.recsys.filter.BusinessRule;
import io.mercato.recsys.filter.Rules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A recommendation request: whose, how many, whether the user's own items are excluded (default yes)
 * and the business rules to apply, in order. Immutable; build with {@link #forUser(String)}.
 */
public final class RecommendRequest {

    private final String user;
    private final int n;
    private final boolean excludeOwnItems;
    private final List<BusinessRule> rules;

    private RecommendRequest(Builder b) {
        this.user = b.user;
        this.n = b.n;
        this.excludeOwnItems = b.excludeOwnItems;
        this.rules = List.copyOf(b.rules);
    }

    /** Starts a request for {@code user} (10 items, own items excluded, no rules). */
    public static Builder forUser(String user) {
        return new Builder(user);
    }

    /** The user id. */
    public String user() {
        return user;
    }

    /** This request for another user (same n, exclusion and rules). */
    public RecommendRequest withUser(String other) {
        Builder b = new Builder(other).n(n).excludeOwnItems(excludeOwnItems);
        rules.forEach(b::rule);
        return b.build();
    }

    /** Maximum number of recommendations. */
    public int n() {
        return n;
    }

    /** Whether items the user already has are left out. */
    public boolean excludeOwnItems() {
        return excludeOwnItems;
    }

    /** Rules applied to the score row, in order. */
    public List<BusinessRule> rules() {
        return rules;
    }

    /** Fluent builder of a {@link RecommendRequest}. */
    public static final class Builder {
        private final String user;
        private int n = 10;
        private boolean excludeOwnItems = true;
        private final List<BusinessRule> rules = new ArrayList<>();

        private Builder(String user) {
            this.user = Objects.requireNonNull(user, "user");
        }

        /** Number of items (>= 1). */
        public Builder n(int n) {
            this.n = io.mercato.core.Check.positive("n", n);
            return this;
        }

        /** Whether the user's own items may be recommended again (default: no). */
        public Builder excludeOwnItems(boolean exclude) {
            this.excludeOwnItems = exclude;
            return this;
        }

        /** Never recommend these items. */
        public Builder exclude(Collection<String> items) {
            return rule(Rules.exclude(items));
        }

        /** Recommend only among these items. */
        public Builder includeOnly(Collection<String> items) {
            return rule(Rules.includeOnly(items));
        }

        /** Recommend only items whose id passes {@code keep}. */
        public Builder filter(Predicate<String> keep) {
            return rule(Rules.filter(keep));
        }

        /** Boosts matching items by {@code factor} (see {@link Rules#boost(Predicate, double)}). */
        public Builder boost(Predicate<String> which, double factor) {
            return rule(Rules.boost(which, factor));
        }

        /** Per-item boost factors. */
        public Builder boost(Map<String, Double> factors) {
            return rule(Rules.boost(factors));
        }

        /** Any rule. */
        public Builder rule(BusinessRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The immutable request. */
        public RecommendRequest build() {
            return new RecommendRequest(this);
        }
    }
}
