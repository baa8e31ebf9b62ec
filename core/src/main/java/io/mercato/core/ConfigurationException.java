package io.mercato.core;

/**
 * A bad setting: a builder value outside its allowed range, a missing required option, an unknown
 * name. Thrown at {@code build()} time by every configuration builder, naming the setting, the bad
 * value and what would have been allowed.
 */
public class ConfigurationException extends MercatoException {
    private static final long serialVersionUID = 1L;

    /** @param message a message that already names the setting and the problem */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * Builds an exception whose message is {@code "invalid setting '<setting>' = <value>: <allowed>"}.
     *
     * @param setting the setting's name, e.g. {@code "learningRate"}
     * @param value the rejected value
     * @param allowed what would be allowed, e.g. {@code "must be in (0, 1]"}
     * @return the exception (not thrown)
     */
    public static ConfigurationException invalid(String setting, Object value, String allowed) {
        return new ConfigurationException("invalid setting '" + setting + "' = " + value + ": " + allowed);
    }
}
