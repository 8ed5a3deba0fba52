#!/usr/bin/python3
"""End-to-end check of one quantization strategy on one model, against the reference runtime.

Steps: quantize with `quantscope-cli quantize --json`, check the export with libonnx's checker, run it in
onnxruntime-node (tests/runtime_ref/orteval.js) and in our engine (`quantscope-cli run`) on the same preprocessed
evaluation set (written beforehand by `quantscope-cli preprocess`), then assert:
  - the reference runtime's top-1 accuracy of the export equals the accuracy the CLI predicted, within 0.2 points,
  - the reference runtime's float accuracy equals the CLI's float accuracy, within 0.2 points,
  - the arg-max of the reference runtime and of our engine agree on at least 99.5 % of the images,
  - the export's initializers are at most --max-weight-ratio of the float model's (when given).
The reference runtime runs twice: as applications get it (all graph optimizations: on CPU, QDQ pairs around Conv
and MatMul become integer kernels) for the accuracy, and with optimizations disabled (every node as the ONNX
specification defines it, which is what our engine computes) for the agreement. The agreement with the optimized
run is reported too: without VNNI, ORT's uint8 x int8 kernels saturate 16-bit intermediate sums, so it may differ.
Prints one JSON line with the measured numbers; exits with 1 on any failed check, 2 when a step cannot run.
"""

import argparse
import json
import os
import subprocess
import sys

import numpy as np
import onnx

ACCURACY_TOLERANCE = 0.002
MIN_AGREEMENT = 0.995


def run(argv, what):
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        print(f"e2e: {what} failed (exit {result.returncode}): {' '.join(argv)}", file=sys.stderr)
        sys.exit(2)
    return result.stdout


