/** Field limits that the web app checks before sending and the API enforces. */
export const LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  textMax: 10_000,
  nameMax: 100,
  /** Representatives of a joint petition (《信访工作条例》第20条). */
  representativesMax: 5,
  /** Names listed on a joint petition. */
  signerNamesMax: 2_000,
  phoneMax: 30,
  addressMax: 300,
  usernameMin: 2,
  usernameMax: 64,
  passwordMin: 10,
  passwordMax: 256,
  pageSizeMax: 200,
  pageSizeDefault: 50,
  attachmentMaxBytes: 20 * 1024 * 1024,
  attachmentsPerUpload: 10,
  extensionMaxDays: 30,
  /** Failed logins of one account from one address in the window before each further attempt there must wait. */
  loginFreeFailures: 5,
  /** The longest such wait (it doubles from 1 s with each further failure). */
  loginDelayMaxSeconds: 60,
  /** Failed logins of one account from any address, or from one address for any account, before a login needs a proof of work. */
  loginProofAfterAccountFailures: 10,
  loginProofAfterAddressFailures: 20,
  /** Leading zero bits of the proof at the threshold (≈ 65,000 hashes, a fraction of a second in a browser); one more per ten failures beyond, up to `loginProofMaxBits`. */
  loginProofBits: 16,
  loginProofMaxBits: 22,
  /** How long a proof-of-work challenge stays valid. */
  loginProofMinutes: 5,
  loginWindowMinutes: 15,
  sessionHours: 12,
  /** Rows in one ledger export (.xlsx); a larger result is cut here and says so. */
  exportMaxRows: 10_000,
  /** Issues in one bulk transition request. */
  bulkMaxItems: 200,
  savedFilterNameMax: 50,
  /** Length of a saved filter's query string (the ledger URL after `?`). */
  savedFilterQueryMax: 2_000,
  savedFiltersPerUser: 50,
} as const;

/** Attachment types accepted, by file extension, with the MIME type they are served as. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
};
