#!/usr/bin/env python3
"""Load benchmark (not a timed test): everything at once against one
lightshow-server on loopback -- N sim agents playing a show, U concurrent
uploads of real tracks, a training job, and an `lsctl agents` call every
second. Reports deadline misses (lsctl calls that ended DEADLINE_EXCEEDED),
dropped and late frames (from the sim CSVs and the agents' own stats), apply
error p50/p99, upload and training outcomes, and the server's RSS (peak).

  tests/bench/load_bench.py --bin build/bin --corpus /work/corpus --agents 100 \\
      --uploads 20 --seconds 60 [--tls]

Tracks are the corpus's WAV/FLAC/OGG files (../shared/data/make-corpus.sh
DIR); without --corpus, or with too few files, sox synthesizes the rest.
--tls runs it all over mutual TLS with certificates from scripts/make-certs.
Figures are printed, never judged: the targets are no RPC past its
deadline and no dropped frame.
"""
import argparse, glob, json, os, re, shutil, signal, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stream_bench import (agent_listing, cpu_s, make_show_wav, pct, peak_rss_mb, start_agents,  # noqa: E402
                          start_server, wait_agents)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
    return int(m.group(1)) / 1024 if m else 0.0


def tracks(corpus, n, work, seconds):
    files = []
    if corpus:
        for ext in ("wav", "flac", "ogg"):
            files += sorted(glob.glob(os.path.join(corpus, "**", f"*.{ext}"), recursive=True))
    files = files[:n]
    for i in range(len(files), n):  # synthesized stand-ins: distinct bytes, so no duplicates
        path = os.path.join(work, f"synth{i}.wav")
        subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", path, "synth", str(seconds), "pluck",
                        str(110 + 20 * i), "synth", str(seconds), "sine", "amod", "2"], check=True)
        files.append(path)
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--corpus", default="")
    ap.add_argument("--agents", type=int, default=100)
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60, help="length of the show")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="load-bench-")
    procs = []
    try:
        result = run(args, work, procs)
        if args.json:
            print(json.dumps(result, indent=1))
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


