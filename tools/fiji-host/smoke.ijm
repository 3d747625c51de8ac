// fiji-host-test smoke check (no model needed): a bad input gives one clear line in the Log and stops the macro.
run("Score Images", "detector=[/nonexistent/detector.json] input=[/nonexistent/images]");
print("smoke: NOT REACHED (the failed command should stop the macro)");
