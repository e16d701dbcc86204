// es-MX text of the browser channels: every word a person reads on a web page lives here.
// Identifiers stay English; the words are the ones a person would say at the clinic's window.

/** Words shared by every page frame and form component (portal and staff console). */
export const WEB_COMMON = {
  siteName: 'Citas ISSSTE',
  skipLink: 'Saltar al contenido principal',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'Hay un problema',
  titleSuffix: 'Citas ISSSTE',
  footer: 'Citas médicas del Instituto. Teléfono de citas: 55 4000 1000, lunes a viernes de 7:00 a 20:00.',
  back: 'Regresar',
  navLabel: 'Tu cuenta',
  continue: 'Continuar',
  dateDay: 'Día',
  dateMonth: 'Mes',
  dateYear: 'Año',
} as const;
