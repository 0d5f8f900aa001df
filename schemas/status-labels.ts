/** Plain-language labels of the canonical statuses, in the words Swedish e-services use, with English and Arabic. */
import type { LocalizedText, StatusCode } from './case.js';

export const STATUS_LABELS: Readonly<Record<StatusCode, LocalizedText>> = {
  received: { sv: 'Inskickat', en: 'Submitted', ar: 'تم الإرسال' },
  registered: { sv: 'Registrerat', en: 'Registered', ar: 'مسجل' },
  in_progress: { sv: 'Under behandling', en: 'In progress', ar: 'قيد المعالجة' },
  awaiting_applicant: {
    sv: 'Väntar på komplettering',
    en: 'Awaiting more information from you',
    ar: 'في انتظار استكمال المعلومات',
  },
  decided: { sv: 'Beslut fattat', en: 'Decision made', ar: 'تم اتخاذ القرار' },
  closed: { sv: 'Avslutat', en: 'Closed', ar: 'مغلق' },
  withdrawn: { sv: 'Återkallat', en: 'Withdrawn', ar: 'تم السحب' },
  appealed: { sv: 'Överklagat', en: 'Appealed', ar: 'تم الطعن' },
};
