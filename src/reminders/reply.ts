// What an SMS reply says. Pure: the text in, a keyword out; accents, case and punctuation ignored.

export type ReplyKeyword = 'confirm' | 'cancel' | 'change' | 'yes' | 'no';

const WORDS: Record<string, ReplyKeyword> = {
  CONFIRMAR: 'confirm',
  CONFIRMO: 'confirm',
  '1': 'confirm',
  CANCELAR: 'cancel',
  CANCELO: 'cancel',
  '2': 'cancel',
  CAMBIAR: 'change',
  CAMBIO: 'change',
  '3': 'change',
  SI: 'yes',
  ACEPTO: 'yes',
  TOMAR: 'yes',
  NO: 'no',
};

/** The keyword of a reply, from its first word ("Sí, confirmo" → yes), or null. */
export function parseReply(text: string): ReplyKeyword | null {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ');
  return WORDS[words[0] ?? ''] ?? null;
}
