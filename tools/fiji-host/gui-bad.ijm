// fiji-host-test GUI run: bad input from a macro with windows open — one message, the macro stopped, no trace.
run("Score Images", "detector=[/nonexistent/gui-detector.json] methods=msp");
print("gui-bad: NOT REACHED");
