package nero.io.image;

import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Node;

/** A JPEG's colour layout from its header: the number of components and whether an Adobe marker declares YCCK. */
record JpegColours(int components, boolean ycck) {
    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

    /** Adobe APP14 "transform" value for YCCK (1 = YCbCr, 0 = none/CMYK). */
    private static final int ADOBE_YCCK = 2;

    static JpegColours of(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        int components = 0;
        int transform = -1;
        if (metadata != null && java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(NATIVE_FORMAT)) {
            Node root = metadata.getAsTree(NATIVE_FORMAT);
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!n.getNodeName().equals("markerSequence")) {
                    continue;
                }
                for (Node m = n.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m.getNodeName().equals("sof")) {
                        components = m.getChildNodes().getLength();
                    } else if (m.getNodeName().equals("app14Adobe")) {
                        Node t = m.getAttributes().getNamedItem("transform");
                        transform = t == null ? -1 : Integer.parseInt(t.getNodeValue());
                    }
                }
            }
        }
        return new JpegColours(components, components == 4 && transform == ADOBE_YCCK);
    }
}
