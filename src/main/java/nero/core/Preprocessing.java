package nero.core;

/**
 * How images are turned into the model's input: squash resize to width×height (PIL-style antialiased bilinear),
 * RGB in [0,1], then per-channel (x − mean)/std. Defaults are torchvision's ImageNet ones.
 */
public record Preprocessing(int width, int height, float[] mean, float[] std) {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /**
     * The largest model input side accepted (a 4096² RGB float tensor is 200 MB per image); beyond it a stored or
     * declared size is a mistake or an attack, and one image's tensor would overflow Java's array size.
     */
    public static final int MAX_SIDE = 4096;

    public Preprocessing {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("input size must be positive, got " + width + "x" + height);
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new InvalidInputException("input size " + width + "x" + height + " is larger than a model input "
                    + "can be (at most " + MAX_SIDE + " pixels per side)");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new InvalidInputException("mean and std need 3 channel values each");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new InvalidInputException("std values must be positive, got " + s);
            }
        }
    }

    public static Preprocessing imagenet(int size) {
        return new Preprocessing(size, size, IMAGENET_MEAN.clone(), IMAGENET_STD.clone());
    }
}
