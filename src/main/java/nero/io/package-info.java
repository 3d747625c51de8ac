/** Image sources: files, ImageFolder trees, DICOM objects (PixelMed), video stills (JCodec); CSV writers. */
package nero.io;
