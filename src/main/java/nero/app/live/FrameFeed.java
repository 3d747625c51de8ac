package nero.app.live;

import nero.io.video.LiveFrameSource;

/** What the pipeline reads frames from: a {@link LiveFrameSource}, or a test's frames. Read on one thread. */
interface FrameFeed extends AutoCloseable {
    /** The next picture (valid until the next call), or null at the end. */
    LiveFrameSource.Frame next();

    /** Ends a read that waits for data; any thread. */
    void stop();

    LiveFrameSource.End end();

    /** What happened at the end and where, or null. */
    String endDetail();

    @Override
    void close();

    static FrameFeed of(LiveFrameSource source) {
        return new FrameFeed() {
            @Override
            public LiveFrameSource.Frame next() {
                return source.next();
            }

            @Override
            public void stop() {
                source.stop();
            }

            @Override
            public LiveFrameSource.End end() {
                return source.end();
            }

            @Override
            public String endDetail() {
                return source.endDetail();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
