/**
 * The portal's page to move one appointment, as SMS send it: a signed-out person signs in and lands
 * there (channels/web/return-path.ts).
 */
export const changeLink = (publicUrl: string, appointmentId: string): string =>
  `${publicUrl}/citas/${appointmentId}/cambiar`;
