/**
 * Keeps the last opened measurement file in IndexedDB so the data page can re-open it after a reload
 * (localStorage is too small for files). Failures are silent: persistence is a convenience.
 */
const DB = 'cathodelab';
const STORE = 'files';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

export interface StoredFile {
  name: string;
  bytes: ArrayBuffer;
}

export async function putFile(key: string, file: StoredFile): Promise<void> {
  try {
    const db = await open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(file, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  } catch {
    /* no persistence available */
  }
}

export async function getFile(key: string): Promise<StoredFile | undefined> {
  try {
    const db = await open();
    const value = await new Promise<StoredFile | undefined>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      req.onsuccess = () => resolve(req.result as StoredFile | undefined);
      req.onerror = () => reject(req.error ?? new Error('read failed'));
    });
    db.close();
    return value;
  } catch {
    return undefined;
  }
}
