"""Quantization benchmark: Quantscope against ONNX Runtime's quantize_static (PyPI onnxruntime), both judged in
ONNX Runtime on identical inputs. Run by tests/bench/bench_quant.sh (`make bench-quant`), never by ctest.

Demo model (resources/demo): float accuracy; ORT quantize_static with its defaults (QDQ, per-tensor, MinMax) and
per-channel with MinMax / Entropy / Percentile (the most accurate is "ORT best"); `quantscope-cli quantize` with
every demo config. For each: wall time of the quantize call, accuracy of the export in ORT, top-1 agreement with
the float model in ORT, SQNR of the outputs against float, and for ours the accuracy it predicted. ORT's
calibration reader is fed the tensors that `quantscope-cli preprocess` writes, so both tools see the same inputs.

Optional torchvision part (--photos DIR): resnet18 with random weights, calibrated and evaluated on a folder of
photos with resources/configs/imagenet-w8a8.json; without labels, agreement and SQNR against float are reported.
"""

import argparse
import contextlib
import glob
import io
import json
import logging
import os
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort
from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, quantize_static

CALIB_BATCH = 16
EVAL_BATCH = 64


def run(argv):
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench_quant: failed (exit {result.returncode}): {' '.join(argv)}")
    return result.stdout


def preprocess(cli, images, config, out_dir):
    run([cli, "preprocess", "--images", images, "--config", config, "--output-dir", out_dir])
    labels = np.load(os.path.join(out_dir, "labels.npy"))
    return np.load(os.path.join(out_dir, "inputs.npy")), labels if (labels >= 0).any() else None


class NpyReader(CalibrationDataReader):
    """Hands quantize_static the preprocessed calibration tensors in batches."""

    def __init__(self, input_name, inputs, batch):
        self.input_name = input_name
        self.batches = [inputs[i:i + batch] for i in range(0, len(inputs), batch)]
        self.position = 0

    def get_next(self):
        if self.position >= len(self.batches):
            return None
        self.position += 1
        return {self.input_name: self.batches[self.position - 1]}

    def rewind(self):
        self.position = 0


def fixed_batch(session):
    first = session.get_inputs()[0].shape[0]
    return first if isinstance(first, int) and first > 0 else 0


def run_model(model_path, inputs):
    """The first output for every sample, as [N, -1] (pads the last batch when the batch dimension is fixed)."""
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    batch = fixed_batch(session) or EVAL_BATCH
    result = []
    for start in range(0, len(inputs), batch):
        chunk = inputs[start:start + batch]
        count = len(chunk)
        if fixed_batch(session) and count < batch:
            chunk = np.concatenate([chunk, np.zeros((batch - count,) + chunk.shape[1:], chunk.dtype)])
        logits = session.run(None, {name: chunk})[0]
        result.append(logits.reshape(len(chunk), -1)[:count])
    return np.concatenate(result)


def input_name(model_path):
    return ort.InferenceSession(model_path, providers=["CPUExecutionProvider"]).get_inputs()[0].name


def judge(row, model_path, eval_inputs, labels, float_logits):
    """Adds the export's top-1 (with labels), agreement with float, output SQNR against float and file size."""
    logits = run_model(model_path, eval_inputs)
    predicted = np.argmax(logits, axis=1)
    row["ort_top1"] = float(np.mean(predicted == labels)) if labels is not None else None
    row["agreement_with_float"] = float(np.mean(predicted == np.argmax(float_logits, axis=1)))
    noise = np.sum((logits.astype(np.float64) - float_logits) ** 2)
    row["output_sqnr_db"] = float(10 * np.log10(np.sum(float_logits.astype(np.float64) ** 2) / max(noise, 1e-30)))
    row["file_bytes"] = os.path.getsize(model_path)
    return row


def ort_variants():
    """quantize_static's defaults (QDQ, int8 weights and activations, per tensor, MinMax), then per channel."""
    yield "ORT default (per-tensor MinMax)", dict()
    for method in (CalibrationMethod.MinMax, CalibrationMethod.Entropy, CalibrationMethod.Percentile):
        yield f"ORT per-channel {method.name}", dict(per_channel=True, calibrate_method=method)


def bench_ort(model, calib_inputs, eval_inputs, labels, float_logits, work, variants):
    rows = []
    name = input_name(model)
    for index, (title, settings) in enumerate(variants):
        out = os.path.join(work, f"ort_{index}.onnx")
        reader = NpyReader(name, calib_inputs, CALIB_BATCH)
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the histogram calibrators print their settings
            quantize_static(model, out, reader, **settings)
        seconds = time.perf_counter() - start
        rows.append(judge({"name": title, "quantize_s": seconds}, out, eval_inputs, labels, float_logits))
    return rows


def bench_ours(cli, model, calib_dir, eval_dir, configs, eval_inputs, labels, float_logits, work):
    rows = []
    for config in configs:
        tag = os.path.splitext(os.path.basename(config))[0]
        out = os.path.join(work, f"ours_{tag}.onnx")
        start = time.perf_counter()
        report = json.loads(run([cli, "quantize", model, "--calib", calib_dir, "--eval", eval_dir, "--config",
                                 config, "--output", out, "--json"]))
        seconds = time.perf_counter() - start
        accuracy = report.get("accuracy") or {}
        # ORT's quantize call does not evaluate: leave out the evaluation that `--eval` adds to ours.
        evaluation_s = (report.get("timing") or {}).get("evaluation_s", 0.0)
        row = {"name": f"ours {tag}", "quantize_s": seconds - evaluation_s, "wall_with_eval_s": seconds,
               "predicted_top1": accuracy.get("quant"),
               "predicted_agreement": report.get("agreement_top1"), "timing": report.get("timing")}
        rows.append(judge(row, out, eval_inputs, labels, float_logits))
    return rows


