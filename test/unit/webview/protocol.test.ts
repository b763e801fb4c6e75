import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostMessage, isWebviewMessage, StaleFilter } from '../../../src/shared/protocol';

describe('host/webview protocol', () => {
  it('drops messages older than the newest accepted version of the same document', () => {
    const f = new StaleFilter();
    assert.ok(f.accept({ uri: 'file:///a.py', version: 3 }));
    assert.ok(f.accept({ uri: 'file:///a.py', version: 5 }));
    assert.equal(f.accept({ uri: 'file:///a.py', version: 4 }), false, 'v4 after v5 is stale');
    assert.ok(f.accept({ uri: 'file:///a.py', version: 5 }), 'same version (busy then state)');
    assert.equal(f.latestVersion('file:///a.py'), 5);
  });

  it('tracks documents independently', () => {
    const f = new StaleFilter();
    assert.ok(f.accept({ uri: 'file:///a.py', version: 9 }));
    assert.ok(f.accept({ uri: 'file:///b.py', version: 1 }));
    assert.ok(f.accept({ uri: 'file:///a.py', version: 9 }), 'switching back to a');
    assert.ok(f.accept(undefined), 'messages without a document are never stale');
  });

  it('validates message shapes', () => {
    const doc = { uri: 'u', version: 1 };
    assert.ok(isHostMessage({ type: 'busy', doc }));
    assert.ok(isHostMessage({ type: 'empty', message: 'nothing' }));
    assert.ok(isHostMessage({ type: 'state', doc, state: {} }));
    assert.equal(isHostMessage({ type: 'state', doc: { uri: 'u' } }), false);
    assert.equal(isHostMessage({ type: 'other', doc }), false);
    assert.equal(isHostMessage(null), false);
    assert.ok(isWebviewMessage({ type: 'copy', latex: 'x' }));
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'reveal', uri: 'u', line: 2 }));
    assert.equal(isWebviewMessage({ type: 'copy', latex: 3 }), false);
    assert.equal(isWebviewMessage({ type: 'run', command: 'x' }), false);
    assert.ok(isWebviewMessage({ type: 'writeOut', doc, functionName: 'f' }));
    assert.equal(isWebviewMessage({ type: 'writeOut', doc }), false);
    const written = { type: 'writtenOut', doc, functionName: 'f' };
    assert.ok(isHostMessage({ ...written, result: { latex: ['x', 'y'] } }));
    assert.ok(isHostMessage({ ...written, result: { error: 'too long' } }));
    assert.equal(isHostMessage({ ...written, result: { latex: [1] } }), false);
    assert.equal(isHostMessage({ ...written, result: 'x' }), false);
  });
});

describe('host/webview protocol: a document closed and opened again', () => {
  it('accepts the new opening from version 1, and drops late messages of the old one', () => {
    const f = new StaleFilter();
    const uri = 'file:///b.py';
    assert.ok(f.accept({ uri, version: 7, opened: 1000 }));
    assert.ok(f.accept({ uri, version: 1, opened: 2000 }), 'reopened: versions start again');
    assert.equal(f.latestVersion(uri), 1);
    assert.equal(f.accept({ uri, version: 8, opened: 1000 }), false, 'the old opening is over');
    assert.equal(f.accept({ uri, version: 0, opened: 2000 }), false, 'still ordered within one');
  });
});
