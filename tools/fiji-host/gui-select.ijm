// fiji-host-test GUI run: makes the image titled by the argument the current image again (after the evaluation's
// screenshot), so that the dialogs that follow score and explain it.
selectImage(getArgument());
print("gui: selected " + getTitle());
