/** The sample workspaces shipped in resources/samples (Vite's publicDir), fetched at run time. */
export const SAMPLE_FILES = ['retailPharmacy.json', 'carRental.json', 'dataCentre.json'] as const;
