/** Hands a file the dashboard fetched itself (with the bearer token) to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the browser has begun reading the file.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
