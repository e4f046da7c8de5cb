// Each injection payload in every string field of the token, in the application and user labels,
// and the tenant label (the error page has its own test): the document must keep exactly the elements and attributes it
// has with harmless text of the same shape, and its JSON must still parse back to the token.

import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../../../src/auth0/types';
import { renderDetailsHtml } from '../../../../../src/features/tokens/details/renderDetailsHtml';
import { injectionPayloads, RAW_HIDDEN_CHARACTER } from '../../../fixtures/injectionPayloads';
import { harmlessTwin, SAMPLE_NOW, tokenWithEveryStringField } from '../../../fixtures/payloadTokens';
import { assertSafeDocument, RESOURCES, skeleton } from './documentChecks';
import { decodeEntities } from './htmlTags';


function render(value: string, token: RefreshToken = tokenWithEveryStringField(value)): string {
  return renderDetailsHtml({
    ...RESOURCES,
    token,
    appName: value,
    userLabel: value,
    tenantLabel: value,
    tenantId: value,
    now: SAMPLE_NOW,
  });
}

function displayedJson(markup: string): unknown {
  const match = /<pre class="json"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(markup);
  assert.ok(match, 'the JSON block is present');
  return JSON.parse(decodeEntities(match[1].replace(/<[^>]*>/g, '')));
}

describe('renderDetailsHtml with injection payloads', () => {
  for (const payload of injectionPayloads) {
    describe(payload.name, () => {
      const token = tokenWithEveryStringField(payload.value);
      const markup = render(payload.value, token);

      it('has only the intended script, stylesheet, CSP and attributes', () => {
        assertSafeDocument(markup);
      });

      it('has the same elements and attributes as harmless text of the same shape', () => {
        assert.deepEqual(skeleton(markup), skeleton(render(harmlessTwin(payload.value))));
      });

      it('shows no raw bidi, zero-width or control character', () => {
        assert.doesNotMatch(markup, RAW_HIDDEN_CHARACTER);
      });

      it('shows JSON that parses back to exactly the token', () => {
        assert.deepEqual(displayedJson(markup), JSON.parse(JSON.stringify(token)));
      });

      it('keeps the token id on the root, escaped', () => {
        assert.match(markup, /<main class="token-details" data-status="active" data-token-id="[^"<>]*" data-tenant-id="[^"<>]*">/);
      });
    });
  }
});
