package io.mercato.recsys.data;

import io.mercato.recsys.privacy.IdPseudonymizer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * User-item interactions: explicit ratings or weighted implicit events, with optional timestamps.
 * Immutable and thread-safe. External ids are mapped to dense indices by {@link #users()} and
 * {@link #items()}; the data is held twice, by user (CSR, {@link #byUser()}) and by item (CSC,
 * {@link #byItem()}), with item (resp. user) indices sorted within each row. An item (or user) may
 * be known without interactions, e.g. a new product registered with {@link Builder#addItem(String)} so
 * that content-based models can recommend it.
 */
public final class Interactions {

    /** What happens when the same (user, item) pair occurs more than once. */
    public enum DuplicatePolicy {
        /** Values are added (implicit counts); the latest timestamp is kept. */
        SUM,
        /** The latest occurrence wins (by timestamp, then by insertion order). */
        LAST,
        /** The largest value wins, with its timestamp. */
        MAX
    }

    /** Receives one interaction in index space. */
    @FunctionalInterface
    public interface EntryConsumer {
        /** Called once per stored (user, item) pair; {@code timestamp} may be {@link SparseMatrix#NO_TIMESTAMP}. */
        void accept(int user, int item, float value, long timestamp);
    }

    private final IdIndex users;
    private final IdIndex items;
    private final SparseMatrix byUser;
    private final SparseMatrix byItem;
    private final double globalMean;
    private final double min;
    private final double max;

    private Interactions(IdIndex users, IdIndex items, SparseMatrix byUser) {
        this.users = users;
        this.items = items;
        this.byUser = byUser;
        this.byItem = byUser.transpose();
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : byUser.values()) {
            sum += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int n = byUser.nnz();
        this.globalMean = n == 0 ? 0 : sum / n;
        this.min = n == 0 ? 0 : lo;
        this.max = n == 0 ? 0 : hi;
    }

    /** A builder for interactions given by external ids. */
    public static Builder builder() {
        return new Builder();
    }

    /** A loader for a CSV/TSV file with a header; configure the columns, then {@link InteractionsCsv#load()}. */
    public static InteractionsCsv csv(Path file) {
        return new InteractionsCsv(file);
    }

    /** User ids and their dense indices. */
    public IdIndex users() {
        return users;
    }

    /** Item ids and their dense indices. */
    public IdIndex items() {
        return items;
    }

    /** Number of users. */
    public int userCount() {
        return users.size();
    }

    /** Number of items. */
    public int itemCount() {
        return items.size();
    }

    /** Number of stored (user, item) pairs. */
    public int size() {
        return byUser.nnz();
    }

    /** Rows = users, columns = items (zero-copy view). */
    public SparseMatrix byUser() {
        return byUser;
    }

    /** Rows = items, columns = users (zero-copy view). */
    public SparseMatrix byItem() {
        return byItem;
    }

    /** Items of user {@code u}, ascending (a copy). */
    public int[] userItems(int u) {
        return byUser.rowIndices(u);
    }

    /** Values of user {@code u}, aligned with {@link #userItems(int)} (a copy). */
    public float[] userValues(int u) {
        return byUser.rowValues(u);
    }

    /** Users of item {@code i}, ascending (a copy). */
    public int[] itemUsers(int i) {
        return byItem.rowIndices(i);
    }

    /** Values of item {@code i}, aligned with {@link #itemUsers(int)} (a copy). */
    public float[] itemValues(int i) {
        return byItem.rowValues(i);
    }

    /** The value of (u, i), or NaN when the user has no interaction with the item. */
    public double value(int u, int i) {
        int k = byUser.find(u, i);
        return k < 0 ? Double.NaN : byUser.value(k);
    }

    /** Whether user {@code u} interacted with item {@code i}. */
    public boolean contains(int u, int i) {
        return byUser.find(u, i) >= 0;
    }

    /** Mean of all values (0 when empty). */
    public double globalMean() {
        return globalMean;
    }

    /** Smallest value (0 when empty). */
    public double minValue() {
        return min;
    }

    /** Largest value (0 when empty). */
    public double maxValue() {
        return max;
    }

    /** Whether interactions carry timestamps. */
    public boolean hasTimestamps() {
        return byUser.hasTimestamps();
    }

    /** Visits every interaction, user by user, items ascending. */
    public void forEach(EntryConsumer consumer) {
        for (int u = 0; u < byUser.rows(); u++) {
            for (int k = byUser.start(u); k < byUser.end(u); k++) {
                consumer.accept(u, byUser.index(k), byUser.value(k), byUser.timestamp(k));
            }
        }
    }

    /**
     * The interactions whose entry position (in {@link #byUser()} order) is marked in {@code keep}, with
     * users and items that keep no interaction dropped from the indices (the others keep their order).
     */
    public Interactions select(boolean[] keep) {
        if (keep.length != size()) {
            throw new IllegalArgumentException("keep has " + keep.length + " flags for " + size() + " interactions");
        }
        int[] userMap = new int[userCount()];
        int[] itemMap = new int[itemCount()];
        Arrays.fill(userMap, -1);
        Arrays.fill(itemMap, -1);
        for (int u = 0; u < byUser.rows(); u++) {
            for (int k = byUser.start(u); k < byUser.end(u); k++) {
                if (keep[k]) {
                    userMap[u] = 0;
                    itemMap[byUser.index(k)] = 0;
                }
            }
        }
        IdIndex.Builder ub = new IdIndex.Builder();
        for (int u = 0; u < userMap.length; u++) {
            if (userMap[u] == 0) {
                userMap[u] = ub.add(users.id(u));
            }
        }
        IdIndex.Builder ib = new IdIndex.Builder();
        for (int i = 0; i < itemMap.length; i++) {
            if (itemMap[i] == 0) {
                itemMap[i] = ib.add(items.id(i));
            }
        }
        int n = 0;
        for (boolean b : keep) {
            if (b) {
                n++;
            }
        }
        int[] ptr = new int[ub.size() + 1];
        int[] idx = new int[n];
        float[] val = new float[n];
        long[] ts = hasTimestamps() ? new long[n] : null;
        int pos = 0;
        for (int u = 0; u < byUser.rows(); u++) {
            if (userMap[u] < 0) {
                continue;
            }
            for (int k = byUser.start(u); k < byUser.end(u); k++) {
                if (keep[k]) {
                    idx[pos] = itemMap[byUser.index(k)];
                    val[pos] = byUser.value(k);
                    if (ts != null) {
                        ts[pos] = byUser.timestamp(k);
                    }
                    pos++;
                }
            }
            ptr[userMap[u] + 1] = pos;
        }
        // item order is preserved by the re-indexing, so rows stay sorted
        return new Interactions(ub.build(), ib.build(), new SparseMatrix(ub.size(), ib.size(), ptr, idx, val, ts));
    }

    /**
     * These interactions plus {@code more} (indices of known users and items are kept, new ones are
     * appended; a pair
     * present in both is resolved with {@code policy}, {@code more} counting as later).
     */
    public Interactions plus(Interactions more, DuplicatePolicy policy) {
        Builder b = builder().duplicatePolicy(policy);
        users.ids().forEach(b::addUser); // keeps this data's indices; new ids come after them
        items.ids().forEach(b::addItem);
        addAll(b, this);
        addAll(b, more);
        return b.build();
    }

    private static void addAll(Builder b, Interactions d) {
        d.forEach((u, i, v, t) -> b.add(d.users.id(u), d.items.id(i), v, t));
    }

    /** Writes the interactions in a compact binary form (read back by {@link #read(DataInput)}). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        writeIds(out, users);
        writeIds(out, items);
        int[] ptr = byUser.pointers();
        int[] idx = byUser.indices();
        float[] val = byUser.values();
        long[] ts = byUser.timestamps();
        out.writeInt(idx.length);
        for (int p : ptr) {
            out.writeInt(p);
        }
        for (int k = 0; k < idx.length; k++) {
            out.writeInt(idx[k]);
            out.writeFloat(val[k]);
        }
        out.writeBoolean(ts != null);
        if (ts != null) {
            for (long t : ts) {
                out.writeLong(t);
            }
        }
    }

    /**
     * Reads interactions written by {@link #write(DataOutput)}, checking their consistency.
     *
     * @throws IOException when the data is truncated or inconsistent
     */
    public static Interactions read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not an interactions block (found marker 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
        }
        IdIndex users = readIds(in);
        IdIndex items = readIds(in);
        int nnz = in.readInt();
        if (nnz < 0) {
            throw new IOException("negative interaction count " + nnz);
        }
        int[] ptr = new int[users.size() + 1];
        for (int r = 0; r < ptr.length; r++) {
            ptr[r] = in.readInt();
            if (r > 0 && ptr[r] < ptr[r - 1] || ptr[r] > nnz) {
                throw new IOException("row pointers are not increasing within [0, " + nnz + "]");
            }
        }
        if (ptr[0] != 0 || ptr[users.size()] != nnz) {
            throw new IOException("row pointers do not span the " + nnz + " interactions");
        }
        int[] idx = new int[nnz];
        float[] val = new float[nnz];
        for (int k = 0; k < nnz; k++) {
            idx[k] = in.readInt();
            val[k] = in.readFloat();
            if (idx[k] < 0 || idx[k] >= items.size()) {
                throw new IOException("item index " + idx[k] + " out of range");
            }
        }
        for (int u = 0; u < users.size(); u++) {
            for (int k = ptr[u] + 1; k < ptr[u + 1]; k++) {
                if (idx[k] <= idx[k - 1]) {
                    throw new IOException("items of user " + u + " are not strictly increasing");
                }
            }
        }
        long[] ts = null;
        if (in.readBoolean()) {
            ts = new long[nnz];
            for (int k = 0; k < nnz; k++) {
                ts[k] = in.readLong();
            }
        }
        return new Interactions(users, items, new SparseMatrix(users.size(), items.size(), ptr, idx, val, ts));
    }

    private static final int MAGIC = 0x52435349; // "RCSI"

    private static void writeIds(DataOutput out, IdIndex index) throws IOException {
        out.writeInt(index.size());
        for (String id : index.ids()) {
            out.writeUTF(id);
        }
    }

    private static IdIndex readIds(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative id count " + n);
        }
        java.util.List<String> ids = new java.util.ArrayList<>(Math.min(n, 1 << 20));
        for (int k = 0; k < n; k++) {
            ids.add(in.readUTF());
        }
        try {
            return IdIndex.of(ids);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Interactions[" + userCount() + " users, " + itemCount() + " items, " + size() + " interactions]";
    }

    /**
     * Collects interactions by external id. Primitive arrays only, so tens of millions of rows are fine.
     * Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Builder {
        private final IdIndex.Builder userIds = new IdIndex.Builder();
        private final IdIndex.Builder itemIds = new IdIndex.Builder();
        private int[] us = new int[1024];
        private int[] is = new int[1024];
        private float[] vs = new float[1024];
        private long[] ts; // allocated at the first timestamp: 8 bytes per row saved without them
        private int n;
        private DuplicatePolicy policy = DuplicatePolicy.LAST;
        private Map<String, Double> eventWeights = Map.of();

        private Builder() {
        }

        /** How repeated (user, item) pairs are combined; default {@link DuplicatePolicy#LAST}. */
        public Builder duplicatePolicy(DuplicatePolicy policy) {
            this.policy = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Weights of implicit event types (e.g. view 1, cart 3, purchase 5) for {@link #addEvent}. */
        public Builder eventWeights(Map<String, Double> weights) {
            Map<String, Double> copy = new HashMap<>();
            weights.forEach((k, v) -> {
                if (v == null || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("event weight of '" + k + "' must be finite, got " + v);
                }
                copy.put(k, v);
            });
            this.eventWeights = Map.copyOf(copy);
            return this;
        }

        /** Adds one interaction without a timestamp. */
        public Builder add(String user, String item, double value) {
            return add(user, item, value, SparseMatrix.NO_TIMESTAMP);
        }

        /** Adds one interaction; {@code timestamp} may be {@link SparseMatrix#NO_TIMESTAMP}. */
        public Builder add(String user, String item, double value, long timestamp) {
            if (user == null || item == null) {
                throw new IllegalArgumentException("user and item ids must not be null");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value of (" + IdPseudonymizer.forMessages(user) + ", "
                        + IdPseudonymizer.forMessages(item) + ") must be finite, got " + value);
            }
            if (n == us.length) {
                int cap = n * 2;
                us = Arrays.copyOf(us, cap);
                is = Arrays.copyOf(is, cap);
                vs = Arrays.copyOf(vs, cap);
                if (ts != null) {
                    ts = Arrays.copyOf(ts, cap);
                }
            }
            if (ts == null && timestamp != SparseMatrix.NO_TIMESTAMP) {
                ts = new long[us.length];
                Arrays.fill(ts, 0, n, SparseMatrix.NO_TIMESTAMP);
            }
            us[n] = userIds.add(user);
            is[n] = itemIds.add(item);
            vs[n] = (float) value;
            if (ts != null) {
                ts[n] = timestamp;
            }
            n++;
            return this;
        }

        /**
         * Adds one interaction between numeric ids (e.g. database keys), stored as their decimal strings:
         * user 42 is the same user as "42" everywhere else in the API.
         */
        public Builder add(long user, long item, double value) {
            return add(Long.toString(user), Long.toString(item), value, SparseMatrix.NO_TIMESTAMP);
        }

        /** {@link #add(long, long, double)} with a timestamp. */
        public Builder add(long user, long item, double value, long timestamp) {
            return add(Long.toString(user), Long.toString(item), value, timestamp);
        }

        /** Registers an item with no interactions (a catalog entry, e.g. a brand-new product). */
        public Builder addItem(String item) {
            itemIds.add(java.util.Objects.requireNonNull(item, "item"));
            return this;
        }

        /** Registers a user with no interactions. */
        public Builder addUser(String user) {
            userIds.add(java.util.Objects.requireNonNull(user, "user"));
            return this;
        }

        /** Adds an implicit event whose value is the configured weight of {@code event}. */
        public Builder addEvent(String user, String item, String event, long timestamp) {
            Double w = eventWeights.get(event);
            if (w == null) {
                throw new IllegalArgumentException("unknown event '" + event + "'; known events: "
                        + new java.util.TreeSet<>(eventWeights.keySet()));
            }
            return add(user, item, w, timestamp);
        }

        /** Whether {@link #addEvent} knows {@code event}. */
        public boolean knowsEvent(String event) {
            return eventWeights.containsKey(event);
        }

        /** Number of rows added so far (before duplicates are combined). */
        public int rowCount() {
            return n;
        }

        private long time(int k) {
            return ts == null ? SparseMatrix.NO_TIMESTAMP : ts[k];
        }

        /** The immutable interactions. */
        public Interactions build() {
            int users = userIds.size();
            int items = itemIds.size();
            // stable counting sort by user
            int[] ptr = new int[users + 1];
            for (int k = 0; k < n; k++) {
                ptr[us[k] + 1]++;
            }
            for (int u = 0; u < users; u++) {
                ptr[u + 1] += ptr[u];
            }
            int[] order = new int[n];
            int[] next = Arrays.copyOf(ptr, users);
            for (int k = 0; k < n; k++) {
                order[next[us[k]]++] = k;
            }
            int[] outPtr = new int[users + 1];
            int[] outIdx = new int[n];
            float[] outVal = new float[n];
            long[] outTs = ts == null ? null : new long[n];
            int pos = 0;
            long[] keys = new long[16];
            for (int u = 0; u < users; u++) {
                int len = ptr[u + 1] - ptr[u];
                if (keys.length < len) {
                    keys = new long[Math.max(len, keys.length * 2)];
                }
                for (int j = 0; j < len; j++) {
                    int k = order[ptr[u] + j];
                    keys[j] = ((long) is[k] << 32) | k; // item, then insertion order
                }
                Arrays.sort(keys, 0, len);
                int j = 0;
                while (j < len) {
                    int item = (int) (keys[j] >>> 32);
                    int k = (int) keys[j];
                    float v = vs[k];
                    long t = time(k);
                    j++;
                    while (j < len && (int) (keys[j] >>> 32) == item) {
                        int k2 = (int) keys[j];
                        switch (policy) {
                            case SUM -> {
                                v += vs[k2];
                                t = Math.max(t, time(k2));
                            }
                            case LAST -> {
                                if (time(k2) >= t) {
                                    v = vs[k2];
                                    t = time(k2);
                                }
                            }
                            case MAX -> {
                                if (vs[k2] > v) {
                                    v = vs[k2];
                                    t = time(k2);
                                }
                            }
                        }
                        j++;
                    }
                    outIdx[pos] = item;
                    outVal[pos] = v;
                    if (outTs != null) {
                        outTs[pos] = t;
                    }
                    pos++;
                }
                outPtr[u + 1] = pos;
            }
            SparseMatrix m = new SparseMatrix(users, items, outPtr, Arrays.copyOf(outIdx, pos),
                    Arrays.copyOf(outVal, pos), outTs == null ? null : Arrays.copyOf(outTs, pos));
            return new Interactions(userIds.build(), itemIds.build(), m);
        }
    }
}