def parse_json(text, what):
    """The JSON object printed on stdout (the whole output, or else its last line that is an object)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            continue
    print(f"e2e: {what} printed no JSON:\n{text}", file=sys.stderr)
    sys.exit(2)


def initializer_bytes(path):
    model = onnx.load(path)
    return sum(tensor.ByteSize() for tensor in model.graph.initializer)


def ort_eval(args, model, inputs, labels, logits_path, optimization="all"):
    out = run([args.node, args.orteval, model, inputs, "--labels", labels, "--out", logits_path, "--optimization",
               optimization], f"onnxruntime-node on {model}")
    return parse_json(out, "orteval.js")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="quantscope-cli binary")
    parser.add_argument("--node", default="node")
    parser.add_argument("--orteval", required=True, help="tests/runtime_ref/orteval.js")
    parser.add_argument("--model", required=True, help="float ONNX model")
    parser.add_argument("--calib", required=True, help="calibration image folder")
    parser.add_argument("--eval-images", required=True, help="labelled evaluation image folder")
    parser.add_argument("--eval-inputs", required=True, help="folder written by `quantscope-cli preprocess`")
    parser.add_argument("--config", required=True)
    parser.add_argument("--work", required=True, help="folder for the export and intermediate files")
    parser.add_argument("--input-name", default="input")
    parser.add_argument("--output-name", default="logits")
    parser.add_argument("--max-weight-ratio", type=float, default=None,
                        help="largest allowed export/float ratio of initializer bytes")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    export = os.path.join(args.work, "out.onnx")
    inputs = os.path.join(args.eval_inputs, "inputs.npy")
    labels = os.path.join(args.eval_inputs, "labels.npy")

    report = parse_json(
        run([args.cli, "quantize", args.model, "--calib", args.calib, "--eval", args.eval_images, "--config",
             args.config, "--output", export, "--json"], "quantize"), "quantize --json")
    with open(os.path.join(args.work, "report.json"), "w") as f:
        json.dump(report, f, indent=1)

    failures = []
    try:
        onnx.checker.check_model(export)
    except onnx.checker.ValidationError as error:
        failures.append(f"onnx checker rejects the export: {str(error).splitlines()[0]}")

    ort_quant = ort_eval(args, export, inputs, labels, os.path.join(args.work, "ort_quant_logits.npy"))
    ort_exact = ort_eval(args, export, inputs, labels, os.path.join(args.work, "ort_exact_logits.npy"),
                         "disabled")
    ort_float = ort_eval(args, args.model, inputs, labels, os.path.join(args.work, "ort_float_logits.npy"))
    ours_dir = os.path.join(args.work, "ours")
    run([args.cli, "run", export, "--input", f"{args.input_name}={inputs}", "--output-dir", ours_dir],
        "quantscope-cli run on the export")

    label_values = np.load(labels)
    ort_logits = np.load(os.path.join(args.work, "ort_quant_logits.npy"))
    exact_logits = np.load(os.path.join(args.work, "ort_exact_logits.npy"))
    our_logits = np.load(os.path.join(ours_dir, args.output_name + ".npy"))
    if our_logits.shape != ort_logits.shape:
        failures.append(f"our engine's output shape {our_logits.shape} differs from the reference's "
                        f"{ort_logits.shape}")
        our_logits = np.zeros_like(ort_logits)
    agreement = float(np.mean(np.argmax(our_logits, axis=1) == np.argmax(exact_logits, axis=1)))
    agreement_optimized = float(np.mean(np.argmax(our_logits, axis=1) == np.argmax(ort_logits, axis=1)))
    labelled = label_values >= 0
    ours_top1 = float(np.mean(np.argmax(our_logits, axis=1)[labelled] == label_values[labelled]))

    accuracy = report.get("accuracy") or {}
    predicted_quant = accuracy.get("quant")
    predicted_float = accuracy.get("float")
    float_bytes = initializer_bytes(args.model)
    quant_bytes = initializer_bytes(export)
    summary = {
        "config": os.path.basename(args.config),
        "images": ort_quant["images"],
        "predicted_float_top1": predicted_float,
        "predicted_quant_top1": predicted_quant,
        "ort_float_top1": ort_float.get("top1"),
        "ort_quant_top1": ort_quant.get("top1"),
        "ort_exact_quant_top1": ort_exact.get("top1"),
        "engine_quant_top1": ours_top1,
        "engine_ort_agreement": agreement,
        "engine_ort_optimized_agreement": agreement_optimized,
        "max_abs_logit_difference": float(np.max(np.abs(our_logits - exact_logits))),
        "cli_agreement_top1": report.get("agreement_top1"),
        "float_initializer_bytes": float_bytes,
        "quant_initializer_bytes": quant_bytes,
        "float_file_bytes": os.path.getsize(args.model),
        "quant_file_bytes": os.path.getsize(export),
        "skipped_images": report.get("skipped_images"),
        "timing": report.get("timing"),
    }
    print(json.dumps(summary))

    if predicted_quant is None:
        failures.append("quantize --json reports no accuracy.quant for the labelled evaluation folder")
    elif abs(ort_quant["top1"] - predicted_quant) > ACCURACY_TOLERANCE:
        failures.append(f"reference top-1 of the export {ort_quant['top1']:.4f} differs from the predicted "
                        f"{predicted_quant:.4f} by more than {ACCURACY_TOLERANCE * 100:.1f} points")
    if predicted_float is not None and abs(ort_float["top1"] - predicted_float) > ACCURACY_TOLERANCE:
        failures.append(f"reference float top-1 {ort_float['top1']:.4f} differs from the CLI's "
                        f"{predicted_float:.4f} by more than {ACCURACY_TOLERANCE * 100:.1f} points")
    if agreement < MIN_AGREEMENT:
        failures.append(f"our engine and the reference runtime (optimizations disabled) agree on "
                        f"{agreement * 100:.2f} % of the arg-max predictions (< {MIN_AGREEMENT * 100:.1f} %)")
    if args.max_weight_ratio is not None and quant_bytes > args.max_weight_ratio * float_bytes:
        failures.append(f"export initializers take {quant_bytes} bytes, more than {args.max_weight_ratio} x the "
                        f"float model's {float_bytes}")
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
