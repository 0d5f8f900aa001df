/**
 * Writes a simulated case as the v8 contract's `ar:arende` (fact sheet §3): elements in `xs:sequence`
 * order, attributes unqualified, `xsi:type` on object items, and the attributes the real service sends
 * although the WSDL does not declare them (`arende/@checksum`, `intressent/@arInternKund|@arAktiv|@checksum`).
 */
import type {
  V8Arende,
  V8Beslut,
  V8Bevakning,
  V8Fastighet,
  V8Handelse,
  V8HandelseIntressent,
  V8Handlaggare,
  V8Handling,
  V8Intressent,
  V8Kommunikation,
} from './model.js';
import { attrs, bool, type DateWriter, inNamespace, list, NS, nil, text, wrap } from './xml.js';

/** A short hex value standing for the undeclared `@checksum`; changes whenever the record does. */
function checksum(...parts: number[]): string {
  let h = 0x811c9dc5;
  for (const n of parts) h = Math.imul(h ^ n, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function handlaggareBas(name: string, h: V8Handlaggare | undefined): string {
  if (!h) return '';
  const inner = text('fornamn', h.fornamn) + text('efternamn', h.efternamn);
  return wrap(name, inner, attrs({ handlaggareId: h.handlaggareId, signatur: h.signatur }));
}

function kommunikation(name: string, k: V8Kommunikation | null): string {
  if (k === null) return nil(name);
  return wrap(
    name,
    text('beskrivning', k.beskrivning) + text('komtyp', k.komtyp),
    attrs({ arAktiv: bool(k.arAktiv) }),
  );
}

/** `arendeIntressent` (case level) or `handelseIntressent` (event level, with `adressering`). */
function intressent(i: V8Intressent, d: DateWriter, adressering?: V8Kommunikation): string {
  const behorigheter = list(i.behorigheter ?? [], (b) =>
    wrap(
      'aktorbehorighet',
      text('behorighetRoll', b.behorighetRoll) +
        text('niva', b.niva) +
        text('nr', b.nr) +
        text('certifieradAv', b.certifieradAv) +
        text('certifieradTillDatum', d.date(b.certifieradTillDatum)),
    ),
  );
  const inner =
    text('namn', i.namn) +
    text('adress', i.adress) +
    text('coAdress', i.coAdress) +
    text('postNr', i.postNr) +
    text('ort', i.ort) +
    text('land', 'Sverige') +
    text('fornamn', i.fornamn) +
    text('efternamn', i.efternamn) +
    wrap(
      'intressentKommunikationLista',
      list(i.kommunikation, (k) => kommunikation('intressentKommunikation', k)),
    ) +
    wrap('aktorbehorighetLista', behorigheter) +
    (i.attention
      ? wrap(
          'attention',
          text('attention', i.attention.attention),
          attrs({ attentionId: i.attention.attentionId }),
        )
      : '') +
    wrap(
      'rollLista',
      list(i.roller, (r) => text('roll', r)),
    ) +
    (adressering ? kommunikation('adressering', adressering) : '');
  const declared = {
    intressentId: i.intressentId,
    persOrgNr: i.persOrgNr,
    arForetag: bool(i.arForetag),
    intressentVersionId: i.intressentVersionId,
    kundnr: i.kundnr,
  };
  // Not in the v8 WSDL, but in the real service's answers (sheet §3.1, §6): parsers must be lax.
  const undeclared = {
    arInternKund: 'false',
    arAktiv: 'true',
    checksum: checksum(i.intressentId, i.intressentVersionId),
  };
  return wrap('intressent', inner, attrs({ ...declared, ...undeclared }));
}

function beslut(b: V8Beslut | undefined, d: DateWriter): string {
  if (!b) return '';
  const inner =
    text('beslutstext', b.beslutstext) +
    handlaggareBas('delegatHandlaggare', b.delegat) +
    text('instanstyp', b.instanstyp) +
    text('giltigTillDatum', b.giltigTillDatum === undefined ? undefined : d.date(b.giltigTillDatum)) +
    text('arMindreAvvikelse', bool(b.arMindreAvvikelse));
  return wrap('beslut', inner, attrs({ beslutNr: b.beslutNr, arHuvudbeslut: bool(b.arHuvudbeslut) }));
}

function handling(h: V8Handling, d: DateWriter): string {
  const doc = h.dokument;
  const dokument = wrap(
    'dokument',
    text('namn', doc.namn) +
      text('beskrivning', doc.beskrivning) +
      text('skapadDatum', d.dateTime(doc.skapadDatum)) +
      (doc.handlaggareId === undefined
        ? ''
        : wrap('handlaggare', '', attrs({ handlaggareId: doc.handlaggareId }))),
    attrs({ dokId: doc.dokId }),
  );
  const inner =
    text('typ', h.typ) +
    text('status', h.status) +
    text('handlingDatum', d.date(h.handlingDatum)) +
    text('anteckning', h.anteckning) +
    text('uuid', h.uuid) +
    text('arkivStatus', h.arkivStatus) +
    text('makulerad', bool(h.makulerad)) +
    dokument +
    text('refTyp', h.refTyp);
  return wrap('handling', inner, attrs({ handlingId: h.handlingId }));
}

function bevakning(b: V8Bevakning, d: DateWriter): string {
  const inner =
    text('bevakningTyp', b.bevakningTyp) +
    text('bevakningDatum', d.dateTime(b.bevakningDatum)) +
    text('handlaggarSign', b.handlaggarSign) +
    text('anteckning', b.anteckning) +
    text('kvitteradDatum', b.kvitteradDatum === undefined ? undefined : d.dateTime(b.kvitteradDatum));
  return wrap('bevakning', inner, attrs({ bevakningId: b.bevakningId }));
}

function handelse(h: V8Handelse, d: DateWriter): string {
  const parties = (p: V8HandelseIntressent) => intressent(p.intressent, d, p.adressering);
  const inner =
    text('riktning', h.riktning) +
    text('rubrik', h.rubrik) +
    text('startDatum', d.dateTime(h.startDatum)) +
    text('anteckning', h.anteckning) +
    text('handelseslag', h.handelseslag) +
    text('handelsetyp', h.handelsetyp) +
    text('handelseutfall', h.handelseutfall) +
    text('sekretess', bool(h.sekretess)) +
    text('sekretessKapitel', h.sekretessKapitel) +
    text('sekretessParagraf', h.sekretessParagraf) +
    text('makulerad', bool(h.makulerad)) +
    beslut(h.beslut, d) +
    wrap(
      'handlingLista',
      list(h.handlingar, (x) => handling(x, d)),
    ) +
    wrap('intressentLista', list(h.intressenter, parties)) +
    wrap(
      'bevakningLista',
      list(h.bevakningar, (b) => bevakning(b, d)),
    ) +
    text('arbetsmaterial', bool(h.arbetsmaterial)) +
    (h.handlaggareId === undefined
      ? ''
      : wrap('handlaggare', '', attrs({ handlaggareId: h.handlaggareId, signatur: h.signatur })));
  return wrap(
    'handelse',
    inner,
    attrs({ handelseId: h.handelseId, checksum: checksum(h.handelseId, h.makulerad ? 1 : 0) }),
  );
}

/** `arendeFastighet` as an `abstractArendeObjekt` item: the concrete type only in `xsi:type`. */
function objekt(o: V8Fastighet): string {
  const belAdress = o.adress
    ? wrap(
        'belAdressList',
        wrap(
          'arendeBelagenhetAdress',
          wrap(
            'belAdress',
            text('adressOmrade', o.adress.adressOmrade) + text('adressPlatsNr', o.adress.adressPlatsNr),
            attrs({ adrPlId: o.adress.adrPlId }),
          ),
          attrs({ arendeObjektId: o.arendeObjektId * 10 + 1 }),
        ),
      )
    : '';
  const byggnad = o.byggnad
    ? wrap(
        'byggnadList',
        wrap(
          'arendeRegByggnad',
          wrap('byggnad', '', attrs({ kom_bid: o.byggnad.kom_bid })),
          attrs({ arendeObjektId: o.arendeObjektId * 10 + 2 }),
        ),
      )
    : '';
  const fastighet = wrap(
    'fastighet',
    text('trakt', o.trakt) + text('fbetNr', o.fbetNr),
    attrs({ fnr: o.fnr }),
  );
  const head = `xsi:type="arendeFastighet"${attrs({ arendeObjektId: o.arendeObjektId, arHuvudObjekt: bool(o.arHuvudObjekt), checksum: checksum(o.fnr) })}`;
  return wrap('abstractArendeObjekt', belAdress + byggnad + fastighet, ` ${head}`);
}

/**
 * The case as element `name` (an `sc` element such as `GetArendeResult` or an `ArrayOfArende` item)
 * whose children are in the `ar` namespace.
 */
export function renderArende(name: string, a: V8Arende, d: DateWriter): string {
  const children = [
    text('status', a.status),
    text('beskrivning', a.beskrivning),
    text('ankomstDatum', d.date(a.ankomstDatum)),
    text('slutDatum', a.slutDatum === undefined ? undefined : d.date(a.slutDatum)),
    text('uppdateradDatum', d.date(a.uppdateradDatum)),
    text('registreradDatum', a.registreradDatum === undefined ? undefined : d.date(a.registreradDatum)),
    handlaggareBas('handlaggare', a.handlaggare),
    wrap(
      'intressentLista',
      list(a.intressenter, (i) => intressent(i, d)),
    ),
    wrap(
      'handelseLista',
      list(a.handelser, (h) => handelse(h, d)),
    ),
    a.status === 'Gallrat' ? '' : text('arInomplan', bool(a.arInomplan)),
    wrap('objektLista', list(a.objekt, objekt)),
    text('makulerDatum', a.makulerDatum === undefined ? undefined : d.date(a.makulerDatum)),
    text('externRef', a.externRef),
  ];
  const attributes = attrs({
    arendeId: a.arendeId,
    dnr: a.dnr,
    diarieprefix: a.diarieprefix,
    komkod: a.komkod,
    enhetkod: a.enhetkod,
    arendegrupp: a.arendegrupp,
    arendetyp: a.arendetyp,
    arendeslag: a.arendeslag,
    arendeklass: a.arendeklass,
    namndkod: a.namndkod,
    kalla: a.kalla,
    checksum: checksum(a.arendeId, a.version),
  });
  return wrap(name, inNamespace(children, NS.ar), attributes);
}
