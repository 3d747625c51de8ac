// fiji-host-test GUI run, last part: a long scoring run that the script stops with Esc. Argument: DATA,OUT,NAME —
// the table would be written to OUT/NAME.csv (it must not be: the run is cancelled).
args = split(getArgument(), ",");
data = args[0]; out = args[1]; name = args[2];
sep = ":";
folders = data + "/id/train" + sep + data + "/id/val" + sep + data + "/id/test" + sep + data + "/ood";
run("Score Images", "detector=[" + out + "/sample-detector.json] input=[" + folders + sep + folders + sep + folders
    + "] methods=all csv=[" + out + "/" + name + ".csv]");
print("gui-long: NOT CANCELLED nResults=" + nResults);
