// What the package carries: node bench/package-size.mjs [release/linux-unpacked/resources]
// Reads app.asar's header (files packed, their sizes, unpacked ones counted from app.asar.unpacked) and prints the
// totals by top-level folder and the largest node_modules packages. Build the folder first with
// `npm run build:renderer && npm run build:electron && npx electron-builder --dir` (where Electron's zip cannot be
// downloaded, add --config.electronDist=DIR, a folder holding an executable named `electron`).
import { getRawHeader } from '@electron/asar';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const resources = process.argv[2] ?? 'release/linux-unpacked/resources';
const archive = join(resources, 'app.asar');
const { header } = getRawHeader(archive);

/** Every file of the archive: [path, size, unpacked]. */
function* files(node, path) {
  for (const [name, entry] of Object.entries(node.files ?? {})) {
    const child = path ? `${path}/${name}` : name;
    if (entry.files) yield* files(entry, child);
    else if (!entry.link) yield [child, Number(entry.size ?? 0), Boolean(entry.unpacked)];
  }
}

const byTop = new Map();
const byPackage = new Map();
let packed = 0;
let unpacked = 0;
let count = 0;
for (const [path, size, isUnpacked] of files(header, '')) {
  count++;
  if (isUnpacked) unpacked += size;
  else packed += size;
  const parts = path.split('/');
  const top = parts[0] === 'node_modules' ? 'node_modules' : parts.length > 1 ? `${parts[0]}/` : parts[0];
  byTop.set(top, (byTop.get(top) ?? 0) + size);
  if (parts[0] === 'node_modules') {
    const name = parts[1].startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
    byPackage.set(name, (byPackage.get(name) ?? 0) + size);
  }
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
process.stdout.write(`${archive}: ${mb(statSync(archive).size)} on disk; ${count} files, ${mb(packed)} packed + ${mb(unpacked)} in app.asar.unpacked\n`);
for (const [top, size] of [...byTop].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${top.padEnd(28)} ${mb(size)}\n`);
process.stdout.write(`node_modules: ${byPackage.size} packages; largest:\n`);
for (const [name, size] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) process.stdout.write(`  ${name.padEnd(40)} ${mb(size)}\n`);
