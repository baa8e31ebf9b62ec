package io.mercato.core;

/**
 * Bad input data: a malformed CSV row, a value out of its domain, a missing column. The message names
 * the source, the line and the column where possible, e.g.
 * {@code "reviews.csv, line 12, column 'rating': not a number: 'five'"}.
 */
public class DataException extends MercatoException {
    private static final long serialVersionUID = 1L;

    /** @param message a message that already says what was wrong and where */
    public DataException(String message) {
        super(message);
    }

    /**
     * @param message a message that already says what was wrong and where
     * @param cause the underlying failure
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds an exception whose message is {@code "<source>, line <line>, column '<column>': <reason>"};
     * the column part is omitted when {@code column} is null.
     *
     * @param source file name or other description of the input
     * @param line 1-based physical line number
     * @param column column name, or null when the problem concerns the whole line
     * @param reason what was wrong
     * @return the exception (not thrown)
     */
    public static DataException at(String source, long line, String column, String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(", line ").append(line);
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        sb.append(": ").append(reason);
        return new DataException(sb.toString());
    }
}
