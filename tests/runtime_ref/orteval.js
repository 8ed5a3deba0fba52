#!/usr/bin/env node
// Reference evaluation of a classifier on preprocessed inputs (as written by `quantscope-cli preprocess`).
//
//   node orteval.js MODEL INPUTS.npy [--labels LABELS.npy] [--batch N] [--out LOGITS.npy] [--threads T]
//                   [--output NAME] [--optimization all|extended|basic|disabled]
//
// Runs the model's only input over INPUTS.npy (float32 [N, ...]) in batches and prints one JSON line:
//   {"model", "images", "batch", "top1" (fraction of labelled samples whose arg-max is the label; only with
//    --labels), "labelled", "logits_path" (only with --out)}
// The batch is the model's batch dimension when it is fixed (the last batch is padded), else --batch (default
// 64). --out writes the chosen output (default: the first) for every sample as one float32 array [N, ...].
// --optimization sets ORT's graph optimization level (default "all", what applications get; on CPU that runs
// QuantizeLinear/DequantizeLinear pairs around Conv and MatMul as integer kernels, "disabled" runs every node
// as written).
'use strict';

const npyfile = require('./npyfile');

function fail(message) {
    process.stderr.write('orteval: ' + message + '\n');
    process.exit(2);
}

function loadOrt() {
    try {
        return require('onnxruntime-node');
    } catch (e) {
        fail('onnxruntime-node is not installed (run packaging/install-node-deps.sh): ' + e.message);
    }
}

// ---- .npy files (npyfile.js): float32 inputs and logits, int64 labels ----

function readNpy(file) {
    const array = npyfile.readNpy(file, fail);
    if (array.type !== 'float32' && array.type !== 'int64')
        fail(file + ': dtype ' + array.type + ' is not supported here (float32 inputs, int64 labels)');
    return array;
}

function writeFloat32Npy(file, dims, data) {
    npyfile.writeNpy(file, 'float32', dims, data, fail);
}

// ---- arguments ----

const USAGE = 'usage: orteval.js MODEL INPUTS.npy [--labels LABELS.npy] [--batch N] [--out LOGITS.npy] ' +
              '[--threads T] [--output NAME] [--optimization all|extended|basic|disabled]';

function parseArgs(args) {
    const options = { positional: [] };
    const known = ['labels', 'batch', 'out', 'threads', 'output', 'optimization'];
    for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        if (!arg.startsWith('--')) {
            options.positional.push(arg);
            continue;
        }
        const key = arg.slice(2);
        if (!known.includes(key))
            fail('unknown option ' + arg + '\n' + USAGE);
        if (i + 1 >= args.length)
            fail(arg + ' needs a value');
        options[key] = args[++i];
    }
    if (options.positional.length !== 2)
        fail(USAGE);
    return options;
}

function positiveInt(text, option) {
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0)
        fail(option + ' expects a positive integer, got ' + text);
    return value;
}

// ---- evaluation ----

function fixedBatchSize(session) {
    const metadata = session.inputMetadata && session.inputMetadata[0];
    if (!metadata || !metadata.isTensor || !metadata.shape || metadata.shape.length === 0)
        return 0;
    const first = metadata.shape[0];
    return typeof first === 'number' && first > 0 ? first : 0;
}

function argmaxRows(data, rows, rowLength) {
    const result = new Int32Array(rows);
    for (let r = 0; r < rows; ++r) {
        let best = 0;
        for (let c = 1; c < rowLength; ++c)
            if (data[r * rowLength + c] > data[r * rowLength + best])
                best = c;
        result[r] = best;
    }
    return result;
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const [modelPath, inputsPath] = options.positional;
    const ort = loadOrt();
    const threads = options.threads ? positiveInt(options.threads, '--threads') : 1;
    const optimization = options.optimization || 'all';
    if (!['all', 'extended', 'basic', 'disabled'].includes(optimization))
        fail('--optimization expects all, extended, basic or disabled, got ' + optimization);
    const session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: optimization,
        executionMode: 'sequential',
        logSeverityLevel: 3,
    });
    if (session.inputNames.length !== 1)
        fail(modelPath + ': expected one input, the model has ' + session.inputNames.length);
    const outputName = options.output || session.outputNames[0];
    if (!session.outputNames.includes(outputName))
        fail(modelPath + ': no output named ' + outputName + ' (outputs: ' + session.outputNames.join(', ') + ')');

    const inputs = readNpy(inputsPath);
    if (inputs.type !== 'float32' || inputs.dims.length < 1)
        fail(inputsPath + ': expected a float32 array [N, ...]');
    const sampleCount = inputs.dims[0];
    const sampleDims = inputs.dims.slice(1);
    const sampleLength = sampleDims.reduce((a, b) => a * b, 1);
    let labels = null;
    if (options.labels) {
        labels = readNpy(options.labels);
        if (labels.type !== 'int64' || labels.dims.length !== 1 || labels.dims[0] !== sampleCount)
            fail(options.labels + ': expected int64 [' + sampleCount + '] labels');
    }

    const fixed = fixedBatchSize(session);
    const batch = fixed || (options.batch ? positiveInt(options.batch, '--batch') : 64);
    let outputDims = null;
    let outputs = null;
    const predictions = new Int32Array(sampleCount);
    for (let start = 0; start < sampleCount; start += batch) {
        const count = Math.min(batch, sampleCount - start);
        const rows = fixed ? batch : count;
        const chunk = new Float32Array(rows * sampleLength);
        chunk.set(inputs.data.subarray(start * sampleLength, (start + count) * sampleLength));
        const feeds = {};
        feeds[session.inputNames[0]] = new ort.Tensor('float32', chunk, [rows].concat(sampleDims));
        const result = (await session.run(feeds))[outputName];
        if (result.type !== 'float32')
            fail(modelPath + ': output ' + outputName + ' is ' + result.type + ', expected float32');
        const dims = result.dims.map(Number);
        if (dims[0] !== rows)
            fail(modelPath + ': output ' + outputName + ' has ' + dims[0] + ' rows for a batch of ' + rows);
        const rowLength = dims.slice(1).reduce((a, b) => a * b, 1);
        if (!outputs) {
            outputDims = [sampleCount].concat(dims.slice(1));
            outputs = new Float32Array(sampleCount * rowLength);
        }
        outputs.set(result.data.subarray(0, count * rowLength), start * rowLength);
        predictions.set(argmaxRows(result.data, count, rowLength), start);
    }

    const report = { model: modelPath, images: sampleCount, batch: batch, optimization: optimization };
    if (labels) {
        let labelled = 0;
        let correct = 0;
        for (let i = 0; i < sampleCount; ++i) {
            const label = Number(labels.data[i]);
            if (label < 0)
                continue;
            ++labelled;
            if (predictions[i] === label)
                ++correct;
        }
        report.labelled = labelled;
        if (labelled > 0)
            report.top1 = correct / labelled;
    }
    if (options.out && outputs) {
        writeFloat32Npy(options.out, outputDims, outputs);
        report.logits_path = options.out;
    }
    console.log(JSON.stringify(report));
}

main().catch(e => fail(e && e.message ? e.message : String(e)));
