import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { looksLikeMatlab } from '../../../src/extension/languages';

const root = join(__dirname, '..', '..', '..');

describe('.m files that VS Code opens as Objective-C', () => {
  it('offers MATLAB for MATLAB/Octave files', () => {
    assert.ok(looksLikeMatlab(readFileSync(join(root, 'examples', 'functions.m'), 'utf8')));
    assert.ok(looksLikeMatlab('function y = f(a, b)\n  y = a.^2 + b;\nend\n'));
    assert.ok(looksLikeMatlab('% loss\nf = @(x) x(1)^2 + 3*x(2);\n'));
  });

  it('leaves Objective-C and files with too little to tell alone', () => {
    const objc = '#import <Foundation/Foundation.h>\n@interface Foo : NSObject\n@end\n';
    assert.equal(looksLikeMatlab(objc), false);
    assert.equal(
      looksLikeMatlab('@implementation Foo\n- (int)f { return 1; }\n@end\n% not matlab\n'),
      false,
    );
    assert.equal(looksLikeMatlab('x = 1;\n'), false);
  });
});
