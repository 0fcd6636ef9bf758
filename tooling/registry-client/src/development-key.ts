/**
 * Key id of the repository's committed development key pair (`registry/keys/test-signing-key.pem`).
 * Its private half is public, so anyone can sign with it: clients refuse catalogs signed by it
 * unless told otherwise (`allowDevelopmentKey`), and `registry sign` refuses it in CI.
 */
export const DEVELOPMENT_KEY_ID = "ed25519:437998fde574f280";
