/**
 * Work that survives a reload: each page keeps its state in localStorage under a versioned key.
 * Storage can be unavailable (private mode, quota); then the app still works, just without memory.
 */
const PREFIX = 'cathodelab:v1:';

export function load<T>(key: string): T | undefined {
  try {
    const s = localStorage.getItem(PREFIX + key);
    return s === null ? undefined : (JSON.parse(s) as T);
  } catch {
    return undefined;
  }
}

export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: keep working without persistence */
  }
}

export function forget(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    /* nothing to forget */
  }
}
