/** The pull request the bot reviews. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  /** Head commit (check runs attach to it). */
  headSha: string;
}
