package io.mercato.core.io;

import io.mercato.core.ModelFileException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads a Mercato model file strictly: {@link #open} reads and verifies the whole archive before
 * returning, so a model is never half-loaded. It fails with a {@link ModelFileException} naming the
 * file and the reason when the file is missing, not a zip archive, truncated, corrupt (CRC or
 * inflation error), has no valid manifest, is of another kind, or was written with a newer format or
 * kind version than this code can read. Entry sizes are guarded ({@link #MAX_ENTRY_BYTES},
 * {@link #MAX_TOTAL_BYTES}, {@link #MAX_ENTRIES}) against corrupt or malicious archives. After
 * {@code open} the reader holds the entries in memory; it is safe to use from several threads.
 *
 * <p>An encrypted file (written with a {@link ModelKey}) is read whole, its AES-GCM tag verified and
 * only then decrypted in memory (at most {@link #MAX_ENCRYPTED_BYTES}). It needs its key: without
 * one, with a key of another id, or when authentication fails (wrong key, a flipped byte, a cut-off
 * file) the error says which. Given a key, a plain file is refused, since it is not authenticated.
 */
public final class ModelFileReader implements java.io.Closeable {
    /** Largest accepted uncompressed entry (1 GiB). */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    /** Largest accepted total uncompressed size (4 GiB). */
    public static final long MAX_TOTAL_BYTES = 4L << 30;
    /** Largest accepted number of entries. */
    public static final int MAX_ENTRIES = 10_000;
    /** Largest accepted encrypted file (2 GiB less a little: it is decrypted in one array). */
    public static final long MAX_ENCRYPTED_BYTES = Integer.MAX_VALUE - 64;

    private final Path file;
    private final Manifest manifest;
    private final Map<String, byte[]> entries;

    private ModelFileReader(Path file, Manifest manifest, Map<String, byte[]> entries) {
        this.file = file;
        this.manifest = manifest;
        this.entries = entries;
    }

    /**
     * Opens and fully verifies a model file of a given kind.
     *
     * @param file the model file
     * @param expectedKind the kind the caller can load, e.g. {@code "text-classifier"}
     * @param maxKindVersion the newest payload version of that kind the caller can read
     * @return the reader
     * @throws ModelFileException if the file is unusable (see class comment)
     */
    public static ModelFileReader open(Path file, String expectedKind, int maxKindVersion) {
        return open(file, expectedKind, maxKindVersion, null);
    }

    /**
     * Opens and fully verifies a model file of a given kind, encrypted with {@code key}.
     *
     * @param file the model file
     * @param expectedKind the kind the caller can load, e.g. {@code "text-classifier"}
     * @param maxKindVersion the newest payload version of that kind the caller can read
     * @param key the key the file was encrypted with; null for a plain file
     * @return the reader
     * @throws ModelFileException if the file is unusable (see class comment)
     */
    public static ModelFileReader open(Path file, String expectedKind, int maxKindVersion, ModelKey key) {
        ModelFileReader r = open(file, key);
        Manifest m = r.manifest;
        if (expectedKind != null && !expectedKind.equals(m.kind())) {
            throw new ModelFileException(file, "is a '" + m.kind() + "' model, expected a '" + expectedKind + "' model");
        }
        if (m.kindVersion() > maxKindVersion) {
            throw new ModelFileException(file, "'" + m.kind() + "' model version " + m.kindVersion()
                    + " was written by a newer Mercato (" + m.provenance().libraryVersion()
                    + "); this version reads up to " + maxKindVersion);
        }
        return r;
    }

    /**
     * Opens and fully verifies a model file of any kind (e.g. to inspect its manifest).
     *
     * @param file the model file
     * @return the reader
     * @throws ModelFileException if the file is unusable
     */
    public static ModelFileReader open(Path file) {
        return open(file, (ModelKey) null);
    }

    /**
     * Opens and fully verifies a model file of any kind encrypted with {@code key} (null: a plain file).
     *
     * @param file the model file
     * @param key the key the file was encrypted with, or null
     * @return the reader
     * @throws ModelFileException if the file is unusable
     */
    public static ModelFileReader open(Path file, ModelKey key) {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "model file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "not a regular file");
        }
        Map<String, byte[]> entries = readAll(file, key);
        byte[] manifestBytes = entries.get(ModelFileWriter.MANIFEST);
        if (manifestBytes == null) {
            throw new ModelFileException(file, "not a Mercato model file: no " + ModelFileWriter.MANIFEST + " entry");
        }
        Manifest m;
        try {
            m = ManifestJson.read(manifestBytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "invalid manifest: " + e.getMessage(), e);
        }
        if (m.formatVersion() < 1) {
            throw new ModelFileException(file, "invalid manifest: formatVersion " + m.formatVersion() + " < 1");
        }
        if (m.formatVersion() > ModelFileWriter.FORMAT_VERSION) {
            throw new ModelFileException(file, "model file format version " + m.formatVersion()
                    + " was written by a newer Mercato (" + m.provenance().libraryVersion()
                    + "); this version reads up to " + ModelFileWriter.FORMAT_VERSION);
        }
        if (m.kindVersion() < 1) {
            throw new ModelFileException(file, "invalid manifest: kindVersion " + m.kindVersion() + " < 1");
        }
        return new ModelFileReader(file, m, entries);
    }

    private static Map<String, byte[]> readAll(Path file, ModelKey key) {
        boolean encrypted = EncryptedContainer.isEncrypted(head(file));
        if (!encrypted && key != null) {
            throw new ModelFileException(file, "is not encrypted, but a key ('" + key.id() + "') was given: "
                    + "a plain file is not authenticated; load it without a key, or save it with one");
        }
        try {
            if (!encrypted) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    Enumeration<? extends ZipEntry> en = zip.entries();
                    return readEntries(file, () -> en.hasMoreElements() ? en.nextElement() : null, zip::getInputStream);
                }
            }
            if (Files.size(file) > MAX_ENCRYPTED_BYTES) {
                throw new ModelFileException(file, "encrypted model file larger than " + MAX_ENCRYPTED_BYTES + " bytes");
            }
            byte[] plain = EncryptedContainer.decrypt(file, Files.readAllBytes(file), key);
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(plain))) {
                InputStream current = new FilterInputStream(zip) {
                    @Override
                    public void close() {
                        // the entry ends where the zip stream says; the archive stays open
                    }
                };
                return readEntries(file, zip::getNextEntry, e -> current);
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, (encrypted || looksLikeZip(file)
                    ? "truncated or corrupt zip archive: " : "not a Mercato model file (not a zip archive): ")
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e, e);
        }
    }

    /** The zip entries one after the other; null at the end. */
    private interface EntrySource {
        ZipEntry next() throws IOException;
    }

    private static Map<String, byte[]> readEntries(Path file, EntrySource entries,
            IoFunction<ZipEntry, InputStream> open) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        for (ZipEntry e = entries.next(); e != null; e = entries.next()) {
            if (e.isDirectory()) {
                continue;
            }
            if (out.size() >= MAX_ENTRIES) {
                throw new ModelFileException(file, "too many entries: more than " + MAX_ENTRIES);
            }
            if (out.containsKey(e.getName())) {
                throw new ModelFileException(file, "corrupt: duplicate entry '" + e.getName() + "'");
            }
            if (e.getSize() > MAX_ENTRY_BYTES) {
                throw new ModelFileException(file, "entry '" + e.getName() + "' declares " + e.getSize()
                        + " bytes, more than the limit of " + MAX_ENTRY_BYTES);
            }
            byte[] data = readEntry(file, open.apply(e), e);
            total += data.length;
            if (total > MAX_TOTAL_BYTES) {
                throw new ModelFileException(file, "entries exceed the total limit of " + MAX_TOTAL_BYTES + " bytes");
            }
            out.put(e.getName(), data);
        }
        return Collections.unmodifiableMap(out);
    }

    private static byte[] readEntry(Path file, InputStream entry, ZipEntry e) throws IOException {
        long declared = e.getSize();
        int expected = declared >= 0 ? (int) declared : 8192;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(Math.min(expected, 1 << 20) + 1);
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[1 << 16];
        long n = 0;
        try (InputStream in = entry) {
            int r;
            while ((r = in.read(chunk)) > 0) {
                n += r;
                if (n > MAX_ENTRY_BYTES || (declared >= 0 && n > declared)) {
                    throw new ModelFileException(file, "corrupt: entry '" + e.getName()
                            + "' inflates beyond its declared size");
                }
                crc.update(chunk, 0, r);
                buf.write(chunk, 0, r);
            }
        } catch (ZipException | java.io.EOFException ex) {
            throw new ModelFileException(file, "corrupt: entry '" + e.getName() + "' cannot be decompressed: "
                    + ex.getMessage(), ex);
        }
        if (declared >= 0 && n != declared) {
            throw new ModelFileException(file, "corrupt: entry '" + e.getName() + "' has " + n
                    + " bytes, declared " + declared);
        }
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new ModelFileException(file, "corrupt: CRC mismatch in entry '" + e.getName() + "'");
        }
        return buf.toByteArray();
    }

    private static boolean looksLikeZip(Path file) {
        byte[] head = head(file);
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** The file's first bytes (fewer if it is shorter; none if unreadable). */
    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(EncryptedContainer.MAGIC.length);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** @return the file's manifest */
    public Manifest manifest() {
        return manifest;
    }

    /** @return the model file's path */
    public Path file() {
        return file;
    }

    /** @return the payload entry names (excluding the manifest), in archive order */
    public Set<String> names() {
        Set<String> s = new java.util.LinkedHashSet<>(entries.keySet());
        s.remove(ModelFileWriter.MANIFEST);
        return Collections.unmodifiableSet(s);
    }

    /** @return true if the file has an entry called {@code name} */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * @param name an entry name
     * @return a copy of the entry's bytes
     * @throws ModelFileException if there is no such entry
     */
    public byte[] bytes(String name) {
        return require(name).clone();
    }

    /**
     * Decodes a JSON entry with Jackson.
     *
     * @param name an entry name
     * @param type the target type
     * @return the decoded value
     * @throws ModelFileException if the entry is missing or does not decode
     */
    public <T> T json(String name, Class<T> type) {
        try {
            return ManifestJson.MAPPER.readValue(require(name), type);
        } catch (IOException e) {
            throw new ModelFileException(file, "entry '" + name + "' is not valid JSON for "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name an entry name
     * @return a stream over the entry's bytes (see {@link BinaryArrays})
     * @throws ModelFileException if there is no such entry
     */
    public DataInputStream data(String name) {
        return new DataInputStream(new ByteArrayInputStream(require(name)));
    }

    /**
     * Decodes a binary entry, turning any {@link IOException} (e.g. premature end of data) into a
     * {@link ModelFileException} naming the file and the entry.
     *
     * @param name an entry name
     * @param decoder reads the entry
     * @return the decoded value
     */
    public <T> T read(String name, IoFunction<DataInputStream, T> decoder) {
        try (DataInputStream in = data(name)) {
            return decoder.apply(in);
        } catch (IOException e) {
            throw new ModelFileException(file, "entry '" + name + "' is corrupt: " + e, e);
        }
    }

    private byte[] require(String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ModelFileException(file, "missing entry '" + name + "'; entries present: " + names());
        }
        return b;
    }

    /** Releases nothing (entries are read eagerly); present for try-with-resources symmetry. */
    @Override
    public void close() {
        // entries are held in memory; nothing to release
    }
}
