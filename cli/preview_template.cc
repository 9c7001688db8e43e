// The preview page's HTML, CSS and script (see preview_page.h). Placeholders:
// @@TITLE@@ (escaped text), @@DATA@@ (JSON, "</" escaped), @@AUDIO@@ (data URI).
namespace ls::cli {

extern const char kPreviewTemplate[] = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@ - Lightshow preview</title>
<style>
body{background:#0b0d12;color:#ddd;font:14px sans-serif;margin:0;padding:16px}
h1{font-size:18px;margin:0 0 12px}
#lamps{display:flex;gap:14px;margin:18px 0}
.lamp{width:70px;height:70px;border-radius:50%;background:#222;border:2px solid #333;
  display:flex;align-items:flex-end;justify-content:center;font-size:11px;color:#888}
.lamp.on{background:var(--c);box-shadow:0 0 24px 6px var(--c);color:#000}
#controls{display:flex;gap:10px;align-items:center}
#seek{flex:1}
button{background:#223;color:#ddd;border:1px solid #446;padding:6px 14px;border-radius:4px}
#timeline{position:relative;margin-top:14px;cursor:pointer}
#lanes{width:100%;height:176px;display:block;background:#111}
#cursor{position:absolute;top:0;width:2px;height:176px;background:#fff}
#probe{white-space:pre;font:12px monospace;color:#8a8}
</style></head>
<body>
<h1>@@TITLE@@</h1>
<audio id="audio" preload="auto" src="@@AUDIO@@"></audio>
<div id="controls"><button id="play">Play</button><span id="time">0:00.0</span>
<input id="seek" type="range" min="0" max="1" step="0.01" value="0"></div>
<div id="lamps"></div>
<div id="timeline"><canvas id="lanes" width="1200" height="176"></canvas><div id="cursor"></div></div>
<div id="state"></div><div id="probe"></div>
<script id="show-data" type="application/json">@@DATA@@</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("show-data").textContent);
const bin = atob(D.masks);
const masks = new Uint8Array(bin.length);
for (let i = 0; i < bin.length; i++) masks[i] = bin.charCodeAt(i);
const duration = masks.length * D.frame_period_s;
const audio = document.getElementById("audio");
const seek = document.getElementById("seek");
const playBtn = document.getElementById("play");
const lamps = [];
for (let c = 0; c < 8; c++) {
  const d = document.createElement("div");
  d.className = "lamp"; d.id = "lamp" + c; d.dataset.on = "0";
  d.style.setProperty("--c", D.colors[c]); d.textContent = "ch" + c;
  document.getElementById("lamps").appendChild(d); lamps.push(d);
}
seek.max = duration.toFixed(2);
// The frame due at time t: frames start every frame_period_s from 0.
function maskAt(t) {
  const i = Math.floor(t / D.frame_period_s);
  return i >= 0 && i < masks.length ? masks[i] : 0;
}
function fmt(t) { const m = Math.floor(t / 60); const s = t - 60 * m; return m + ":" + (s < 10 ? "0" : "") + s.toFixed(1); }
function render() {
  const t = audio.currentTime;
  const m = maskAt(t);
  let bits = "";
  for (let c = 0; c < 8; c++) {
    const on = (m >> c) & 1;
    if (lamps[c].dataset.on !== String(on)) { lamps[c].dataset.on = String(on); lamps[c].classList.toggle("on", !!on); }
    bits += on;
  }
  document.getElementById("time").textContent = fmt(t) + " / " + fmt(duration);
  document.getElementById("state").dataset.lamps = bits;
  if (document.activeElement !== seek) seek.value = t.toFixed(2);
  document.getElementById("cursor").style.left = (100 * t / duration) + "%";
  return bits;
}
function lampStates() { return lamps.map(l => l.dataset.on).join(""); }
function drawLanes() {
  const cv = document.getElementById("lanes"); const g = cv.getContext("2d");
  const lane = cv.height / 8; const sx = cv.width / Math.max(1, masks.length);
  for (let c = 0; c < 8; c++) {
    g.fillStyle = D.colors[c];
    let run = -1;
    for (let i = 0; i <= masks.length; i++) {
      const on = i < masks.length && ((masks[i] >> c) & 1);
      if (on && run < 0) run = i;
      if (!on && run >= 0) { g.fillRect(run * sx, c * lane + 2, Math.max(1, (i - run) * sx), lane - 4); run = -1; }
    }
  }
  g.fillStyle = "rgba(255,255,255,0.5)";
  for (const b of D.beats) g.fillRect(b / duration * cv.width, 0, 1, 4);
  for (const s of D.sections) g.fillRect(s / duration * cv.width, 0, 2, cv.height);
}
function seekTo(t) { audio.currentTime = Math.max(0, Math.min(duration, t)); render(); }
playBtn.onclick = () => { if (audio.paused) audio.play(); else audio.pause(); };
audio.onplay = () => { playBtn.textContent = "Pause"; };
audio.onpause = () => { playBtn.textContent = "Play"; };
seek.oninput = () => seekTo(parseFloat(seek.value));
document.getElementById("timeline").onclick = (e) => {
  const r = e.currentTarget.getBoundingClientRect(); seekTo((e.clientX - r.left) / r.width * duration);
};
audio.addEventListener("seeked", render);
function tick() { render(); requestAnimationFrame(tick); }
// Waits for a seek to finish (or a short while when the audio cannot seek yet).
function seekAndWait(t) {
  return new Promise((done) => {
    let finished = false;
    const end = () => { if (!finished) { finished = true; done(); } };
    audio.addEventListener("seeked", end, { once: true });
    setTimeout(end, 1000);
    audio.currentTime = t;
  });
}
async function probe(times) {
  const out = [];
  for (const t of times) {
    await seekAndWait(t);
    render();
    out.push("t=" + t.toFixed(3) + " cur=" + audio.currentTime.toFixed(3) + " lamps=" + lampStates());
  }
  document.getElementById("probe").textContent = out.join("\n");
  document.body.dataset.probe = "done";
}
drawLanes();
const frag = new URLSearchParams(location.hash.slice(1));
if (frag.has("t")) seekTo(parseFloat(frag.get("t")));
render();
if (frag.has("probe")) probe(frag.get("probe").split(",").map(parseFloat));
requestAnimationFrame(tick);
</script>
</body></html>
)html";

}  // namespace ls::cli
