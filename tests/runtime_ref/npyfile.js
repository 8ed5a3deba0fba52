// NumPy .npy reading and writing for the reference-runtime scripts (format versions 1-3, little-endian, C order).
// Every function takes the calling script's `fail(message)`, which reports and exits.
'use strict';

const fs = require('fs');

const NPY_TYPES = {
    '<f4': { type: 'float32', array: Float32Array },
    '<f8': { type: 'float64', array: Float64Array },
    '<i8': { type: 'int64', array: BigInt64Array },
    '<i4': { type: 'int32', array: Int32Array },
    '<i2': { type: 'int16', array: Int16Array },
    '|i1': { type: 'int8', array: Int8Array },
    '|u1': { type: 'uint8', array: Uint8Array },
    '|b1': { type: 'bool', array: Uint8Array },
};

/// {type, dims, data} of the array in `file`.
function readNpy(file, fail) {
    let bytes;
    try {
        bytes = fs.readFileSync(file);
    } catch (e) {
        fail(file + ': cannot read: ' + e.message);
    }
    if (bytes.length < 10 || bytes.toString('latin1', 0, 6) !== '\x93NUMPY')
        fail(file + ': not a .npy file');
    const major = bytes[6];
    const headerStart = major === 1 ? 10 : 12;
    const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
    const header = bytes.toString('latin1', headerStart, headerStart + headerLength);
    const descr = /'descr'\s*:\s*'([^']+)'/.exec(header);
    const order = /'fortran_order'\s*:\s*(True|False)/.exec(header);
    const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
    if (!descr || !order || !shape)
        fail(file + ': unreadable .npy header');
    if (order[1] === 'True')
        fail(file + ': Fortran-ordered arrays are not supported');
    const kind = NPY_TYPES[descr[1]];
    if (!kind)
        fail(file + ': unsupported dtype ' + descr[1]);
    const dims = shape[1].split(',').map(s => s.trim()).filter(s => s.length).map(Number);
    const count = dims.reduce((a, b) => a * b, 1);
    const dataStart = headerStart + headerLength;
    const byteCount = count * kind.array.BYTES_PER_ELEMENT;
    if (bytes.length < dataStart + byteCount)
        fail(file + ': truncated data');
    const copy = new Uint8Array(byteCount);
    copy.set(bytes.subarray(dataStart, dataStart + byteCount));
    let data = new kind.array(copy.buffer);
    if (kind.type === 'bool')
        data = Uint8Array.from(data);
    return { type: kind.type, dims: dims, data: data };
}

/// Writes `data` (a typed array of `type`) with shape `dims` to `file`.
function writeNpy(file, type, dims, data, fail) {
    const descr = Object.keys(NPY_TYPES).find(k => NPY_TYPES[k].type === type);
    if (!descr)
        fail(file + ': cannot write tensors of type ' + type);
    const shape = dims.length === 1 ? '(' + dims[0] + ',)' : '(' + dims.join(', ') + ')';
    let header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ', }';
    const total = 10 + header.length + 1;
    header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
    const prefix = Buffer.alloc(10);
    prefix.write('\x93NUMPY', 0, 'latin1');
    prefix[6] = 1;
    prefix[7] = 0;
    prefix.writeUInt16LE(header.length, 8);
    const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]));
}

module.exports = { readNpy, writeNpy };
