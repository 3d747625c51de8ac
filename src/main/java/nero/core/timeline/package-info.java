/**
 * A score over time: OOD segments (runs of OOD frames, with a minimum length and a gap tolerance) found as the
 * frames come, for a video scored still by still or a live stream scored frame by frame.
 */
package nero.core.timeline;
