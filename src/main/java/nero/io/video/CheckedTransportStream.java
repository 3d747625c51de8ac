package nero.io.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jcodec.common.io.SeekableByteChannel;

/**
 * An MPEG transport stream as JCodec's demuxer sees it: the file up to its first damaged 188-byte packet, and nothing
 * after. JCodec checks nothing: a damaged packet made its demuxer fail on the whole file (a BufferUnderflowException
 * while it looked for programs, so not even the stills before the damage came out), or went on to the decoder as
 * picture data. A packet counts as damaged when its sync byte is missing, its transport_error_indicator is set, its
 * adaptation field is impossible, or its continuity counter skips (a packet of that PID lost or overwritten; a
 * duplicate and a signalled discontinuity are allowed). Packets are checked as the demuxer reads on, so a long
 * recording is read once, as before.
 */
final class CheckedTransportStream implements SeekableByteChannel {
    static final int PACKET = 188;
    private static final int SYNC = 0x47;
    private static final int CHECK_BLOCK = 256 * PACKET;

    private final FileChannel file;
    private final long fileSize;
    private final int[] continuity = new int[8192];
    private final ByteBuffer block = ByteBuffer.allocate(CHECK_BLOCK);
    private long position;
    private long checkedUpTo;
    private long end;
    private String damage;

    CheckedTransportStream(Path path) throws IOException {
        file = FileChannel.open(path, StandardOpenOption.READ);
        fileSize = file.size();
        end = fileSize;
        Arrays.fill(continuity, -1);
    }

    /** Where and why the stream stops before the end of the file, or null while no damage has been read up to. */
    String damage() {
        return damage;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        check(Math.min(fileSize, position + dst.remaining()));
        if (position >= end) {
            return -1;
        }
        ByteBuffer view = dst.slice();
        int wanted = (int) Math.min(view.remaining(), end - position);
        view.limit(wanted);
        int n = file.read(view, position);
        if (n <= 0) {
            return -1;
        }
        dst.position(dst.position() + n);
        position += n;
        return n;
    }

    /** Checks whole packets up to {@code upTo}; the first damaged one ends the stream where it starts. */
    private void check(long upTo) throws IOException {
        while (damage == null && checkedUpTo + PACKET <= fileSize && checkedUpTo < upTo) {
            block.clear();
            block.limit((int) Math.min(CHECK_BLOCK, (fileSize - checkedUpTo) / PACKET * PACKET));
            while (block.hasRemaining() && file.read(block, checkedUpTo + block.position()) > 0) {
                // fill the block
            }
            block.flip();
            for (int at = 0; at + PACKET <= block.limit(); at += PACKET) {
                String problem = problem(block, at);
                if (problem != null) {
                    damage = "the transport stream is damaged from byte " + (checkedUpTo + at) + " of " + fileSize
                            + " (" + problem + "); nothing after it is decoded";
                    end = checkedUpTo + at;
                    return;
                }
            }
            checkedUpTo += block.limit();
        }
    }

    /** What is wrong with the packet at {@code at}, or null when it is sound. */
    private String problem(ByteBuffer b, int at) {
        if ((b.get(at) & 0xff) != SYNC) {
            return "no sync byte";
        }
        int flags = b.get(at + 1) & 0xff;
        if ((flags & 0x80) != 0) {
            return "transport error indicator set";
        }
        int pid = (flags & 0x1f) << 8 | (b.get(at + 2) & 0xff);
        int control = (b.get(at + 3) >> 4) & 0x3;
        int counter = b.get(at + 3) & 0x0f;
        if (control == 0) {
            return "reserved adaptation field control";
        }
        boolean discontinuity = false;
        if ((control & 0x2) != 0) {
            int length = b.get(at + 4) & 0xff;
            if (length > (control == 0x3 ? 182 : 183)) {
                return "adaptation field of " + length + " bytes";
            }
            discontinuity = length > 0 && (b.get(at + 5) & 0x80) != 0;
        }
        if ((control & 0x1) != 0 && pid != 0x1fff) {
            int last = continuity[pid];
            if (last >= 0 && !discontinuity && counter != last && counter != ((last + 1) & 0x0f)) {
                return "continuity counter of PID " + pid + " jumps from " + last + " to " + counter;
            }
            continuity[pid] = counter;
        }
        return null;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return end;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
