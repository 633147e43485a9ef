#!/usr/bin/env node
// Renders every BPMN model of processes/models to docs/process-<model>.svg, the pictures the README
// shows, with bpmn-js (the library Desktop Modeler draws with) in headless Chromium: Debian's
// /usr/bin/chromium (or $PASSERELLE_CHROMIUM), driven by playwright-core, never a downloaded browser.
//
// Each SVG records the SHA-256 of the model it was drawn from (CRLF read as LF) in a comment;
// DiagramsAreCurrentTest fails the build when a model changed and its picture was not redrawn.
//
//   node render-diagrams.mjs           redraw the pictures whose model changed (or that are missing)
//   node render-diagrams.mjs --force   redraw them all
//   node render-diagrams.mjs --check   only say which are stale (exit 1 if any), no browser
//
// scripts/render-diagrams at the repository's root installs what this needs and runs it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.join(here, 'models');
const docsDir = path.resolve(here, '..', 'docs');
const require = createRequire(import.meta.url);

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--force', '--check'].includes(arg));
if (unknown.length > 0) {
  console.error(`render-diagrams: unknown argument ${unknown.join(' ')} (use --force or --check)`);
  process.exit(2);
}

/** The marker DiagramsAreCurrentTest reads: keep the two in step. */
function marker(model, sha256) {
  return `<!-- passerelle-diagram source="processes/models/${model}" sha256="${sha256}" -->`;
}

function sha256Of(modelPath) {
  const text = readFileSync(modelPath, 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function svgPathOf(model) {
  return path.join(docsDir, `process-${path.basename(model, '.bpmn')}.svg`);
}

function isCurrent(model, sha256) {
  const svgPath = svgPathOf(model);
  return existsSync(svgPath) && readFileSync(svgPath, 'utf8').includes(marker(model, sha256));
}

/**
 * bpmn-js draws on a transparent background: give the picture a white one so it reads on a dark
 * page too, and record which model (and which version of it) it shows.
 */
function finish(svg, model, sha256) {
  const open = svg.match(/<svg\b[^>]*>/);
  const viewBox = open && open[0].match(/viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/);
  if (!open || !viewBox) {
    throw new Error(`bpmn-js returned an SVG without a viewBox for ${model}`);
  }
  const [, x, y, width, height] = viewBox;
  const background = `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff"/>`;
  const withBackground = svg.replace(open[0], `${open[0]}${background}`);
  const declaration = withBackground.match(/^<\?xml[^>]*\?>\s*/);
  const head = declaration ? declaration[0] : '';
  return `${head}${marker(model, sha256)}\n${withBackground.slice(head.length)}\n`;
}

const models = readdirSync(modelsDir)
  .filter((file) => file.endsWith('.bpmn'))
  .sort();
const todo = models
  .map((model) => ({ model, sha256: sha256Of(path.join(modelsDir, model)) }))
  .filter(({ model, sha256 }) => args.has('--force') || !isCurrent(model, sha256));

if (args.has('--check')) {
  for (const { model } of todo) {
    console.error(`render-diagrams: ${path.relative(path.resolve(here, '..'), svgPathOf(model))} is stale`);
  }
  process.exit(todo.length === 0 ? 0 : 1);
}
if (todo.length === 0) {
  console.log(`render-diagrams: the ${models.length} pictures in docs/ are current`);
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const executablePath = process.env.PASSERELLE_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(
    `render-diagrams: no Chromium at ${executablePath}: apt-get install chromium (or set PASSERELLE_CHROMIUM)`,
  );
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  // nothing is fetched: the page, the viewer and the models all come from here
  await page.route('**/*', (route) => route.abort());
  await page.setContent(
    '<!doctype html><html><body style="margin:0"><div id="canvas" style="width:1800px;height:1200px"></div></body></html>',
  );
  await page.addScriptTag({ path: require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js') });
  const zeebe = JSON.parse(readFileSync(require.resolve('zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8'));

  for (const { model, sha256 } of todo) {
    const xml = readFileSync(path.join(modelsDir, model), 'utf8');
    const { svg, warnings } = await page.evaluate(
      async ({ xml, zeebe }) => {
        document.getElementById('canvas').innerHTML = '';
        // eslint-disable-next-line no-undef
        const viewer = new BpmnJS({ container: '#canvas', moddleExtensions: { zeebe } });
        const { warnings } = await viewer.importXML(xml);
        const { svg } = await viewer.saveSVG();
        viewer.destroy();
        return { svg, warnings: warnings.map((warning) => warning.message) };
      },
      { xml, zeebe },
    );
    if (warnings.length > 0) {
      throw new Error(`bpmn-js could not read all of ${model}:\n  ${warnings.join('\n  ')}`);
    }
    writeFileSync(svgPathOf(model), finish(svg, model, sha256));
    console.log(`render-diagrams: ${model} → docs/${path.basename(svgPathOf(model))}`);
  }
} finally {
  await browser.close();
}
