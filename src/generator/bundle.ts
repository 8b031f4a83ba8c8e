export interface BundleResult {
  readonly file: string;
}
export async function bundle(_dir: string): Promise<BundleResult> {
  throw new Error('todo');
}
