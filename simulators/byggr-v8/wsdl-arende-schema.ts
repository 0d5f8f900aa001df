/**
 * Our own XSD for the `www.tekis.se/arende` domain types, written from the v8 fact sheet §3 (not
 * copied from the vendor): every type the simulator sends, in the contract's element order. Left
 * out: geometry (`specGeom`, GML), `arendePrelFastighet`, `arendeOmrade` and the area types, which
 * the simulator never sends.
 */

type Occurs = { min?: 0 | 1; max?: '1' | 'unbounded'; nillable?: boolean };

/** `<xs:element>`; minOccurs 0 unless told. */
export function el(name: string, type: string, o: Occurs = {}): string {
  const nillable = o.nillable ? ' nillable="true"' : '';
  return `<xs:element minOccurs="${o.min ?? 0}" maxOccurs="${o.max ?? '1'}" name="${name}"${nillable} type="${type}"/>`;
}

export function attr(name: string, type: string, required = false): string {
  return `<xs:attribute name="${name}" type="${type}"${required ? ' use="required"' : ''}/>`;
}

/** A complex type: a sequence plus attributes, optionally extending `base`, optionally abstract. */
export function complex(
  name: string,
  elements: string[],
  attributes: string[] = [],
  o: { base?: string; abstract?: boolean } = {},
): string {
  const seq = elements.length > 0 ? `<xs:sequence>${elements.join('')}</xs:sequence>` : '';
  const abs = o.abstract ? ' abstract="true"' : '';
  const body = o.base
    ? `<xs:complexContent mixed="false"><xs:extension base="${o.base}">${seq}${attributes.join('')}</xs:extension></xs:complexContent>`
    : `${seq}${attributes.join('')}`;
  return `<xs:complexType name="${name}"${abs}>${body}</xs:complexType>`;
}

/** An array wrapper type: `item` repeated 0..*. */
export function arrayOf(name: string, item: string, type: string, nillable = false): string {
  return complex(name, [el(item, type, { max: 'unbounded', nillable })]);
}

function enumType(values: string[]): string {
  return `<xs:simpleType><xs:restriction base="xs:string">${values.map((v) => `<xs:enumeration value="${v}"/>`).join('')}</xs:restriction></xs:simpleType>`;
}

const S = 'xs:string';
const D = 'xs:date';
const DT = 'xs:dateTime';
const B = 'xs:boolean';
const I = 'xs:int';

const arende = `<xs:complexType name="arende"><xs:sequence>
<xs:element minOccurs="0" maxOccurs="1" name="status">${enumType(['Avslutat', 'Pågående', 'Gallrat', 'Makulerat'])}</xs:element>
${el('beskrivning', S)}${el('ankomstDatum', D, { min: 1 })}${el('slutDatum', D)}${el('uppdateradDatum', D)}${el('registreradDatum', D)}
${el('handlaggare', 'tns:handlaggareBas')}${el('intressentLista', 'tns:ArrayOfArendeIntressent')}${el('handelseLista', 'tns:ArrayOfHandelse')}
${el('arInomplan', B)}${el('projektnr', S)}${el('bevakningLista', 'tns:ArrayOfBevakning')}${el('objektLista', 'tns:ArrayOfAbstractArendeObjekt')}
${el('atgardStartDatum', D)}${el('atgardSlutDatum', D)}${el('arSammanhBebygg', B)}${el('makulerDatum', D)}${el('externRef', S)}
${el('prioritet', 'xs:short')}${el('komplexitet', 'xs:short')}
</xs:sequence>${['arendeId'].map((n) => attr(n, I)).join('')}${['dnr', 'diarieprefix', 'komkod', 'enhetkod', 'arendegrupp', 'arendetyp', 'arendeslag', 'arendeklass', 'namndkod', 'kalla'].map((n) => attr(n, S)).join('')}</xs:complexType>`;

const handelse = `<xs:complexType name="handelse"><xs:sequence>
<xs:element minOccurs="1" maxOccurs="1" name="riktning">${enumType(['In', 'Ut', 'Okänd'])}</xs:element>
${el('rubrik', S)}${el('startDatum', DT, { min: 1 })}${el('anteckning', S)}${el('handelseslag', S)}${el('handelsetyp', S)}${el('handelseutfall', S)}
${el('sekretess', B, { min: 1 })}${el('sekretessKapitel', S)}${el('sekretessParagraf', S)}${el('makulerad', B, { min: 1 })}
${el('beslut', 'tns:beslut')}${el('handlingLista', 'tns:ArrayOfHandelseHandling')}${el('intressentLista', 'tns:ArrayOfHandelseIntressent')}
${el('bevakningLista', 'tns:ArrayOfBevakning')}${el('arbetsmaterial', B, { min: 1 })}${el('TidDebiterbar', I)}${el('TidEjDebiterbar', I)}
${el('handlaggare', 'tns:handlaggareIdentity')}
</xs:sequence>${attr('handelseId', I, true)}${attr('checksum', S)}</xs:complexType>`;

