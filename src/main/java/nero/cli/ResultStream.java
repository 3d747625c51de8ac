package nero.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output for results that remembers why a write failed: PrintStream swallows the error and only says
 * that one happened ({@link #checkError()}), but a full disk and a reader that stopped reading (`| head`) call
 * for different answers.
 */
final class ResultStream extends PrintStream {
    private final Recorder recorder;

    private ResultStream(Recorder recorder, Charset charset) {
        super(new BufferedOutputStream(recorder, 8192), true, charset);
        this.recorder = recorder;
    }

    static ResultStream over(OutputStream target, Charset charset) {
        return new ResultStream(new Recorder(target), charset);
    }

    /** The process's standard output, in the charset the JVM chose for it. */
    static ResultStream standardOutput() {
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        return over(new FileOutputStream(FileDescriptor.out), charset);
    }

    /** The first write error, or null. */
    IOException failure() {
        return recorder.failure;
    }

    /** Linux's EPIPE: the reading end of the pipe was closed. */
    boolean readerStopped() {
        return recorder.failure != null && "Broken pipe".equals(recorder.failure.getMessage());
    }

    private static final class Recorder extends FilterOutputStream {
        private volatile IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
