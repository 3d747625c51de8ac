package nero.app.live;

import java.util.Locale;

/** How frames of a file are played; a stream or a capture device always comes at its own rate. */
public enum Pace {
    /** A file at its own frame rate, as if it came live (the default for files); frames are dropped when behind. */
    REALTIME,
    /** A file as fast as the model scores it: every frame (or every selected frame) is scored, none dropped. */
    FAST;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