const parties = [
  complex('handlaggareIdentity', [], [attr('handlaggareId', I), attr('signatur', S)]),
  complex('handlaggareBas', [el('fornamn', S), el('efternamn', S)], [], { base: 'tns:handlaggareIdentity' }),
  complex(
    'intressent',
    [
      ...['namn', 'adress', 'coAdress', 'postNr', 'ort', 'land', 'fornamn', 'efternamn'].map((n) => el(n, S)),
      el('intressentKommunikationLista', 'tns:ArrayOfIntressentKommunikation'),
      el('aktorbehorighetLista', 'tns:ArrayOfAktorbehorighet'),
      el('fakturaAdress', 'tns:fakturaadress'),
      el('besokAdress', S),
    ],
    [
      attr('intressentId', I),
      attr('persOrgNr', S),
      attr('arForetag', B),
      attr('intressentVersionId', I),
      attr('kundnr', S),
    ],
  ),
  complex(
    'abstractArendeIntressent',
    [el('attention', 'tns:intressentAttention'), el('rollLista', 'tns:ArrayOfString')],
    [],
    {
      base: 'tns:intressent',
      abstract: true,
    },
  ),
  complex('arendeIntressent', [], [], { base: 'tns:abstractArendeIntressent' }),
  complex(
    'abstractHandelseIntressent',
    [el('adressering', 'tns:intressentKommunikation')],
    [attr('docSplitToken', S)],
    {
      base: 'tns:abstractArendeIntressent',
      abstract: true,
    },
  ),
  complex('handelseIntressent', [], [], { base: 'tns:abstractHandelseIntressent' }),
  complex(
    'intressentKommunikation',
    [el('beskrivning', S), el('komtyp', S), el('attention', 'tns:intressentAttention')],
    [attr('arAktiv', B, true)],
  ),
  complex('intressentAttention', [el('attention', S)], [attr('attentionId', I), attr('persNr', S)]),
  complex(
    'aktorbehorighet',
    ['behorighetRoll', 'niva', 'nr', 'certifieradAv']
      .map((n) => el(n, S))
      .concat(el('certifieradTillDatum', D)),
  ),
  complex(
    'fakturaadress',
    ['adress', 'postNr', 'ort', 'land', 'attention'].map((n) => el(n, S)),
  ),
];

const documents = [
  complex(
    'beslut',
    [
      el('beslutstext', S),
      el('delegatHandlaggare', 'tns:handlaggareBas'),
      el('instanstyp', S),
      el('giltigTillDatum', D),
      el('arMindreAvvikelse', B),
    ],
    [attr('beslutNr', S), attr('arHuvudbeslut', B, true)],
  ),
  complex(
    'handling',
    [
      el('typ', S),
      el('status', S),
      el('handlingDatum', D, { min: 1 }),
      el('anteckning', S),
      el('uuid', 'q1:guid'),
      el('arkivStatus', 'tns:ArkiveringStatus'),
      el('makulerad', B, { min: 1 }),
      el('ejGallandeDatum', D),
      el('dokument', 'tns:dokument'),
    ],
    [attr('handlingId', I, true), attr('checksum', S)],
  ),
  complex('handelseHandling', [el('refTyp', 'tns:referensTyp')], [], { base: 'tns:handling' }),
  complex(
    'dokument',
    [
      el('namn', S),
      el('beskrivning', S),
      el('skapadDatum', DT),
      el('handlaggare', 'tns:handlaggareIdentity'),
      el('fil', 'tns:dokumentFil'),
    ],
    [attr('dokId', S), attr('checksum', S)],
  ),
  complex(
    'dokumentFil',
    [el('filBuffer', 'xs:base64Binary')],
    [attr('filAndelse', S), attr('docSplitToken', S)],
  ),
  complex(
    'bevakning',
    [
      el('bevakningTyp', S),
      el('bevakningDatum', DT, { min: 1 }),
      el('handlaggarSign', S),
      el('anteckning', S),
      el('kvitteradDatum', DT),
    ],
    [attr('bevakningId', I), attr('timeStamp', S)],
  ),
  `<xs:simpleType name="ArkiveringStatus"><xs:restriction base="xs:string">${['ArkiverasEj', 'Arkiveras', 'Arkiverad'].map((v) => `<xs:enumeration value="${v}"/>`).join('')}</xs:restriction></xs:simpleType>`,
  `<xs:simpleType name="referensTyp"><xs:restriction base="xs:string"><xs:enumeration value="Bifogad"/><xs:enumeration value="Refererad"/></xs:restriction></xs:simpleType>`,
];

