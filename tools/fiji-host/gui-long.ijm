// fiji-host-test GUI run, last part: a long scoring run that the script stops with Esc. Argument: DATA,OUT.
args = split(getArgument(), ",");
data = args[0]; out = args[1];
sep = ":";
run("Score Images", "detector=[" + out + "/sample-detector.json] input=[" + data + "/id/train" + sep + data + "/id/val"
    + sep + data + "/id/test" + sep + data + "/ood" + sep + data + "/id/train" + sep + data + "/ood] methods=all "
    + "csv=[" + out + "/gui-long.csv]");
print("gui-long: NOT CANCELLED nResults=" + nResults);
