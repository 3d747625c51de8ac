/** Video files: pictures in display order through FFmpeg's natives (JCodec where they cannot load), sampled as stills. */
package nero.io.video;
