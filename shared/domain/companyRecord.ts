import type { Company, CompanyEvent, Licence, Person, Store, Vehicle } from './company';
import type { EnergyReading, EnergySettings, EnergyTraining } from '../energy/ledger';
import type { EnergySubmission } from '../energy/submissions';
import type { DutyHistoryRecord, DutyScheduleRecord, DutyTrackingRecord } from '../deadlines/trackingRecords';

/*
 * The whole of one company as the domain functions take it. It sits above the company's own facts
 * (company.ts), the energy ledger and the deadline tracker, so none of those import it back.
 */

/** Everything the workspace holds about one company, as the domain functions take it. */
export interface CompanyRecord {
  readonly company: Company;
  readonly people: readonly Person[];
  readonly licences: readonly Licence[];
  readonly vehicles: readonly Vehicle[];
  readonly stores: readonly Store[];
  readonly events: readonly CompanyEvent[];
  /** The energy ledger (shared/energy/ledger.ts); optional so records built before it still type. */
  readonly energyReadings?: readonly EnergyReading[];
  readonly energyTrainings?: readonly EnergyTraining[];
  readonly energySettings?: EnergySettings;
  readonly energySubmissions?: readonly EnergySubmission[];
  /** The deadline tracker's state (shared/deadlines/trackingRecords.ts); optional for the same reason. */
  readonly dutyTracking?: readonly DutyTrackingRecord[];
  readonly dutySchedules?: readonly DutyScheduleRecord[];
  readonly dutyHistory?: readonly DutyHistoryRecord[];
}
