// fiji-host-test, stacks frame by frame (issue 24 item 0): a 15-slice stack of sample pictures (5 ID, 10 OOD) scored
// as the current image gives 15 rows, and slice k shows slice k's verdict: each slice duplicated with the overlay
// ImageJ ties to it and flattened; the pixels the overlay turned OOD red or ID green are counted. Its timeline opens
// as an image. Argument: DATA,OUT.
args = split(getArgument(), ",");
data = args[0]; out = args[1];
setBatchMode(true);
folders = newArray("id/test/cecum", "ood/bleeding", "ood/dyed");
for (f = 0; f < folders.length; f++) {
    list = getFileList(data + "/" + folders[f]);
    Array.sort(list);
    for (i = 0; i < 5; i++) open(data + "/" + folders[f] + "/" + list[i]);
}
run("Images to Stack", "name=stack15 use");
stack = getImageID();
setSlice(4); // the current slice must not matter
run("Score Images", "detector=[" + out + "/sample-detector.json] timeline=[" + out + "/stack15-timeline.png] "
    + "segments=[" + out + "/stack15-segments.csv]");
print("frames-stack: nResults=" + nResults + " current=" + getTitle());
timeline = "none";
for (i = 1; i <= nImages; i++) { selectImage(i); if (startsWith(getTitle(), "Timeline of ")) timeline = getTitle(); }
print("frames-stack: timeline window=" + timeline);
selectImage(stack);
n = nSlices;
print("frames-stack: nSlices=" + n + " overlay=" + Overlay.size);
for (k = 1; k <= n; k++) {
    selectImage(stack);
    setSlice(k);
    run("Duplicate...", "title=slice-" + k);
    w = getWidth(); h = getHeight();
    plain = newArray(w * h);
    for (y = 0; y < h; y++) for (x = 0; x < w; x++) plain[y * w + x] = getPixel(x, y) & 0xffffff;
    run("Flatten");
    nRed = 0; nGreen = 0;
    for (y = 0; y < h; y++) for (x = 0; x < w; x++) {
        v = getPixel(x, y) & 0xffffff;
        if (v != plain[y * w + x]) {
            r = (v >> 16) & 255; g = (v >> 8) & 255; b = v & 255;
            if (r > 180 && g < 100 && b < 100) nRed++;   // the OOD colour (230, 40, 40), text or frame
            if (g > 150 && r < 120) nGreen++;            // the ID colour (40, 200, 80)
        }
    }
    close(); // the flattened copy
    close(); // the duplicate
    shows = "none";
    if (nRed > 0 && nGreen == 0) shows = "OOD";
    if (nGreen > 0 && nRed == 0) shows = "ID";
    print("frames-stack: slice " + k + " row=" + getResultString("path", k - 1) + " verdict="
        + getResultString("verdict", k - 1) + " shows=" + shows + " red=" + nRed + " green=" + nGreen);
}
print("frames-stack: done");
