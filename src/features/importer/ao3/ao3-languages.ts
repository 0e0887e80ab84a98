/**
 * AO3 language names (as a download's "Language:" writes them, each in its own language) → BCP 47
 * codes. English names are understood too. Matching ignores case, accents' composition and spacing.
 */
const LANGUAGES: [code: string, names: string[]][] = [
  ['en', ['English']],
  ['zh', ['中文-普通话 國語', '中文-普通话 国语', '中文', 'Chinese', 'Mandarin']],
  ['yue', ['中文-广东话 粵語', 'Cantonese']],
  ['ja', ['日本語', 'Japanese']],
  ['ko', ['한국어', '한국말', 'Korean']],
  ['ru', ['Русский', 'Russian']],
  ['uk', ['Українська', 'Ukrainian']],
  ['be', ['Беларуская', 'Belarusian']],
  ['bg', ['Български', 'Български език', 'Bulgarian']],
  ['sr', ['Српски', 'Srpski', 'Serbian']],
  ['es', ['Español', 'Spanish']],
  ['ca', ['Català', 'Catalan']],
  ['eu', ['Euskara', 'Basque']],
  ['gl', ['Galego', 'Galician']],
  ['fr', ['Français', 'French']],
  ['de', ['Deutsch', 'German']],
  ['nl', ['Nederlands', 'Dutch']],
  ['pt-BR', ['Português brasileiro', 'Brazilian Portuguese', 'Portuguese (Brazil)']],
  ['pt-PT', ['Português europeu', 'European Portuguese', 'Portuguese (Portugal)']],
  ['pt', ['Português', 'Portuguese']],
  ['it', ['Italiano', 'Italian']],
  ['la', ['Lingua latina', 'Latina', 'Latin']],
  ['pl', ['Polski', 'Polish']],
  ['cs', ['Čeština', 'Czech']],
  ['sk', ['Slovenčina', 'Slovak']],
  ['sl', ['Slovenščina', 'Slovene', 'Slovenian']],
  ['hr', ['Hrvatski', 'Croatian']],
  ['hu', ['Magyar', 'Hungarian']],
  ['ro', ['Română', 'Romanian']],
  ['el', ['Ελληνικά', 'Greek']],
  ['tr', ['Türkçe', 'Turkish']],
  ['sv', ['Svenska', 'Swedish']],
  ['da', ['Dansk', 'Danish']],
  ['no', ['Norsk', 'Norwegian']],
  ['fi', ['Suomi', 'Finnish']],
  ['is', ['Íslenska', 'Icelandic']],
  ['et', ['Eesti', 'eesti keel', 'Estonian']],
  ['lv', ['Latviešu valoda', 'Latviešu', 'Latvian']],
  ['lt', ['Lietuvių kalba', 'Lietuvių', 'Lithuanian']],
  ['ga', ['Gaeilge', 'Irish']],
  ['cy', ['Cymraeg', 'Welsh']],
  ['sq', ['Shqip', 'Albanian']],
  ['eo', ['Esperanto']],
  ['ar', ['العربية', 'Arabic']],
  ['he', ['עברית', 'Hebrew']],
  ['fa', ['فارسی', 'Persian', 'Farsi']],
  ['hi', ['हिन्दी', 'Hindi']],
  ['bn', ['বাংলা', 'Bengali']],
  ['ta', ['தமிழ்', 'Tamil']],
  ['th', ['ไทย', 'Thai']],
  ['vi', ['Tiếng Việt', 'Vietnamese']],
  ['id', ['Bahasa Indonesia', 'Indonesian']],
  ['ms', ['Bahasa Malaysia', 'Bahasa Melayu', 'Malay']],
  ['fil', ['Filipino', 'Wikang Filipino', 'Tagalog']],
  ['sw', ['Kiswahili', 'Swahili']],
  ['af', ['Afrikaans']],
  ['tok', ['Toki Pona']],
];

function key(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const BY_NAME = new Map<string, string>();
for (const [code, names] of LANGUAGES) for (const name of names) BY_NAME.set(key(name), code);

/** The BCP 47 code for an AO3 language name, or null when it is not in the table. */
export function languageCode(name: string): string | null {
  return BY_NAME.get(key(name)) ?? null;
}
