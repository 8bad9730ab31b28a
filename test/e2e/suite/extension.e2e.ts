/// <reference types="mocha" />
// factlint in a real editor: the extension starts its language server over IPC and the editor
// shows what the server says. Fixture: test/e2e/workspace (invented companies and figures);
// the runners copy it to a temporary folder, so edits and settings here never touch the repo.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { FactlintApi } from '../../../client/src/api';
import {
  activateExtension,
  applyCodeAction,
  describeAll,
  hoverText,
  openDraft,
  positionOf,
  resetText,
  waitForDiagnostics,
  waitForEvent,
  waitForExactly,
  wsUri,
} from './helpers';

// launch.md as the language server must see it: line:char (0-based), severity, rule.
// wrong-magnitude is a warning because the fixture's .factlintrc.yaml says so.
const LAUNCH_EXPECTED = [
  '2:36-2:48 error wrong-value', // $4.2 billion (sources: up to $2.4 billion)
  '3:33-3:44 warning wrong-magnitude', // $18 million (sources: about $18 billion)
  '5:45-5:52 error wrong-date', // April 9 (sources: April 7)
  '6:4-6:22 error unknown-fact', // [^tidewater-margn]
];

const LAUNCH_FIXED = [
  '# Tidewater lines up a backer',
  '',
  'Kestrel Partners could invest up to $2.4 billion in Tidewater Energy, a deal that would',
  'value the turbine maker at about $18 billion.',
  '',
  'Tidewater filed its plans with regulators on April 7. Its operating margin was',
  '6.5%[^tidewater-margin] last year.',
  '',
  'Analysts accept the valuation of about $18 billion[^tidewater-valuation] as a fair price.',
  '',
].join('\n');

const FACTS_FILE = ['facts', 'tidewater.facts.yaml'];

