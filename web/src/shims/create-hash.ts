/**
 * Stand-in for `create-hash` in the browser build. mdb-reader (Arbin .res files) needs hashing only to
 * open password-encrypted Access databases, which cyclers do not write; the real package would pull in
 * Node stream and process polyfills. Reading an encrypted database in the browser fails with this message.
 */
export default function createHash(algorithm: string): never {
  throw new Error(`password-encrypted Access databases cannot be opened in the browser (hash ${algorithm}); use the command line`);
}