def percent(value):
    return "-" if value is None else f"{value * 100:6.2f} %"


def print_table(title, rows, float_top1):
    print(f"\n== {title}")
    if float_top1 is not None:
        print(f"float top-1 in ORT: {percent(float_top1)}")
    print("quantize: wall time of the quantize call (ours: without the evaluation that --eval adds)")
    print(f"{'':36} {'quantize':>9} {'ORT top-1':>10} {'predicted':>10} {'agree/float':>11} {'SQNR':>8} "
          f"{'file':>9}")
    for row in rows:
        print(f"{row['name']:36} {row['quantize_s']:8.2f}s {percent(row.get('ort_top1')):>10} "
              f"{percent(row.get('predicted_top1')):>10} {percent(row['agreement_with_float']):>11} "
              f"{row['output_sqnr_db']:6.1f}dB {row['file_bytes'] / 1024:7.1f}KB")


def print_ratios(ours, ort_rows, key):
    default = ort_rows[0]
    best = max(ort_rows[1:] or ort_rows, key=lambda r: r[key])
    print(f"ORT best: {best['name']}")
    for row in ours:
        print(f"{row['name']:36} time ours/ORT default {row['quantize_s'] / default['quantize_s']:5.2f}x, "
              f"ours/ORT best {row['quantize_s'] / best['quantize_s']:5.2f}x; "
              f"{key} ours - ORT best {(row[key] - best[key]) * 100:+.2f} pt")


def demo_part(args, work):
    demo = os.path.join(args.source, "resources", "demo")
    configs_dir = os.path.join(args.source, "resources", "configs")
    model = os.path.join(demo, "model.onnx")
    preprocess_config = os.path.join(configs_dir, "demo-w8a8.json")
    calib_inputs, _ = preprocess(args.cli, os.path.join(demo, "calib"), preprocess_config,
                                 os.path.join(work, "calib"))
    eval_inputs, labels = preprocess(args.cli, os.path.join(demo, "eval"), preprocess_config,
                                     os.path.join(work, "eval"))
    float_logits = run_model(model, eval_inputs)
    float_top1 = float(np.mean(np.argmax(float_logits, axis=1) == labels))
    ort_rows = bench_ort(model, calib_inputs, eval_inputs, labels, float_logits, work, ort_variants())
    configs = sorted(glob.glob(os.path.join(configs_dir, "demo-*.json")))
    ours = bench_ours(args.cli, model, os.path.join(demo, "calib"), os.path.join(demo, "eval"), configs,
                      eval_inputs, labels, float_logits, work)
    print_table(f"demo model: {len(calib_inputs)} calibration, {len(eval_inputs)} evaluation images",
                ort_rows + ours, float_top1)
    print_ratios(ours, ort_rows, "ort_top1")
    return {"float_top1": float_top1, "ort": ort_rows, "ours": ours}


def torchvision_part(args, work):
    model = os.path.join(args.fixtures, "resnet18.onnx")
    config = os.path.join(args.source, "resources", "configs", "imagenet-w8a8.json")
    for needed in (model, config, args.photos):
        if not os.path.exists(needed):
            print(f"\n== resnet18: skipped ({needed} is missing)")
            return None
    inputs, _ = preprocess(args.cli, args.photos, config, os.path.join(work, "photos_preprocessed"))
    float_logits = run_model(model, inputs)
    variants = [next(ort_variants()), ("ORT per-channel MinMax", dict(per_channel=True))]
    ort_rows = bench_ort(model, inputs, inputs, None, float_logits, work, variants)
    ours = bench_ours(args.cli, model, args.photos, args.photos, [config], inputs, None, float_logits, work)
    print_table(f"resnet18 (random weights): {len(inputs)} photos for calibration and evaluation, "
                "agreement with float", ort_rows + ours, None)
    print_ratios(ours, ort_rows, "agreement_with_float")
    return {"ort": ort_rows, "ours": ours}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="quantscope-cli binary")
    parser.add_argument("--source", required=True, help="repository root")
    parser.add_argument("--work", required=True, help="folder for exports and preprocessed tensors")
    parser.add_argument("--fixtures", help="folder with the torchvision exports (resnet18.onnx)")
    parser.add_argument("--photos", help="folder of photos for the resnet18 part (skipped without it)")
    parser.add_argument("--parts", default="demo,resnet18", help="comma-separated parts to run")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    logging.getLogger().setLevel(logging.ERROR)  # quantize_static's advice to pre-process the model first
    print(f"onnxruntime {ort.__version__}, {os.cpu_count()} hardware threads")
    results = {"demo": demo_part(args, args.work)} if "demo" in args.parts else {}
    if args.photos and args.fixtures and "resnet18" in args.parts:
        results["resnet18"] = torchvision_part(args, args.work)
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(f"\nresults: {os.path.join(args.work, 'results.json')}")


if __name__ == "__main__":
    main()
