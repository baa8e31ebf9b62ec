package io.mercato.recsys.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bijection between external string ids (user or item ids as they appear in the data) and dense
 * indices {@code 0..size()-1}, so that models can work on primitive arrays. Immutable once built.
 */
public final class IdIndex {

    private final List<String> ids;
    private final Map<String, Integer> positions;

    private IdIndex(List<String> ids, Map<String, Integer> positions) {
        this.ids = ids;
        this.positions = positions;
    }

    /** An index over the given ids, in order; duplicates are an error. */
    public static IdIndex of(List<String> ids) {
        Builder b = new Builder();
        for (String id : ids) {
            if (b.contains(id)) {
                throw new IllegalArgumentException("duplicate id " + io.mercato.recsys.privacy.IdPseudonymizer.forMessages(id));
            }
            b.add(id);
        }
        return b.build();
    }

    /** Number of ids. */
    public int size() {
        return ids.size();
    }

    /** The dense index of {@code id}, or -1 when the id is unknown. */
    public int index(String id) {
        Integer p = positions.get(id);
        return p == null ? -1 : p;
    }

    /** Whether {@code id} is known. */
    public boolean contains(String id) {
        return positions.containsKey(id);
    }

    /** The external id at dense index {@code index}. */
    public String id(int index) {
        return ids.get(index);
    }

    /** All ids, in index order (unmodifiable). */
    public List<String> ids() {
        return ids;
    }

    @Override
    public String toString() {
        return "IdIndex[" + ids.size() + " ids]";
    }

    /** Assigns indices in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> positions = new HashMap<>();

        /** The index of {@code id}, assigning the next free one on first sight. */
        public int add(String id) {
            Integer p = positions.get(id);
            if (p != null) {
                return p;
            }
            int next = ids.size();
            ids.add(id);
            positions.put(id, next);
            return next;
        }

        /** Whether {@code id} was already added. */
        public boolean contains(String id) {
            return positions.containsKey(id);
        }

        /** Number of ids added so far. */
        public int size() {
            return ids.size();
        }

        /** The immutable index; the builder must not be used afterwards. */
        public IdIndex build() {
            return new IdIndex(Collections.unmodifiableList(new ArrayList<>(ids)), new HashMap<>(positions));
        }
    }
}
