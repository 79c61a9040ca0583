import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../../electron/cli/fileCheck';
import { energyAttachmentSchema } from '../../../shared/workspace/workspaceFile';
import { buildWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { documentOf, sampleCompanyId, seededBytes, sha256Hex, workspaceWith } from '../workspace/packageKit';

/*
 * `cli validate` on a workspace package counts every file the package carries intact: the
 * documents' files and the energy evidence files (a bill photo, a submission receipt) alike.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'cw-cli-evidence-'));

async function packageFile(name: string, evidenceCount: number): Promise<string> {
  const scan = seededBytes(2_000, 3);
  const workspace = workspaceWith([documentOf('doc-1', scan)]);
  const evidence = new Map<string, Uint8Array>();
  const attachments = [];
  for (let i = 1; i <= evidenceCount; i++) {
    const bytes = seededBytes(1_000 + i, 10 + i);
    evidence.set(`bill-${i}`, bytes);
    attachments.push(energyAttachmentSchema.parse({
      id: `bill-${i}`, companyId: sampleCompanyId(), fileName: `电费单${i}.jpg`, mimeType: 'image/jpeg', size: bytes.byteLength, sha256: await sha256Hex(bytes),
    }));
  }
  const [first, ...rest] = workspace.companies;
  if (!first) throw new Error('the sample has no company');
  const built = buildWorkspacePackage({ ...workspace, companies: [{ ...first, energyAttachments: attachments }, ...rest] }, new Map([['doc-1', scan]]), evidence);
  if (!built.ok) throw new Error(built.error.message);
  const full = path.join(dir, name);
  writeFileSync(full, built.value);
  return full;
}

describe('cli validate: a workspace package with energy evidence', () => {
  it('counts the evidence files with the documents’ files and says how many are evidence', async () => {
    const full = await packageFile('with-evidence.zip', 2);
    const check = await checkFile(full, 'with-evidence.zip');
    expect(check).toMatchObject({ kind: 'package', isAccepted: true });
    expect(check.lines[0]).toMatch(/包内 3 个文件完好（其中能耗凭证 2 个）/);
  });

  it('without evidence, says the count of the documents’ files alone', async () => {
    const full = await packageFile('documents-only.zip', 0);
    const check = await checkFile(full, 'documents-only.zip');
    expect(check.lines[0]).toMatch(/包内 1 个文件完好$/);
  });
});
