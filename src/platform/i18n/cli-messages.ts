// es-MX wording of the domain errors the `citas` command can meet.

export const CLI_ERROR_MESSAGES: Record<string, string> = {
  NATIONAL_NETWORK_EXISTS:
    'La red nacional ya está cargada en esta base de datos. Use una base de datos nueva para volver a sembrarla.',
  IMPORT_FILE_NOT_FOUND: 'No se encontró el archivo a importar.',
  IMPORT_HEADER_INVALID:
    'El encabezado del archivo no es el del formato de intercambio (vea «The nightly eligibility import» en docs/operations.md).',
};
