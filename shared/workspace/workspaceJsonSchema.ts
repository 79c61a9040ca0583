import { z } from 'zod';
import { workspaceFileSchema } from './workspaceFile';

/**
 * The published JSON Schema of the workspace file, derived from the zod schema so the two can
 * never disagree. resources/schemas/workspace.schema.json is this output, checked by a test.
 */
export function workspaceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workspaceFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://compliance-workbench.invalid/schemas/workspace.schema.json',
    title: '企业合规工作台 工作区文件',
  };
}
