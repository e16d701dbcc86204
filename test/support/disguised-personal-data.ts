// Every way found (by the outside review and since) to write a CURP or a phone so that a naive
// pattern misses it: the log masking and the scan of the test logs must both see through each.

export const CURP = 'HEGG560427MVZRRL04';
export const PHONE = '5512345678';

export const DISGUISED_CURPS: [how: string, text: string][] = [
  ['after a percent-encoded space', `/api/v1/beneficiaries/%20${CURP}`],
  ['glued to letters', `/buscar?q=curp${CURP}x`],
  ['glued to digits', `/x/12${CURP}34`],
  ['percent-encoded letter by letter', '/x/%48%45%47%47%35%36%30%34%32%37MVZRRL04'],
  ['encoded twice', `/x/%2520${CURP}`],
  ['in mixed case', '/x/hEgG560427mVzRrL04'],
  ['spaced', '/x?curp=HEGG 560427 MVZRRL 04'],
  ['dashed and dotted', '/x?curp=HEGG-560427-MVZ.RRL-04'],
  ['encoded with spaces', '/x?curp=HEGG%20560427%20MVZRRL04'],
  ['full-width', '/x/ＨＥＧＧ５６０４２７ＭＶＺＲＲＬ０４'],
];

export const DISGUISED_PHONES: [how: string, text: string][] = [
  ['after a percent-encoded space', `/x?tel=%20${PHONE}`],
  ['glued to digits', `/x/20${PHONE}`],
  ['with +52', `/x?tel=+52${PHONE}`],
  ['with +52 encoded', '/x?tel=%2B52%2055%201234%205678'],
  ['with 52 1 and spaces', '+52 1 55 1234 5678'],
  ['with 044', `044${PHONE}`],
  ['spaced', '55 1234 5678'],
  ['dashed', '55-1234-5678'],
  ['dotted', '55.12.34.56.78'],
  ['in parentheses', '(55) 1234-5678'],
  ['with plus signs for spaces', '/x?tel=55+1234+5678'],
  ['percent-encoded digit by digit', '/x/%35%35%31%32%33%34%35%36%37%38'],
  ['glued to letters', `tel${PHONE}ext`],
  ['full-width', '５５１２３４５６７８'],
];

/** Whether a text still shows the CURP's birth date or the phone's first eight digits. */
export const showsPersonalData = (text: string): boolean =>
  /5.?.?6.?.?0.?.?4.?.?2.?.?7|5.?.?5.?.?1.?.?2.?.?3.?.?4.?.?5.?.?6/i.test(text);
