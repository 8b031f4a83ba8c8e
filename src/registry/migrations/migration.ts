/** One numbered schema change. `up` runs inside the migration transaction, so it must not BEGIN/COMMIT. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
