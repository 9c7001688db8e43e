#!/usr/bin/env python3
"""Writes the fuzz seed corpora into tests/fuzz/corpus/<target>/: tiny
synthetic inputs (< 4 KB each, no real music). Needs python3 and protoc
(protobuf-compiler) for the protobuf seeds. Run from anywhere:
    tests/fuzz/make_seeds.py
"""
import math
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROTO = os.path.join(ROOT, "proto")


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    assert len(data) < 4096, (target, name, len(data))
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def chunk(cid, body):
    pad = b"\0" if len(body) % 2 else b""
    return cid + struct.pack("<I", len(body)) + body + pad


def wav(channels=1, rate=8000, bits=16, fmt_tag=1, frames=1100, extra=b"", data_size=None):
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * block, block, bits)
    samples = bytearray()
    for i in range(frames):
        v = math.sin(2 * math.pi * 440 * i / rate)
        for _ in range(channels):
            if fmt_tag == 3:
                samples += struct.pack("<f", v * 0.5)
            elif bits == 8:
                samples += struct.pack("<B", int(128 + 100 * v))
            elif bits == 16:
                samples += struct.pack("<h", int(10000 * v))
            else:
                samples += struct.pack("<i", int(1e8 * v))[: bits // 8]
    size = len(samples) if data_size is None else data_size
    body = b"WAVE" + chunk(b"fmt ", fmt) + extra + b"data" + struct.pack("<I", size) + bytes(samples)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def audio_seeds():
    seeds = {
        "pcm16_mono.wav": wav(),
        "pcm8_mono.wav": wav(bits=8),
        "pcm24_stereo.wav": wav(channels=2, bits=24, frames=600),
        "float_mono.wav": wav(fmt_tag=3, bits=32, frames=900),
        "list_chunk.wav": wav(extra=chunk(b"LIST", b"INFOISFT\x05\0\0\0test\0")),
        "unknown_size.wav": wav(data_size=0xFFFFFFFF),
        "claims_more.wav": wav(frames=200, data_size=100000),
        "eight_channels.wav": wav(channels=8, frames=200),
        "truncated.wav": wav()[:30],
        "not_audio.txt": b"this is not audio at all\n" * 8,
        "flac_magic": b"fLaC\0\0\0\x22" + b"\0" * 40,
        "ogg_magic": b"OggS\0\x02" + b"\0" * 40,
        "id3_magic": b"ID3\x04\0\0\0\0\0\0" + b"\xff\xfb\x90\x00" * 16,
    }
    for name, data in seeds.items():
        write("decode_fuzz", name, data)
        write("wav_header_fuzz", name, data)


def encode(message, text):
    return subprocess.run(["protoc", "-I", PROTO, "--encode=lightshow.v1." + message,
                           "lightshow/v1/agent_link.proto", "lightshow/v1/model.proto"],
                          input=text.encode(), capture_output=True, check=True).stdout


def framed(msgs):
    out = b""
    for m in msgs:
        out += struct.pack("<H", len(m)) + m
    return out


def agent_seeds():
    t0 = 1700000000000000000
    welcome = encode("ServerMessage", "welcome { group: 0 server_version: \"0.1.0\" heartbeat_interval_ms: 1000 }")
    start = encode("ServerMessage",
                   "start { show_id: \"p1\" song_id: \"abc\" start { unix_ns: %d } frame_period_ns: 23219955 "
                   "frame_count: 4 }" % (t0 + 1500000000))
    frames = encode("ServerMessage",
                    "frames { show_id: \"p1\" " + " ".join(
                        "frames { index: %d present { unix_ns: %d } mask: %d }" % (i, t0 + 1500000000 + i * 23219955, i * 37 % 256)
                        for i in range(4)) + " last: true }")
    stop = encode("ServerMessage", "stop { show_id: \"p1\" reason: \"stopped\" }")
    pong = encode("ServerMessage", "pong { seq: 1 t1_ns: %d t2_ns: %d t3_ns: %d }" % (t0, t0 + 1000, t0 + 2000))
    write("agent_messages_fuzz", "show", framed([welcome, pong, start, frames, stop]))
    write("agent_messages_fuzz", "frames_unknown_show", framed([frames]))
    write("agent_messages_fuzz", "two_starts", framed([start, start, frames, frames]))


def model_seeds():
    # model_file_fuzz takes the NnModel payload (it adds the header itself).
    w = struct.pack("<6f", 0.1, -0.2, 0.3, 0.4, -0.5, 0.6)
    b = struct.pack("<2f", 0.01, -0.02)

    def esc(bs):
        return "".join("\\%03o" % c for c in bs)

    dense = ("layers { kind: \"dense\" units_in: 3 units_out: 2 } layers { kind: \"sigmoid\" units_in: 2 units_out: 2 } "
             "tensors { name: \"0.weight\" shape: 2 shape: 3 data: \"%s\" } "
             "tensors { name: \"0.bias\" shape: 2 shape: 1 data: \"%s\" } "
             "metadata { key: \"task\" value: \"logreg\" }" % (esc(w), esc(b)))
    write("model_file_fuzz", "dense_sigmoid", encode("NnModel", dense))
    write("model_file_fuzz", "relu_only", encode("NnModel", "layers { kind: \"relu\" units_in: 4 units_out: 4 }"))
    write("model_file_fuzz", "empty", b"")


if __name__ == "__main__":
    audio_seeds()
    agent_seeds()
    model_seeds()
    print("seeds written to", os.path.join(HERE, "corpus"), file=sys.stderr)
