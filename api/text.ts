/**
 * Text from clients is normalised before it is checked or stored: NFC, no NUL or other C0/C1
 * control characters except newline and tab, no bidi overrides that could disguise text,
 * trimmed. PostgreSQL rejects NUL in text, so letting one through would be a 5xx.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI, '').trim();
}

/** Single-line fields (titles, content warnings, notes): newlines and tabs become spaces too. */
export function cleanLine(raw: string): string {
  return cleanText(raw).replace(/\s+/g, ' ');
}
