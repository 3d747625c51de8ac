package nero.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A disk that fails as real ones do, for every file written through {@link AtomicFiles} while it is in use: the
 * bytes reach the temporary file until the disk is full ({@code No space left on device} part-way through a write,
 * as on a tmpfs), or everything is written and the error shows when the data are forced to disk ({@code
 * Input/output error} at close, as on NFS or a failing drive).
 */
public final class FailingDisk implements AtomicFiles.Storage, AutoCloseable {
    public static final String FULL = "No space left on device";
    public static final String BROKEN = "Input/output error";

    private final long room;
    private final boolean failOnClose;
    private final AutoCloseable installed;
    private final List<Path> temporaries = new ArrayList<>();
    private long written;

    private FailingDisk(long room, boolean failOnClose) {
        this.room = room;
        this.failOnClose = failOnClose;
        this.installed = AtomicFiles.useStorage(this);
    }

    /** Full after {@code bytes} more bytes (over all files written meanwhile). */
    public static FailingDisk fullAfter(long bytes) {
        return new FailingDisk(bytes, false);
    }

    /** Takes every byte, then fails to force them to disk when the file is closed. */
    public static FailingDisk failingOnClose() {
        return new FailingDisk(Long.MAX_VALUE, true);
    }

    /** The temporary files the writers opened on this disk. */
    public List<Path> temporaries() {
        return List.copyOf(temporaries);
    }

    @Override
    public OutputStream open(Path temporary) throws IOException {
        temporaries.add(temporary);
        OutputStream real = Files.newOutputStream(temporary);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long fits = Math.min(len, room - written);
                real.write(b, off, (int) fits);
                written += fits;
                if (fits < len) {
                    throw new IOException(FULL);
                }
            }

            @Override
            public void close() throws IOException {
                real.close();
                if (failOnClose) {
                    throw new IOException(BROKEN);
                }
            }
        };
    }

    @Override
    public void close() throws Exception {
        installed.close();
    }
}
