/** On the web TanStack Query already follows the browser's online and offline events. */
export function watchConnectivity(): void {}
