# Sourced by tools/fiji-host-test.sh: the checks of issue 24 in the real Fiji (stacks and videos frame by frame,
# NERO Live). Uses its variables (ROOT, WORK, OUT, DATA, T) and helpers (headless, has, clean, ok, fail, show,
# csv_rows, not_blank). frames_headless runs after the detector is fitted; frames_gui under Xvfb.

# A 17 s clip of 85 sample pictures as a procedure (0.2 s each, 25 fps, 384×384): cecum, an instrument, cecum,
# bleeding, pylorus, dye, z-line.
frames_clip() {
  FRAMES_CLIP=$WORK/frames-procedure.mp4
  [ -s "$FRAMES_CLIP" ] && return 0
  local list=$WORK/frames-procedure.txt part
  : >"$list"
  for part in id/test/cecum:15 ood/instrument:10 id/test/cecum:10 ood/bleeding:10 id/test/pylorus:15 ood/dyed:10 \
      id/test/z-line:15; do
    find "$DATA/${part%%:*}" -type f -name '*.jpg' | sort | head -"${part##*:}" \
      | while read -r f; do printf "file '%s'\nduration 0.2\n" "$f"; done >>"$list"
  done
  echo "file '$(tail -2 "$list" | head -1 | sed "s/^file '//; s/'$//")'" >>"$list"
  ffmpeg -v error -y -f concat -safe 0 -i "$list" -vf "scale=384:384:flags=bicubic,fps=25" -c:v libx264 -g 25 \
    -pix_fmt yuv420p "$FRAMES_CLIP" || { fail "frames: ffmpeg could not make the procedure clip"; return 1; }
}

frames_headless() {
  if ! command -v ffmpeg >/dev/null; then echo "fiji-host-test: SKIPPED the frames checks (no ffmpeg)"; return; fi
  frames_clip || return

  # 15-slice stack: 15 rows, slice k shows slice k's verdict.
  headless frames-stack tools/fiji-host/frames-stack.ijm "$DATA,$OUT"
  local log=$WORK/frames-stack.log n shown mixed
  has frames-stack "frames-stack: nResults=15 " && ok "frames stack: Score Images on a 15-slice stack gives 15 rows"
  n=$(grep -c -E "frames-stack: slice ([0-9]+) row=stack15#slice=\1 \(.*\) verdict=(OOD|ID) shows=\2 " "$log" || true)
  mixed=$(grep -o 'verdict=[A-Z]*' "$log" | sort -u | wc -l)
  if [ "$n" = 15 ] && [ "$mixed" = 2 ]; then
    ok "frames stack: slice k shows slice k's verdict on all 15 slices (flattened; $(grep -c 'verdict=OOD' "$log") OOD, $(grep -c 'verdict=ID' "$log") ID), rows named by image and slice label ($(grep -o 'row=stack15#slice=1 [^ ]*' "$log"))"
  else
    fail "frames stack: $n of 15 slices show their own verdict ($mixed verdict kinds)"; show "$log" 20
  fi
  grep -q 'frames-stack: timeline window=Timeline of stack15' "$log" && not_blank "$OUT/stack15-timeline.png" \
    && [ "$(csv_rows "$OUT/stack15-segments.csv")" -ge 1 ] \
    && ok "frames stack: its timeline opens as an image and is written with its segments ($(csv_rows "$OUT/stack15-segments.csv") segment(s))" \
    || fail "frames stack: no timeline window, picture or segments"
  clean frames-stack

  # A video opened as a virtual stack, scored slice by slice like the file.
  headless frames-video tools/fiji-host/frames-video.ijm "$DATA,$OUT,$FRAMES_CLIP"
  log=$WORK/frames-video.log
  local frames; frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$FRAMES_CLIP")
  has frames-video "frames-video: title=frames-procedure.mp4 nSlices=$frames label5=\[frame 5, 0.160 s\] virtual=1" \
    && ok "frames video: 'Open Video (FFmpeg)...' gives a virtual stack of the $frames pictures, slice 5 labelled [frame 5, 0.160 s]"
  has frames-video "frames-video: nResults=$frames path0=frames-procedure.mp4#slice=1 (frame 1, 0.000 s)" \
    && ok "frames video: Score Images on it gives $frames rows named by slice, frame and time"
  local diff; diff=$(sed -n "s/.*file nResults=$frames largest relative difference=\([0-9.eE-]*\)\$/\1/p" "$log")
  if [ -n "$diff" ] && awk -v d="$diff" 'BEGIN { exit !(d < 1e-4) }'; then
    ok "frames video: slice scores = the file's stills scored with video_step=all (largest relative difference $diff)"
  else
    fail "frames video: slice scores differ from the file's (${diff:-no comparison})"; show "$log" 10
  fi
  not_blank "$OUT/video-timeline.png" && [ -s "$OUT/video-segments.csv" ] \
    && ok "frames video: its timeline and segments table written ($(csv_rows "$OUT/video-segments.csv") segment(s))" \
    || fail "frames video: no timeline or segments for the video stack"
  clean frames-video

  # NERO Live headless: the segments table filled, the files written.
  headless frames-watch tools/fiji-host/frames-watch.ijm "$DATA,$OUT,$FRAMES_CLIP"
  log=$WORK/frames-watch.log
  local segs; segs=$(csv_rows "$OUT/watch-segments.csv")
  if [ "$segs" -ge 1 ] && grep -q "frames-watch: nResults=$segs headings=segment,start_frame,start_s,end_frame,end_s,duration_s,peak_score,peak_frame,peak_s,ood_frames,open_at_end" "$log"; then
    ok "frames watch: 'Watch Video (live OOD)' headless: the segments table has the $segs segment(s) of the CSV ($(grep -o 'first segment .*' "$log"))"
  else
    fail "frames watch: segments table vs CSV ($segs rows)"; show "$log" 15
  fi
  has frames-watch "$frames frames seen, $frames scored" && [ "$(csv_rows "$OUT/watch-frames.csv")" = "$frames" ] \
    && not_blank "$OUT/watch-timeline.png" \
    && ok "frames watch: all $frames frames scored, summary in the Log, frame table and timeline written"
  clean frames-watch
}

