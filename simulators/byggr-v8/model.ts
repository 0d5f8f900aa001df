/** The simulated ByggR v8 records: one TypeScript shape per contract type the simulator sends (see the v8 fact sheet §3). */

/** `arende/status`: the coarse case state, the only one the contract enumerates. */
export type V8Status = 'Pågående' | 'Avslutat' | 'Gallrat' | 'Makulerat';

/** `handelse/riktning`. */
export type V8Riktning = 'In' | 'Ut' | 'Okänd';

/** `handlaggareBas` (arende, beslut) and `handlaggareIdentity` (handelse, dokument: attributes only). */
export type V8Handlaggare = { handlaggareId: number; signatur: string; fornamn: string; efternamn: string };

export type V8Kommunikation = { komtyp: 'MOB' | 'HEM' | 'Epost'; beskrivning: string; arAktiv: boolean };

/** `aktorbehorighet`: a certified role such as kontrollansvarig. */
export type V8Behorighet = {
  behorighetRoll: string;
  niva: string;
  nr: string;
  certifieradAv: string;
  certifieradTillDatum: number;
};

/** `intressent` and its subtypes: a person (`arForetag=false`) or an organisation. */
export type V8Intressent = {
  intressentId: number;
  intressentVersionId: number;
  /** As stored in ByggR: `YYYYMMDD-NNNN`, `16NNNNNN-NNNN` or `NNNNNN-NNNN`. */
  persOrgNr: string;
  arForetag: boolean;
  kundnr?: string;
  /** Organisations: the name; persons: `fornamn efternamn` as well (ByggR fills both). */
  namn: string;
  fornamn?: string;
  efternamn?: string;
  coAdress?: string;
  adress: string;
  postNr: string;
  ort: string;
  /** `null` is a list entry WCF writes as `xsi:nil="true"`. */
  kommunikation: (V8Kommunikation | null)[];
  behorigheter?: V8Behorighet[];
  /** A company's contact person (`intressentAttention`). */
  attention?: { attentionId: number; attention: string };
  roller: string[];
};

export type V8Dokument = {
  dokId: string;
  namn: string;
  beskrivning?: string;
  skapadDatum: number;
  handlaggareId?: number;
};

/** `handelseHandling`: a document registered on an event. */
export type V8Handling = {
  handlingId: number;
  typ: string;
  status: 'Inkommen' | 'Expedierad' | 'Arbetsmtrl';
  handlingDatum: number;
  anteckning?: string;
  uuid: string;
  arkivStatus?: 'ArkiverasEj' | 'Arkiveras' | 'Arkiverad';
  makulerad: boolean;
  dokument: V8Dokument;
  refTyp: 'Bifogad' | 'Refererad';
};

export type V8Beslut = {
  beslutNr: string;
  arHuvudbeslut: boolean;
  beslutstext: string;
  delegat?: V8Handlaggare;
  instanstyp: string;
  giltigTillDatum?: number;
  arMindreAvvikelse?: boolean;
};

export type V8Bevakning = {
  bevakningId: number;
  bevakningTyp: string;
  bevakningDatum: number;
  handlaggarSign: string;
  anteckning?: string;
  kvitteradDatum?: number;
};

/** A party on one event (`handelseIntressent`): the case party plus how the letter was addressed. */
export type V8HandelseIntressent = { intressent: V8Intressent; adressering?: V8Kommunikation };

export type V8Handelse = {
  handelseId: number;
  riktning: V8Riktning;
  rubrik: string;
  startDatum: number;
  anteckning?: string;
  handelsetyp: string;
  handelseslag?: string;
  handelseutfall?: string;
  sekretess: boolean;
  /** OSL chapter and paragraph, bare numbers (`21`, `1`): the sheet does not show their format [?]. */
  sekretessKapitel?: string;
  sekretessParagraf?: string;
  makulerad: boolean;
  beslut?: V8Beslut;
  handlingar: V8Handling[];
  intressenter: V8HandelseIntressent[];
  bevakningar: V8Bevakning[];
  arbetsmaterial: boolean;
  handlaggareId?: number;
  signatur?: string;
};

/** `arendeFastighet`, the only `abstractArendeObjekt` subtype the simulator sends. */
export type V8Fastighet = {
  arendeObjektId: number;
  arHuvudObjekt: boolean;
  fnr: number;
  trakt: string;
  fbetNr: string;
  adress?: { adrPlId: number; adressOmrade: string; adressPlatsNr: string };
  byggnad?: { kom_bid: number };
};

export type V8Arende = {
  arendeId: number;
  dnr: string;
  diarieprefix: string;
  komkod: string;
  enhetkod: string;
  arendegrupp: string;
  arendetyp: string;
  arendeslag: string;
  arendeklass: string;
  namndkod: string;
  kalla: string;
  status: V8Status;
  beskrivning?: string;
  ankomstDatum: number;
  slutDatum?: number;
  uppdateradDatum: number;
  registreradDatum?: number;
  handlaggare?: V8Handlaggare;
  intressenter: V8Intressent[];
  handelser: V8Handelse[];
  arInomplan: boolean;
  objekt: V8Fastighet[];
  makulerDatum?: number;
  externRef?: string;
  /** Bumped on every change; rendered as the undeclared `@checksum` the real service sends. */
  version: number;
  /** Running number for event, document and watch ids inside the case (`arendeId * 1000 + n`). */
  nextId: number;
};
