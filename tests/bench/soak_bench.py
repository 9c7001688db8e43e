#!/usr/bin/env python3
"""Soak benchmark (not a timed test): one lightshow-server on loopback plays a
short song P times back to back to N sim agents, with uploads, reports, a
training job and model activations in between. Reports the server's RSS, open
fds and threads after warm-up and at the end (growth = a leak), and every
frame: applied, or skipped by an agent (its frames_dropped), or missing.

  tests/bench/soak_bench.py --bin build/bin --agents 10 --plays 300

Skipped frames come from the agent's frame scheduler missing a slot. Where the
machine itself stalls a real-time thread for more than one frame period
(cyclictest from Debian's rt-tests shows it: --cyclictest runs it alongside),
the agent skips that frame rather than play it late; a frame that never
arrived would be "missing". Figures are printed, never judged.
"""
import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stream_bench import (agent_listing, make_show_wav, start_agents, start_server, stop_all,  # noqa: E402
                          wait_agents)


def proc_figures(pid):
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
    threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
    return {"rss_mb": round(rss, 1), "fds": len(os.listdir(f"/proc/{pid}/fd")), "threads": threads}


def lsctl_json(lsctl, args, timeout=120):
    r = subprocess.run(lsctl + ["--json"] + args, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        sys.exit(f"lsctl {' '.join(args)} failed: {r.stderr}")
    return json.loads(r.stdout) if r.stdout.strip() else {}


def count_rows(csv):
    with open(csv) as f:
        return sum(1 for line in f if line[:1].isdigit())  # frame rows (not the header, not -1 off rows)


def side_work(lsctl, work, k, interval):
    """Between plays: an upload and a report; a training job and activations now and then."""
    if k % interval != interval // 2:
        return
    wav = os.path.join(work, f"extra{k}.wav")
    make_show_wav(wav, 6)
    song = lsctl_json(lsctl, ["submit", wav])["songs"][0]["id"]
    lsctl_json(lsctl, ["report", song])
    if k % (interval * 4) == interval // 2:
        job = lsctl_json(lsctl, ["train", "autoencoder", "--epochs", "2"])
        job_id = job.get("job", job).get("id")
        deadline = time.time() + 300
        while time.time() < deadline:
            jobs = {j["id"]: j for j in lsctl_json(lsctl, ["jobs"]).get("jobs", [])}
            state = str(jobs.get(job_id, {}).get("state", "")).lower()
            if state.endswith(("succeeded", "failed", "cancelled")):
                break
            time.sleep(1)
        models = lsctl_json(lsctl, ["models"]).get("models", [])
        if models:
            lsctl_json(lsctl, ["activate", models[-1]["id"]], timeout=300)
            lsctl_json(lsctl, ["activate", "bands"], timeout=300)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--agents", type=int, default=10)
    ap.add_argument("--plays", type=int, default=300)
    ap.add_argument("--song-seconds", type=float, default=2.0)
    ap.add_argument("--side-every", type=int, default=25, help="plays between uploads/reports")
    ap.add_argument("--cyclictest", action="store_true", help="measure real-time wake-up latency alongside")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="soak-bench-")
    cyclic = None
    try:
        server, addr = start_server(args.bin, work, ["--agent-connects-per-min", "100000"], timeout=20)
        token = os.path.join(work, "data", "token")
        lsctl = [f"{args.bin}/lsctl", "--server", addr, "--token-file", token]
        agents = start_agents(args.bin, work, addr, token, args.agents)
        wait_agents(lsctl, args.agents, 60)
        wav = os.path.join(work, "song.wav")
        make_show_wav(wav, args.song_seconds)
        song = lsctl_json(lsctl, ["submit", wav])["songs"][0]
        frames = int(song["frame_count"])
        if args.cyclictest and shutil.which("cyclictest"):
            cyclic = subprocess.Popen(["cyclictest", "-p", "10", "-i", "23220", "-q", "-m"], stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)
        start = end = None
        t0 = time.time()
        for k in range(args.plays):
            before = [count_rows(csv) for _, csv in agents]
            lsctl_json(lsctl, ["play", song["id"], "--lead-ms", "300", "--no-audio", "--wait"], timeout=60)
            # The agents log the last frame just after the server calls the play finished.
            deadline = time.time() + 5
            while time.time() < deadline and any(count_rows(csv) - b < frames - 3 for (_, csv), b in zip(agents, before)):
                time.sleep(0.05)
            side_work(lsctl, work, k, args.side_every)
            if k == min(9, args.plays - 1):
                start = proc_figures(server.pid)  # after warm-up: caches, pools and threads exist
            if not args.json and (k + 1) % 25 == 0:
                print(f"{k + 1}/{args.plays} plays, {time.time() - t0:.0f} s, server {proc_figures(server.pid)}",
                      flush=True)
        time.sleep(1.0)
        end = proc_figures(server.pid)
        stats = {a["id"]: a for a in agent_listing(lsctl)}
        expected = frames * args.plays * args.agents
        applied = sum(count_rows(csv) for _, csv in agents)
        skipped = sum(int(stats.get(f"a{i}", {}).get("frames_dropped", 0)) for i in range(args.agents))
        late = sum(int(stats.get(f"a{i}", {}).get("frames_late", 0)) for i in range(args.agents))
        result = {"agents": args.agents, "plays": args.plays, "frames_per_play": frames,
                  "frames_expected": expected, "frames_applied": applied, "frames_skipped_by_agents": skipped,
                  "frames_missing": expected - applied - skipped, "frames_late": late,
                  "server_start": start, "server_end": end, "wall_s": round(time.time() - t0, 1)}
        if cyclic is not None:
            cyclic.send_signal(signal.SIGINT)
            out = cyclic.communicate(timeout=10)[0]
            m = re.findall(r"Max:\s+(\d+)", out)
            result["cyclictest_max_us"] = max(int(x) for x in m) if m else None
        stop_all(server, agents, server_timeout=60)
        if args.json:
            print(json.dumps(result, indent=1))
        else:
            for key, value in result.items():
                print(f"{key}: {value}")
    finally:
        if cyclic is not None and cyclic.poll() is None:
            cyclic.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
