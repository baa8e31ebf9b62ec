package io.mercato.core.io;

import io.mercato.core.ModelFileException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Mercato model file: a zip archive whose first entry is {@code manifest.json}
 * ({@link Manifest}), followed by named payload entries. The file is written to a temporary file in
 * the target's folder and only {@link #commit() committed} by an atomic rename, so a crash or an
 * exception never leaves a half-written model under the target name. {@link #close()} without
 * {@code commit()} deletes the temporary file. Typical use:
 *
 * <pre>{@code
 * try (ModelFileWriter w = ModelFileWriter.create(path, "text-classifier", 1, provenance)) {
 *     w.putJson("config.json", config);
 *     w.put("weights.bin", out -> BinaryArrays.writeFloatMatrix(out, weights));
 *     w.commit();
 * }
 * }</pre>
 *
 * Entry names are non-empty, use {@code /} as separator, contain no {@code ..} segment or
 * backslash, are unique, and may not be {@code manifest.json}. Not thread-safe.
 *
 * <p>With a {@link ModelKey} ({@link #create(Path, String, int, Provenance, ModelKey)}) the zip is
 * encrypted and authenticated with AES-256-GCM as it is written (the temporary file never holds
 * plaintext); the file's clear header records the key id (layout in {@code EncryptedContainer}).
 */
public final class ModelFileWriter implements java.io.Closeable {
    /** The container format version written by this library. */
    public static final int FORMAT_VERSION = 1;
    /** The name of the manifest entry. */
    public static final String MANIFEST = "manifest.json";

    private final Path target;
    private final Path temp;
    private final ZipOutputStream zip;
    private final Set<String> names = new HashSet<>();
    private boolean finished;

    private ModelFileWriter(Path target, Path temp, ZipOutputStream zip) {
        this.target = target;
        this.temp = temp;
        this.zip = zip;
    }

    /**
     * Starts writing a model file.
     *
     * @param target where the model file will be after {@link #commit()}; its folder must exist
     * @param kind the model kind, e.g. {@code "text-classifier"}
     * @param kindVersion the kind's payload layout version, {@code >= 1}
     * @param provenance where the model came from
     * @return the writer; use in try-with-resources
     * @throws ModelFileException if the temporary file cannot be created
     */
    public static ModelFileWriter create(Path target, String kind, int kindVersion, Provenance provenance) {
        return create(target, kind, kindVersion, provenance, null);
    }

    /**
     * Starts writing a model file, encrypted with {@code key} unless it is null.
     *
     * @param target where the model file will be after {@link #commit()}; its folder must exist
     * @param kind the model kind, e.g. {@code "text-classifier"}
     * @param kindVersion the kind's payload layout version, {@code >= 1}
     * @param provenance where the model came from
     * @param key the AES-256 key to encrypt with; null writes a plain zip
     * @return the writer; use in try-with-resources
     * @throws ModelFileException if the temporary file cannot be created
     */
    public static ModelFileWriter create(Path target, String kind, int kindVersion, Provenance provenance,
            ModelKey key) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("model kind must be a non-empty name");
        }
        if (kindVersion < 1) {
            throw new IllegalArgumentException("kindVersion must be >= 1 but was " + kindVersion);
        }
        if (provenance == null) {
            throw new IllegalArgumentException("provenance is required");
        }
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelFileException(target, "cannot write: folder " + dir + " does not exist");
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot create a temporary file in " + dir + ": " + e, e);
        }
        ZipOutputStream zip = null;
        try {
            OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            zip = new ZipOutputStream(key == null ? file
                    : new BufferedOutputStream(EncryptedContainer.encrypting(file, key), 1 << 16));
            ModelFileWriter w = new ModelFileWriter(target, temp, zip);
            w.putBytes0(MANIFEST, ManifestJson.write(new Manifest(FORMAT_VERSION, kind, kindVersion, provenance)));
            return w;
        } catch (IOException | RuntimeException e) {
            discard(zip, temp, e);
            throw e instanceof ModelFileException m ? m : new ModelFileException(target, "cannot write: " + e, e);
        }
    }

    /**
     * Adds an entry with the given bytes.
     *
     * @param name the entry name
     * @param data the content
     */
    public void putBytes(String name, byte[] data) {
        checkName(name);
        try {
            putBytes0(name, data);
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot write entry '" + name + "': " + e, e);
        }
    }

    /**
     * Adds an entry holding {@code value} serialized as JSON by Jackson (public fields, getters or
     * record components).
     *
     * @param name the entry name, conventionally ending in {@code .json}
     * @param value the value
     */
    public void putJson(String name, Object value) {
        checkName(name);
        try {
            putBytes0(name, ManifestJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot write JSON entry '" + name + "': " + e, e);
        }
    }

    /**
     * Adds an entry written by {@code writer} to a data stream (see {@link BinaryArrays}). The stream
     * must not be closed by the writer (closing it has no effect).
     *
     * @param name the entry name
     * @param writer writes the entry's content
     */
    public void put(String name, IoConsumer<DataOutputStream> writer) {
        checkName(name);
        try {
            names.add(name);
            zip.putNextEntry(new ZipEntry(name));
            DataOutputStream out = new DataOutputStream(new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            writer.accept(out);
            out.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot write entry '" + name + "': " + e, e);
        }
    }

    /**
     * Finishes the archive, forces it to disk and atomically renames it to the target, replacing any
     * existing file there.
     *
     * @throws ModelFileException if any step fails (the temporary file is then removed)
     */
    public void commit() {
        ensureOpen();
        finished = true;
        try {
            zip.close();
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard(null, temp, e);
            throw new ModelFileException(target, "cannot commit model file: " + e, e);
        }
    }

    /** Abandons the file unless it was committed: the temporary file is deleted. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            discard(zip, temp, null);
        }
    }

    private void putBytes0(String name, byte[] data) throws IOException {
        ensureOpen();
        names.add(name);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private void checkName(String name) {
        ensureOpen();
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("\\")
                || ("/" + name + "/").contains("/../") || ("/" + name + "/").contains("/./")) {
            throw new IllegalArgumentException("invalid model file entry name: '" + name
                    + "' (use non-empty relative names separated by '/', without '.' or '..' segments)");
        }
        if (name.equals(MANIFEST)) {
            throw new IllegalArgumentException("entry name '" + MANIFEST + "' is reserved for the manifest");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("duplicate model file entry '" + name + "'");
        }
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("model file writer for " + target + " is already committed or closed");
        }
    }

    private static void discard(OutputStream out, Path temp, Exception primary) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