const objects = [
  complex('abstractArendeObjektId', [], [attr('arendeObjektId', I)], { abstract: true }),
  complex('abstractArendeObjekt', [], [attr('arHuvudObjekt', B, true), attr('checksum', S)], {
    base: 'tns:abstractArendeObjektId',
    abstract: true,
  }),
  complex('abstractArendeObjektChild', [], [], { base: 'tns:abstractArendeObjektId', abstract: true }),
  complex(
    'abstractArendeFastighet',
    [
      el('belAdressList', 'tns:ArrayOfArendeBelagenhetAdress'),
      el('byggnadList', 'tns:ArrayOfArendeRegByggnad'),
      el('lagenhetList', 'tns:ArrayOfArendeLagenhet'),
    ],
    [],
    { base: 'tns:abstractArendeObjekt', abstract: true },
  ),
  complex('arendeFastighet', [el('fastighet', 'tns:fastighet'), el('specFastOmr', 'xs:short')], [], {
    base: 'tns:abstractArendeFastighet',
  }),
  complex('arendeBelagenhetAdress', [el('belAdress', 'tns:belagenhetAdress')], [], {
    base: 'tns:abstractArendeObjektChild',
  }),
  complex('arendeRegByggnad', [el('byggnad', 'tns:regByggnad')], [], {
    base: 'tns:abstractArendeObjektChild',
  }),
  complex('arendeLagenhet', [el('lagenhet', 'tns:lagenhet')], [], { base: 'tns:abstractArendeObjektChild' }),
  complex('abstractObjekt', [], [attr('checksum', S)], { abstract: true }),
  complex('fastighet', [el('trakt', S), el('fbetNr', S)], [attr('fnr', I)], { base: 'tns:abstractObjekt' }),
  complex('belagenhetAdress', [el('adressOmrade', S), el('adressPlatsNr', S)], [attr('adrPlId', I)], {
    base: 'tns:abstractObjekt',
  }),
  complex('regByggnad', [], [attr('kom_bid', I)], { base: 'tns:abstractObjekt' }),
  complex('lagenhet', [el('belAdress', 'tns:belagenhetAdress'), el('lghNr', S)], [attr('lghId', I)], {
    base: 'tns:abstractObjekt',
  }),
];

const arrays = [
  arrayOf('ArrayOfArendeIntressent', 'intressent', 'tns:arendeIntressent'),
  arrayOf('ArrayOfHandelseIntressent', 'intressent', 'tns:handelseIntressent'),
  arrayOf('ArrayOfString', 'roll', S),
  arrayOf('ArrayOfHandelse', 'handelse', 'tns:handelse'),
  arrayOf('ArrayOfHandelseHandling', 'handling', 'tns:handelseHandling'),
  arrayOf('ArrayOfBevakning', 'bevakning', 'tns:bevakning'),
  arrayOf('ArrayOfAbstractArendeObjekt', 'abstractArendeObjekt', 'tns:abstractArendeObjekt'),
  arrayOf('ArrayOfIntressentKommunikation', 'intressentKommunikation', 'tns:intressentKommunikation', true),
  arrayOf('ArrayOfAktorbehorighet', 'aktorbehorighet', 'tns:aktorbehorighet', true),
  arrayOf('ArrayOfArendeBelagenhetAdress', 'arendeBelagenhetAdress', 'tns:arendeBelagenhetAdress'),
  arrayOf('ArrayOfArendeRegByggnad', 'arendeRegByggnad', 'tns:arendeRegByggnad'),
  arrayOf('ArrayOfArendeLagenhet', 'arendeLagenhet', 'tns:arendeLagenhet'),
];

/** The `ar` schema, ready to sit inside `wsdl:types`. */
export const ARENDE_SCHEMA = `<xs:schema xmlns:tns="www.tekis.se/arende" xmlns:q1="http://microsoft.com/wsdl/types/" elementFormDefault="qualified" targetNamespace="www.tekis.se/arende">
<xs:import namespace="http://microsoft.com/wsdl/types/"/>
${[arende, handelse, ...parties, ...documents, ...objects, ...arrays].join('\n')}
<xs:element name="arendeIntressent" nillable="true" type="tns:arendeIntressent"/>
<xs:element name="handelseIntressent" nillable="true" type="tns:handelseIntressent"/>
</xs:schema>`;

export const GUID_SCHEMA = `<xs:schema elementFormDefault="qualified" targetNamespace="http://microsoft.com/wsdl/types/">
<xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/></xs:restriction></xs:simpleType>
</xs:schema>`;
