package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WatchedFrameStreamTest {
    @BeforeEach
    void shortLimit() {
        System.setProperty(WatchedFrameStream.LIMIT_PROPERTY, "0.5");
    }

    @AfterEach
    void defaultLimit() {
        System.clearProperty(WatchedFrameStream.LIMIT_PROPERTY);
    }

    /** A decoder that never returns and never looks at interrupts, as JCodec's CABAC loop on a cut picture. */
    private static final class SpinningStream extends FakeStream {
        volatile boolean release;
        volatile boolean closed;

        @Override
        public Frame next() {
            if (frames-- > 0) {
                return FRAME;
            }
            while (!release) {
                Thread.onSpinWait();
            }
            return null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static class FakeStream implements VideoFrameStream {
        static final Frame FRAME = Frame.of(null, 0);
        int frames = 2;

        @Override
        public Frame next() throws IOException {
            if (frames-- > 0) {
                return FRAME;
            }
            throw new IOException("demuxer says no");
        }

        @Override
        public StreamFormat format() {
            return new StreamFormat("MPEG-TS", "H.264", 7);
        }

        @Override
        public void close() {
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDecoderThatNeverReturnsEndsTheStreamWithAClearError() throws IOException {
        SpinningStream spinning = new SpinningStream();
        WatchedFrameStream watched = new WatchedFrameStream(spinning);
        try {
            assertSame(FakeStream.FRAME, watched.next());
            assertSame(FakeStream.FRAME, watched.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, watched::next);
            assertTrue(e.getMessage().startsWith(WatchedFrameStream.STUCK + " (no picture after 0.5 s"), e.getMessage());
            assertNull(watched.next(), "the stream ends after the stuck picture");
            watched.close();
            assertTrue(spinning.closed);
        } finally {
            spinning.release = true; // on Java 20+ the abandoned thread is not stopped: let it go
        }
    }

    @Test
    void framesAndTheStreamsOwnErrorsPassThrough() throws IOException {
        WatchedFrameStream watched = new WatchedFrameStream(new FakeStream());
        assertSame(FakeStream.FRAME, watched.next());
        assertSame(FakeStream.FRAME, watched.next());
        assertEquals("demuxer says no", assertThrows(IOException.class, watched::next).getMessage());
        assertEquals(new StreamFormat("MPEG-TS", "H.264", 7), watched.format());
        watched.close();
    }
}
