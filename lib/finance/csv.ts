// RFC 4180: fields separated by commas, records by CRLF; a field holding a comma, quote, CR or LF is quoted
// and its quotes doubled.
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
