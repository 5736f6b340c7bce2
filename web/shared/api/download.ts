// Files the apps fetch themselves (with the bearer token) and hand to the browser as downloads.

/** The file name a download's Content-Disposition suggests. */
export function attachmentName(response: Response): string | null {
  const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
  return match?.[1] ?? null;
}

/** Hands a fetched file to the browser as a download (web builds only: it needs a document). */
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
