#!/usr/bin/python3
"""Reference vectors for mote's dsp tests, computed independently in float64
with numpy and scipy (Debian: apt-get install python3-numpy python3-scipy).

Run from anywhere:  /usr/bin/python3 tests/dsp/gen_vectors.py
Writes tests/dsp/data/*.npy and *.json (the JSON files are the same configs
`mote features --config` reads). Deterministic: fixed seeds.

The definitions follow their sources, not mote's code:
- mel (HTK, triangles in mel, DC excluded): tf.signal.linear_to_mel_weight_matrix
- mel (Slaney, triangles in Hz, area norm): librosa.filters.mel(norm="slaney")
- MFCC scaling: tf.signal.mfccs_from_log_mel_spectrograms = dct(x) / sqrt(2N)
  (scipy.fft.dct type 2, norm=None is the same 2 sum x cos(...) transform)
- IMU: scipy.signal.butter(output="sos") + sosfilt, scipy.stats.skew/kurtosis,
  scipy.signal.welch(scaling="spectrum", detrend=False)
"""
import json
import os

import numpy as np
import scipy.fft
import scipy.signal
import scipy.stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def save(name, array):
    np.save(os.path.join(OUT, name), array)


def save_json(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


# --- FFT ---------------------------------------------------------------------
def gen_fft(rng):
    sizes = [8, 16, 32, 64, 128, 256, 512, 1024]
    ins, outs = [], []
    for n in sizes:
        x = rng.uniform(-1, 1, n).astype(np.float32)
        X = np.fft.rfft(x.astype(np.float64))
        ins.append(x)
        outs.append(np.stack([X.real, X.imag], axis=1))
    save("fft_in.npy", np.concatenate(ins))
    save("fft_out.npy", np.concatenate(outs))


# --- audio -------------------------------------------------------------------
def test_signal(rng, sr=16000):
    t = np.arange(sr) / sr
    x = np.zeros(sr)
    a = slice(0, 4000)                      # chirp 100 Hz -> 4 kHz
    x[a] = 0.5 * scipy.signal.chirp(t[a], 100, t[3999], 4000)
    b = slice(4000, 7200)                   # tones + noise
    x[b] = (0.3 * np.sin(2 * np.pi * 440 * t[b]) + 0.2 * np.sin(2 * np.pi * 1250 * t[b]) +
            0.1 * np.sin(2 * np.pi * 3100 * t[b]) + 0.05 * rng.standard_normal(3200))
    # 7200..8800: digital silence
    c = slice(8800, 11200)                  # -60 dBFS noise
    x[c] = 1e-3 * rng.standard_normal(2400)
    d = slice(11200, 16000)                 # voiced-speech-like harmonic complex
    td = t[d] - t[11200]
    env = np.sin(np.pi * td / td[-1]) ** 2
    f0 = 140 * (1 + 0.1 * np.sin(2 * np.pi * 3 * td))
    phase = 2 * np.pi * np.cumsum(f0) / sr
    x[d] = 0.8 * env * sum(np.sin(h * phase) / h for h in range(1, 21))
    return np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16)


def hz_to_mel(f, scale):
    f = np.asarray(f, dtype=np.float64)
    if scale == "htk":
        return 1127.0 * np.log(1.0 + f / 700.0)
    f_sp, brk = 200.0 / 3, 1000.0
    logstep = np.log(6.4) / 27.0
    return np.where(f < brk, f / f_sp, brk / f_sp + np.log(np.maximum(f, 1e-10) / brk) / logstep)


def mel_to_hz(m, scale):
    m = np.asarray(m, dtype=np.float64)
    if scale == "htk":
        return 700.0 * (np.exp(m / 1127.0) - 1.0)
    f_sp, brk = 200.0 / 3, 1000.0
    logstep = np.log(6.4) / 27.0
    return np.where(m < brk / f_sp, m * f_sp, brk * np.exp(logstep * (m - brk / f_sp)))


