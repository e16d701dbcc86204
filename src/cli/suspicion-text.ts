import type { SuspicionReport } from '../analytics/suspicion.js';
import { maskPhone } from '../platform/privacy/mask.js';

const KIND = { actor: 'personal', source_ip: 'dirección IP', phone: 'teléfono' } as const;

/** The report as plain Spanish text for the terminal; phones stay masked. */
export function formatSuspicionReport(report: SuspicionReport): string {
  const lines = [`Reporte de actividad sospechosa desde ${report.since.toISOString().slice(0, 10)}`, ''];
  lines.push('Citas de muchas personas distintas:');
  if (report.manyPeople.length === 0) lines.push('  (ninguno)');
  for (const m of report.manyPeople) {
    const who = m.kind === 'phone' ? maskPhone(m.who) : m.who;
    lines.push(`  ${KIND[m.kind]} ${who}: ${m.people} personas, ${m.bookings} citas`);
  }
  lines.push('', 'Personal con muchas citas canceladas:');
  if (report.highCancellation.length === 0) lines.push('  (ninguno)');
  for (const c of report.highCancellation) {
    lines.push(`  ${c.actor}: ${c.cancelled} de ${c.bookings} canceladas (${Math.round(c.share * 100)} %)`);
  }
  lines.push('', 'Horarios apartados y cancelados en minutos, repetidamente:');
  if (report.quickFlips.length === 0) lines.push('  (ninguno)');
  for (const f of report.quickFlips) lines.push(`  horario ${f.slotId}: ${f.flips} veces`);
  return `${lines.join('\n')}\n`;
}
