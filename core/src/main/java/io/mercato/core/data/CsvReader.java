package io.mercato.core.data;

import io.mercato.core.DataException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one CSV/TSV reader of Mercato: RFC 4180 records with a required header row, streamed one
 * record at a time.
 *
 * <ul>
 *   <li>Fields may be quoted with {@code "}; quoted fields may contain the separator, line breaks and
 *       doubled quotes ({@code ""} stands for one quote). A quote inside an unquoted field is kept
 *       literally. Text after a closing quote other than a separator or line end is an error.</li>
 *   <li>Input is UTF-8 with or without a byte-order mark; malformed UTF-8 is an error. Lines may end
 *       with CRLF, LF or CR.</li>
 *   <li>The first record is the header. Names are trimmed; empty or duplicate names are errors.</li>
 *   <li>Entirely empty lines are skipped. Every other record must have as many fields as the header.</li>
 *   <li>{@link CsvRecord#line()} is the physical line where the record starts (header = line 1), so
 *       records spanning several lines keep the line numbers an editor shows.</li>
 * </ul>
 *
 * Every problem is reported as a {@link DataException} naming the source, the line and, where it
 * applies, the column. The reader is single-pass: {@link #iterator()} may be called once.
 */
public final class CsvReader implements Closeable, Iterable<CsvRecord> {
    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char separator;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final char[] buffer = new char[1 << 16];
    private int bufferPos;
    private int bufferLen;
    private boolean started;
    private long line = 1;
    private long recordStart = 1;
    private int pushedBack = Integer.MIN_VALUE;
    private boolean iterated;

    private CsvReader(Reader in, String source, char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("separator cannot be a quote or a line break: " + (int) separator);
        }
        this.in = in;
        this.source = source;
        this.separator = separator;
        List<String> first = readRecord();
        if (first == null) {
            throw DataException.at(source, 1, null, "empty input: a header row is required");
        }
        Map<String, Integer> cols = new HashMap<>();
        List<String> names = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).trim();
            if (name.isEmpty()) {
                throw DataException.at(source, 1, null, "header column " + (i + 1) + " has an empty name");
            }
            Integer previous = cols.put(name, i);
            if (previous != null) {
                throw DataException.at(source, 1, name, "duplicate header name (columns "
                        + (previous + 1) + " and " + (i + 1) + ")");
            }
            names.add(name);
        }
        this.header = Collections.unmodifiableList(names);
        this.columns = Collections.unmodifiableMap(cols);
    }

    /**
     * Opens a UTF-8 file; the separator is TAB for {@code .tsv} and {@code .tab} files, else comma.
     *
     * @param file the file
     * @return a reader positioned after the header
     * @throws DataException if the file is missing, unreadable, or its header is invalid
     */
    public static CsvReader open(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        char sep = name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : ',';
        return open(file, sep);
    }

    /**
     * Opens a UTF-8 file with the given separator.
     *
     * @param file the file
     * @param separator the field separator, e.g. {@code ','}, {@code '\t'} or {@code ';'}
     * @return a reader positioned after the header
     * @throws DataException if the file is missing, unreadable, or its header is invalid
     */
    public static CsvReader open(Path file, char separator) {
        Reader r;
        try {
            r = new StrictUtf8Reader(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot open: " + e, e);
        }
        try {
            return new CsvReader(r, file.toString(), separator);
        } catch (RuntimeException e) {
            closeQuietly(r, e);
            throw e;
        }
    }

    /**
     * Reads CSV from any reader (the caller decodes; a leading BOM character is still skipped).
     *
     * @param reader the characters; closed by {@link #close()}
     * @param sourceName how the input is named in error messages
     * @param separator the field separator
     * @return a reader positioned after the header
     * @throws DataException if the header is missing or invalid
     */
    public static CsvReader of(Reader reader, String sourceName, char separator) {
        return new CsvReader(reader, sourceName, separator);
    }

    /** @return the header names in column order (trimmed, unmodifiable) */
    public List<String> header() {
        return header;
    }

    /**
     * @param name a header name
     * @return the 0-based column index of {@code name}
     * @throws DataException naming the source and the columns present if there is no such column
     */
    public int column(String name) {
        Integer i = columns.get(name);
        if (i == null) {
            throw DataException.at(source, 1, name, "no such column; columns present: " + header);
        }
        return i;
    }

    /** @return true if the header has a column called {@code name} */
    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** @return the source name used in messages (the file path for files) */
    public String source() {
        return source;
    }

    /** @return the separator character */
    public char separator() {
        return separator;
    }

    /**
     * Reads the next record.
     *
     * @return the record, or null at end of input
     * @throws DataException for a malformed or ragged record
     */
    public CsvRecord next() {
        List<String> fields = readRecord();
        if (fields == null) {
            return null;
        }
        long start = recordStart;
        if (fields.size() != header.size()) {
            throw DataException.at(source, start, null, "expected " + header.size() + " fields as in the header but found "
                    + fields.size());
        }
        return new CsvRecord(source, start, fields.toArray(new String[0]), columns, header);
    }

    /** @return all remaining records */
    public List<CsvRecord> readAll() {
        List<CsvRecord> out = new ArrayList<>();
        for (CsvRecord r = next(); r != null; r = next()) {
            out.add(r);
        }
        return out;
    }

    /** @return the remaining records as a sequential stream (single use) */
    public Stream<CsvRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * @return an iterator over the remaining records; may be obtained only once
     * @throws IllegalStateException on a second call
     */
    @Override
    public Iterator<CsvRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException(source + ": a CsvReader can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            private CsvRecord lookahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (lookahead == null && !done) {
                    lookahead = CsvReader.this.next();
                    done = lookahead == null;
                }
                return lookahead != null;
            }

            @Override
            public CsvRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRecord r = lookahead;
                lookahead = null;
                return r;
            }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot close", e);
        }
    }

    // ---------------------------------------------------------------- parsing

    /** Reads one record's fields, skipping blank lines; null at end of input. */
    private List<String> readRecord() {
        while (true) {
            recordStart = line;
            int c = read();
            if (c == EOF) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                endOfLineAfterCr();
                continue;
            }
            unread(c);
            return readFields();
        }
    }

    private List<String> readFields() {
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (true) {
            sb.setLength(0);
            int c = read();
            int end;
            if (c == '"') {
                end = readQuoted(sb);
            } else {
                while (c != separator && c != '\n' && c != '\r' && c != EOF) {
                    sb.append((char) c);
                    c = read();
                }
                end = c;
            }
            fields.add(sb.toString());
            if (end == separator) {
                continue;
            }
            if (end == '\n') {
                line++;
            } else if (end == '\r') {
                endOfLineAfterCr();
            }
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character that ended it. */
    private int readQuoted(StringBuilder sb) {
        long startLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw DataException.at(source, startLine, null,
                        "quoted field is never closed (opening quote on line " + startLine + ")");
            }
            if (c == '"') {
                int d = read();
                if (d == '"') {
                    sb.append('"');
                    continue;
                }
                if (d == separator || d == '\n' || d == '\r' || d == EOF) {
                    return d;
                }
                throw DataException.at(source, line, null, "unexpected character '" + (char) d
                        + "' after a closing quote (a quote inside a quoted field must be doubled)");
            }
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    line++;
                    if (d != EOF) {
                        unread(d);
                    }
                } else {
                    sb.append('\r');
                    c = '\n';
                    line++;
                }
            }
            sb.append((char) c);
        }
    }

    private void endOfLineAfterCr() {
        line++;
        int d = read();
        if (d != '\n' && d != EOF) {
            unread(d);
        }
    }

    private int read() {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (bufferPos == bufferLen && !fill()) {
            return EOF;
        }
        char c = buffer[bufferPos++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            bufferPos = 0;
            bufferLen = Math.max(n, 0);
            return n > 0;
        } catch (CharacterCodingException e) {
            throw new DataException(source + ", line " + line + ": not valid UTF-8 (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(source + ", line " + line + ": read failed: " + e, e);
        }
    }

    private void unread(int c) {
        pushedBack = c;
    }

    private static void closeQuietly(Reader r, Exception primary) {
        try {
            r.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