def mel_matrix(cfg):
    """[fft/2+1, num_mel] weights."""
    nspec = cfg["fft_size"] // 2 + 1
    nmel = cfg["num_mel_bins"]
    scale = cfg["mel_scale"]
    freqs = np.linspace(0, cfg["sample_rate"] / 2, nspec)
    edges_mel = np.linspace(hz_to_mel(cfg["lower_hz"], scale), hz_to_mel(cfg["upper_hz"], scale),
                            nmel + 2)
    if cfg["mel_triangles"] == "mel":
        # tf.signal: drop the DC bin, slopes in mel, pad the DC row back.
        pos = hz_to_mel(freqs[1:], scale)[:, None]
        lo, mid, hi = edges_mel[None, :-2], edges_mel[None, 1:-1], edges_mel[None, 2:]
        w = np.maximum(0, np.minimum((pos - lo) / (mid - lo), (hi - pos) / (hi - mid)))
        w = np.vstack([np.zeros((1, nmel)), w])
    else:
        # librosa: ramps in Hz between mel-spaced edges.
        mel_f = mel_to_hz(edges_mel, scale)
        fdiff = np.diff(mel_f)
        ramps = mel_f[:, None] - freqs[None, :]
        w = np.zeros((nmel, nspec))
        for i in range(nmel):
            lower = -ramps[i] / fdiff[i]
            upper = ramps[i + 2] / fdiff[i + 1]
            w[i] = np.maximum(0, np.minimum(lower, upper))
        w = w.T
    if cfg["mel_norm"] == "slaney":
        mel_f = mel_to_hz(edges_mel, scale)
        w = w * (2.0 / (mel_f[2:] - mel_f[:-2]))[None, :]
    return w


def window(cfg):
    n = cfg["frame_length"]
    name = cfg["window"]
    if name == "rectangular":
        return np.ones(n)
    return scipy.signal.get_window(name, n, fftbins=cfg["periodic_window"])


def audio_features(samples, cfg):
    """Returns (spectrum [frames, nspec], mel energies before noise reduction
    and PCAN, log_mel, features)."""
    x = samples.astype(np.float64)
    x = x / np.max(x) if cfg["normalize"] == "peak" else x / 32768.0
    if cfg["pre_emphasis"] > 0:
        x = np.concatenate([[x[0]], x[1:] - cfg["pre_emphasis"] * x[:-1]])
    L, step, n = cfg["frame_length"], cfg["frame_step"], cfg["fft_size"]
    frames = 1 + (len(x) - L) // step
    framed = np.stack([x[i * step:i * step + L] for i in range(frames)]) * window(cfg)[None, :]
    X = np.fft.rfft(framed, n)
    spec = np.abs(X) if cfg["spectrum"] == "magnitude" else np.abs(X) ** 2
    mel = spec @ mel_matrix(cfg)
    raw_mel = mel
    nr, pcan = cfg["noise_reduction"], cfg["pcan"]
    if nr["enabled"] or pcan["enabled"]:
        noise = np.zeros(mel.shape[1])
        s = np.where(np.arange(mel.shape[1]) % 2 == 0, nr["smoothing_even"], nr["smoothing_odd"])
        out = np.empty_like(mel)
        for f in range(frames):
            e = mel[f].copy()
            noise = (1 - s) * noise + s * e
            if nr["enabled"]:
                e = np.maximum(e - noise, e * nr["min_signal_remaining"])
            if pcan["enabled"]:
                g = (noise + pcan["epsilon"]) ** -pcan["strength"]
                e = (e * g + pcan["offset"]) ** pcan["root"] - pcan["offset"] ** pcan["root"]
            out[f] = e
        mel = out
    log_mel = np.log(mel + cfg["log_offset"])
    if cfg["num_mfcc"] == 0:
        return spec, raw_mel, log_mel, log_mel
    N = log_mel.shape[1]
    if cfg["dct_norm"] == "htk":
        mfcc = scipy.fft.dct(log_mel, type=2, norm=None, axis=-1) / np.sqrt(2.0 * N)
    else:
        mfcc = scipy.fft.dct(log_mel, type=2, norm="ortho", axis=-1)
    mfcc = mfcc[:, :cfg["num_mfcc"]]
    if cfg["lifter"] > 0:
        k = np.arange(cfg["num_mfcc"])
        mfcc = mfcc * (1 + cfg["lifter"] / 2 * np.sin(np.pi * k / cfg["lifter"]))[None, :]
    return spec, raw_mel, log_mel, mfcc


def base_audio_config():
    return {
        "type": "audio", "sample_rate": 16000, "frame_length": 480, "frame_step": 320,
        "fft_size": 512, "window": "hann", "periodic_window": True, "pre_emphasis": 0.0,
        "spectrum": "magnitude", "num_mel_bins": 40, "lower_hz": 20.0, "upper_hz": 4000.0,
        "mel_scale": "htk", "mel_triangles": "mel", "mel_norm": "none", "log_offset": 1e-6,
        "num_mfcc": 10, "dct_norm": "htk", "lifter": 0.0, "normalize": "peak",
        "noise_reduction": {"enabled": False, "smoothing_even": 0.025, "smoothing_odd": 0.06,
                            "min_signal_remaining": 0.05},
        "pcan": {"enabled": False, "strength": 0.95, "offset": 2.0, "root": 0.5,
                 "epsilon": 1e-6},
    }


