/**
 * NERO Live: a video file, network stream or capture device scored frame by frame as it plays ({@link
 * nero.app.live.Watch}), one result per scored frame and OOD segments as they end, told to a {@link
 * nero.app.live.WatchListener}; the shells (command line, Fiji) only show them. Also the timeline picture and
 * segments table of a video scored still by still ({@link nero.app.live.VideoTimeline}).
 */
package nero.app.live;
