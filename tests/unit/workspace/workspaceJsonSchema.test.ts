import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workspaceJsonSchema } from '../../../shared/workspace/workspaceJsonSchema';

describe('resources/schemas/workspace.schema.json', () => {
  it('is the schema the code validates with (regenerate: npm run --silent cli -- schema workspace > resources/schemas/workspace.schema.json)', () => {
    const shipped: unknown = JSON.parse(readFileSync(new URL('../../../resources/schemas/workspace.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(workspaceJsonSchema());
  });
});
