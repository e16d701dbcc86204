/**
 * The import's circuit breaker: a file in which more than `maxRejectedPercent` of the rows are
 * refused says more about the file (a changed format, a rule the registry does not follow) than
 * about the people in it, so none of it is applied. An empty file trips nothing.
 */
export const tooManyRejected = (read: number, rejected: number, maxRejectedPercent: number): boolean =>
  read > 0 && rejected * 100 > maxRejectedPercent * read;
