/**
 * @module The modification time of every archive entry unless SOURCE_DATE_EPOCH gives one:
 * 1980-01-02T00:00:00Z, a day after the earliest time a zip entry can hold, so that no time zone's
 * clamping of earlier dates (yazl clamps in local time) can move it. Earlier times are raised to it.
 */
export const DEFAULT_ARCHIVE_TIME = new Date(Date.UTC(1980, 0, 2));

export function archiveTime(mtime: Date | undefined): Date {
  return mtime === undefined || mtime < DEFAULT_ARCHIVE_TIME ? DEFAULT_ARCHIVE_TIME : mtime;
}
