/** SS 12000 shapes as the fact sheet gives them (field names, Swedish enum values), and the simulator's own records. */

/** Which spelling of the enums to serve: the published 2.1.0 file or the 2020 draft (sheet §3.1, §4). */
export type Edition = '2.1' | 'draft';

export type SecurityMarking = 'Ingen' | 'Sekretessmarkering' | 'Skyddad folkbokföring';
export type Sex = 'Man' | 'Kvinna' | 'Okänt';
/** The three placement school types of 2.1 (förskola, fritidshem, öppen fritidsverksamhet). */
export type PlacementSchoolType = 'FS' | 'FTH' | 'OPPFTH';
/** Internal reason, spelled per edition by {@link REASON_TEXT}. */
export type Reason = 'care' | 'offered' | 'own';
export type Relation = 'guardian' | 'other' | 'trustee';

export const REASON_TEXT: Record<Edition, Record<Reason, string>> = {
  '2.1': { care: 'Omsorgsbehov', offered: 'Erbjuden tid', own: 'Eget behov' },
  draft: { care: 'Omsorg', offered: 'Erbjuden tid', own: 'Eget behov' },
};

export const RELATION_TEXT: Record<Edition, Record<Relation, string>> = {
  '2.1': { guardian: 'Vårdnadshavare', other: 'Annan ansvarig', trustee: 'God man' },
  draft: { guardian: 'Vårdnadshavare', other: 'Annan ansvarig', trustee: 'God man' },
};

/** `EndPointsEnum` (`Code_ObjectType`), the values of `/deletedEntities?entities=`. */
export const END_POINTS = [
  'Absence',
  'AttendanceEvent',
  'Attendance',
  'Grade',
  'CalendarEvent',
  'AttendanceSchedule',
  'Resource',
  'Room',
  'Activity',
  'Duty',
  'Placement',
  'StudyPlan',
  'Programme',
  'Syllabus',
  'SchoolUnitOffering',
  'Group',
  'Person',
  'Organisation',
] as const;
export type EndPoint = (typeof END_POINTS)[number];

/** The array of `DeletedEntities.data` each endpoint's ids go in; `activitites` is misspelled in the standard. */
export const DELETED_KEY: Record<EndPoint, string> = {
  Absence: 'absences',
  AttendanceEvent: 'attendanceEvents',
  Attendance: 'attendances',
  Grade: 'grades',
  CalendarEvent: 'calendarEvents',
  AttendanceSchedule: 'attendanceSchedules',
  Resource: 'resources',
  Room: 'rooms',
  Activity: 'activitites',
  Duty: 'duties',
  Placement: 'placements',
  StudyPlan: 'studyPlans',
  Programme: 'programmes',
  Syllabus: 'syllabuses',
  SchoolUnitOffering: 'schoolUnitOfferings',
  Group: 'groups',
  Person: 'persons',
  Organisation: 'organisations',
};

export type Meta = { created: string; modified: string };
export type Reference = { id: string; displayName?: string };
export type PersonReference = Reference & { securityMarking?: SecurityMarking };

export type Placement = {
  id: string;
  meta: Meta;
  placedAt: Reference;
  group?: Reference;
  child: PersonReference;
  owners?: PersonReference[];
  schoolType: PlacementSchoolType;
  startDate: string;
  endDate?: string;
  reason?: string;
  maxWeeklyScheduleHours?: number;
};

/** `Error`: both fields required. */
export type ErrorBody = { code: string; message: string };

/** What the simulator keeps about a placement; times are ms since the epoch, dates `YYYY-MM-DD`. */
export type PlacementRecord = {
  id: string;
  created: number;
  modified: number;
  unitId: string;
  groupId?: string;
  childId: string;
  ownerIds: string[];
  schoolType: PlacementSchoolType;
  startDate: string;
  endDate?: string;
  reason: Reason;
  hours?: number;
  /** Registered by mistake; a later step deletes it (gallring shows up in /deletedEntities). */
  mistake?: boolean;
};

export type PersonRecord = {
  id: string;
  created: number;
  modified: number;
  /** YYYYMMDD-NNNC from the test series. */
  personnummer: string;
  givenName: string;
  familyName: string;
  sex: Sex;
  securityMarking: SecurityMarking;
  responsibles: { personId: string; relation: Relation }[];
  phone?: string;
  email?: string;
  address?: { streetAddress: string; postalCode: string; locality: string };
};

export type Deletion = { type: 'Placement' | 'Person'; id: string; at: number };

/** A child's entry in the vendor's preschool / leisure-time queue (sheet §6). */
export type QueueEntry = {
  applicationId: string;
  childId: string;
  schoolType: 'FS' | 'FTH';
  registeredDate: string;
  queueDate: string;
  placementRequestDate: string;
  guaranteeDate: string;
  /** Wished unit; after an offer, the offered unit. */
  unitId: string;
  careHours: number;
  state: 'queue' | 'offer' | 'placed' | 'passive';
  /** When the offer was made (ms), to let a few steps pass before the answer. */
  offeredAt?: number;
};
