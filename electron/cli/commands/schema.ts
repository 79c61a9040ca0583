import { workspaceJsonSchema } from '../../../shared/workspace/workspaceJsonSchema';
import { parseOptions, UsageError, type CliCommand } from '../command';

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: '输出工作区文件的 JSON Schema',
  usage: 'schema workspace',
  run(args, io) {
    const { positional } = parseOptions(args, {});
    if (positional[0] !== 'workspace') throw new UsageError('目前只支持 schema workspace');
    io.out(JSON.stringify(workspaceJsonSchema(), null, 2));
    return Promise.resolve(0);
  },
};
