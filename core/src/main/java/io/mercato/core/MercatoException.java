package io.mercato.core;

/**
 * Root of Mercato's unchecked exception hierarchy. Every module throws one of its subclasses for
 * problems a caller can fix: bad input data ({@link DataException}), a bad setting
 * ({@link ConfigurationException}) or a bad model file ({@link ModelFileException}).
 */
public class MercatoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong and where */
    public MercatoException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and where
     * @param cause the underlying failure
     */
    public MercatoException(String message, Throwable cause) {
        super(message, cause);
    }
}
