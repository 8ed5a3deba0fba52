#!/usr/bin/env node
// Reference runner used by the parity test and the engine benchmark.
//
//   node ortrun.js run MODEL --input NAME=FILE.npy ... --output-dir DIR [--threads N]
//       Runs the model once and writes every output as DIR/<output name>.npy.
//   node ortrun.js random --shape d0,d1,... --seed S --out FILE.npy
//       Writes a float32 tensor of seeded uniform values in [-1, 1).
//   node ortrun.js compare EXPECTED_DIR ACTUAL_DIR [--rtol R] [--atol A]
//       For every .npy in EXPECTED_DIR: max |actual - expected| <= rtol * max |expected| + atol. Prints one JSON
//       line per output and exits with 1 when any output differs (or is missing).
//   node ortrun.js bench MODEL [--threads N] [--iterations K] [--input-shape NAME=d0,d1,...]
//       Runs the model K times after one warm-up (batch 1, seeded random inputs) and prints JSON with median_ms,
//       min_ms and peak_rss_mb.
'use strict';

const fs = require('fs');
const npyfile = require('./npyfile');
const path = require('path');

function fail(message) {
    process.stderr.write('ortrun: ' + message + '\n');
    process.exit(2);
}

function loadOrt() {
    try {
        return require('onnxruntime-node');
    } catch (e) {
        fail('onnxruntime-node is not installed (run packaging/install-node-deps.sh): ' + e.message);
    }
}

// ---- .npy files (npyfile.js) ----

function readNpy(file) {
    return npyfile.readNpy(file, fail);
}

function writeNpy(file, type, dims, data) {
    npyfile.writeNpy(file, type, dims, data, fail);
}

// ---- helpers ----

function parseOptions(args, multi) {
    const options = { positional: [] };
    for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        if (arg.startsWith('--')) {
            if (i + 1 >= args.length)
                fail(arg + ' needs a value');
            const key = arg.slice(2);
            if (multi.includes(key))
                (options[key] = options[key] || []).push(args[++i]);
            else
                options[key] = args[++i];
        } else {
            options.positional.push(arg);
        }
    }
    return options;
}

function splitAssignment(text, option) {
    const at = text.indexOf('=');
    if (at <= 0)
        fail(option + ' expects NAME=VALUE, got ' + text);
    return [text.slice(0, at), text.slice(at + 1)];
}

function positiveInt(text, option) {
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0)
        fail(option + ' expects a positive integer, got ' + text);
    return value;
}

// Small deterministic generator (mulberry32) so the same seed gives the same tensor everywhere.
function randomFloats(count, seed) {
    let state = seed >>> 0;
    const out = new Float32Array(count);
    for (let i = 0; i < count; ++i) {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        out[i] = unit * 2 - 1;
    }
    return out;
}

function sessionOptions(threads) {
    return {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
    };
}

function peakRssMb() {
    try {
        const status = fs.readFileSync('/proc/self/status', 'utf8');
        const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
        if (match)
            return Number(match[1]) / 1024;
    } catch (e) {
        // not Linux: fall through
    }
    return process.memoryUsage().rss / (1024 * 1024);
}

// ---- commands ----

async function commandRun(args) {
    const ort = loadOrt();
    const options = parseOptions(args, ['input']);
    if (options.positional.length !== 1 || !options['output-dir'])
        fail('usage: ortrun.js run MODEL --input NAME=FILE.npy ... --output-dir DIR [--threads N]');
    const threads = options.threads ? positiveInt(options.threads, '--threads') : 1;
    const session = await ort.InferenceSession.create(options.positional[0], sessionOptions(threads));
    const feeds = {};
    for (const assignment of options.input || []) {
        const [name, file] = splitAssignment(assignment, '--input');
        const array = readNpy(file);
        feeds[name] = new ort.Tensor(array.type, array.data, array.dims);
    }
    for (const name of session.inputNames)
        if (!feeds[name])
            fail('missing --input for model input ' + name);
    const results = await session.run(feeds);
    fs.mkdirSync(options['output-dir'], { recursive: true });
    for (const name of session.outputNames) {
        const tensor = results[name];
        const file = path.join(options['output-dir'], name.replace(/[^A-Za-z0-9_.-]/g, '_') + '.npy');
        writeNpy(file, tensor.type, tensor.dims.map(Number), tensor.data);
    }
}

function commandRandom(args) {
    const options = parseOptions(args, []);
    if (!options.shape || !options.out)
        fail('usage: ortrun.js random --shape d0,d1,... --seed S --out FILE.npy');
    const dims = options.shape.split(',').map(d => positiveInt(d, '--shape'));
    const seed = options.seed ? Number(options.seed) : 1;
    const count = dims.reduce((a, b) => a * b, 1);
    writeNpy(options.out, 'float32', dims, randomFloats(count, seed));
}

