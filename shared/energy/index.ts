/** The energy ledger domain (issue 8): one import for the page, the worker and the command line. */
export * from './units';
export * from './energyTypes';
export * from './coefficients';
export * from './ledger';
export * from './checks';
export * from './pue';
export * from './comparisons';
export * from './duties';
export * from './meterImport';
export * from './energyWorkbook';
export * from './energyChart';
export * from './submissions';
export * from './meterColumns';
