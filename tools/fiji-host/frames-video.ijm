// fiji-host-test, a video opened as a stack (issue 24 items 0, 4): "Open Video (FFmpeg)..." gives one slice per
// picture labelled with frame and time; Score Images on it gives one row per slice with the scores Score Images gives
// the file's stills (video_step=all), and the timeline and segments of the stack. Argument: DATA,OUT,CLIP.
args = split(getArgument(), ",");
data = args[0]; out = args[1]; clip = args[2];
setBatchMode(true);
detector = out + "/sample-detector.json";
run("Open Video (FFmpeg)...", "video=[" + clip + "]");
video = getImageID();
setSlice(5);
print("frames-video: title=" + getTitle() + " nSlices=" + nSlices + " label5=[" + getInfo("slice.label") + "]"
    + " virtual=" + is("Virtual Stack"));
run("Score Images", "detector=[" + detector + "] timeline=[" + out + "/video-timeline.png] segments=["
    + out + "/video-segments.csv]");
n = nResults;
slices = newArray(n);
for (i = 0; i < n; i++) slices[i] = getResult("nero_score", i);
print("frames-video: nResults=" + n + " path0=" + getResultString("path", 0));
run("Score Images", "detector=[" + detector + "] input=[" + clip + "] video_step=all");
worst = 0;
for (i = 0; i < n; i++) {
    d = abs(getResult("nero_score", i) - slices[i]) / maxOf(abs(slices[i]), 1e-9);
    if (d > worst) worst = d;
}
print("frames-video: file nResults=" + nResults + " largest relative difference=" + worst);
selectImage(video);
close();
print("frames-video: done");