function toNumbers(array) {
    if (array.data instanceof BigInt64Array)
        return Float64Array.from(array.data, Number);
    return array.data;
}

function commandCompare(args) {
    const options = parseOptions(args, []);
    if (options.positional.length !== 2)
        fail('usage: ortrun.js compare EXPECTED_DIR ACTUAL_DIR [--rtol R] [--atol A]');
    const [expectedDir, actualDir] = options.positional;
    const rtol = options.rtol ? Number(options.rtol) : 1e-4;
    const atol = options.atol ? Number(options.atol) : 1e-5;
    const files = fs.readdirSync(expectedDir).filter(f => f.endsWith('.npy')).sort();
    if (files.length === 0)
        fail(expectedDir + ': no reference outputs');
    let ok = true;
    for (const file of files) {
        const expected = readNpy(path.join(expectedDir, file));
        const actualPath = path.join(actualDir, file);
        const report = { output: file.replace(/\.npy$/, '') };
        if (!fs.existsSync(actualPath)) {
            report.error = 'missing ' + actualPath;
            ok = false;
            console.log(JSON.stringify(report));
            continue;
        }
        const actual = readNpy(actualPath);
        if (actual.dims.join(',') !== expected.dims.join(',')) {
            report.error = 'shape [' + actual.dims + '] instead of [' + expected.dims + ']';
            ok = false;
            console.log(JSON.stringify(report));
            continue;
        }
        const e = toNumbers(expected);
        const a = toNumbers(actual);
        let maxAbs = 0;
        let maxDiff = 0;
        let nonFinite = 0;
        for (let i = 0; i < e.length; ++i) {
            maxAbs = Math.max(maxAbs, Math.abs(e[i]));
            const diff = Math.abs(a[i] - e[i]);
            if (Number.isNaN(diff) && !(Number.isNaN(a[i]) && Number.isNaN(e[i])))
                ++nonFinite;
            else if (diff > maxDiff)
                maxDiff = diff;
        }
        const bound = rtol * maxAbs + atol;
        report.dims = expected.dims;
        report.max_abs_error = maxDiff;
        report.max_abs_reference = maxAbs;
        report.bound = bound;
        report.pass = nonFinite === 0 && maxDiff <= bound;
        if (nonFinite)
            report.nan_mismatches = nonFinite;
        ok = ok && report.pass;
        console.log(JSON.stringify(report));
    }
    process.exit(ok ? 0 : 1);
}

async function commandBench(args) {
    const ort = loadOrt();
    const options = parseOptions(args, ['input-shape']);
    if (options.positional.length !== 1)
        fail('usage: ortrun.js bench MODEL [--threads N] [--iterations K] [--input-shape NAME=d0,d1,...]');
    const threads = options.threads ? positiveInt(options.threads, '--threads') : 1;
    const iterations = options.iterations ? positiveInt(options.iterations, '--iterations') : 20;
    const shapes = {};
    for (const assignment of options['input-shape'] || []) {
        const [name, dims] = splitAssignment(assignment, '--input-shape');
        shapes[name] = dims.split(',').map(d => positiveInt(d, '--input-shape'));
    }
    const session = await ort.InferenceSession.create(options.positional[0], sessionOptions(threads));
    const feeds = {};
    let seed = 1;
    for (const name of session.inputNames) {
        const dims = shapes[name];
        if (!dims)
            fail('give --input-shape for model input ' + name);
        const count = dims.reduce((a, b) => a * b, 1);
        feeds[name] = new ort.Tensor('float32', randomFloats(count, seed++), dims);
    }
    await session.run(feeds);
    const latenciesMs = [];
    for (let i = 0; i < iterations; ++i) {
        const start = process.hrtime.bigint();
        await session.run(feeds);
        latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    latenciesMs.sort((a, b) => a - b);
    const middle = Math.floor(latenciesMs.length / 2);
    const median = latenciesMs.length % 2 ? latenciesMs[middle]
                                          : (latenciesMs[middle - 1] + latenciesMs[middle]) / 2;
    console.log(JSON.stringify({
        model: options.positional[0],
        threads: threads,
        iterations: iterations,
        median_ms: median,
        min_ms: latenciesMs[0],
        peak_rss_mb: peakRssMb(),
    }));
}

async function main() {
    const [command, ...args] = process.argv.slice(2);
    if (command === 'run')
        return commandRun(args);
    if (command === 'random')
        return commandRandom(args);
    if (command === 'compare')
        return commandCompare(args);
    if (command === 'bench')
        return commandBench(args);
    fail('usage: ortrun.js run|random|compare|bench ... (see the comment at the top of this file)');
}

main().catch(e => fail(e && e.message ? e.message : String(e)));
