#!/usr/bin/python3
"""Builds the seed corpus of the fuzz targets (tests/fuzz) into OUT/<target>/.

    /usr/bin/python3 tests/fuzz/make_corpus.py --out build-fuzz/corpus [--build build]
    /usr/bin/python3 tests/fuzz/make_corpus.py --seeds tests/fuzz/regressions/seeds

model   the demo model, the ONNX operator test models (libonnx-testdata), the first layers of every
        torchvision fixture model (made by the test suite in BUILD/fixtures) and hand-made edge cases
config  resources/configs/*.json and hand-made edge cases
image   a few demo evaluation images, the same pixels in other formats and depths, and edge cases
npy     arrays of every supported dtype and layout, and edge cases
Every corpus also gets the checked-in inputs of tests/fuzz/regressions.

--seeds writes only the hand-made edge cases (the checked-in seeds, small by design). Needs Debian's python3
with numpy, onnx and PIL (python3-numpy python3-onnx python3-pil).
"""

import argparse
import glob
import hashlib
import io
import os
import shutil
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ONNX_NODE_TESTS = "/usr/share/libonnx-testdata/data/node"
# Seeds above these sizes are left out (libFuzzer's -max_len of `make fuzz` cuts longer inputs anyway).
MAX_BYTES = {"model": 256 << 10, "config": 16 << 10, "image": 64 << 10, "npy": 64 << 10}


class Corpus:
    def __init__(self, root, target):
        self.dir = os.path.join(root, target)
        self.limit = MAX_BYTES[target]
        self.count = 0
        os.makedirs(self.dir, exist_ok=True)

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode()
        if len(data) > self.limit:
            return
        with open(os.path.join(self.dir, name), "wb") as out:
            out.write(data)
        self.count += 1

    def add_file(self, name, path):
        with open(path, "rb") as src:
            self.add(name, src.read())


# --- models -----------------------------------------------------------------------------------------------


def model_bytes(nodes, inputs, outputs, initializers=(), opset=17, ir_version=8):
    graph = helper.make_graph(nodes, "edge", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = ir_version
    return model.SerializeToString()


def fvalue(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def ivalue(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.INT64, shape)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def floats(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def external(name, dims, location, offset=None, length=None):
    tensor = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=dims)
    tensor.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset), ("length", length)):
        if value is not None:
            entry = tensor.external_data.add()
            entry.key, entry.value = key, str(value)
    return tensor


def loop_body(add_one=True):
    nodes = [helper.make_node("Identity", ["cond_in"], ["cond_out"])]
    nodes.append(helper.make_node("Add", ["x_in", "one"], ["x_out"]) if add_one
                 else helper.make_node("Identity", ["x_in"], ["x_out"]))
    return helper.make_graph(
        nodes, "body",
        [ivalue("i", []), helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []), fvalue("x_in", [1])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []), fvalue("x_out", [1])],
        initializer=[floats("one", [1.0])])


