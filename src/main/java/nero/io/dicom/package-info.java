/** DICOM objects through PixelMed: validated before decoding, frames converted to RGB, video objects' streams. */
package nero.io.dicom;
