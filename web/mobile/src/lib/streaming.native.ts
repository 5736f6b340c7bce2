/** React Native's fetch resolves only once the whole body has arrived: no live streams. */
export const canStreamFetch = false;