def edge_models():
    """Hand-made models at the edges of the loader and the executor."""
    x = [fvalue("x", [1, 3, 4, 4])]
    y = [fvalue("y", None)]
    cases = {}
    cases["relu"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])], x, y)
    cases["symbolic_dims"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])],
                                         [fvalue("x", ["batch", 3, "h", "w"])], y)
    cases["no_shape_input"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])], [fvalue("x", None)], y)
    cases["reshape_huge"] = model_bytes([helper.make_node("Reshape", ["x", "s"], ["y"])], x, y,
                                        [ints("s", [1 << 31, 1 << 31, 1 << 31])])
    cases["reshape_negative"] = model_bytes([helper.make_node("Reshape", ["x", "s"], ["y"])], x, y,
                                            [ints("s", [-1, -1])])
    cases["expand_huge"] = model_bytes([helper.make_node("Expand", ["x", "s"], ["y"])], x, y,
                                       [ints("s", [1 << 20, 3, 1 << 20, 4])])
    cases["tile_huge"] = model_bytes([helper.make_node("Tile", ["x", "r"], ["y"])], x, y,
                                     [ints("r", [1 << 40, 1, 1, 1])])
    cases["constant_of_shape_huge"] = model_bytes(
        [helper.make_node("ConstantOfShape", ["s"], ["y"])], [], y, [ints("s", [1 << 62, 4])])
    cases["range_huge"] = model_bytes(
        [helper.make_node("Range", ["a", "b", "d"], ["y"])], [], y,
        [floats("a", 0.0), floats("b", 1e30), floats("d", 1e-30)])
    cases["loop_forever"] = model_bytes(
        [helper.make_node("Loop", ["trip", "cond", "x0"], ["y"], body=loop_body())],
        [], y, [ints("trip", 1 << 62), numpy_helper.from_array(np.array(True), "cond"), floats("x0", [0.0])])
    cases["loop_no_trip"] = model_bytes(
        [helper.make_node("Loop", ["", "cond", "x0"], ["y"], body=loop_body(False))],
        [], y, [numpy_helper.from_array(np.array(True), "cond"), floats("x0", [0.0])])
    then_graph = helper.make_graph([helper.make_node("Relu", ["x"], ["t"])], "then", [], [fvalue("t", None)])
    else_graph = helper.make_graph([helper.make_node("Neg", ["x"], ["e"])], "else", [], [fvalue("e", None)])
    cases["if_branches"] = model_bytes(
        [helper.make_node("If", ["c"], ["y"], then_branch=then_graph, else_branch=else_graph)],
        x + [helper.make_tensor_value_info("c", TensorProto.BOOL, [])], y)
    weight = floats("w", np.full((2, 3, 3, 3), 0.1))
    cases["conv"] = model_bytes([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], x, y, [weight])
    cases["conv_bad_stride"] = model_bytes(
        [helper.make_node("Conv", ["x", "w"], ["y"], strides=[0, 0])], x, y, [weight])
    cases["conv_negative_pads"] = model_bytes(
        [helper.make_node("Conv", ["x", "w"], ["y"], pads=[-5, -5, -5, -5])], x, y, [weight])
    cases["conv_huge_dilation"] = model_bytes(
        [helper.make_node("Conv", ["x", "w"], ["y"], dilations=[1 << 30, 1 << 30])], x, y, [weight])
    cases["conv_group_mismatch"] = model_bytes(
        [helper.make_node("Conv", ["x", "w"], ["y"], group=7)], x, y, [weight])
    cases["maxpool_huge_kernel"] = model_bytes(
        [helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[1 << 30, 1 << 30])], x, y)
    cases["gather_out_of_range"] = model_bytes(
        [helper.make_node("Gather", ["x", "i"], ["y"], axis=1)], x, y, [ints("i", [5, -9, 1 << 40])])
    cases["slice_extremes"] = model_bytes(
        [helper.make_node("Slice", ["x", "s", "e", "a", "p"], ["y"])], x, y,
        [ints("s", [-(1 << 62)]), ints("e", [1 << 62]), ints("a", [3]), ints("p", [-(1 << 62)])])
    cases["pad_huge"] = model_bytes(
        [helper.make_node("Pad", ["x", "p"], ["y"])], x, y, [ints("p", [0, 0, 1 << 30, 0, 0, 0, 1 << 30, 0])])
    cases["resize_huge_scale"] = model_bytes(
        [helper.make_node("Resize", ["x", "", "sc"], ["y"])], x, y, [floats("sc", [1, 1, 1e9, 1e9])])
    cases["transpose_bad_perm"] = model_bytes(
        [helper.make_node("Transpose", ["x"], ["y"], perm=[0, 0, 7, -1])], x, y)
    cases["concat_bad_axis"] = model_bytes(
        [helper.make_node("Concat", ["x", "x"], ["y"], axis=9)], x, y)
    cases["topk_huge_k"] = model_bytes(
        [helper.make_node("TopK", ["x", "k"], ["y", "idx"])], x, y + [ivalue("idx", None)], [ints("k", [1 << 40])])
    cases["matmul_mismatch"] = model_bytes(
        [helper.make_node("MatMul", ["x", "m"], ["y"])], x, y, [floats("m", np.ones((5, 2)))])
    cases["softmax_bad_axis"] = model_bytes([helper.make_node("Softmax", ["x"], ["y"], axis=-9)], x, y)
    cases["cast_to_string"] = model_bytes([helper.make_node("Cast", ["x"], ["y"], to=TensorProto.STRING)], x,
                                          [helper.make_tensor_value_info("y", TensorProto.STRING, None)])
    cases["unknown_op"] = model_bytes([helper.make_node("NoSuchOp", ["x"], ["y"], domain="x.y")], x, y)
    cases["cycle"] = model_bytes(
        [helper.make_node("Relu", ["b"], ["a"]), helper.make_node("Relu", ["a"], ["b"]),
         helper.make_node("Add", ["x", "a"], ["y"])], x, y)
    cases["two_producers"] = model_bytes(
        [helper.make_node("Relu", ["x"], ["y"]), helper.make_node("Neg", ["x"], ["y"])], x, y)
    cases["missing_input"] = model_bytes([helper.make_node("Add", ["x", "nowhere"], ["y"])], x, y)
    cases["external_ok"] = model_bytes(
        [helper.make_node("Add", ["x", "w"], ["y"])], [fvalue("x", [4])], y, [external("w", [4], "weights.bin", 0, 16)])
    cases["external_escape"] = model_bytes(
        [helper.make_node("Add", ["x", "w"], ["y"])], [fvalue("x", [4])], y, [external("w", [4], "../../etc/passwd")])
    cases["external_absolute"] = model_bytes(
        [helper.make_node("Add", ["x", "w"], ["y"])], [fvalue("x", [4])], y, [external("w", [4], "/etc/hostname")])
    cases["external_beyond_end"] = model_bytes(
        [helper.make_node("Add", ["x", "w"], ["y"])], [fvalue("x", [4])], y,
        [external("w", [4], "weights.bin", (1 << 62), 16)])
    cases["external_negative_length"] = model_bytes(
        [helper.make_node("Add", ["x", "w"], ["y"])], [fvalue("x", [4])], y,
        [external("w", [4], "weights.bin", 0, -(1 << 40))])
    bad_raw = floats("w", np.ones(4))
    bad_raw.dims[:] = [1 << 40]
    cases["initializer_dims_mismatch"] = model_bytes([helper.make_node("Add", ["x", "w"], ["y"])],
                                                     [fvalue("x", [4])], y, [bad_raw])
    cases["ir_too_new"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])], x, y, ir_version=99)
    cases["opset_1"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])], x, y, opset=1)
    cases["opset_huge"] = model_bytes([helper.make_node("Relu", ["x"], ["y"])], x, y, opset=1 << 40)
    cases["empty_graph"] = model_bytes([], [], [])
    qlinear = [floats("s", 0.1), numpy_helper.from_array(np.array(128, dtype=np.uint8), "z")]
    cases["quantize_dequantize"] = model_bytes(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"]),
         helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"])], x, y, qlinear)
    data = {}
    for name, payload in cases.items():
        data[name + ".onnx"] = payload
    data["truncated.onnx"] = cases["conv"][: len(cases["conv"]) // 2]
    data["not_protobuf.onnx"] = b"\xff\xff\xff\xff\xff\xff\xff\xff\x0f"
    data["empty.onnx"] = b""
    return data


def first_layers(path, node_count):
    """The graph input through the output of node `node_count` of the model at `path`, as .onnx bytes."""
    model = onnx.load(path)
    graph = model.graph
    initializer_names = {t.name for t in graph.initializer}
    inputs = [i for i in graph.input if i.name not in initializer_names]
    nodes = list(graph.node[:node_count])
    used = {name for node in nodes for name in node.input}
    produced = {name for node in nodes for name in node.output}
    consumed_later = {name for node in graph.node[node_count:] for name in node.input}
    outputs = [name for name in produced if name in consumed_later] or [nodes[-1].output[0]]
    sub = helper.make_graph(
        nodes, graph.name, inputs, [helper.make_empty_tensor_value_info(name) for name in sorted(outputs)],
        initializer=[t for t in graph.initializer if t.name in used])
    result = helper.make_model(sub, opset_imports=model.opset_import)
    result.ir_version = model.ir_version
    return result.SerializeToString()


def model_corpus(corpus, build_dir):
    corpus.add_file("demo.onnx", os.path.join(ROOT, "resources/demo/model.onnx"))
    for path in sorted(glob.glob(os.path.join(ONNX_NODE_TESTS, "*/model.onnx"))):
        corpus.add_file("node_" + os.path.basename(os.path.dirname(path)) + ".onnx", path)
    fixtures = sorted(glob.glob(os.path.join(build_dir, "fixtures", "**", "*.onnx"), recursive=True))
    for path in fixtures:
        stem = os.path.splitext(os.path.basename(path))[0]
        if os.path.getsize(path) <= corpus.limit:
            corpus.add_file("fixture_" + stem + ".onnx", path)
        for count in (4, 12, 30):
            try:
                corpus.add("fixture_%s_first%d.onnx" % (stem, count), first_layers(path, count))
            except Exception as error:  # a fixture the slicer cannot cut at that node: leave it out
                print("make_corpus: %s (first %d nodes): %s" % (path, count, error), file=sys.stderr)
    if not fixtures:
        print("make_corpus: no fixture models in %s/fixtures (run the test suite once to make them)" % build_dir,
              file=sys.stderr)


# --- configs ----------------------------------------------------------------------------------------------


def edge_configs():
    demo_layers = '{"conv1": {"weights": {"scheme": "codebook", "bits": 4}}, "fc": {"calibration": {"method": "percentile", "percentile": 99.9}}}'
    return {
        "empty.json": "",
        "empty_object.json": "{}",
        "array_root.json": "[1, 2, 3]",
        "null.json": "null",
        "bom.json": "\ufeff{}",
        "unknown_key.json": '{"inputs": {}}',
        "duplicate_keys.json": '{"bias_correction": true, "bias_correction": false}',
        "bits_fraction.json": '{"defaults": {"weights": {"bits": 8.5}}}',
        "bits_huge.json": '{"defaults": {"weights": {"bits": 1e309}}}',
        "bits_negative.json": '{"defaults": {"weights": {"bits": -9223372036854775808}}}',
        "activations_codebook.json": '{"defaults": {"activations": {"scheme": "codebook", "bits": 4}}}',
        "log_scheme.json": '{"defaults": {"weights": {"scheme": "log", "bits": 4, "granularity": "per_tensor"}}}',
        "percentile_bounds.json": '{"calibration": {"method": "percentile", "percentile": 50}}',
        "percentile_nan.json": '{"calibration": {"method": "percentile", "percentile": NaN}}',
        "max_images_negative.json": '{"calibration": {"max_images": -1, "batch_size": 0}}',
        "batch_huge.json": '{"calibration": {"batch_size": 18446744073709551615}}',
        "resize_zero.json": '{"preprocess": {"resize": [0, 10]}}',
        "resize_huge.json": '{"preprocess": {"resize": [2147483647, 2147483647]}}',
        "resize_both.json": '{"preprocess": {"resize": [10, 10], "resize_shorter": 8}}',
        "resize_shorter_huge.json": '{"preprocess": {"resize_shorter": 16384, "center_crop": [16384, 16384]}}',
        "mean_count.json": '{"preprocess": {"color": "RGB", "mean": [0.1, 0.2], "std": [0, 1, 2]}}',
        "std_zero.json": '{"preprocess": {"color": "gray", "std": [0.0]}}',
        "scale_zero.json": '{"preprocess": {"scale": 0}}',
        "input_shape.json": '{"input": {"name": "", "shape": [-1, 1, 28, 9223372036854775807]}}',
        "layers_demo.json": '{"layers": %s, "float_layers": ["conv2"], "float_op_types": ["Gemm"]}' % demo_layers,
        "layers_unknown.json": '{"layers": {"nope": {}}}',
        "float_layers_type.json": '{"float_layers": "conv1"}',
        "deep_nesting.json": "[" * 5000 + "]" * 5000,
        "long_string.json": '{"input": {"name": "' + "x" * 4000 + '"}}',
        "invalid_utf8.json": b'{"input": {"name": "\xff\xfe"}}',
        "escaped_nul.json": '{"input": {"name": "a\\u0000b"}}',
        "trailing_garbage.json": "{} {}",
        "comment.json": '{/* comment */ "bias_correction": true}',
    }


def config_corpus(corpus):
    for path in sorted(glob.glob(os.path.join(ROOT, "resources/configs/*.json"))):
        corpus.add_file(os.path.basename(path), path)


# --- images -----------------------------------------------------------------------------------------------


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def pnm(magic, width, height, maxval, pixels):
    return b"%s\n%d %d\n%d\n" % (magic, width, height, maxval) + pixels


def edge_images():
    gradient = np.add.outer(np.arange(12) * 20, np.arange(16) * 15).astype(np.uint8)
    gray = Image.fromarray(gradient)
    rgb = Image.fromarray(np.stack([gradient, gradient[::-1], 255 - gradient], axis=-1))
    rgba = rgb.copy()
    rgba.putalpha(128)
    cases = {
        "gray.png": encode(gray, "PNG"),
        "rgb.png": encode(rgb, "PNG"),
        "rgba.png": encode(rgba, "PNG"),
        "palette.png": encode(rgb.convert("P"), "PNG"),
        "gray16.png": encode(Image.fromarray(gradient.astype(np.uint16) * 257), "PNG"),
        "baseline.jpg": encode(rgb, "JPEG", quality=80),
        "progressive.jpg": encode(rgb, "JPEG", quality=80, progressive=True),
        "gray.jpg": encode(gray, "JPEG"),
        "rgb.bmp": encode(rgb, "BMP"),
        "rgb.tiff": encode(rgb, "TIFF"),
        "rgb.webp": encode(rgb, "WEBP", lossless=True),
        "lossy.webp": encode(rgb, "WEBP", quality=50),
        "gray.pgm": pnm(b"P5", 16, 12, 255, gradient.tobytes()),
        "gray16.pgm": pnm(b"P5", 16, 12, 65535, (gradient.astype(">u2") * 257).tobytes()),
        "rgb.ppm": pnm(b"P6", 16, 12, 255, np.asarray(rgb).tobytes()),
        "one_pixel.png": encode(Image.new("L", (1, 1), 7), "PNG"),
        "wide_1x600.png": encode(Image.new("L", (600, 1), 200), "PNG"),
        "tall_600x1.png": encode(Image.new("RGB", (1, 600), (1, 2, 3)), "PNG"),
        "crop_too_large.png": encode(Image.new("RGB", (300, 20)), "PNG"),
    }
    ihdr = struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0)
    cases["png_declares_huge.png"] = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr +
                                      struct.pack(">I", 0))
    baseline = cases["baseline.jpg"]
    sof = baseline.find(b"\xff\xc0")
    cases["jpeg_declares_huge.jpg"] = baseline[:sof + 5] + b"\xff\xff\xff\xff" + baseline[sof + 9:]
    bmp = bytearray(cases["rgb.bmp"])
    bmp[22:26] = struct.pack("<i", -2147483648)
    cases["bmp_height_min.bmp"] = bytes(bmp)
    cases["pnm_huge_header.ppm"] = b"P6\n99999999999 99999999999\n255\n"
    cases["pnm_maxval_zero.pgm"] = pnm(b"P5", 2, 2, 0, b"\0\0\0\0")
    cases["truncated.png"] = cases["rgb.png"][: len(cases["rgb.png"]) // 2]
    cases["empty.bin"] = b""
    return cases


def image_corpus(corpus):
    for folder in sorted(glob.glob(os.path.join(ROOT, "resources/demo/eval/*")))[:4]:
        for path in sorted(glob.glob(os.path.join(folder, "*")))[:2]:
            corpus.add_file("demo_" + os.path.basename(path), path)


# --- npy --------------------------------------------------------------------------------------------------


def npy_bytes(array, version=None):
    out = io.BytesIO()
    if version is None:
        np.save(out, array)
    else:
        np.lib.format.write_array(out, array, version=version)
    return out.getvalue()


def npy_header(header, version=1, data=b""):
    header = header.encode() if isinstance(header, str) else header
    if version == 1:
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + data
    return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<I", len(header)) + header + data


def edge_npys():
    return {
        "scalar.npy": npy_bytes(np.array(1.5, dtype=np.float32)),
        "empty_dim.npy": npy_bytes(np.zeros((1, 0, 5), dtype=np.float32)),
        "v2.npy": npy_bytes(np.arange(6, dtype=np.int32).reshape(2, 3), (2, 0)),
        "v3.npy": npy_bytes(np.arange(4, dtype=np.uint8), (3, 0)),
        "fortran.npy": npy_bytes(np.asfortranarray(np.ones((2, 3), dtype=np.float32))),
        "big_endian.npy": npy_bytes(np.ones(3, dtype=">f4")),
        "unsupported_dtype.npy": npy_bytes(np.ones(2, dtype=np.complex64)),
        "huge_shape.npy": npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }\n"),
        "overflow_shape.npy": npy_header("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }\n"),
        "negative_shape.npy": npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n"),
        "shape_garbage.npy": npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x, ), }\n"),
        "shape_unclosed.npy": npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, \n"),
        "no_keys.npy": npy_header("{}\n"),
        "header_beyond_end.npy": b"\x93NUMPY\x02\x00\xff\xff\xff\xff{}",
        "truncated_data.npy": npy_header("{'descr': '<i8', 'fortran_order': False, 'shape': (10,), }\n", 1, b"\0" * 8),
        "descr_equals.npy": npy_header("{'descr': '=f4', 'fortran_order': False, 'shape': (1,), }\n", 1, b"\0" * 4),
        "descr_one_char.npy": npy_header("{'descr': ', 'fortran_order': False, 'shape': (1,), }\n", 1, b"\0" * 4),
        "version_9.npy": b"\x93NUMPY\x09\x00\x00\x00\x00\x00",
        "magic_only.npy": b"\x93NUMPY",
    }


