/** Upload limits of the importer, shared by the server and the upload form (no dependencies: safe in the browser). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_LABEL = "10 MB";
export const IMPORT_ACCEPT = ".docx,.html,.htm,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain";
