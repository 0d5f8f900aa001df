/** The vendor's application-status lookup by person (Tietoevry "Application Status API" v1, sheet §6): XML over HTTP GET. */
import { isoWithOffset, localDate } from '../case-data/clock.js';
import { escapeXmlAttr, escapeXmlText } from '../xml-escape.js';
import type { MunicipalityState } from './events.js';
import type { PersonRecord, QueueEntry } from './model.js';

export const APPLICATION_STATUS_NS = 'http://open.tieto.com/edu/applicationstatus/v1';

/** Service names from the technical document and the `typeofservice` each answers with. */
export const APPLICATION_SERVICES: Record<string, string | undefined> = {
  GetCompulsorySchoolChoiceApplications: 'CompleteSchoolChoiceApplicationStatus',
  GetCompulsorySchoolChangeApplications: 'CompleteSchoolChangeApplicationStatus',
  GetCompulsoryMotherTongueEducationApplications: 'CompleteMotherTongueEducationApplicationStatus',
  GetUpperSecondaryStudyChoiceApplications: 'CompleteStudyChoiceApplicationStatus',
  GetPreschoolLeisureTimeCenterApplication: undefined,
};

export type ApplicationStatusOptions = {
  /**
   * `typeofservice` has no preschool value although the service exists (sheet §6, [?]). Default
   * `CompletePreschoolLeisureTimeCenterApplicationStatus`, a value outside the XSD's enumeration.
   */
  preschoolTypeOfService: string;
  /** Where `preschoolleisuretimecenter` goes: inside `application` (default) or directly in `person`. */
  preschoolElementIn: 'application' | 'person';
};

const el = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : `<${name}>${escapeXmlText(String(value))}</${name}>`;

/** `12 digits`, `YYYYMMDD-NNNN` or `YYMMDD-NNNN` / `YYMMDD+NNNN`: the document does not say which form [?]. */
export function findByPersonId(state: MunicipalityState, personId: string): PersonRecord | undefined {
  const digits = personId.replace(/[-+\s]/g, '');
  if (!/^(\d{10}|\d{12})$/.test(digits)) return undefined;
  return [...state.persons.values()].find((p) => p.personnummer.replace('-', '').endsWith(digits));
}

function queueNumber(state: MunicipalityState, entry: QueueEntry): number | undefined {
  if (entry.state !== 'queue') return undefined;
  const waiting = state.queue
    .filter((q) => q.state === 'queue' && q.schoolType === entry.schoolType)
    .sort((a, b) => (a.queueDate < b.queueDate ? -1 : a.queueDate > b.queueDate ? 1 : 0));
  return waiting.indexOf(entry) + 1;
}

function preschoolElement(state: MunicipalityState, entry: QueueEntry): string {
  const unit = state.muni.units.find((u) => u.id === entry.unitId);
  const siblings = state.queue.some(
    (q) =>
      q !== entry &&
      q.state === 'placed' &&
      state.persons
        .get(q.childId)
        ?.responsibles.some((r) =>
          state.persons.get(entry.childId)?.responsibles.some((s) => s.personId === r.personId),
        ),
  );
  // The order follows the sheet's list of the element's fields (the XSD sequence as far as it shows).
  return [
    '<preschoolleisuretimecenter>',
    el('id', entry.applicationId),
    el('queuenumber', queueNumber(state, entry)),
    el('registereddate', entry.registeredDate),
    el('queuedate', entry.queueDate),
    el('placementrequestdate', entry.placementRequestDate),
    el('passivequeue', entry.state === 'passive'),
    el('unitid', unit?.unitNumber),
    el('unitname', unit?.name),
    el('hassiblingwithplacement', siblings),
    el('guaranteedate', entry.guaranteeDate),
    el('hasplacement', entry.state === 'placed'),
    el('hasplacementoffer', entry.state === 'offer'),
    el('carehours', entry.careHours),
    '</preschoolleisuretimecenter>',
  ].join('');
}

/**
 * The `PersonApplication` document for one service and person. An unknown person gets `properties`
 * only (`person` is 0..1). `searchDate` keeps applications registered on or before that day [?].
 */
export function renderPersonApplication(
  state: MunicipalityState,
  service: string,
  person: PersonRecord | undefined,
  now: Date,
  options: ApplicationStatusOptions,
  searchDate?: string,
): string {
  const preschool = service === 'GetPreschoolLeisureTimeCenterApplication';
  const type = APPLICATION_SERVICES[service] ?? options.preschoolTypeOfService;
  const entries =
    preschool && person
      ? state.queue.filter(
          (q) => q.childId === person.id && q.registeredDate <= (searchDate ?? localDate(now)),
        )
      : [];
  const marking = person?.securityMarking;
  const privacy =
    marking && marking !== 'Ingen'
      ? `<privacy level="${escapeXmlAttr(marking === 'Skyddad folkbokföring' ? '2' : '1')}">true</privacy>`
      : '';
  const applications = entries.map((q) => {
    const unit = state.muni.units.find((u) => u.id === q.unitId);
    const inner = options.preschoolElementIn === 'application' ? preschoolElement(state, q) : '';
    return `<application>${el('id', q.applicationId)}${el('applicationdate', q.registeredDate)}${el('startdate', q.placementRequestDate)}${el('unit', unit?.name)}${inner}</application>`;
  });
  const outside =
    options.preschoolElementIn === 'person' ? entries.map((q) => preschoolElement(state, q)) : [];
  const personXml = person
    ? [
        '<person>',
        el('id', person.id),
        el('personid', person.personnummer.replace('-', '')),
        el('firstname', person.givenName),
        el('lastname', person.familyName),
        privacy,
        ...applications,
        ...outside,
        el('timestamp', isoWithOffset(now)),
        '</person>',
      ].join('')
    : '';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<PersonApplication xmlns="${APPLICATION_STATUS_NS}">`,
    `<properties>${el('datetime', isoWithOffset(now))}${el('datasource', `SS 12000-simulator ${state.muni.name}`)}${el('type', type)}</properties>`,
    personXml,
    '</PersonApplication>',
  ].join('');
}
