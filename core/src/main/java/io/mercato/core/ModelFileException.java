package io.mercato.core;

import java.nio.file.Path;

/**
 * A model file that cannot be written or read: missing, truncated, corrupt, not a Mercato model
 * file, of another kind, or written by a newer version. The message is {@code "<path>: <reason>"}.
 */
public class ModelFileException extends MercatoException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the model file concerned
     * @param reason what was wrong
     */
    public ModelFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    /**
     * @param file the model file concerned
     * @param reason what was wrong
     * @param cause the underlying failure
     */
    public ModelFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** @return the model file concerned */
    public Path file() {
        return file;
    }
}
