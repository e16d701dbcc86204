// Module hooks that let a plain `node` run the TypeScript sources (a spawned `citas serve` in the
// fault suite): `.js` imports resolve to the `.ts` file beside them, and TypeScript is stripped by
// Vite's Oxc transform, already installed with Vitest. No type checking: tsc does that.
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/experimental';

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    const exists = await access(fileURLToPath(candidate)).then(
      () => true,
      () => false,
    );
    if (exists) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code, errors } = transformSync(path, await readFile(path, 'utf8'), { lang: 'ts' });
  if (errors.length > 0) throw new Error(`${path}: ${errors.map((e) => e.message).join('; ')}`);
  return { format: 'module', source: code, shortCircuit: true };
}
