import { describeHostileSuite } from './hostileSuite';
import { IMPORTERS } from './importers';

// Workspace files and packages, backups, policy packs and workbooks (attachments.hostile.test.ts has the rest).
describeHostileSuite(IMPORTERS.filter((importer) => !importer.name.includes('attachment')));
