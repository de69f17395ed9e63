/** Stand-in for `browserify-aes` in the browser build; see create-hash.ts for why. */
const browserifyAes = {
  createDecipheriv(algorithm: string): never {
    throw new Error(`password-encrypted Access databases cannot be opened in the browser (${algorithm}); use the command line`);
  },
};
export default browserifyAes;
