/**
 * A person or organisation whose cases staff are looking for now, in the forms sources expect:
 * a personnummer as YYYYMMDD-NNNN, an organisationsnummer as NNNNNN-NNNN. It goes to the sources and
 * nowhere else: never stored, logged, or put in an error or a URL.
 */
export type PartyNumber = { kind: 'person' | 'organisation'; number: string };