suite('factlint extension', () => {
  let api: FactlintApi;
  let launch: vscode.TextEditor;
  let launchText: string;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await activateExtension();
    launch = await openDraft('drafts', 'launch.md');
    launchText = launch.document.getText();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revertAll').then(undefined, () => undefined);
  });

  test('activates and starts the language server', async () => {
    const client = api.client();
    assert.ok(client, 'no language client');
    assert.ok(client.isRunning(), 'the language server is not running');
  });

  test('activation is timed: code loaded, language server ready, activate() returned', () => {
    const t = api.activation();
    for (const [name, ms] of Object.entries(t)) assert.ok(Number.isFinite(ms) && ms > 0, `${name}: ${ms}`);
    assert.ok(t.serverMs !== undefined, 'no time for the language server: it did not start');
    assert.ok(t.serverMs <= t.activateMs, `server ready (${t.serverMs} ms) after activate() returned (${t.activateMs} ms)`);
    // The bench runs this test alone in fresh editors and reads the times from this file.
    const out = process.env.FACTLINT_E2E_TIMINGS;
    if (out) fs.writeFileSync(out, JSON.stringify({ vscode: vscode.version, ...t }));
  });

  test('diagnostics: exact ranges, codes, severities and messages in an opened draft', async () => {
    const diagnostics = await waitForExactly(launch.document.uri, LAUNCH_EXPECTED, 'the four findings of launch.md');
    const [value, magnitude, date, unknown] = diagnostics;
    assert.match(value.message, /\$2\.4 billion/);
    assert.match(value.message, /\$4\.2 billion/);
    assert.match(magnitude.message, /about \$18 billion/);
    assert.match(date.message, /April 7/);
    assert.match(unknown.message, /tidewater-margin/);
    for (const d of diagnostics) {
      assert.equal(d.source, 'factlint');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', 'the code links to the rule documentation (codeDescription)');
      assert.ok(code.target.toString().includes(`rule-${code.value}`), `docs link of ${code.value}: ${code.target}`);
    }
    // A finding tied to a fact leads to the fact in the facts file: its message quotes the fact's
    // statement, so no related information repeats it; go-to-definition on the figure jumps there.
    assert.equal(value.relatedInformation, undefined, 'no related information repeating the quoted fact');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', launch.document.uri, value.range.start);
    const target = found?.[0] && ('targetUri' in found[0] ? found[0].targetUri : found[0].uri);
    assert.ok(target, 'go-to-definition on the misstated figure finds its fact');
    assert.ok(target.path.endsWith('/facts/tidewater.facts.yaml'), target.toString());
  });

  test('hover on a misstated figure shows the sourced figure and its quote', async () => {
    const pos = positionOf(launch.document, '$4.2 billion', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', launch.document.uri, pos);
    const text = hoverText(hovers);
    assert.match(text, /kestrel-investment/, text);
    assert.match(text, /Kestrel may invest in Tidewater\./, text);
    assert.match(text, /up to \$2\.4 billion/, text);
    assert.match(text, /Kestrel could invest up to \$2\.4 billion in Tidewater/, text);
    assert.match(text, /The Invented Ledger/, text);
  });

  test('go to definition: a figure bound by [^fact-id] leads to the fact in the facts file', async () => {
    const facts = await vscode.workspace.openTextDocument(wsUri(...FACTS_FILE));
    const idAt = facts.getText().indexOf('id: tidewater-valuation') + 'id: '.length;
    const expected = new vscode.Range(facts.positionAt(idAt), facts.positionAt(idAt + 'tidewater-valuation'.length));
    for (const [needle, delta] of [['$18 billion[^', 2], ['[^tidewater-valuation]', 5]] as const) {
      const pos = positionOf(launch.document, needle, delta);
      const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider', launch.document.uri, pos);
      assert.equal(result?.length, 1, `one definition for ${needle}: ${JSON.stringify(result)}`);
      const loc = result[0];
      const uri = 'targetUri' in loc ? loc.targetUri : loc.uri;
      const range = 'targetUri' in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
      assert.equal(uri.toString(), facts.uri.toString());
      assert.ok(range.isEqual(expected), `definition range ${JSON.stringify(range)}, expected ${JSON.stringify(expected)}`);
    }
  });

  test('find references: every figure tied to the fact, in open and closed drafts', async () => {
    const pos = positionOf(launch.document, '$18 billion[^', 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', launch.document.uri, pos);
    const got = (refs ?? []).map((l) => `${vscode.workspace.asRelativePath(l.uri)} ${l.range.start.line}:${l.range.start.character}`);
    for (const want of ['drafts/launch.md 3:33', 'drafts/launch.md 8:39', 'drafts/clean.md 2:74']) {
      assert.ok(got.includes(want), `references include ${want}; got ${JSON.stringify(got)}`);
    }
    assert.ok(!got.some((g) => g.startsWith('drafts/roundup.md')), `roundup.md has no valuation: ${JSON.stringify(got)}`);
  });

  test('factlint/status reports the facts in force (and the status item got it)', async () => {
    const status = await api.status(launch.document.uri);
    assert.ok(status, 'no answer to factlint/status');
    assert.equal(status.facts, 5);
    assert.equal(status.problems, 0);
    assert.equal(status.usingBundled, false);
    assert.equal(status.lastGoodInForce, false);
    assert.equal(status.factsFiles.length, 1);
    assert.ok(status.factsFiles[0].replace(/\\/g, '/').endsWith('/facts/tidewater.facts.yaml'), status.factsFiles[0]);
    assert.equal(api.lastStatus()?.facts, 5, 'the language status item shows the facts count');
  });

  test('quick fix replaces the misstated figure with the sourced one', async () => {
    const uri = launch.document.uri;
    const [value] = await waitForExactly(uri, LAUNCH_EXPECTED, 'the four findings');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, value.range, vscode.CodeActionKind.QuickFix.value);
    const titles = (actions ?? []).map((a) => a.title);
    const fix = actions?.find((a) => a.title === 'Replace with $2.4 billion');
    assert.ok(fix, `a "Replace with $2.4 billion" quick fix; got ${JSON.stringify(titles)}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
    assert.ok(fix.isPreferred, 'the replacement is the preferred fix');
    await applyCodeAction(fix);
    assert.equal(launch.document.lineAt(2).text,
      'Kestrel Partners could invest up to $2.4 billion in Tidewater Energy, a deal that would');
    await waitForExactly(uri, LAUNCH_EXPECTED.slice(1), 'wrong-value gone after the fix');
  });

  test('fix all (source.fixAll.factlint) fixes every remaining finding', async () => {
    const uri = launch.document.uri;
    await waitForExactly(uri, LAUNCH_EXPECTED.slice(1), 'three findings left');
    const whole = new vscode.Range(0, 0, launch.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.factlint');
    const fixAll = (actions ?? []).find((a) => a.kind?.value === 'source.fixAll.factlint');
    assert.ok(fixAll, `a source.fixAll.factlint action; got ${JSON.stringify((actions ?? []).map((a) => [a.title, a.kind?.value]))}`);
    await applyCodeAction(fixAll);
    assert.equal(launch.document.getText(), LAUNCH_FIXED);
    await waitForExactly(uri, [], 'no findings after fix all');
  });

  test('an edit is checked as you type', async () => {
    await resetText(launch.document, launchText);
    await waitForExactly(launch.document.uri, LAUNCH_EXPECTED, 'the findings back after undoing the fixes');
  });

  test('untitled Markdown buffers are checked, and [^ completes fact ids', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '# Scratch\n\nKestrel has already invested $2.4 billion in Tidewater.\n\nSee [^tide',
    });
    await vscode.window.showTextDocument(doc, { preview: false });
    try {
      await waitForExactly(doc.uri, ['2:29-2:41 error overstated-status'], 'overstated-status in the untitled buffer');
      const end = doc.positionAt(doc.getText().length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', doc.uri, end, '^');
      const labels = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const id of ['tidewater-valuation', 'tidewater-filing', 'kestrel-investment']) {
        assert.ok(labels.includes(id), `completion offers ${id}; got ${JSON.stringify(labels)}`);
      }
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'tidewater-valuation');
      assert.ok(item);
      const insert = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value;
      assert.equal(insert, 'tidewater-valuation]');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('factlint.rules setting changes a severity, over the config file', async () => {
    const uri = launch.document.uri;
    await vscode.window.showTextDocument(launch.document);
    const config = vscode.workspace.getConfiguration('factlint');
    await config.update('rules', { 'wrong-date': 'info', 'wrong-magnitude': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForExactly(uri, [
        '2:36-2:48 error wrong-value',
        '3:33-3:44 error wrong-magnitude',
        '5:45-5:52 info wrong-date',
        '6:4-6:22 error unknown-fact',
      ], 'severities from the factlint.rules setting');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForExactly(uri, LAUNCH_EXPECTED, 'the config file severities back');
  });

  test('a broken facts file: its problems are shown and the last good facts stay in force', async () => {
    const factsUri = wsUri(...FACTS_FILE);
    const good = await vscode.workspace.fs.readFile(factsUri);
    // As a person would: the facts file is open in a tab (the client pulls diagnostics for visible documents).
    const factsEditor = await vscode.window.showTextDocument(factsUri, { preview: false });
    const broken = Buffer.from(good).toString('utf8').replace('version: 1', 'version: [1');
    const brokenSeen = waitForEvent(api.onDidChangeStatus, (s) => s.lastGoodInForce, 'factlint/statusChanged with lastGoodInForce');
    await vscode.workspace.fs.writeFile(factsUri, Buffer.from(broken, 'utf8'));
    try {
      const status = await brokenSeen;
      assert.equal(status.facts, 5, 'the last good facts count');
      assert.ok(status.problems > 0, 'problems counted');
      await waitForDiagnostics(factsUri, (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
        'a syntax error shown in the facts file');
      // Drafts keep their findings from the last good facts.
      assert.deepEqual(describeAll(launch.document.uri), LAUNCH_EXPECTED);
    } finally {
      const restored = waitForEvent(api.onDidChangeStatus, (s) => !s.lastGoodInForce && s.problems === 0, 'the facts file good again');
      await vscode.workspace.fs.writeFile(factsUri, good);
      await restored;
    }
    await waitForExactly(factsUri, [], 'no problems in the repaired facts file');
    assert.equal(factsEditor.document.getText(), Buffer.from(good).toString('utf8'));
    await vscode.window.showTextDocument(launch.document);
  });

  test('Check All Drafts reports closed drafts in the Problems panel', async () => {
    const roundup = wsUri('drafts', 'roundup.md');
    const clean = wsUri('drafts', 'clean.md');
    const result = await vscode.commands.executeCommand<{ files: number; diagnostics: number } | undefined>('factlint.checkAllDrafts');
    assert.ok(result, 'factlint.checkWorkspace answered');
    assert.equal(result.files, 3, `files checked: ${JSON.stringify(result)}`);
    const [d] = await waitForExactly(roundup, ['2:29-2:41 error overstated-status'], 'overstated-status in the closed roundup.md');
    assert.match(d.message, /talks or a proposal/);
    assert.deepEqual(describeAll(clean), []);
  });

  test('Restart Language Server brings the diagnostics back', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('factlint.restartServer');
    const client = api.client();
    assert.ok(client?.isRunning(), 'running after the restart');
    await vscode.window.showTextDocument(launch.document);
    await waitForExactly(launch.document.uri, LAUNCH_EXPECTED, 'findings after the restart', 30_000);
  });

  test('the other commands run', async () => {
    await vscode.commands.executeCommand('factlint.showOutput');
    await vscode.commands.executeCommand('factlint.openFactsFile');
    const active = vscode.window.activeTextEditor?.document.uri;
    assert.ok(active?.path.endsWith('/facts/tidewater.facts.yaml'), `the facts file opened: ${active}`);
  });
});