def run(args, work, procs):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    server_tls, client_tls, agent_tls = [], [], []
    if args.tls:
        certs = os.path.join(work, "certs")
        subprocess.run([os.path.join(root, "scripts/make-certs"), certs, "--client", "bench"], check=True,
                       capture_output=True)
        c = lambda f: os.path.join(certs, f)  # noqa: E731
        server_tls = ["--tls-cert", c("server.crt"), "--tls-key", c("server.key"), "--tls-client-ca", c("ca.crt")]
        client_tls = agent_tls = ["--ca", c("ca.crt"), "--cert", c("bench.crt"), "--key", c("bench.key")]
    server, addr = start_server(args.bin, work, ["--agent-connects-per-min", "100000", "--agent-connect-burst",
                                                 "1000", "--max-concurrent-uploads", str(max(4, args.uploads))]
                                + server_tls)
    procs.append(server)
    token = os.path.join(work, "data", "token")
    lsctl = [f"{args.bin}/lsctl", "--server", addr, "--token-file", token] + client_tls
    started = start_agents(args.bin, work, addr, token, args.agents, agent_tls)
    procs.extend(p for p, _ in started)
    agents = [csv for _, csv in started]

    def listing():
        return agent_listing(lsctl, timeout=60)
    wait_agents(lsctl, args.agents, 120)

    show_wav = os.path.join(work, "show.wav")
    make_show_wav(show_wav, args.seconds)
    song = json.loads(subprocess.run(lsctl + ["--json", "submit", show_wav], capture_output=True, text=True,
                                     check=True).stdout)["songs"][0]
    frames = int(song["frame_count"])
    files = tracks(args.corpus, args.uploads, work, 30)
    time.sleep(3)  # clock sync settles

    # Everything at once: the show, the uploads, training, and a status poll.
    rss_samples, polls, stop = [], [], threading.Event()

    def sample():
        while not stop.is_set():
            rss_samples.append(rss_mb(server.pid))
            t = time.time()
            r = subprocess.run(lsctl + ["--json", "--timeout", "5", "agents"], capture_output=True, text=True)
            polls.append((time.time() - t, r.returncode, "DEADLINE_EXCEEDED" in r.stderr))
            stop.wait(1.0)
    s0, t0 = cpu_s(server.pid), time.time()
    play = subprocess.Popen(lsctl + ["--json", "play", song["id"], "--lead-ms", "3000", "--no-audio", "--wait"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    poller = threading.Thread(target=sample)
    poller.start()
    time.sleep(1)
    train = subprocess.run(lsctl + ["--json", "train", "autoencoder", "--epochs", str(args.epochs)],
                           capture_output=True, text=True)
    job = json.loads(train.stdout).get("job", {}).get("id", "") if train.returncode == 0 else ""
    ups = [(f, time.time(), subprocess.Popen(lsctl + ["--json", "submit", f], stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True)) for f in files]
    upload_s, upload_fail, upload_deadline = [], [], 0
    for f, t, p in ups:
        o, e = p.communicate(timeout=1800)
        upload_s.append(time.time() - t)
        if p.returncode != 0:
            upload_fail.append(f"{os.path.basename(f)}: {e.strip()[:200]}")
            upload_deadline += "DEADLINE_EXCEEDED" in e
    po, pe = play.communicate(timeout=args.seconds + 600)
    time.sleep(2)  # safe-off lines and last stats
    wall = time.time() - t0
    job_state = ""
    if job:
        deadline = time.time() + 1800
        while time.time() < deadline:
            j = subprocess.run(lsctl + ["--json", "job", job], capture_output=True, text=True)
            job_state = json.loads(j.stdout).get("job", {}).get("state", "") if j.returncode == 0 else "?"
            if job_state not in ("queued", "running", "?"):
                break
            time.sleep(2)
    stop.set()
    poller.join()

    stats = {a["id"]: a for a in listing()}
    errors, dropped, late = [], 0, 0
    for i, csv in enumerate(agents):
        applied = 0
        with open(csv) as f:
            next(f)
            for line in f:
                fr, sched, app, _ = line.strip().split(",")
                if int(fr) < 0:
                    continue
                applied += 1
                errors.append(abs(int(app) - int(sched)) / 1e6)
        dropped += frames - applied
        late += int(stats.get(f"a{i}", {}).get("frames_late", 0))
    errors.sort()
    poll_s = sorted(p[0] for p in polls)
    r = {"agents": args.agents, "uploads": len(files), "tls": args.tls, "show_frames": frames,
         "play_ok": play.returncode == 0, "frames_expected": frames * args.agents, "frames_dropped": dropped,
         "frames_late": late, "apply_error_p50_ms": pct(errors, 50), "apply_error_p99_ms": pct(errors, 99),
         "uploads_failed": len(upload_fail), "upload_failures": upload_fail[:5],
         "upload_s_max": max(upload_s) if upload_s else 0, "train_job": job or train.stderr.strip()[:200],
         "train_state": job_state, "polls": len(polls), "poll_failures": sum(p[1] != 0 for p in polls),
         "deadline_exceeded": upload_deadline + sum(p[2] for p in polls) + ("DEADLINE_EXCEEDED" in pe),
         "poll_p99_s": pct(poll_s, 99), "server_rss_mb_max_sampled": max(rss_samples) if rss_samples else 0,
         "server_peak_rss_mb": peak_rss_mb(server.pid), "server_cpu_pct": (cpu_s(server.pid) - s0) / wall * 100,
         "wall_s": wall}
    if not args.json:
        for k, v in r.items():
            print(f"{k}: {round(v, 3) if isinstance(v, float) else v}")
    return r


if __name__ == "__main__":
    main()
