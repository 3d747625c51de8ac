package nero.model;

import java.util.Arrays;

/** One output of a model run, copied out of the engine as float32: its values (row-major) and shape. */
record ModelTensor(float[] values, long[] shape) {
    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return (int) shape[axis];
    }

    String shapeText() {
        return Arrays.toString(shape);
    }
}
