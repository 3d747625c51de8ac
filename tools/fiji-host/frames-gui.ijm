// fiji-host-test, NERO Live and stacks in the GUI (issue 24 items 0, 3, 7, 8). First the watch from a macro with
// ImageJ's windows: the live window plays the clip in real time while the test script takes the screenshot and
// clicks a segment. Then a 15-slice stack scored as the current image, shown at 200 %: each slice captured from the
// screen with its overlay shown and hidden; the pixels the overlay turns OOD red or ID green say which verdict the
// slice shows. Last, a second watch that the test script ends with Esc in the live window. Results go to
// OUT/frames-gui.txt. Argument: DATA,OUT,CLIP.
args = split(getArgument(), ",");
data = args[0]; out = args[1]; clip = args[2];
report = out + "/frames-gui.txt";
detector = out + "/sample-detector.json";
if (isOpen("Log")) { selectWindow("Log"); setLocation(860, 730); }
run("Watch Video (live OOD)", "detector=[" + detector + "] video=[" + clip + "] speed=realtime "
    + "segments=[" + out + "/gui-watch-segments.csv] timeline=[" + out + "/gui-watch-timeline.png]");
named = -1;
if (isOpen("NERO Segments")) named = Table.size("NERO Segments");
File.append("frames-gui: watch done nResults=" + nResults + " named=" + named, report);
close("*"); // the live, peak and timeline windows: Images to Stack takes every open image

setBatchMode(true);
folders = newArray("id/test/cecum", "ood/bleeding", "ood/dyed");
for (f = 0; f < folders.length; f++) {
    list = getFileList(data + "/" + folders[f]);
    Array.sort(list);
    for (i = 0; i < 5; i++) open(data + "/" + folders[f] + "/" + list[i]);
}
run("Images to Stack", "name=stack15 use");
setBatchMode(false);
stack = getImageID();
run("Score Images", "detector=[" + detector + "]");
selectImage(stack);
run("Set... ", "zoom=200");
n = nSlices;
for (k = 1; k <= n; k++) {
    selectImage(stack);
    setSlice(k);
    Overlay.hide;
    wait(400);
    run("Capture Image");
    w = getWidth(); h = getHeight();
    plain = newArray(w * h);
    for (y = 0; y < h; y++) for (x = 0; x < w; x++) plain[y * w + x] = getPixel(x, y) & 0xffffff;
    close();
    selectImage(stack);
    Overlay.show;
    wait(400);
    run("Capture Image");
    nRed = 0; nGreen = 0;
    if (getWidth() == w && getHeight() == h) {
        for (y = 0; y < h; y++) for (x = 0; x < w; x++) {
            v = getPixel(x, y) & 0xffffff;
            if (v != plain[y * w + x]) {
                r = (v >> 16) & 255; g = (v >> 8) & 255; b = v & 255;
                if (r > 180 && g < 100 && b < 100) nRed++;
                if (g > 150 && r < 120) nGreen++;
            }
        }
    }
    close();
    shows = "none";
    if (nRed > 0 && nGreen == 0) shows = "OOD";
    if (nGreen > 0 && nRed == 0) shows = "ID";
    File.append("frames-gui: slice " + k + " verdict=" + getResultString("verdict", k - 1) + " shows=" + shows
        + " red=" + nRed + " green=" + nGreen + " capture=" + w + "x" + h, report);
}
// Arranged for the stack screenshot (docs/fiji.md): an OOD slice at 200 %, its timeline, the rows.
selectImage(stack);
setSlice(7);
setLocation(10, 110);
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    if (startsWith(getTitle(), "Timeline of ")) { run("Set... ", "zoom=75"); setLocation(300, 110); }
}
if (isOpen("Results")) Table.setLocationAndSize(300, 500, 900, 230, "Results");
selectImage(stack);
File.append("frames-gui: stack arranged", report);
for (i = 0; i < 100 && !File.exists(out + "/frames-gui-go"); i++) wait(200);
File.append("frames-gui: stack done", report);
close("*");
// Esc in the live window ends the watch (its files written) and, as Esc does in ImageJ, this macro.
File.append("frames-gui: esc watch starts", report);
run("Watch Video (live OOD)", "detector=[" + detector + "] video=[" + clip + "] speed=realtime "
    + "segments=[" + out + "/gui-esc-segments.csv]");
File.append("frames-gui: esc watch NOT STOPPED", report);
