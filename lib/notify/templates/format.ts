/** Wording shared by the email templates. Times are UTC: the reader's zone is unknown. */
export function hoursText(hours: number) {
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

export function minutesText(minutes: number) {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function utcText(iso: string) {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** "can now run New-JournalRule" reads better than "the task New-JournalRule". */
export function targetKind(type: string) {
  return type === "role_group" || type === "roleGroup" ? "role group" : type;
}
