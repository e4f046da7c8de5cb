// src/contributions.ts mirrors package.json: a command, view, setting or context key renamed on
// one side only would leave a menu, a row's command or a `when` clause pointing at nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, CONTEXT_KEYS, DETAILS_VIEW_TYPE, SETTINGS, SETTINGS_SECTION, VIEWS } from '../../src/contributions';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('contributions mirror package.json', () => {
  it('every command id is contributed, and every contributed command has an id', () => {
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual([...Object.values(COMMANDS)].sort(), contributed);
  });

  it('the view ids are contributed', () => {
    const views = Object.values(manifest.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
    assert.deepEqual([...Object.values(VIEWS)].sort(), views.sort());
  });

  it('every setting key is contributed under the section, and nothing else is', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(Object.values(SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`).sort(), contributed);
  });

  it('context keys appear in when clauses, and the details view type is an activation event', () => {
    const text = JSON.stringify(manifest.contributes);
    for (const key of Object.values(CONTEXT_KEYS)) {
      assert.ok(text.includes(key), `${key} is used in package.json`);
    }
    assert.ok((manifest.activationEvents as string[]).includes(`onWebviewPanel:${DETAILS_VIEW_TYPE}`));
  });
});
