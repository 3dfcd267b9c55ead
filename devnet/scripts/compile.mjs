// Compiles devnet/contracts with the pinned solc-js and writes the artifacts the Java fixture loads.
// Usage: node scripts/compile.mjs          write src/main/resources/crosswatch/devnet/contracts/*.json
//        node scripts/compile.mjs --check  exit 1 when the committed artifacts differ from a fresh compile
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const solc = createRequire(import.meta.url)('solc');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'contracts');
const artifactDir = join(root, 'src/main/resources/crosswatch/devnet/contracts');
// Contracts the fixture deploys; libraries are inlined into them.
const deployed = ['CrossL2InboxStandIn', 'Emitter'];

function compile() {
  const sources = {};
  for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[file] = { content: readFileSync(join(sourceDir, file), 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      // No metadata hash: the bytecode then depends on the code alone, so --check stays meaningful.
      metadata: { bytecodeHash: 'none', appendCBOR: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  }
  const artifacts = {};
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      if (!deployed.includes(name)) continue;
      const artifact = {
        contractName: name,
        source: `contracts/${file}`,
        compiler: `solc ${solc.version()}`,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
      artifacts[`${name}.json`] = `${JSON.stringify(artifact, null, 2)}\n`;
    }
  }
  for (const name of deployed) {
    if (!artifacts[`${name}.json`]) throw new Error(`contract ${name} not found in ${sourceDir}`);
  }
  return artifacts;
}

const artifacts = compile();
if (process.argv.includes('--check')) {
  const stale = Object.entries(artifacts).filter(([file, text]) => {
    const path = join(artifactDir, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  if (stale.length > 0) {
    console.error(`stale contract artifacts: ${stale.map(([f]) => f).join(', ')} (run: npm run compile)`);
    process.exit(1);
  }
  console.log(`contract artifacts up to date: ${Object.keys(artifacts).join(', ')}`);
} else {
  mkdirSync(artifactDir, { recursive: true });
  for (const [file, text] of Object.entries(artifacts)) {
    writeFileSync(join(artifactDir, file), text);
  }
  console.log(`wrote ${Object.keys(artifacts).join(', ')} to ${artifactDir}`);
}
