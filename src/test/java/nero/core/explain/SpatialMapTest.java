package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpatialMapTest {
    @Test
    void bilinearResizeSamplesAtPixelCentresLikePyTorch() {
        // torch.nn.functional.interpolate([[0,1],[2,3]], size=4, mode="bilinear", align_corners=False), first row
        SpatialMap up = new SpatialMap(2, 2, new double[] {0, 1, 2, 3}).resizeBilinear(4, 4);
        assertArrayEquals(new double[] {0, 0.25, 0.75, 1}, Arrays.copyOfRange(up.values(), 0, 4), 1e-12);
        assertEquals(0.75, up.get(1, 1), 1e-12); // (0.25, 0.25) in source pixels
        assertEquals(3.0, up.get(3, 3), 1e-12);
    }

    @Test
    void aConstantMapStaysConstantAtAnySize() {
        SpatialMap up = new SpatialMap(1, 1, new double[] {2.5}).resizeBilinear(5, 9);
        assertEquals(5 * 9, up.values().length);
        assertEquals(2.5, up.min(), 0);
        assertEquals(2.5, up.max(), 0);
    }
}
