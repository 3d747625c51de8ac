/** The classifier through DJL/PyTorch (TorchScript model contract), preprocessing and the batched feature pipeline. */
package nero.model;