def audio_cases():
    kws = base_audio_config()  # == --preset mlperf-kws
    kws["clip_samples"] = 16000
    librosa_like = base_audio_config()
    librosa_like.update({
        "frame_length": 400, "frame_step": 160, "window": "hamming", "periodic_window": False,
        "pre_emphasis": 0.97, "spectrum": "power", "num_mel_bins": 32, "lower_hz": 0.0,
        "upper_hz": 8000.0, "mel_scale": "slaney", "mel_triangles": "hz", "mel_norm": "slaney",
        "num_mfcc": 13, "dct_norm": "ortho", "lifter": 22.0, "normalize": "none",
        "log_offset": 1e-10})
    logmel = base_audio_config()
    logmel.update({
        "frame_length": 256, "frame_step": 128, "fft_size": 256, "window": "rectangular",
        "num_mel_bins": 24, "lower_hz": 50.0, "upper_hz": 7000.0, "num_mfcc": 0,
        "normalize": "none"})
    pcan = base_audio_config()
    pcan.update({"num_mfcc": 0, "normalize": "none", "spectrum": "power"})
    pcan["noise_reduction"]["enabled"] = True
    pcan["pcan"]["enabled"] = True
    return {"kws": kws, "librosa": librosa_like, "logmel": logmel, "pcan": pcan}


SPECTRUM_FRAMES = [5, 15, 30, 40]


def gen_audio(rng):
    samples = test_signal(rng)
    save("audio_signal.npy", samples)
    for name, cfg in audio_cases().items():
        spec, mel, log_mel, feats = audio_features(samples, cfg)
        save_json(f"audio_{name}.json", cfg)
        # Spectra of a few frames only (chirp, tones, quiet noise, voiced).
        rows = [f for f in SPECTRUM_FRAMES if f < spec.shape[0]]
        save(f"audio_{name}_spectrum.npy", spec[rows].astype(np.float32))
        save(f"audio_{name}_logmel.npy", log_mel.astype(np.float32))
        save(f"audio_{name}_mel.npy", mel.astype(np.float32))
        save(f"audio_{name}_features.npy", feats.astype(np.float32))
    kws = audio_cases()["kws"]
    save("mel_kws.npy", np.ascontiguousarray(mel_matrix(kws), dtype=np.float32))
    save("mel_librosa.npy", np.ascontiguousarray(mel_matrix(audio_cases()["librosa"]), dtype=np.float32))
    # The int8 tensor kws_ref_model takes (scale/zero point of its input).
    _, _, _, feats = audio_features(samples, kws)
    scale, zp = np.float32(0.5847029089927673), 83
    q = np.clip(np.round(feats.astype(np.float32) / scale) + zp, -128, 127).astype(np.int8)
    save("audio_kws_s8.npy", q.reshape(1, 49, 10, 1))


