// Phone numbers as written on ledgers, as the server checks them (`is_valid_phone`): a mobile
// number (11 digits starting with 1), a landline with area code and optional extension
// (0793-8221234, 0793-8221234转801), or a 400/800 service number.

export function isValidPhone(input: string): boolean {
  const s = input.trim()
  const mobile = /^1[0-9]{10}$/.test(s)
  const main = s.split(/[转#]/)[0] ?? ''
  const digits = main.replace(/[- ]/g, '')
  const landline = main.startsWith('0') && digits.length >= 10 && digits.length <= 12 && /^[0-9]+$/.test(digits)
  const compact = s.replace(/-/g, '')
  const service = (s.startsWith('400') || s.startsWith('800')) && /^[0-9]{10}$/.test(compact)
  return mobile || landline || service
}
