/** The pages' texts that change with a number, Swedish first, with English and Arabic. */
/**
 * Texts that change with a number, in each language's plural forms (Intl.PluralRules categories:
 * Swedish and English have one/other; Arabic has zero, one, two, few, many and other).
 */
export const PLURAL_TEXTS = {
  cases: {
    sv: { one: '{n} ärende', other: '{n} ärenden' },
    en: { one: '{n} case', other: '{n} cases' },
    ar: {
      zero: 'لا توجد قضايا',
      one: 'قضية واحدة',
      two: 'قضيتان',
      few: '{n} قضايا',
      many: '{n} قضية',
      other: '{n} قضية',
    },
  },
  overdueDays: {
    sv: { one: 'Försenat: {n} dag över tiden', other: 'Försenat: {n} dagar över tiden' },
    en: { one: 'Overdue: {n} day past the limit', other: 'Overdue: {n} days past the limit' },
    ar: {
      one: 'متأخر: يوم واحد بعد المهلة',
      two: 'متأخر: يومان بعد المهلة',
      few: 'متأخر: {n} أيام بعد المهلة',
      many: 'متأخر: {n} يوماً بعد المهلة',
      other: 'متأخر: {n} يوم بعد المهلة',
    },
  },
  overdueWeeks: {
    sv: { one: 'Försenat: {n} vecka över tiden', other: 'Försenat: {n} veckor över tiden' },
    en: { one: 'Overdue: {n} week past the limit', other: 'Overdue: {n} weeks past the limit' },
    ar: {
      one: 'متأخر: أسبوع واحد بعد المهلة',
      two: 'متأخر: أسبوعان بعد المهلة',
      few: 'متأخر: {n} أسابيع بعد المهلة',
      many: 'متأخر: {n} أسبوعاً بعد المهلة',
      other: 'متأخر: {n} أسبوع بعد المهلة',
    },
  },
} as const;
