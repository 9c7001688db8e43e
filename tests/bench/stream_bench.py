#!/usr/bin/env python3
"""Streaming benchmark (not a timed test): N sim agents (separate processes) on
loopback against one lightshow-server playing one show. Reports, from the sim
CSVs and /proc: apply error |applied - scheduled| p50/p99/max, late (> 5 ms)
and dropped frames, agent RSS (peak) and CPU, server CPU.

  tests/bench/stream_bench.py --bin build/bin --agents 1,10,100 --seconds 180 \
      --server-args "--agent-connects-per-min 100000 --agent-connect-burst 1000"

(Every sim agent dials from 127.0.0.1, so the server's per-IP agent connection
limit must be raised for 100 agents.)

Targets: p99 <= 1 ms with 1 agent, <= 2 ms with 100; no dropped
frame; agent RSS <= 15 MB; agent CPU <= 2 % of a core.
"""
import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        m = re.search(r"VmHWM:\s+(\d+) kB", f.read())
    return int(m.group(1)) / 1024 if m else 0.0


def wait_for(pred, timeout, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(step)
    return False


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    return sorted_vals[min(len(sorted_vals) - 1, int(p / 100 * len(sorted_vals)))]


def start_server(bin_dir, work, extra_args, timeout=30):
    """Starts lightshow-server on 127.0.0.1:0 with its data under work/data; returns (process, address)."""
    out = open(os.path.join(work, "server.out"), "w+")
    err = os.path.join(work, "server.err")
    server = subprocess.Popen([f"{bin_dir}/lightshow-server", "--listen", "127.0.0.1:0", "--metrics-listen",
                               "127.0.0.1:0", "--data-dir", os.path.join(work, "data")] + extra_args,
                              stdout=out, stderr=open(err, "w"))
    addr = None

    def up():
        nonlocal addr
        out.seek(0)
        m = re.search(r"listening on (\S+)", out.read())
        addr = m.group(1) if m else None
        return addr is not None
    if not wait_for(up, timeout):
        server.kill()
        sys.exit("server did not start: " + open(err).read())
    return server, addr


def start_agents(bin_dir, work, addr, token, n, extra_args=()):
    """Starts n sim agents a0..a{n-1}; returns [(process, csv path)]."""
    agents = []
    for i in range(n):
        csv = os.path.join(work, f"a{i}.csv")
        p = subprocess.Popen([f"{bin_dir}/lightshow-agent", "--server", addr, "--token-file", token, "--id", f"a{i}",
                              "--gpio", f"sim:{csv}"] + list(extra_args), stdout=subprocess.DEVNULL,
                             stderr=open(os.path.join(work, f"a{i}.err"), "w"))
        agents.append((p, csv))
    return agents


def stop_all(server, agents, server_timeout=30):
    """SIGTERM to every agent, then the server; waits for each."""
    for p, _ in agents:
        p.send_signal(signal.SIGTERM)
    for p, _ in agents:
        p.wait(timeout=20)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=server_timeout)


def agent_listing(lsctl, timeout=30):
    r = subprocess.run(lsctl + ["--json", "agents"], capture_output=True, text=True, timeout=timeout)
    return json.loads(r.stdout)["agents"] if r.returncode == 0 else []


def wait_agents(lsctl, n, timeout):
    if not wait_for(lambda: sum(a.get("connected", False) for a in agent_listing(lsctl)) == n, timeout, 0.5):
        sys.exit(f"not all {n} agents connected")


def make_show_wav(path, seconds):
    """A tone sweep with plucks and tremolo: enough change for the bands to switch."""
    subprocess.run(["sox", "-n", "-r", "44100", "-c", "1", path, "synth", str(seconds), "sine", "110-1760",
                    "synth", str(seconds), "pluck", "mix", "tremolo", "3", "80"], check=True)


def run_case(args, n, seconds, work):
    server, addr = start_server(args.bin, work, args.server_args.split(), timeout=20)
    token = os.path.join(work, "data", "token")
    lsctl = [f"{args.bin}/lsctl", "--server", addr, "--token-file", token]
    agents = start_agents(args.bin, work, addr, token, n)
    listing = lambda: agent_listing(lsctl)  # noqa: E731
    wait_agents(lsctl, n, 60)
    wav = os.path.join(work, "song.wav")
    make_show_wav(wav, seconds)
    sub = json.loads(subprocess.run(lsctl + ["--json", "submit", wav], capture_output=True, text=True, check=True).stdout)
    song = sub["songs"][0]
    frames = int(song["frame_count"])
    time.sleep(3)  # clock sync settles (fast pings, then min-RTT filter)
    c0 = {p.pid: cpu_s(p.pid) for p, _ in agents}
    s0, t0 = cpu_s(server.pid), time.time()
    r = subprocess.run(lsctl + ["--json", "play", song["id"], "--lead-ms", "2000", "--no-audio", "--wait"],
                       capture_output=True, text=True, timeout=seconds + 120)
    if r.returncode != 0:
        sys.exit("play failed: " + r.stderr)
    time.sleep(1.5)  # safe-off lines and last stats
    wall = time.time() - t0
    agent_cpu = [(cpu_s(p.pid) - c0[p.pid]) / wall * 100 for p, _ in agents]
    server_cpu = (cpu_s(server.pid) - s0) / wall * 100
    rss = [peak_rss_mb(p.pid) for p, _ in agents]
    stats = {a["id"]: a for a in listing()}
    errors, dropped, late, disorder = [], 0, 0, 0
    for i, (_, csv) in enumerate(agents):
        last = -1
        applied = 0
        with open(csv) as f:
            next(f)
            for line in f:
                fr, sched, app, _mask = line.strip().split(",")
                fr = int(fr)
                if fr < 0:
                    continue
                applied += 1
                disorder += fr <= last
                last = fr
                errors.append(abs(int(app) - int(sched)) / 1e6)
        dropped += frames - applied
        late += int(stats.get(f"a{i}", {}).get("frames_late", 0))
    stop_all(server, agents)
    errors.sort()
    return {"agents": n, "fps": round(44100 / int(song.get("hop", 1024)), 1), "frames": frames,
            "p50_ms": pct(errors, 50), "p99_ms": pct(errors, 99), "max_ms": errors[-1] if errors else float("nan"),
            "late": late, "dropped": dropped, "out_of_order": disorder,
            "agent_rss_mb_max": max(rss), "agent_cpu_pct_mean": sum(agent_cpu) / n,
            "agent_cpu_pct_max": max(agent_cpu), "server_cpu_pct": server_cpu}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--agents", default="1,10,100")
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--server-args", default="", help="extra lightshow-server flags, space separated")
    args = ap.parse_args()
    rows = []
    for n in [int(x) for x in args.agents.split(",")]:
        work = tempfile.mkdtemp(prefix="stream-bench-")
        try:
            rows.append(run_case(args, n, args.seconds, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if not args.json:
            r = rows[-1]
            print(f"agents={r['agents']:>3} frames={r['frames']} p50={r['p50_ms']:.3f}ms p99={r['p99_ms']:.3f}ms "
                  f"max={r['max_ms']:.3f}ms late={r['late']} dropped={r['dropped']} order_err={r['out_of_order']} "
                  f"agentRSS={r['agent_rss_mb_max']:.1f}MB agentCPU={r['agent_cpu_pct_mean']:.2f}%(max {r['agent_cpu_pct_max']:.2f}%) "
                  f"serverCPU={r['server_cpu_pct']:.1f}%", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