# Under Xvfb: the live window mid-play (screenshot for docs/live.md), a segment clicked to show its peak frame; then
# a scored stack on screen, slice by slice.
frames_gui() {
  [ -n "${FRAMES_CLIP:-}" ] && [ -s "$FRAMES_CLIP" ] || { fail "frames gui: no clip (the headless frames checks did not run)"; return; }
  FRAMES_SHOT=$ROOT/target/fiji-host-live.png
  FRAMES_STACK_SHOT=$ROOT/target/fiji-host-stack.png
  local probe=$WORK/frames-probe
  rm -rf "$probe"; mkdir -p "$probe"
  # the GUI Fiji before this one was killed, leaving its single-instance stub: this Fiji would hand its
  # arguments to that dead instance (RMI "Connection refused") instead of starting
  rm -f "$WORK"/tmp/ImageJ-*.stub
  rm -f "$FRAMES_SHOT" "$FRAMES_STACK_SHOT" "$OUT/frames-gui-go" "$OUT/frames-gui.txt" "$WORK/frames-gui-steps.log" "$OUT/gui-esc-segments.csv"
  cat >"$WORK/frames-gui.sh" <<SH
#!/bin/bash
"$WORK/fiji.sh" -macro "$ROOT/tools/fiji-host/frames-gui-start.ijm" "$probe" >"$WORK/frames-gui.log" 2>&1 &
FIJI_PID=\$!
step() { echo "\$1" >>"$WORK/frames-gui-steps.log"; }
finish() { kill \$FIJI_PID 2>/dev/null; sleep 1; kill -9 \$FIJI_PID 2>/dev/null; exit 0; }
live_window() { for i in \$(seq 1 $((T * 2))); do W=\$(xdotool search --name '^NERO Live: frames-procedure' 2>/dev/null | head -1); [ -n "\$W" ] && return 0; sleep 0.5; done; return 1; }
for i in \$(seq 1 $((T * 2))); do grep -q 'frames-gui: probe started' "$probe/log.txt" 2>/dev/null && break; sleep 0.5; done
sleep 2   # Fiji's main window is up once the start macro ended
printf '%s\n%s\n' "$ROOT/tools/fiji-host/frames-gui.ijm" "$DATA,$OUT,$FRAMES_CLIP" >"$probe/macro.txt"
live_window || { step "no live window"; finish; }
step "live window open"
xdotool windowmove \$W 10 110   # left, under Fiji's main window; the segments table opens beside it
for i in \$(seq 1 60); do S=\$(xdotool search --name '^NERO Live: OOD segments' 2>/dev/null | head -1); [ -n "\$S" ] && break; sleep 0.5; done
if [ -n "\$S" ]; then
  step "segments table open"
  sleep 2.5
  eval \$(xdotool getwindowgeometry --shell \$S)
  xdotool mousemove \$((X + 60)) \$((Y + 46)) click 1   # the first row, under the headings
  for i in \$(seq 1 20); do P=\$(xdotool search --name '^OOD segment 1: peak' 2>/dev/null | head -1); [ -n "\$P" ] && break; sleep 0.5; done
  [ -n "\$P" ] && step "peak window open"
  sleep 1
fi
grep -q 'frames-gui: watch done' "$OUT/frames-gui.txt" 2>/dev/null && step "finished before the screenshot"
import -window root "$FRAMES_SHOT"
step "screenshot taken"
for i in \$(seq 1 $((T * 2))); do grep -q 'frames-gui: stack arranged' "$OUT/frames-gui.txt" 2>/dev/null && break; sleep 0.5; done
sleep 2; import -window root "$FRAMES_STACK_SHOT"; step "stack screenshot taken"; touch "$OUT/frames-gui-go"
for i in \$(seq 1 $((T * 2))); do grep -q 'frames-gui: esc watch starts' "$OUT/frames-gui.txt" 2>/dev/null && break; sleep 0.5; done
if live_window; then
  sleep 3
  eval \$(xdotool getwindowgeometry --shell \$W)
  xdotool mousemove \$((X + 100)) \$((Y + 100)) click 1
  sleep 0.5; xdotool key Escape
  step "Esc pressed in the live window"
  for i in \$(seq 1 60); do [ -s "$OUT/gui-esc-segments.csv" ] && break; sleep 0.5; done
  sleep 2
fi
cp "$probe/log.txt" "$WORK/frames-gui-fiji-log.txt" 2>/dev/null
cp "$probe/windows.txt" "$WORK/frames-gui-windows.txt" 2>/dev/null
cat "$OUT/frames-gui.txt" >>"$WORK/frames-gui-steps.log" 2>/dev/null
finish
SH
  chmod +x "$WORK/frames-gui.sh"
  timeout $((T * 4)) xvfb-run -a -s "-screen 0 1400x900x24" "$WORK/frames-gui.sh" || true
  local steps=$WORK/frames-gui-steps.log log=$WORK/frames-gui-fiji-log.txt
  grep -q "live window open" "$steps" 2>/dev/null && ok "frames gui: the live window opened" || { fail "frames gui: no live window"; show "$WORK/frames-gui.log"; }
  grep -q "segments table open" "$steps" 2>/dev/null && ok "frames gui: the OOD segments table filled while the clip played" || fail "frames gui: no segments table during the play"
  grep -q "peak window open" "$steps" 2>/dev/null && ok "frames gui: clicking a segment row shows its peak frame" || fail "frames gui: no peak window after clicking a segment"
  grep -q "finished before the screenshot" "$steps" 2>/dev/null && fail "frames gui: the screenshot was taken after the end, not mid-play"
  not_blank "$FRAMES_SHOT" && ok "frames gui: screenshot of the live window mid-play $FRAMES_SHOT" || fail "frames gui: no screenshot"
  grep -q "frames-gui: watch done nResults=[1-9]" "$steps" 2>/dev/null && [ "$(csv_rows "$OUT/gui-watch-segments.csv")" -ge 1 ] && not_blank "$OUT/gui-watch-timeline.png" \
    && ok "frames gui: the watch ended by itself, table and files written ($(grep -o 'watch done nResults=[0-9]*' "$steps"))" \
    || fail "frames gui: the watch did not end with its table and files ($(tail -1 "$steps" 2>/dev/null))"
  local done_line; done_line=$(grep -o 'watch done nResults=[0-9]* named=[-0-9]*' "$steps" 2>/dev/null | head -1)
  [ -n "$done_line" ] && [ "${done_line##*named=}" = "$(echo "$done_line" | sed 's/.*nResults=\([0-9]*\).*/\1/')" ] \
    && ok "frames gui: the watch's segments are also in the named table NERO Segments ($done_line)" \
    || fail "frames gui: the named table NERO Segments does not hold the watch's segments ($done_line)"
  local n mixed
  n=$(grep -c -E "frames-gui: slice [0-9]+ verdict=(OOD|ID) shows=\1 " "$steps" 2>/dev/null || true)
  mixed=$(grep -o 'slice [0-9]* verdict=[A-Z]*' "$steps" 2>/dev/null | awk '{print $3}' | sort -u | wc -l)
  [ "$n" = 15 ] && [ "$mixed" = 2 ] \
    && ok "frames gui: on screen (captured at 200 %), slice k of a 15-slice stack shows slice k's verdict on all 15 slices" \
    || { fail "frames gui: $n of 15 slices show their own verdict on screen"; grep 'frames-gui: slice' "$steps" | head -5 >&2; }
  not_blank "$FRAMES_STACK_SHOT" && ok "frames gui: screenshot of a scored stack with its timeline $FRAMES_STACK_SHOT" || fail "frames gui: no stack screenshot"
  if grep -q "Esc pressed in the live window" "$steps" 2>/dev/null && grep -q "stopped at t=" "$log" 2>/dev/null \
      && [ -f "$OUT/gui-esc-segments.csv" ] && ! grep -q "esc watch NOT STOPPED" "$steps"; then
    ok "frames gui: Esc in the live window ended the watch ($(grep -o 'stopped at t=[0-9.]* s' "$log" | tail -1)), its segments file written"
  else
    fail "frames gui: Esc did not end the watch with its files ($(tail -2 "$steps" | tr '\n' ' '))"
  fi
  grep -qx 'Exception' "$WORK/frames-gui-windows.txt" 2>/dev/null && fail "frames gui: an Exception window opened"
  clean frames-gui
}
