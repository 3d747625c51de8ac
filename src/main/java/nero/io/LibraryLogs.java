package nero.io;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Libraries that log what the plugin reports itself, or mere start-up chatter: PixelMed (INFO and ERROR lines, the
 * latter with a stack trace, for problems the DICOM reader reports in one line naming the file) and DJL (the
 * platform it found, thread counts, "non-archive repository" and CUDA warnings on every model load). Their loggers
 * are turned down for the two SLF4J backends the plugin meets: the simple logger of the command line (a system
 * property, read when a logger is created) and logback, Fiji's (whose Console pops up and takes the keyboard focus
 * on every line). A level the user configured is kept.
 */
public final class LibraryLogs {
    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";
    private static final String LOGBACK_LEVEL = "ch.qos.logback.classic.Level";

    private LibraryLogs() {
    }

    /** Before PixelMed's first logger is made. */
    public static void quietPixelMed() {
        quiet("com.pixelmed", "off");
    }

    /** Before DJL's first logger is made. */
    public static void quietDjl() {
        quiet("ai.djl", "error");
    }

    static void quiet(String loggerName, String level) {
        String property = "org.slf4j.simpleLogger.log." + loggerName;
        if (System.getProperty(property) == null) {
            System.setProperty(property, level);
        }
        try {
            Logger logger = LoggerFactory.getLogger(loggerName);
            if (logger.getClass().getName().equals(LOGBACK_LOGGER)) {
                quietLogback(logger, level);
            }
        } catch (LinkageError | RuntimeException | ReflectiveOperationException e) {
            // no SLF4J, or a backend we do not know: its own configuration decides
        }
    }

    private static void quietLogback(Logger logger, String level) throws ReflectiveOperationException {
        if (logger.getClass().getMethod("getLevel").invoke(logger) != null) {
            return; // configured by the user
        }
        Class<?> levelClass = Class.forName(LOGBACK_LEVEL, true, logger.getClass().getClassLoader());
        Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
        Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
        setLevel.invoke(logger, value);
    }
}
