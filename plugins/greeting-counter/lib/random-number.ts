/** The original's "random" number: always 4 (kept constant on purpose). */
export function randomNumber(): number {
  return 4;
}
