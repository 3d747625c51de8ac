// fiji-host-test, issue 23: a misspelled key stops the macro with one Log line naming it and the valid keys.
run("Score Images", "detectr=[/nonexistent/detector.json] input=[/nonexistent/images]");
print("fiji23-keys: NOT REACHED");
