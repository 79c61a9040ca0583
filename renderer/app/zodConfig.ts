import { z } from 'zod';
import { configureChineseValidationMessages } from '../../shared/util/zodLocale';

// The page's CSP forbids eval. Without this, zod probes `Function('')` to decide whether it may
// compile fast parsers, and Chromium reports a CSP violation on every start. Imported first by
// main.tsx so it runs before any schema is used.
z.config({ jitless: true });
configureChineseValidationMessages();