def npy_corpus(corpus):
    shapes = [(3,), (2, 3), (1, 2, 2, 2)]
    for dtype in ["<f4", "<f8", "<f2", "<i8", "<i4", "<i2", "|i1", "|u1", "<u2", "<u4", "<u8", "|b1"]:
        for shape in shapes:
            array = (np.arange(int(np.prod(shape))) % 5).astype(dtype).reshape(shape)
            corpus.add("%s_%s.npy" % (dtype[1:], "x".join(map(str, shape))), npy_bytes(array))
    corpus.add("calib_like.npy", npy_bytes(np.random.default_rng(1).random((2, 1, 28, 28), dtype=np.float32)))


# --- main -------------------------------------------------------------------------------------------------

EDGE_CASES = {"model": edge_models, "config": edge_configs, "image": edge_images, "npy": edge_npys}
EXTRA = {"model": None, "config": config_corpus, "image": image_corpus, "npy": npy_corpus}


def copy_checked_in(corpus, target):
    for folder in (os.path.join(HERE, "regressions", target), os.path.join(HERE, "regressions", "seeds", target)):
        for path in sorted(glob.glob(os.path.join(folder, "*"))):
            with open(path, "rb") as src:
                data = src.read()
            corpus.add("regression_" + hashlib.sha1(data).hexdigest()[:16], data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="corpus folder: OUT/<target>/ is replaced")
    parser.add_argument("--seeds", help="write only the hand-made edge cases into SEEDS/<target>/")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="build tree whose fixtures/ holds the generated test models (default: build)")
    args = parser.parse_args()
    if bool(args.out) == bool(args.seeds):
        parser.error("give exactly one of --out and --seeds")
    root = args.out or args.seeds
    for target, make_edge_cases in EDGE_CASES.items():
        shutil.rmtree(os.path.join(root, target), ignore_errors=True)
        corpus = Corpus(root, target)
        for name, data in make_edge_cases().items():
            corpus.add("edge_" + name, data)
        if args.out:
            if target == "model":
                model_corpus(corpus, args.build)
            else:
                EXTRA[target](corpus)
            copy_checked_in(corpus, target)
        print("make_corpus: %-6s %4d files in %s" % (target, corpus.count, corpus.dir))


if __name__ == "__main__":
    main()
