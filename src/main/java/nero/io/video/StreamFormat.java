package nero.io.video;

/**
 * What a video stream's container says of it, for messages and each still's metadata.
 *
 * @param container the container's name (e.g. "MPEG-TS", "MP4/MOV")
 * @param codec the video codec's name, "unknown" until a stream that finds it by probing has done so
 * @param declaredFrames frames the container declares, or −1 if it does not say (used to detect truncated files)
 */
record StreamFormat(String container, String codec, int declaredFrames) {
}
