// fiji-host-test, NERO Live headless (issue 24 items 3, 7): "Watch Video (live OOD)" on a clip, as fast as the model
// scores; the OOD segments fill the table a macro reads; the three files are written. Argument: DATA,OUT,CLIP.
args = split(getArgument(), ",");
data = args[0]; out = args[1]; clip = args[2];
run("Watch Video (live OOD)", "detector=[" + out + "/sample-detector.json] video=[" + clip + "] speed=fast "
    + "csv=[" + out + "/watch-frames.csv] segments=[" + out + "/watch-segments.csv] timeline=["
    + out + "/watch-timeline.png]");
print("frames-watch: nResults=" + nResults + " headings=" + String.join(split(String.getResultsHeadings, "\t"), ","));
if (nResults > 0) print("frames-watch: first segment " + getResult("start_s", 0) + "-" + getResult("end_s", 0)
    + " s peak " + getResult("peak_score", 0));
print("frames-watch: done");
