import { describeHostileSuite } from './hostileSuite';
import { IMPORTERS } from './importers';

// PDF, JPEG and PNG files given to the 申报材料包 builder.
describeHostileSuite(IMPORTERS.filter((importer) => importer.name.includes('attachment')));