# --- IMU -----------------------------------------------------------------------
def imu_features(x, cfg):
    fs, n = cfg["sample_rate"], cfg["fft_size"]
    x = x - np.mean(x)
    if cfg["filter"] != "none":
        sos = scipy.signal.butter(cfg["filter_order"], cfg["cutoff_hz"], btype=cfg["filter"],
                                  fs=fs, output="sos")
        x = scipy.signal.sosfilt(sos, x)
    rms = np.sqrt(np.mean(x ** 2))
    skew = scipy.stats.skew(x)
    kurt = scipy.stats.kurtosis(x)
    _, p = scipy.signal.welch(x, fs=fs, window="hann", nperseg=n, noverlap=n // 2,
                              detrend=False, scaling="spectrum")
    bands = np.zeros(cfg["num_bands"])
    for k in range(len(p)):
        b = min(k * cfg["num_bands"] // (n // 2), cfg["num_bands"] - 1)
        bands[b] += p[k]
    peaks = [k for k in range(1, len(p) - 1) if p[k] > p[k - 1] and p[k] >= p[k + 1]]
    peaks.sort(key=lambda k: (-p[k], k))
    peaks = peaks[:cfg["num_peaks"]]
    hz = np.zeros(cfg["num_peaks"])
    pw = np.zeros(cfg["num_peaks"])
    for i, k in enumerate(peaks):
        hz[i], pw[i] = k * fs / n, p[k]
    return np.concatenate([[rms, skew, kurt], bands, hz, pw]), p


def gen_imu(rng):
    fs, n = 100.0, 300
    t = np.arange(n) / fs
    ax = 0.8 * np.sin(2 * np.pi * 2.5 * t) + 0.3 * np.sin(2 * np.pi * 11 * t) + 0.05 * rng.standard_normal(n)
    ay = 9.81 + 0.5 * np.sign(np.sin(2 * np.pi * 1.5 * t)) + 0.1 * rng.standard_normal(n)
    az = 0.2 * rng.standard_normal(n) + 0.6 * np.sin(2 * np.pi * 7 * t) ** 3
    signal = np.stack([ax, ay, az], axis=1).astype(np.float32)
    save("imu_signal.npy", signal)
    with open(os.path.join(OUT, "imu_signal.csv"), "w") as f:
        f.write("timestamp,ax,ay,az\n")
        for i in range(n):
            f.write(f"{i * 10},{signal[i, 0]!r},{signal[i, 1]!r},{signal[i, 2]!r}\n")
    cases = {
        "plain": {"type": "imu", "sample_rate": fs, "fft_size": 64, "filter": "none",
                  "cutoff_hz": 0.0, "filter_order": 2, "num_bands": 8, "num_peaks": 3},
        "lowpass": {"type": "imu", "sample_rate": fs, "fft_size": 128, "filter": "lowpass",
                    "cutoff_hz": 8.0, "filter_order": 4, "num_bands": 6, "num_peaks": 2},
        "highpass": {"type": "imu", "sample_rate": fs, "fft_size": 64, "filter": "highpass",
                     "cutoff_hz": 3.0, "filter_order": 2, "num_bands": 4, "num_peaks": 3},
    }
    for name, cfg in cases.items():
        feats = np.stack([imu_features(signal[:, a].astype(np.float64), cfg)[0] for a in range(3)])
        save_json(f"imu_{name}.json", cfg)
        save(f"imu_{name}_features.npy", feats)


# --- images --------------------------------------------------------------------
def bilinear(img, oh, ow):
    ih, iw, _ = img.shape
    img = img.astype(np.float64)

    def taps(o, i):
        src = np.maximum((np.arange(o) + 0.5) * i / o - 0.5, 0.0)
        i0 = np.minimum(np.floor(src).astype(int), i - 1)
        f = np.where(i0 >= i - 1, 0.0, src - i0)
        i1 = np.minimum(i0 + 1, i - 1)
        return i0, i1, f
    y0, y1, fy = taps(oh, ih)
    x0, x1, fx = taps(ow, iw)
    top = img[y0][:, x0] * (1 - fx)[None, :, None] + img[y0][:, x1] * fx[None, :, None]
    bot = img[y1][:, x0] * (1 - fx)[None, :, None] + img[y1][:, x1] * fx[None, :, None]
    return top * (1 - fy)[:, None, None] + bot * fy[:, None, None]


def area(img, oh, ow):
    ih, iw, c = img.shape

    def weights(o, i):
        w = np.zeros((o, i))
        for d in range(o):
            lo, hi = d * i / o, (d + 1) * i / o
            for s in range(i):
                w[d, s] = max(0.0, min(hi, s + 1) - max(lo, s))
        return w / (i / o)
    wy, wx = weights(oh, ih), weights(ow, iw)
    return np.einsum("yi,ijc,xj->yxc", wy, img.astype(np.float64), wx)


def gen_image(rng):
    h, w = 37, 53
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.stack([(xx * 255 // (w - 1)), (yy * 255 // (h - 1)),
                    (128 + 100 * np.sin(xx / 3.0) * np.cos(yy / 4.0))], axis=-1)
    img = np.clip(img + rng.integers(-20, 21, img.shape), 0, 255).astype(np.uint8)
    save("image_rgb.npy", img)
    save("image_bilinear_20x12.npy", bilinear(img, 12, 20).astype(np.float32))
    save("image_bilinear_60x40.npy", bilinear(img, 40, 60).astype(np.float32))
    save("image_area_20x12.npy", area(img, 12, 20).astype(np.float32))
    save("image_area_60x40.npy", area(img, 40, 60).astype(np.float32))
    gray = img.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    save("image_gray.npy", gray.astype(np.float32))


def main():
    os.makedirs(OUT, exist_ok=True)
    gen_fft(np.random.default_rng(1))
    gen_audio(np.random.default_rng(2))
    gen_imu(np.random.default_rng(3))
    gen_image(np.random.default_rng(4))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
